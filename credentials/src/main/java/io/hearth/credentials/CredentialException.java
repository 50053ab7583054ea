package io.hearth.credentials;

/** Base of every exception this module throws. Messages never contain secret values. */
public class CredentialException extends RuntimeException {

    public CredentialException(String message) {
        super(message);
    }

    public CredentialException(String message, Throwable cause) {
        super(message, cause);
    }
}
