package io.hearth.runtime.execution;

import io.hearth.node.NodeException;
import io.hearth.node.SubWorkflows;
import io.hearth.runtime.workflow.WorkflowJson;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Sub-workflows run by the runtime alone (tests, the node test kit): workflows given as JSON run in
 * the same executor, unrecorded; saved workflows need the server.
 */
public final class LocalSubWorkflows implements SubWorkflowRunner {

    private final WorkflowExecutor executor;

    public LocalSubWorkflows(WorkflowExecutor executor) {
        this.executor = executor;
    }

    @Override
    public CompletionStage<SubWorkflows.Result> run(SubWorkflows.Call call, Parent parent) {
        if (!(call.source() instanceof SubWorkflows.Source.Definition definition)) {
            throw new NodeException("Saved workflows are run as sub-workflows by the Hearth server; this run has none");
        }
        PreparedWorkflow workflow = executor.prepare(WorkflowJson.fromTree(definition.workflow()));
        String id = UUID.randomUUID().toString();
        var running = executor.start(
                SubWorkflowStart.request(workflow, id, call.items(), CredentialProvider.NONE, parent.childServices()));
        String workflowId = workflow.workflow().id().orElse("");
        if (!call.waitForEnd()) {
            return CompletableFuture.completedFuture(new SubWorkflows.Result(id, workflowId, List.of()));
        }
        parent.stopsWithParent(running);
        return running.result()
                .thenApply(result -> new SubWorkflows.Result(id, workflowId, SubWorkflowStart.outputs(result)));
    }
}
