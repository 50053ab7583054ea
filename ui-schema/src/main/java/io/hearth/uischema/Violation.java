package io.hearth.uischema;

import java.util.Objects;

/**
 * One problem with a saved value, e.g. {@code parameters.rules.values[1].value: must be a number}.
 *
 * @param path    where the value sits, starting at {@code parameters} or {@code data}
 * @param message what is wrong, phrased to follow the path
 * @param label   the same place as the user sees it in the form: {@code Routing Rules → 2nd Rule → Value}
 */
public record Violation(String path, String message, String label) {

    public Violation {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(label, "label");
    }

    /**
     * Starts a message that is a statement about the value rather than a predicate of the field:
     * {@code Mode: 'SQL Query' is not supported by Hearth} (instead of {@code Mode is required}).
     */
    public static final String STATEMENT = ": ";

    public Violation(String path, String message) {
        this(path, message, path);
    }

    /** The message without the {@link #STATEMENT} mark, to show beside the path. */
    public String detail() {
        return message.startsWith(STATEMENT) ? message.substring(STATEMENT.length()) : message;
    }

    /** The problem as a sentence the user can act on: {@code Entity is required}. */
    public String sentence() {
        return message.startsWith(STATEMENT) ? label + message : label + " " + message;
    }

    @Override
    public String toString() {
        return path + (message.startsWith(STATEMENT) ? message : ": " + message);
    }
}
