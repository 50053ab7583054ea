package io.hearth.node.description;

/** What role a node plays in a workflow. */
public enum NodeGroup {
    /** Starts executions (manual, schedule, webhook, events). */
    TRIGGER,
    /** Talks to the outside world. */
    ACTION,
    /** Reshapes or routes items. */
    TRANSFORM
}
