package io.hearth.server.execution;

import io.hearth.node.ExecutionMode;
import io.hearth.node.Item;
import io.hearth.runtime.execution.ExecutionResult;
import io.hearth.runtime.execution.PreparedWorkflow;
import io.hearth.runtime.workflow.Workflow;
import io.hearth.server.web.ApiException;
import io.hearth.server.workflow.PreparedWorkflows;
import io.hearth.server.workflow.StoredWorkflow;
import io.hearth.server.workflow.WorkflowRepository;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

/** Runs started from the API: manual runs (saved or draft workflows) and retries of past executions. */
@Service
public class ManualRuns {

    private final ExecutionService executions;
    private final ExecutionRepository repository;
    private final WorkflowRepository workflows;
    private final PreparedWorkflows prepared;

    public ManualRuns(
            ExecutionService executions,
            ExecutionRepository repository,
            WorkflowRepository workflows,
            PreparedWorkflows prepared) {
        this.executions = executions;
        this.repository = repository;
        this.workflows = workflows;
        this.prepared = prepared;
    }

    public Mono<Map<String, Object>> runSaved(StoredWorkflow stored, Optional<String> startNode, List<Item> input) {
        checkStart(stored.workflow(), startNode);
        return run(StartRequest.of(
                stored.id(),
                Optional.of(stored.versionId()),
                prepared.get(stored),
                ExecutionMode.MANUAL,
                startNode,
                input));
    }

    public Mono<Map<String, Object>> runDraft(
            String workflowId, Workflow draft, Optional<String> startNode, List<Item> input) {
        checkStart(draft, startNode);
        PreparedWorkflow p = prepared.draft(draft);
        return run(StartRequest.of(workflowId, Optional.empty(), p, ExecutionMode.MANUAL, startNode, input));
    }

    private static void checkStart(Workflow w, Optional<String> startNode) {
        startNode.ifPresent(n -> {
            if (w.node(n).isEmpty()) {
                throw ApiException.badRequest("startNode: the workflow has no node named '" + n + "'");
            }
        });
    }

    private Mono<Map<String, Object>> run(StartRequest request) {
        StartedExecution started = executions.start(request);
        return Mono.fromFuture(started.finished()).map(result -> view(started.id(), request, result));
    }

    /** Re-runs a finished execution with the workflow version and start data it had. */
    public Mono<Map<String, Object>> retry(String executionId) {
        ExecutionRecord original =
                repository.find(executionId).orElseThrow(() -> ApiException.notFound("Execution", executionId));
        if (!original.status().isFinished()) {
            throw ApiException.conflict("Execution " + executionId + " is still "
                    + original.status().wireName());
        }
        Map<String, Object> data =
                ExecutionCodec.parse(repository.data(executionId).orElse("{}"));
        Workflow workflow = original.workflowVersionId()
                .flatMap(v -> workflows.version(original.workflowId(), v))
                .or(() -> workflows.find(original.workflowId()).map(StoredWorkflow::workflow))
                .orElseThrow(
                        () -> ApiException.conflict("The workflow of execution " + executionId + " no longer exists"));
        StartRequest request = StartRequest.of(
                        original.workflowId(),
                        original.workflowVersionId(),
                        prepared.draft(workflow),
                        ExecutionMode.RETRY,
                        ExecutionService.startNode(data),
                        ExecutionService.startItems(data))
                .withRetryOf(executionId);
        return run(request);
    }

    private static Map<String, Object> view(String id, StartRequest request, ExecutionResult result) {
        ExecutionRecord record = new ExecutionRecord(
                id,
                request.workflowId(),
                request.versionId(),
                request.prepared().workflow().name(),
                result.status(),
                request.mode(),
                result.startedAt(),
                Optional.of(result.stoppedAt()),
                request.retryOf(),
                result.error().map(e -> e.message()),
                result.error().flatMap(e -> e.node()));
        return ExecutionViews.detail(
                record,
                ExecutionCodec.parse(
                        ExecutionCodec.fullData(request.startNode(), request.recordableStartItems(), result)));
    }
}
