package io.hearth.runtime.execution;

/**
 * What the server offers nodes beyond the run itself.
 *
 * @param processedValues values nodes processed in earlier executions (Remove Duplicates across executions)
 * @param staticData      workflow static data between executions ({@code $getWorkflowStaticData})
 */
public record ExecutionServices(ProcessedValuesStore processedValues, StaticDataStore staticData) {

    /** No server: nodes that need one fail with a message saying so. */
    public static final ExecutionServices NONE = new ExecutionServices(ProcessedValuesStore.NONE, StaticDataStore.NONE);

    public ExecutionServices {
        processedValues = processedValues == null ? ProcessedValuesStore.NONE : processedValues;
        staticData = staticData == null ? StaticDataStore.NONE : staticData;
    }

    public ExecutionServices(ProcessedValuesStore processedValues) {
        this(processedValues, StaticDataStore.NONE);
    }
}
