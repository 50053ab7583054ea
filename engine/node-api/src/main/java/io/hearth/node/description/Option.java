package io.hearth.node.description;

import java.util.Optional;

/**
 * One choice of an options parameter or a loaded dropdown: the label shown, the value stored and
 * an optional description.
 *
 * @param unsupported why Hearth refuses this choice, for a value n8n offers that Hearth does not
 *                    implement: a workflow that uses it is saved with an issue naming the node and
 *                    parameter, and neither runs nor activates (never silently ignored at run time)
 */
public record Option(String name, Object value, String description, Optional<String> unsupported) {

    public Option {
        description = description == null ? "" : description;
        unsupported = unsupported == null ? Optional.empty() : unsupported;
    }

    public Option(String name, Object value, String description) {
        this(name, value, description, Optional.empty());
    }

    public static Option of(String name, Object value) {
        return new Option(name, value, "");
    }

    public static Option of(String name, Object value, String description) {
        return new Option(name, value, description);
    }

    /** A choice n8n has that Hearth refuses, with the reason shown to the user. */
    public static Option unsupported(String name, Object value, String description, String reason) {
        return new Option(name, value, description, Optional.of(reason));
    }
}
