package io.hearth.runtime.execution;

/**
 * What the server offers nodes beyond the run itself.
 *
 * @param processedValues values nodes processed in earlier executions (Remove Duplicates across executions)
 */
public record ExecutionServices(ProcessedValuesStore processedValues) {

    /** No server: nodes that need one fail with a message saying so. */
    public static final ExecutionServices NONE = new ExecutionServices(ProcessedValuesStore.NONE);

    public ExecutionServices {
        processedValues = processedValues == null ? ProcessedValuesStore.NONE : processedValues;
    }
}
