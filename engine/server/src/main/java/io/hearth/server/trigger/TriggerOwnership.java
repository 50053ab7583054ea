package io.hearth.server.trigger;

import com.github.kagkarlsson.scheduler.ScheduledExecutionsFilter;
import com.github.kagkarlsson.scheduler.SchedulerClient;
import com.github.kagkarlsson.scheduler.task.CompletionHandler;
import com.github.kagkarlsson.scheduler.task.ExecutionContext;
import com.github.kagkarlsson.scheduler.task.TaskInstanceId;
import com.github.kagkarlsson.scheduler.task.helper.CustomTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import io.hearth.server.workflow.PreparedWorkflows;
import io.hearth.server.workflow.StoredWorkflow;
import io.hearth.server.workflow.WorkflowRepository;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Who runs a workflow's long-lived triggers (Home Assistant subscriptions): the instance executing
 * its db-scheduler task {@value #TASK}. The task runs for as long as the workflow is active —
 * db-scheduler's heartbeats are the lease — reloads the triggers when a new version is saved, and
 * ends when the workflow is deactivated. When the owner stops, the task is handed back at once;
 * when it dies, another instance takes the task over after the missed heartbeats.
 */
public final class TriggerOwnership {

    private static final Logger log = LoggerFactory.getLogger(TriggerOwnership.class);
    public static final String TASK = "hearth-trigger-owner";
    private static final Duration CHECK_EVERY = Duration.ofSeconds(1);
    private static final Duration RETRY_FAILED_START = Duration.ofSeconds(30);

    private final WorkflowRepository workflows;
    private final PreparedWorkflows prepared;
    private final TriggerManager triggers;
    private final TriggerStatusBoard board;
    private final Clock clock;
    private final CustomTask<String> task;
    private final Supplier<SchedulerClient> scheduler;

    public TriggerOwnership(
            WorkflowRepository workflows,
            PreparedWorkflows prepared,
            TriggerManager triggers,
            TriggerStatusBoard board,
            Clock clock,
            Supplier<SchedulerClient> scheduler) {
        this.workflows = workflows;
        this.prepared = prepared;
        this.triggers = triggers;
        this.board = board;
        this.clock = clock;
        this.scheduler = scheduler;
        this.task = Tasks.custom(TASK, String.class).execute((instance, ctx) -> own(instance.getData(), ctx));
    }

    public CustomTask<String> task() {
        return task;
    }

    /** Makes sure some instance owns the workflow's triggers (a running owner picks up new versions by itself). */
    public void claim(String workflowId) {
        scheduler.get().scheduleIfNotExists(task.instance(workflowId, workflowId), clock.instant());
    }

    /** The workflows some instance owns (or is about to own) the triggers of. */
    public Set<String> claimedWorkflows() {
        return scheduler
                .get()
                .getScheduledExecutionsForTask(TASK, String.class, ScheduledExecutionsFilter.all())
                .stream()
                .map(e -> e.getTaskInstance().getId())
                .collect(Collectors.toSet());
    }

    public boolean isClaimed(String workflowId) {
        return scheduler
                .get()
                .getScheduledExecution(TaskInstanceId.of(TASK, workflowId))
                .isPresent();
    }

    private CompletionHandler<String> own(String workflowId, ExecutionContext ctx) {
        String runningVersion = null;
        long retryAt = 0;
        try {
            while (!ctx.getSchedulerState().isShuttingDown()) {
                Optional<StoredWorkflow> w = workflows.find(workflowId);
                if (w.isEmpty() || !w.get().active()) {
                    log.info("Workflow {} is no longer active: its triggers stop", workflowId);
                    return (complete, ops) -> ops.remove();
                }
                StoredWorkflow current = w.get();
                // Also restarts triggers stopped under it: a deactivation and re-activation between two checks
                // leaves the flag and the version as they were, but the triggers closed.
                boolean stale = !current.versionId().equals(runningVersion) || !triggers.isRunning(workflowId);
                if (stale && System.currentTimeMillis() >= retryAt) {
                    try {
                        triggers.activate(current, prepared.get(current));
                        runningVersion = current.versionId();
                        log.info("Triggers of workflow '{}' ({}) run on this instance", current.name(), workflowId);
                    } catch (RuntimeException e) {
                        runningVersion = null;
                        retryAt = System.currentTimeMillis() + RETRY_FAILED_START.toMillis();
                        log.warn(
                                "Triggers of workflow {} could not start: {}; trying again in {} s",
                                workflowId,
                                e.getMessage(),
                                RETRY_FAILED_START.toSeconds());
                    }
                }
                Thread.sleep(CHECK_EVERY.toMillis());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            triggers.deactivate(workflowId);
        }
        // Stopping: hand the triggers back so another instance (or this one after a restart) runs them.
        board.clear(workflowId);
        return (complete, ops) -> ops.reschedule(complete, clock.instant());
    }
}
