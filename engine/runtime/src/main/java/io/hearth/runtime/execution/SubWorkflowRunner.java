package io.hearth.runtime.execution;

import io.hearth.node.Cancellation;
import io.hearth.node.ExecutionMode;
import io.hearth.node.NodeException;
import io.hearth.node.SubWorkflows;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Starts sub-workflows for Execute Workflow nodes: the server loads saved workflows, records the
 * child execution and links it to its parent.
 */
public interface SubWorkflowRunner {

    /**
     * The calling execution.
     *
     * @param childServices the services the child runs with (one level deeper)
     * @param cancellation  the calling execution's: a cancel, a timeout or a shutdown of the parent
     */
    record Parent(
            String executionId,
            String workflowId,
            ExecutionMode mode,
            ExecutionServices childServices,
            Cancellation cancellation) {

        /**
         * A child the parent waits for is stopped with it: cancelling the parent (or its timeout) cancels the child
         * while it runs. Once the child ended, the parent's cancel no longer holds on to it.
         */
        // a completion callback: nothing waits for the future it returns
        @SuppressWarnings("FutureReturnValueIgnored")
        public void stopsWithParent(RunningExecution child) {
            AtomicReference<RunningExecution> running = new AtomicReference<>(child);
            child.result().whenComplete((result, failure) -> running.set(null));
            cancellation.onCancel(() -> {
                RunningExecution c = running.getAndSet(null);
                if (c != null) {
                    c.cancel();
                }
            });
        }
    }

    CompletionStage<SubWorkflows.Result> run(SubWorkflows.Call call, Parent parent);

    /** Without a server: sub-workflows cannot be loaded or recorded. */
    SubWorkflowRunner NONE = (call, parent) -> {
        throw new NodeException("Sub-workflows are run by the Hearth server; this run cannot start one");
    };
}
