package io.hearth.credentials;

/** The master key is missing, unreadable or unusable. */
public final class MasterKeyException extends CredentialException {

    public MasterKeyException(String message) {
        super(message);
    }

    public MasterKeyException(String message, Throwable cause) {
        super(message, cause);
    }
}
