package io.hearth.server.execution;

import io.hearth.node.ExecutionMode;
import io.hearth.runtime.execution.CredentialProvider;
import io.hearth.runtime.execution.ExecutionListener;
import io.hearth.runtime.execution.ExecutionRequest;
import io.hearth.runtime.execution.ExecutionResult;
import io.hearth.runtime.execution.ExecutionStatus;
import io.hearth.runtime.execution.NodeRun;
import io.hearth.runtime.execution.RunningExecution;
import io.hearth.runtime.execution.WorkflowExecutor;
import io.hearth.runtime.workflow.WorkflowSettings.SaveDataPolicy;
import io.hearth.server.config.HearthProperties;
import io.hearth.server.support.Ids;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;

/**
 * Starts executions and records them according to the workflow's save policy.
 * <p>
 * Persistence per execution: an optional start row (status running/new, with the start data so
 * the execution can be retried or recovered) written before it runs, and a final record (status,
 * timings, per-node data) when it ends — an insert when no start row was written, else an update.
 * Both go through {@link ExecutionWriter}'s group commit.
 */
@Service
public class ExecutionService {

    private static final Logger log = LoggerFactory.getLogger(ExecutionService.class);

    private final WorkflowExecutor executor;
    private final ExecutionWriter writer;
    private final CredentialProvider credentials;
    private final Clock clock;
    private final HearthProperties properties;
    private final ApplicationEventPublisher events;
    private final io.hearth.runtime.execution.ExecutionServices services;
    private final Map<String, LiveExecution> live = new ConcurrentHashMap<>();
    private final ExecutionMetrics metrics;

    // the sub-workflow launcher only keeps the reference; it calls back when an execution starts, long after this
    @SuppressWarnings("this-escape")
    public ExecutionService(
            WorkflowExecutor executor,
            ExecutionWriter writer,
            CredentialProvider credentials,
            MeterRegistry meters,
            Clock clock,
            HearthProperties properties,
            ApplicationEventPublisher events,
            io.hearth.server.dedupe.JdbcProcessedValues processedValues,
            io.hearth.server.workflow.JdbcStaticData staticData,
            io.hearth.server.workflow.WorkflowRepository workflows,
            io.hearth.server.workflow.PreparedWorkflows preparedWorkflows) {
        this.executor = executor;
        this.writer = writer;
        this.credentials = credentials;
        this.clock = clock;
        this.properties = properties;
        this.events = events;
        this.services = new io.hearth.runtime.execution.ExecutionServices(
                processedValues, staticData, new SubWorkflowLauncher(this, workflows, preparedWorkflows), 0);
        this.metrics = new ExecutionMetrics(meters, executor);
    }

    public StartedExecution start(StartRequest request) {
        return start(request, false);
    }

    /** Runs an execution whose row a queue already wrote (status new); its end is an update of that row. */
    public StartedExecution startQueued(StartRequest request) {
        return start(request, true);
    }

    /**
     * Starts an execution on {@code where} and answers at once: the execution is known (to follow and
     * to cancel) before its first node runs, however long the run keeps that thread.
     */
    public StartedExecution startElsewhere(StartRequest request, java.util.concurrent.Executor where) {
        return start(request, false, where);
    }

    private StartedExecution start(StartRequest request, boolean rowExists) {
        return start(request, rowExists, Runnable::run);
    }

