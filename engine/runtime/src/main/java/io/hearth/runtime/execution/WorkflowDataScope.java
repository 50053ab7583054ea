package io.hearth.runtime.execution;

import io.hearth.expression.Scope;

/**
 * Implemented by the runtime's node contexts for Hearth's own nodes that evaluate user code against
 * the workflow's data (the Code node): the same variables an expression sees for one item
 * ({@code $("Node")}, {@code $node}, {@code $items()}, {@code $workflow}, {@code $now}...). Plugins
 * do not see this type; they read their input through the SPI.
 */
public interface WorkflowDataScope {

    /** The expression variables for item {@code itemIndex} of the node's first input. */
    Scope itemScope(int itemIndex);
}
