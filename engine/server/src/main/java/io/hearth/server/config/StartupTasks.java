package io.hearth.server.config;

import io.hearth.credentials.CredentialStore;
import io.hearth.node.ExecutionMode;
import io.hearth.runtime.execution.ExecutionStatus;
import io.hearth.server.auth.AuthService;
import io.hearth.server.execution.ExecutionCodec;
import io.hearth.server.execution.ExecutionRecord;
import io.hearth.server.execution.ExecutionRepository;
import io.hearth.server.execution.ExecutionService;
import io.hearth.server.execution.StartRequest;
import io.hearth.server.trigger.ActivationService;
import io.hearth.server.trigger.ScheduleService;
import io.hearth.server.workflow.PreparedWorkflows;
import io.hearth.server.workflow.StoredWorkflow;
import io.hearth.server.workflow.WorkflowRepository;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;

/**
 * Start-up, in order: the owner from configuration, recovery of executions a crash left behind,
 * the schedule runner, and every active workflow's triggers.
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
    private final ScheduleService schedules;
    private final ActivationService activation;
    private final DataSource dataSource;
    private final Clock clock;
    private final CredentialStore credentials;

    public StartupTasks(HearthProperties properties, AuthService auth, ExecutionRepository executions,
                        ExecutionService executionService, WorkflowRepository workflows, PreparedWorkflows prepared,
                        ScheduleService schedules, ActivationService activation, DataSource dataSource, Clock clock,
                        CredentialStore credentials) {
        this.properties = properties;
        this.auth = auth;
        this.executions = executions;
        this.executionService = executionService;
        this.workflows = workflows;
        this.prepared = prepared;
        this.schedules = schedules;
        this.activation = activation;
        this.dataSource = dataSource;
        this.clock = clock;
        this.credentials = credentials;
    }

    @Override
    public void run(ApplicationArguments args) {
        auth.bootstrapOwner(properties.owner().email(), properties.owner().password())
                .ifPresent(u -> log.info("Created the owner account {} from configuration", u.email()));
        recoverCrashedExecutions();
        schedules.start(dataSource, properties.scheduler().pollingInterval(), 2, instanceName());
        activation.restoreActive();
    }

    private String instanceName() {
        String configured = properties.cluster().instanceId();
        if (configured != null && !configured.isBlank()) {
            return configured;
        }
        try {
            return java.net.InetAddress.getLocalHost().getHostName() + "-" + ProcessHandle.current().pid();
        } catch (java.net.UnknownHostException e) {
            return "hearth-" + ProcessHandle.current().pid();
        }
    }

    /**
     * An execution still new/running/waiting was cut off by a crash. Accepted webhook requests that
     * never ran ("new") run now, since their caller was told they would; running ones are marked
     * crashed and, when the workflow asks for it, retried.
     */
    private void recoverCrashedExecutions() {
        for (ExecutionRecord r : executions.unfinished()) {
            Optional<StoredWorkflow> w = workflows.find(r.workflowId());
            boolean runAgain = r.status() == ExecutionStatus.NEW
                    || w.map(s -> s.workflow().settings().retryCrashed()).orElse(false);
            executions.markCrashed(r.id(), clock.instant());
            log.warn("Execution {} of workflow {} was {} when the server stopped: marked crashed{}", r.id(), r.workflowId(),
                    r.status().wireName(), runAgain && w.isPresent() ? ", running it again" : "");
            if (runAgain && w.isPresent()) {
                Map<String, Object> data = ExecutionCodec.parse(executions.data(r.id()).orElse("{}"));
                // Linked to the cut-off execution (retryOf) so the history shows what happened.
                executionService.start(StartRequest.of(r.workflowId(), Optional.of(w.get().versionId()), prepared.get(w.get()),
                        ExecutionMode.RETRY, ExecutionService.startNode(data), ExecutionService.startItems(data)).withRetryOf(r.id()));
            }
        }
    }

}
