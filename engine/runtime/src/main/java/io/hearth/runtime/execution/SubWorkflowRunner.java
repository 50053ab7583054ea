package io.hearth.runtime.execution;

import io.hearth.node.ExecutionMode;
import io.hearth.node.NodeException;
import io.hearth.node.SubWorkflows;
import java.util.concurrent.CompletionStage;

/**
 * Starts sub-workflows for Execute Workflow nodes: the server loads saved workflows, records the
 * child execution and links it to its parent.
 */
public interface SubWorkflowRunner {

    /**
     * The calling execution.
     *
     * @param childServices the services the child runs with (one level deeper)
     */
    record Parent(String executionId, String workflowId, ExecutionMode mode, ExecutionServices childServices) {}

    CompletionStage<SubWorkflows.Result> run(SubWorkflows.Call call, Parent parent);

    /** Without a server: sub-workflows cannot be loaded or recorded. */
    SubWorkflowRunner NONE = (call, parent) -> {
        throw new NodeException("Sub-workflows are run by the Hearth server; this run cannot start one");
    };
}
