package io.hearth.node.description;

/**
 * A trigger's part in how executions start, so the engine finds the node for a purpose by its description rather
 * than by its class or type name.
 */
public enum TriggerRole {
    /** Where a manual run (the editor's "Test workflow") starts when no start node is named. */
    MANUAL,
    /** Where an error workflow starts, with the failed execution's details. */
    ERROR,
    /** Where a workflow called by Execute Workflow starts, with the caller's items. */
    SUB_WORKFLOW
}