    // a completion callback: nothing waits for the future it returns
    @SuppressWarnings("FutureReturnValueIgnored")
    private StartedExecution start(StartRequest request, boolean rowExists, java.util.concurrent.Executor where) {
        String id = request.executionId().orElseGet(Ids::newId);
        var wf = request.prepared().workflow();
        Instant now = clock.instant();
        ExecutionStatus initial = request.mode() == ExecutionMode.WEBHOOK
                        && request.persistStartFirst()
                        && request.responder().isEmpty()
                ? ExecutionStatus.NEW
                : ExecutionStatus.RUNNING;
        ExecutionRecord startRecord = new ExecutionRecord(
                id,
                request.workflowId(),
                request.versionId(),
                wf.name(),
                initial,
                request.mode(),
                now,
                Optional.empty(),
                request.retryOf(),
                Optional.empty(),
                Optional.empty());
        LiveExecution state = new LiveExecution(request, startRecord, writer, rowExists);
        live.put(id, state);
        CompletableFuture<Void> started =
                request.persistStartFirst() ? state.ensureStartRow() : CompletableFuture.completedFuture(null);
        CompletableFuture<ExecutionResult> finished = new CompletableFuture<>();
        ExecutionRequest runtimeRequest = ExecutionRequest.builder(request.prepared(), id, request.mode())
                .startNode(request.startNode())
                .startItems(request.startItems())
                .responder(request.responder())
                .variables(Map.of(), environment())
                .credentials(
                        request.parent().filter(p -> !p.storedCredentials()).isPresent()
                                ? io.hearth.runtime.execution.CredentialProvider.NONE
                                : credentials)
                .listener(progressListener(state))
                .secrets(request.secrets())
                .services(request.parent()
                        .map(StartRequest.ParentExecution::childServices)
                        .orElse(services))
                .reused(request.reused())
                .build();
        CompletableFuture<ExecutionResult> runtimeResult = new CompletableFuture<>();
        RunningExecution handle = new RunningExecution() {
            @Override
            public String executionId() {
                return id;
            }

            @Override
            public CompletableFuture<ExecutionResult> result() {
                return runtimeResult;
            }

            @Override
            public boolean cancel() {
                return ExecutionService.this.cancel(id);
            }
        };
        where.execute(() -> {
            try {
                executor.start(runtimeRequest, run -> state.setRunning(run))
                        .result()
                        .whenComplete((r, e) -> {
                            if (e != null) {
                                runtimeResult.completeExceptionally(e);
                            } else {
                                runtimeResult.complete(r);
                            }
                        });
            } catch (RuntimeException e) {
                runtimeResult.completeExceptionally(e);
            }
        });
        runtimeResult.whenComplete((result, error) -> {
            if (error != null) {
                log.error("Execution {} failed inside the engine", id, error);
                live.remove(id);
                finished.completeExceptionally(error);
                return;
            }
            CompletableFuture<Void> recorded;
            try {
                recorded = record(state, result);
            } catch (RuntimeException | Error e) {
                // Never leave the caller (an HTTP answer) waiting: a failure here fails the execution's future.
                recorded = CompletableFuture.failedFuture(e);
            }
            recorded.whenComplete((v, writeError) -> {
                live.remove(id);
                if (writeError != null) {
                    log.error(
                            "Execution {} finished ({}) but could not be recorded: {}",
                            id,
                            result.status().wireName(),
                            writeError.getMessage());
                    finished.completeExceptionally(writeError);
                } else {
                    finished.complete(result);
                }
            });
        });
        return new StartedExecution(id, handle, started, finished, state);
    }

    /** Per-node progress of a running execution, for the editor's live view; then the metrics. */
    private ExecutionListener progressListener(LiveExecution state) {
        return new ExecutionListener() {
            @Override
            public void nodeStarted(String executionId, String nodeName, String nodeType) {
                state.nodeStarting();
                state.progress().compute(nodeName, (k, p) -> (p == null ? NodeProgress.NONE : p).started());
            }

            @Override
            public void nodeFinished(String executionId, NodeRun run) {
                int items = run.output().stream().mapToInt(List::size).sum();
                state.progress()
                        .compute(
                                run.node(),
                                (k, p) -> (p == null ? NodeProgress.NONE : p).finished(items, run.failed()));
                metrics.nodeFinished(run);
            }
        };
    }

    /** Progress by node name of an execution running on this instance; empty when it is not running here. */
    public Map<String, NodeProgress> progress(String id) {
        LiveExecution state = live.get(id);
        return state == null ? Map.of() : Map.copyOf(state.progress());
    }

