package io.hearth.server.execution;

import com.github.kagkarlsson.scheduler.SchedulerClient;
import com.github.kagkarlsson.scheduler.task.CompletionHandler;
import com.github.kagkarlsson.scheduler.task.helper.CustomTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import io.hearth.runtime.execution.ExecutionStatus;
import io.hearth.runtime.execution.PreparedWorkflow;
import io.hearth.runtime.workflow.Workflow;
import io.hearth.server.support.Ids;
import io.hearth.server.workflow.PreparedWorkflows;
import io.hearth.server.workflow.StoredWorkflow;
import io.hearth.server.workflow.WorkflowRepository;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Queue mode: an execution becomes a row (status new, with its start data) plus a db-scheduler task
 * instance; a worker claims the task (db-scheduler's lock-and-fetch: {@code FOR UPDATE SKIP LOCKED}
 * on PostgreSQL), runs the execution and updates the row. A worker that dies stops heartbeating;
 * after the lease (four missed 2 s heartbeats) another worker runs the execution again from its
 * start data — at least once, never lost.
 */
public final class ExecutionQueue {

    private static final Logger log = LoggerFactory.getLogger(ExecutionQueue.class);
    public static final String TASK = "hearth-execution";

    private final ExecutionService executions;
    private final ExecutionRepository repository;
    private final ExecutionWriter writer;
    private final WorkflowRepository workflows;
    private final PreparedWorkflows prepared;
    private final JdbcClient jdbc;
    private final Clock clock;
    private final String instanceId;
    private final CustomTask<String> task;
    private final Supplier<SchedulerClient> scheduler;

    public ExecutionQueue(
            ExecutionService executions,
            ExecutionRepository repository,
            ExecutionWriter writer,
            WorkflowRepository workflows,
            PreparedWorkflows prepared,
            JdbcClient jdbc,
            Clock clock,
            String instanceId,
            Supplier<SchedulerClient> scheduler) {
        this.executions = executions;
        this.repository = repository;
        this.writer = writer;
        this.workflows = workflows;
        this.prepared = prepared;
        this.jdbc = jdbc;
        this.clock = clock;
        this.instanceId = instanceId;
        this.scheduler = scheduler;
        this.task = Tasks.custom(TASK, String.class).execute((instance, ctx) -> {
            run(instance.getData());
            return (CompletionHandler<String>) (complete, ops) -> ops.remove();
        });
    }

    public CustomTask<String> task() {
        return task;
    }

    /** Writes the row and queues it; completes once both are durable. */
    public CompletableFuture<Void> enqueue(StartRequest request) {
        String id = Ids.newId();
        var wf = request.prepared().workflow();
        ExecutionRecord row = new ExecutionRecord(
                id,
                request.workflowId(),
                request.versionId(),
                wf.name(),
                ExecutionStatus.NEW,
                request.mode(),
                clock.instant(),
                Optional.empty(),
                request.retryOf(),
                Optional.empty(),
                Optional.empty());
        return writer.insert(row, ExecutionCodec.startData(request.startNode(), request.recordableStartItems()))
                .thenRun(() -> scheduler.get().schedule(task.instance(id, id), clock.instant()));
    }

    /** A worker's part: run the queued execution under its own id, to the end. */
    private void run(String executionId) {
        Optional<ExecutionRecord> row = repository.find(executionId);
        if (row.isEmpty() || row.get().status().isFinished()) {
            return;
        }
        ExecutionRecord r = row.get();
        Map<String, Object> data =
                ExecutionCodec.parse(repository.data(executionId).orElse("{}"));
        Optional<Workflow> workflow = r.workflowVersionId()
                .flatMap(v -> workflows.version(r.workflowId(), v))
                .or(() -> workflows.find(r.workflowId()).map(StoredWorkflow::workflow));
        if (workflow.isEmpty()) {
            repository.markCrashed(executionId, clock.instant());
            log.warn("Queued execution {} belongs to workflow {} which no longer exists", executionId, r.workflowId());
            return;
        }
        PreparedWorkflow p = r.workflowVersionId().isPresent()
                ? workflows
                        .find(r.workflowId())
                        .filter(w -> w.versionId().equals(r.workflowVersionId().get()))
                        .map(prepared::get)
                        .orElseGet(() -> prepared.draft(workflow.get()))
                : prepared.draft(workflow.get());
        jdbc.sql("UPDATE executions SET status = 'running', instance_id = ? WHERE id = ?")
                .params(instanceId, executionId)
                .update();
        StartRequest request = new StartRequest(
                r.workflowId(),
                r.workflowVersionId(),
                p,
                r.mode(),
                ExecutionService.startNode(data),
                ExecutionService.startItems(data),
                Optional.empty(),
                r.retryOf(),
                false,
                Optional.of(executionId),
                java.util.Set.of());
        try {
            executions.startQueued(request).finished().get(24, TimeUnit.HOURS);
        } catch (Exception e) {
            log.error("Queued execution {} failed to complete: {}", executionId, e.toString());
        }
    }

    /**
     * Rows left "new" without a task (the process stopped between writing the row and scheduling it)
     * are queued again.
     */
    public int requeueOrphans(Duration olderThan) {
        List<String> orphans = jdbc.sql(
                        "SELECT e.id FROM executions e LEFT JOIN scheduled_tasks t ON t.task_name = ? AND t.task_instance = e.id "
                                + "WHERE e.status = 'new' AND e.started_at < ? AND t.task_instance IS NULL")
                .params(
                        TASK,
                        io.hearth.server.database.SqlTime.of(clock.instant().minus(olderThan)))
                .query(String.class)
                .list();
        Instant now = clock.instant();
        for (String id : orphans) {
            scheduler.get().scheduleIfNotExists(task.instance(id, id), now);
        }
        if (!orphans.isEmpty()) {
            log.warn("Queued {} accepted executions again that had no queue entry", orphans.size());
        }
        return orphans.size();
    }

    public boolean isQueued(String executionId) {
        return jdbc.sql("SELECT COUNT(*) FROM scheduled_tasks WHERE task_name = ? AND task_instance = ?")
                        .params(TASK, executionId)
                        .query(Long.class)
                        .single()
                > 0;
    }
}
