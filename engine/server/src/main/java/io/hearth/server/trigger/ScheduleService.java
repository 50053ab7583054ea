package io.hearth.server.trigger;

import com.github.kagkarlsson.scheduler.SchedulerClient;
import com.github.kagkarlsson.scheduler.task.CompletionHandler;
import com.github.kagkarlsson.scheduler.task.TaskInstanceId;
import com.github.kagkarlsson.scheduler.task.helper.CustomTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import io.hearth.node.ExecutionMode;
import io.hearth.node.Item;
import io.hearth.node.trigger.ScheduleTriggerNode;
import io.hearth.node.trigger.TriggerSchedule;
import io.hearth.runtime.execution.PreparedWorkflow;
import io.hearth.runtime.execution.PreparedWorkflow.PreparedNode;
import io.hearth.server.execution.ExecutionLauncher;
import io.hearth.server.execution.StartRequest;
import io.hearth.server.workflow.PreparedWorkflows;
import io.hearth.server.workflow.StoredWorkflow;
import io.hearth.server.workflow.WorkflowRepository;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Schedule triggers on db-scheduler: one persistent task instance per (workflow, schedule node),
 * rescheduled after each firing to the node's next fire time. The next time lives in the database,
 * so a firing happens once across all instances sharing it, survives restarts, and a fire missed
 * while every instance was down runs once on start — not once per missed tick.
 */
public final class ScheduleService {

    private static final Logger log = LoggerFactory.getLogger(ScheduleService.class);
    static final String TASK = "hearth-schedule-trigger";

    private final WorkflowRepository workflows;
    private final PreparedWorkflows prepared;
    private final ExecutionLauncher executions;
    private final Clock clock;
    private final ZoneId defaultZone;
    private final CustomTask<String> task;
    private final Supplier<SchedulerClient> scheduler;

    public ScheduleService(
            WorkflowRepository workflows,
            PreparedWorkflows prepared,
            ExecutionLauncher executions,
            Clock clock,
            ZoneId defaultZone,
            Supplier<SchedulerClient> scheduler) {
        this.workflows = workflows;
        this.prepared = prepared;
        this.executions = executions;
        this.scheduler = scheduler;
        this.clock = clock;
        this.defaultZone = defaultZone;
        this.task = Tasks.custom(TASK, String.class).execute((instance, ctx) -> {
            Optional<Instant> next = fire(instance.getData(), ctx.getExecution().executionTime);
            return next.<CompletionHandler<String>>map(n -> (complete, ops) -> ops.reschedule(complete, n))
                    .orElse((complete, ops) -> ops.remove());
        });
    }

    public CustomTask<String> task() {
        return task;
    }

    private static String instanceId(String workflowId, String node) {
        return workflowId + ":" + node;
    }

    private static String data(String workflowId, String node) {
        return workflowId + "\n" + node;
    }

    /** The schedule nodes of a workflow version and their schedules (throws ParameterException on bad rules). */
    public List<Planned> plan(StoredWorkflow stored, PreparedWorkflow p) {
        List<Planned> out = new ArrayList<>();
        ZoneId zone = stored.workflow().settings().timezone().orElse(defaultZone);
        for (PreparedNode n : p.nodes()) {
            if (n.type() instanceof ScheduleTriggerNode s && !n.node().disabled()) {
                TriggerSchedule schedule = s.schedule(n.resolver().constantValues(), zone);
                out.add(new Planned(n.name(), schedule));
            }
        }
        return out;
    }

    public record Planned(String node, TriggerSchedule schedule) {}

    /** Registers (or replaces) the schedules of an active workflow. */
    public void activate(String workflowId, List<Planned> plans) {
        deactivate(workflowId);
        ZonedDateTime now = ZonedDateTime.now(clock);
        for (Planned p : plans) {
            Optional<ZonedDateTime> first = p.schedule().nextAfter(now);
            if (first.isEmpty()) {
                continue;
            }
            scheduler
                    .get()
                    .scheduleIfNotExists(
                            task.instance(instanceId(workflowId, p.node()), data(workflowId, p.node())),
                            first.get().toInstant());
            log.info(
                    "Scheduled '{}' of workflow {}: {} (first at {})",
                    p.node(),
                    workflowId,
                    p.schedule().describe(),
                    first.get());
        }
    }

    /** Keeps a schedule that already exists in the database (after a restart), else registers it. */
    public void ensure(String workflowId, List<Planned> plans) {
        ZonedDateTime now = ZonedDateTime.now(clock);
        for (Planned p : plans) {
            TaskInstanceId id = TaskInstanceId.of(TASK, instanceId(workflowId, p.node()));
            if (scheduler.get().getScheduledExecution(id).isPresent()) {
                continue;
            }
            p.schedule()
                    .nextAfter(now)
                    .ifPresent(first -> scheduler
                            .get()
                            .scheduleIfNotExists(
                                    task.instance(instanceId(workflowId, p.node()), data(workflowId, p.node())),
                                    first.toInstant()));
        }
    }

    public void deactivate(String workflowId) {
        List<TaskInstanceId> mine = new ArrayList<>();
        scheduler.get().fetchScheduledExecutionsForTask(TASK, String.class, e -> {
            if (e.getData() != null && e.getData().startsWith(workflowId + "\n")) {
                mine.add(e.getTaskInstance());
            }
        });
        for (TaskInstanceId id : mine) {
            try {
                scheduler.get().cancel(id);
            } catch (RuntimeException e) {
                // Picked right now by a firing: that firing finds the workflow inactive and stops rescheduling.
                log.debug("Could not cancel {}: {}", id, e.getMessage());
            }
        }
    }

    /** Runs one firing; returns the next fire time, or empty when the schedule should end. */
    private Optional<Instant> fire(String data, Instant scheduledAt) {
        String[] parts = data.split("\n", 2);
        String workflowId = parts[0];
        String nodeName = parts.length > 1 ? parts[1] : "";
        Optional<StoredWorkflow> stored = workflows.find(workflowId);
        if (stored.isEmpty() || !stored.get().active()) {
            log.info("Schedule '{}' of workflow {} ends: the workflow is gone or inactive", nodeName, workflowId);
            return Optional.empty();
        }
        PreparedWorkflow p = prepared.get(stored.get());
        Optional<PreparedNode> node = p.node(nodeName);
        if (node.isEmpty() || !(node.get().type() instanceof ScheduleTriggerNode s)) {
            return Optional.empty();
        }
        ZoneId zone = stored.get().workflow().settings().timezone().orElse(defaultZone);
        ZonedDateTime at = scheduledAt.atZone(zone);
        List<Item> items = s.fire(at);
        try {
            // The firing counts once its execution is durable (recorded, or queued for a worker).
            executions
                    .launch(StartRequest.of(
                            workflowId,
                            Optional.of(stored.get().versionId()),
                            p,
                            ExecutionMode.SCHEDULE,
                            Optional.of(nodeName),
                            items))
                    .get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            log.error(
                    "Schedule '{}' of workflow {} fired but its execution could not be recorded: {}",
                    nodeName,
                    workflowId,
                    e.toString());
        }
        TriggerSchedule schedule = s.schedule(node.get().resolver().constantValues(), zone);
        // Never catch up tick by tick: the next time is after both the planned time and now.
        ZonedDateTime from = scheduledAt.isAfter(clock.instant())
                ? at
                : ZonedDateTime.now(clock).withZoneSameInstant(zone);
        return schedule.nextAfter(from).map(ZonedDateTime::toInstant);
    }
}