    @SuppressWarnings("try") // the resource is the MDC entry itself: closing it is the point
    private CompletableFuture<Void> record(LiveExecution state, ExecutionResult result) {
        result.error().ifPresent(e -> {
            try (var m = org.slf4j.MDC.putCloseable("executionId", result.executionId())) {
                log.warn(
                        "Execution {} of workflow '{}' ({}) failed{}: {}",
                        result.executionId(),
                        state.startRecord().workflowName(),
                        state.request().workflowId(),
                        e.node().map(n -> " at node '" + n + "'").orElse(""),
                        e.message());
            }
        });
        metrics.executionFinished(result);
        StartRequest request = state.request();
        if (state.stoppedByShutdown() && state.hasStartRow() && request.mode() != ExecutionMode.MANUAL) {
            log.info("Execution {} stopped by the shutdown; it runs again at the next start", result.executionId());
            return CompletableFuture.completedFuture(null);
        }
        if (result.status() == ExecutionStatus.ERROR) {
            events.publishEvent(new ExecutionFailed(request, result));
        }
        if (!keep(request, result)) {
            return state.writeEnd(
                    hasRow -> hasRow ? writer.delete(result.executionId()) : CompletableFuture.completedFuture(null));
        }
        ExecutionRecord finalRecord = new ExecutionRecord(
                result.executionId(),
                request.workflowId(),
                request.versionId(),
                state.startRecord().workflowName(),
                result.status(),
                request.mode(),
                result.startedAt(),
                Optional.of(result.stoppedAt()),
                request.retryOf(),
                result.error().map(e -> e.message()),
                result.error().flatMap(e -> e.node()));
        String data = recordedData(request, result);
        return state.writeEnd(hasRow -> hasRow ? writer.update(finalRecord, data) : writer.insert(finalRecord, data));
    }

    /** The execution data as recorded: within the workflow's data limit (see {@link ExecutionCodec}). */
    String recordedData(StartRequest request, ExecutionResult result) {
        long maxBytes = executor.limits(request.prepared().workflow()).maxDataBytes();
        return ExecutionCodec.fullData(
                request.startNode(), request.recordableStartItems(), result, maxBytes, request.parent());
    }

    private static boolean keep(StartRequest request, ExecutionResult result) {
        var settings = request.prepared().workflow().settings();
        if (request.mode() == ExecutionMode.MANUAL) {
            return settings.saveManualExecutions();
        }
        SaveDataPolicy policy = settings.saveData();
        return switch (policy) {
            case ALL -> true;
            case ERRORS_ONLY -> result.status() != ExecutionStatus.SUCCESS;
            case NONE -> false;
        };
    }

    /** {@code $env} of expressions: the server's environment when an administrator allows it. */
    public Optional<Map<String, String>> environment() {
        return properties.expressions().allowEnv() ? Optional.of(System.getenv()) : Optional.empty();
    }

    /**
     * Stops every execution running on this instance (shutdown); returns how many. One that was
     * accepted (its start row durable: answered "received", queued, fired by a trigger) is not recorded:
     * its row stays as it is, and the next start treats it as recovery treats a crash (marked crashed,
     * run again when it never ran or the workflow asks for it). Manual runs are recorded as canceled.
     */
    public int stopAllForShutdown() {
        int n = 0;
        for (LiveExecution state : List.copyOf(live.values())) {
            if (state.stopForShutdown()) {
                n++;
            }
        }
        return n;
    }

    /** Cancels a running execution of this instance; false when it is not running here. */
    public boolean cancel(String id) {
        LiveExecution state = live.get(id);
        return state != null && state.cancel();
    }

    public Optional<ExecutionRecord> running(String id) {
        LiveExecution state = live.get(id);
        return state == null ? Optional.empty() : Optional.of(state.startRecord());
    }

    public Collection<ExecutionRecord> runningRecords() {
        return live.values().stream().map(LiveExecution::startRecord).toList();
    }

    public WorkflowExecutor executor() {
        return executor;
    }
}
