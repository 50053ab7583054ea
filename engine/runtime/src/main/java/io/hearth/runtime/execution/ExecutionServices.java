package io.hearth.runtime.execution;

import io.hearth.node.NodeException;

/**
 * What the server offers nodes beyond the run itself.
 *
 * @param processedValues values nodes processed in earlier executions (Remove Duplicates across executions)
 * @param staticData      workflow static data between executions ({@code $getWorkflowStaticData})
 * @param subWorkflows    starts sub-workflows (Execute Workflow)
 * @param depth           how many sub-workflow calls deep this execution is (0: not started by another workflow)
 */
public record ExecutionServices(
        ProcessedValuesStore processedValues, StaticDataStore staticData, SubWorkflowRunner subWorkflows, int depth) {

    /** How deep sub-workflows may call each other: a workflow that calls itself stops here. */
    public static final int MAX_DEPTH = 10;

    /** No server: nodes that need one fail with a message saying so. */
    public static final ExecutionServices NONE =
            new ExecutionServices(ProcessedValuesStore.NONE, StaticDataStore.NONE, SubWorkflowRunner.NONE, 0);

    public ExecutionServices {
        processedValues = processedValues == null ? ProcessedValuesStore.NONE : processedValues;
        staticData = staticData == null ? StaticDataStore.NONE : staticData;
        subWorkflows = subWorkflows == null ? SubWorkflowRunner.NONE : subWorkflows;
    }

    public ExecutionServices(ProcessedValuesStore processedValues, StaticDataStore staticData) {
        this(processedValues, staticData, SubWorkflowRunner.NONE, 0);
    }

    public ExecutionServices(ProcessedValuesStore processedValues) {
        this(processedValues, StaticDataStore.NONE);
    }

    /** The services of a sub-workflow this execution starts. */
    public ExecutionServices child() {
        if (depth + 1 > MAX_DEPTH) {
            throw new NodeException(
                    "Sub-workflows called each other more than " + MAX_DEPTH + " levels deep",
                    "A workflow that (indirectly) calls itself needs a condition that ends the calls",
                    null);
        }
        return new ExecutionServices(processedValues, staticData, subWorkflows, depth + 1);
    }

    public ExecutionServices withSubWorkflows(SubWorkflowRunner runner) {
        return new ExecutionServices(processedValues, staticData, runner, depth);
    }
}
