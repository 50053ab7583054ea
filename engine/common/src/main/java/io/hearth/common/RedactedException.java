package io.hearth.common;

/**
 * A copy of an exception with secrets removed from its message, made by {@link SecretRedactor#redact(Throwable)}.
 * Keeps the original class name, stack trace, cause chain and suppressed exceptions (all redacted likewise).
 */
public final class RedactedException extends RuntimeException {

    private final String originalType;

    RedactedException(String originalType, String message) {
        super(message);
        this.originalType = originalType;
    }

    /** The class name of the exception this copies. */
    public String originalType() {
        return originalType;
    }

    // prints the original exception's type, as the exception it stands in for would
    @SuppressWarnings("OverrideThrowableToString")
    @Override
    public String toString() {
        String message = getLocalizedMessage();
        return message == null ? originalType : originalType + ": " + message;
    }
}
