package io.hearth.runtime.workflow;

/** What a node failure does (n8n's {@code onError}). */
public enum OnError {
    /** The execution fails at this node. */
    STOP_WORKFLOW("stopWorkflow"),
    /** The input items continue on the regular output, each with an {@code error} field. */
    CONTINUE_REGULAR_OUTPUT("continueRegularOutput"),
    /** The input items go to an extra error output, each with an {@code error} field. */
    CONTINUE_ERROR_OUTPUT("continueErrorOutput");

    private final String wireName;

    OnError(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public static OnError fromWireName(String name) {
        for (OnError e : values()) {
            if (e.wireName.equals(name)) {
                return e;
            }
        }
        throw new IllegalArgumentException("must be one of stopWorkflow, continueRegularOutput, continueErrorOutput");
    }
}
