package io.hearth.node;

/** How an execution was started (n8n's modes of the same names). */
public enum ExecutionMode {
    MANUAL,
    TRIGGER,
    WEBHOOK,
    SCHEDULE,
    RETRY,
    /** Started by another workflow's Execute Workflow node. */
    INTEGRATED;

    public String wireName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
