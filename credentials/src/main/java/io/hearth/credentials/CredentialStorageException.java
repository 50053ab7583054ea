package io.hearth.credentials;

/** The database failed; the cause is the driver's exception. */
public final class CredentialStorageException extends CredentialException {

    public CredentialStorageException(String message, Throwable cause) {
        super(message, cause);
    }
}
