package io.hearth.node.description;

/**
 * One choice of an options parameter or a loaded dropdown: the label shown, the value stored and
 * an optional description.
 */
public record Option(String name, Object value, String description) {

    public Option {
        description = description == null ? "" : description;
    }

    public static Option of(String name, Object value) {
        return new Option(name, value, "");
    }

    public static Option of(String name, Object value, String description) {
        return new Option(name, value, description);
    }
}
