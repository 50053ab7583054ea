package io.hearth.uischema;

import java.util.Objects;

/**
 * One problem with a saved value, e.g. {@code parameters.rules.values[1].value: must be a number}.
 *
 * @param path    where the value sits, starting at {@code parameters} or {@code data}
 * @param message what is wrong, phrased to follow the path
 */
public record Violation(String path, String message) {

    public Violation {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(message, "message");
    }

    @Override
    public String toString() {
        return path + ": " + message;
    }
}
