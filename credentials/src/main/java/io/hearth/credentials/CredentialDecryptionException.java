package io.hearth.credentials;

/** A stored credential cannot be decrypted with the keys this process holds. */
public final class CredentialDecryptionException extends CredentialException {

    public CredentialDecryptionException(String message) {
        super(message);
    }
}
