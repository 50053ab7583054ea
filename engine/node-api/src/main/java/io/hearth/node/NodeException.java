package io.hearth.node;

import java.util.Optional;

/**
 * A failure a user should read: the message says what went wrong in their terms, the optional
 * description says what to do about it. The runtime adds the node name.
 */
public class NodeException extends RuntimeException {

    private final String description;

    public NodeException(String message) {
        this(message, null, null);
    }

    public NodeException(String message, Throwable cause) {
        this(message, null, cause);
    }

    public NodeException(String message, String description, Throwable cause) {
        super(message, cause);
        this.description = description;
    }

    public Optional<String> description() {
        return Optional.ofNullable(description);
    }
}
