package io.hearth.server.execution;

import io.hearth.node.ExecutionMode;
import io.hearth.node.NodeException;
import io.hearth.node.SubWorkflows;
import io.hearth.runtime.execution.PreparedWorkflow;
import io.hearth.runtime.execution.SubWorkflowRunner;
import io.hearth.runtime.execution.SubWorkflowStart;
import io.hearth.runtime.workflow.InvalidWorkflowException;
import io.hearth.runtime.workflow.Workflow;
import io.hearth.runtime.workflow.WorkflowJson;
import io.hearth.server.workflow.PreparedWorkflows;
import io.hearth.server.workflow.StoredWorkflow;
import io.hearth.server.workflow.WorkflowRepository;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Runs sub-workflows for Execute Workflow nodes as executions of their own (mode "integrated"),
 * recorded with a link to the parent execution. A saved workflow runs its current version with its
 * own credential references; a workflow given as JSON runs without stored credentials.
 */
final class SubWorkflowLauncher implements SubWorkflowRunner {

    private final ExecutionService executions;
    private final WorkflowRepository workflows;
    private final PreparedWorkflows prepared;

    SubWorkflowLauncher(ExecutionService executions, WorkflowRepository workflows, PreparedWorkflows prepared) {
        this.executions = executions;
        this.workflows = workflows;
        this.prepared = prepared;
    }

    private record Target(String workflowId, Optional<String> versionId, PreparedWorkflow workflow, boolean stored) {}

    @Override
    public CompletionStage<SubWorkflows.Result> run(SubWorkflows.Call call, Parent parent) {
        Target target = target(call.source());
        var trigger = SubWorkflowStart.trigger(target.workflow());
        StartRequest request = StartRequest.of(
                        target.workflowId(),
                        target.versionId(),
                        target.workflow(),
                        ExecutionMode.INTEGRATED,
                        Optional.of(trigger.name()),
                        SubWorkflowStart.startItems(trigger, call.items()))
                .withParent(new StartRequest.ParentExecution(
                        parent.executionId(), parent.workflowId(), parent.childServices(), target.stored()));
        StartedExecution started = executions.start(request);
        if (!call.waitForEnd()) {
            return CompletableFuture.completedFuture(
                    new SubWorkflows.Result(started.id(), target.workflowId(), List.of()));
        }
        parent.stopsWithParent(started.running());
        // the engine's result, not the record's durability: the parent goes on where the child ended
        return started.running()
                .result()
                .thenApply(result ->
                        new SubWorkflows.Result(started.id(), target.workflowId(), SubWorkflowStart.outputs(result)));
    }

    private Target target(SubWorkflows.Source source) {
        return switch (source) {
            case SubWorkflows.Source.Stored s -> {
                StoredWorkflow stored = workflows
                        .find(s.workflowId())
                        .orElseThrow(() -> new NodeException("The workflow '" + s.workflowId() + "' does not exist"));
                yield new Target(stored.id(), Optional.of(stored.versionId()), prepared.get(stored), true);
            }
            case SubWorkflows.Source.Definition d -> {
                Workflow workflow;
                try {
                    workflow = WorkflowJson.fromTree(d.workflow());
                } catch (InvalidWorkflowException | IllegalArgumentException e) {
                    throw new NodeException("The workflow JSON is not a workflow Hearth can run: " + e.getMessage());
                }
                yield new Target(workflow.id().orElse(""), Optional.empty(), prepared.draft(workflow), false);
            }
        };
    }
}
