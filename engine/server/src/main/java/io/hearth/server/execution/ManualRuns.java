package io.hearth.server.execution;

import io.hearth.node.ExecutionMode;
import io.hearth.node.Item;
import io.hearth.runtime.execution.ExecutionResult;
import io.hearth.runtime.execution.PreparedWorkflow;
import io.hearth.runtime.execution.ReusedRuns;
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
    private final java.util.concurrent.Executor runner;

    public ManualRuns(
            ExecutionService executions,
            ExecutionRepository repository,
            WorkflowRepository workflows,
            PreparedWorkflows prepared,
            io.hearth.server.support.Blocking blocking) {
        this.runner = task -> blocking.scheduler().schedule(task);
        this.executions = executions;
        this.repository = repository;
        this.workflows = workflows;
        this.prepared = prepared;
    }

    /** Unsaved manual results kept for the editor that started them: a few, for a few minutes. */
    private static final int UNSAVED_KEPT = 16;

    private static final java.time.Duration UNSAVED_FOR = java.time.Duration.ofMinutes(5);

    private record Unsaved(Map<String, Object> view, java.time.Instant until) {}

    private final Map<String, Unsaved> unsaved =
            java.util.Collections.synchronizedMap(new java.util.LinkedHashMap<>(UNSAVED_KEPT, 0.75f, false) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, Unsaved> eldest) {
                    return size() > UNSAVED_KEPT;
                }
            });

    public Mono<Map<String, Object>> runSaved(StoredWorkflow stored, Optional<String> startNode, List<Item> input) {
        return runSaved(stored, startNode, input, true);
    }

    /**
     * A manual run of the saved workflow; with {@code wait} false the answer is {@code {"executionId"}} at once
     * and the execution is followed (and stopped) through the executions API.
     */
    public Mono<Map<String, Object>> runSaved(
            StoredWorkflow stored, Optional<String> startNode, List<Item> input, boolean wait) {
        checkStart(stored.workflow(), startNode);
        return run(
                StartRequest.of(
                        stored.id(),
                        Optional.of(stored.versionId()),
                        prepared.get(stored),
                        ExecutionMode.MANUAL,
                        startNode,
                        input),
                wait);
    }

    public Mono<Map<String, Object>> runDraft(
            String workflowId, Workflow draft, Optional<String> startNode, List<Item> input) {
        return runDraft(workflowId, draft, startNode, input, true);
    }

    public Mono<Map<String, Object>> runDraft(
            String workflowId, Workflow draft, Optional<String> startNode, List<Item> input, boolean wait) {
        checkStart(draft, startNode);
        PreparedWorkflow p = prepared.draft(draft);
        return run(StartRequest.of(workflowId, Optional.empty(), p, ExecutionMode.MANUAL, startNode, input), wait);
    }

    /** The result of a finished manual run that its workflow's settings did not keep, for a few minutes. */
    public Optional<Map<String, Object>> unsaved(String executionId) {
        Unsaved u = unsaved.get(executionId);
        if (u == null || u.until().isBefore(java.time.Instant.now())) {
            return Optional.empty();
        }
        return Optional.of(u.view());
    }

    private static void checkStart(Workflow w, Optional<String> startNode) {
        startNode.ifPresent(n -> {
            if (w.node(n).isEmpty()) {
                throw ApiException.badRequest("startNode: the workflow has no node named '" + n + "'");
            }
        });
    }

    private Mono<Map<String, Object>> run(StartRequest request) {
        return run(request, true);
    }

    // a completion callback: nothing waits for the future it returns
    @SuppressWarnings("FutureReturnValueIgnored")
    private Mono<Map<String, Object>> run(StartRequest request, boolean wait) {
        if (wait) {
            StartedExecution started = executions.start(request);
            return Mono.fromFuture(started.finished()).map(result -> view(started.id(), request, result));
        }
        // The answer (the id to follow and stop) must not wait for nodes that run on the starting thread.
        StartedExecution started = executions.startElsewhere(request, runner);
        if (!request.prepared().workflow().settings().saveManualExecutions()) {
            started.finished()
                    .thenAccept(result -> unsaved.put(
                            started.id(),
                            new Unsaved(
                                    view(started.id(), request, result),
                                    java.time.Instant.now().plus(UNSAVED_FOR))));
        }
        Map<String, Object> m = new java.util.LinkedHashMap<>();
        m.put("executionId", started.id());
        m.put("status", "running");
        return Mono.just(m);
    }

    /** Retries a failed execution with the workflow version it ran, from the failed node. */
    public Mono<Map<String, Object>> retry(String executionId) {
        return retry(executionId, false);
    }

    /**
     * n8n's two retry modes: with the workflow version that ran ("Retry with original workflow") or, {@code
     * withCurrentWorkflow}, the workflow as saved now ("Retry with currently saved workflow", to try a fix); both go
     * on from the failed node. The nodes that ran before it are not run again: their recorded output goes on (and
     * what a loop kept, so it goes on with the batch that failed). A record truncated by the data limit cannot stand
     * for the runs it left out: then every node runs again on the same start data.
     */
    public Mono<Map<String, Object>> retry(String executionId, boolean withCurrentWorkflow) {
        ExecutionRecord original =
                repository.find(executionId).orElseThrow(() -> ApiException.notFound("Execution", executionId));
        if (!original.status().isFinished()) {
            throw ApiException.conflict("Execution " + executionId + " is still "
                    + original.status().wireName());
        }
        if (original.status() == io.hearth.runtime.execution.ExecutionStatus.SUCCESS) {
            throw ApiException.conflict("The execution succeeded, so it cannot be retried.");
        }
        Map<String, Object> data =
                StoredExecutionData.parse(repository.data(executionId).orElse("{}"));
        Optional<StoredWorkflow> saved = workflows.find(original.workflowId());
        Optional<Workflow> current = saved.map(StoredWorkflow::workflow);
        Workflow workflow = (withCurrentWorkflow
                        ? current
                        : original.workflowVersionId()
                                .flatMap(v -> workflows.version(original.workflowId(), v))
                                .or(() -> current))
                .orElseThrow(
                        () -> ApiException.conflict("The workflow of execution " + executionId + " no longer exists"));
        Optional<String> version =
                withCurrentWorkflow ? saved.map(StoredWorkflow::versionId) : original.workflowVersionId();
        ReusedRuns reused = StoredRuns.truncated(data)
                ? ReusedRuns.NONE
                : ReusedRuns.afterFailure(
                        StoredRuns.of(data), StoredRuns.lastNodeExecuted(data), StoredRuns.nodeStates(data));
        original.errorNode().filter(n -> workflow.node(n).isEmpty()).ifPresent(n -> {
            throw ApiException.conflict("Could not find the node \"" + n + "\" in workflow. It probably got deleted or"
                    + " renamed. Without it the workflow can sadly not be retried.");
        });
        StartRequest request = StartRequest.of(
                        original.workflowId(),
                        version,
                        prepared.draft(workflow),
                        ExecutionMode.RETRY,
                        StoredExecutionData.startNode(data),
                        StoredExecutionData.startItems(data))
                .withRetryOf(executionId)
                .withReused(reused);
        return run(request);
    }

    private Map<String, Object> view(String id, StartRequest request, ExecutionResult result) {
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
        return ExecutionViews.detail(record, StoredExecutionData.parse(executions.recordedData(request, result)));
    }
}
