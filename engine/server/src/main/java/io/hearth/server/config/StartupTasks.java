package io.hearth.server.config;

import io.hearth.node.ExecutionMode;
import io.hearth.runtime.execution.ExecutionStatus;
import io.hearth.server.auth.AuthService;
import io.hearth.server.cluster.InstanceIdentity;
import io.hearth.server.cluster.QueueMode;
import io.hearth.server.cluster.SchedulerRunner;
import io.hearth.server.execution.ExecutionQueue;
import io.hearth.server.execution.ExecutionRecord;
import io.hearth.server.execution.ExecutionRepository;
import io.hearth.server.execution.ExecutionService;
import io.hearth.server.execution.QueueWorker;
import io.hearth.server.execution.StartRequest;
import io.hearth.server.execution.StoredExecutionData;
import io.hearth.server.trigger.ActivationService;
import io.hearth.server.workflow.PreparedWorkflows;
import io.hearth.server.workflow.StoredWorkflow;
import io.hearth.server.workflow.WorkflowRepository;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;

/**
 * Start-up, in order: the owner from configuration, the schedule runner, recovery of executions a crash left
 * behind, every active workflow's triggers, and (workers) the queue worker.
 */
@Component
public class StartupTasks implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(StartupTasks.class);

    private final HearthProperties properties;
    private final AuthService auth;
    private final ExecutionRepository executions;
    private final ExecutionService executionService;
    private final WorkflowRepository workflows;
    private final PreparedWorkflows prepared;
    private final SchedulerRunner scheduler;
    private final ActivationService activation;
    private final ExecutionQueue queue;
    private final QueueWorker worker;
    private final QueueMode queueMode;
    private final InstanceIdentity instance;
    private final ScheduledExecutorService timer;
    private final Clock clock;

    public StartupTasks(
            HearthProperties properties,
            AuthService auth,
            ExecutionRepository executions,
            ExecutionService executionService,
            WorkflowRepository workflows,
            PreparedWorkflows prepared,
            SchedulerRunner scheduler,
            ActivationService activation,
            ExecutionQueue queue,
            QueueWorker worker,
            QueueMode queueMode,
            InstanceIdentity instance,
            ScheduledExecutorService engineTimer,
            Clock clock) {
        this.properties = properties;
        this.auth = auth;
        this.executions = executions;
        this.executionService = executionService;
        this.workflows = workflows;
        this.prepared = prepared;
        this.scheduler = scheduler;
        this.activation = activation;
        this.queue = queue;
        this.worker = worker;
        this.queueMode = queueMode;
        this.instance = instance;
        this.timer = engineTimer;
        this.clock = clock;
    }

    // the periodic task catches its own failures and runs until the timer is shut down
    @SuppressWarnings("FutureReturnValueIgnored")
    @Override
    public void run(ApplicationArguments args) {
        auth.bootstrapOwner(properties.owner().email(), properties.owner().password())
                .ifPresent(u -> log.info("Created the owner account {} from configuration", u.email()));
        scheduler.start();
        recoverCrashedExecutions();
        activation.restoreActive();
        // Routes of workflows (de)activated through other instances.
        timer.scheduleWithFixedDelay(() -> background(activation::syncWebhooks), 2, 2, TimeUnit.SECONDS);
        if (queueMode.works()) {
            worker.start();
        }
    }

    private static void background(Runnable work) {
        try {
            work.run();
        } catch (RuntimeException e) {
            log.warn("Background task failed: {}", e.toString());
        }
    }

    /**
     * An execution still new/running/waiting was cut off by a crash. Accepted webhook requests that
     * never ran ("new") run now, since their caller was told they would; running ones are marked
     * crashed and, when the workflow asks for it, retried.
     */
    private void recoverCrashedExecutions() {
        if (queueMode.used()) {
            // Claimed from the queue while this instance was a worker: queued again, as retries, for any worker.
            queue.release(instance.id(), "Worker '" + instance.id() + "' stopped while running this execution");
        }
        for (ExecutionRecord r : executions.unfinishedOf(instance.id())) {
            Optional<StoredWorkflow> w = workflows.find(r.workflowId());
            boolean runAgain = r.status() == ExecutionStatus.NEW
                    || w.map(s -> s.workflow().settings().retryCrashed()).orElse(false);
            executions.markCrashed(r.id(), clock.instant());
            log.warn(
                    "Execution {} of workflow {} was {} when the server stopped: marked crashed{}",
                    r.id(),
                    r.workflowId(),
                    r.status().wireName(),
                    runAgain && w.isPresent() ? ", running it again" : "");
            if (runAgain && w.isPresent()) {
                Map<String, Object> data =
                        StoredExecutionData.parse(executions.data(r.id()).orElse("{}"));
                // Linked to the cut-off execution (retryOf) so the history shows what happened.
                executionService.start(StartRequest.of(
                                r.workflowId(),
                                Optional.of(w.get().versionId()),
                                prepared.get(w.get()),
                                ExecutionMode.RETRY,
                                StoredExecutionData.startNode(data),
                                StoredExecutionData.startItems(data))
                        .withRetryOf(r.id()));
            }
        }
    }
}
