package io.hearth.runtime.conditions;

import io.hearth.node.NodeException;

/** A condition that cannot be evaluated: a value of the wrong type, an unknown operator, a bad pattern. */
public final class FilterException extends NodeException {

    public FilterException(String message, String description) {
        super(message, description, null);
    }
}
