package io.hearth.credentials;

/** A key rotation did not complete; {@link #outcome()} and the message say which key now decrypts the credentials. */
public final class KeyRotationException extends CredentialException {

    public enum Outcome {
        /** The transaction rolled back: the old key still decrypts every credential. */
        ROLLED_BACK,
        /** The credentials use the new key, but the key file was not moved (the next start completes that). */
        COMMITTED,
        /** The commit itself failed; keep both keys: the next start tells from the stored key ids. */
        UNKNOWN
    }

    private final Outcome outcome;

    KeyRotationException(String message, Outcome outcome, Throwable cause) {
        super(message, cause);
        this.outcome = outcome;
    }

    KeyRotationException(String message, Outcome outcome) {
        super(message);
        this.outcome = outcome;
    }

    public Outcome outcome() {
        return outcome;
    }
}
