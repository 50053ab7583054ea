package io.hearth.server.config;

import com.github.kagkarlsson.scheduler.task.Task;
import io.hearth.common.Timers;
import io.hearth.credentials.CredentialService;
import io.hearth.credentials.CredentialStore;
import io.hearth.credentials.MasterKey;
import io.hearth.credentials.MasterKeyProvider;
import io.hearth.credentials.StoredKeyIds;
import io.hearth.expression.ExpressionEngine;
import io.hearth.runtime.execution.CredentialProvider;
import io.hearth.runtime.execution.ExecutionLimits;
import io.hearth.runtime.execution.WorkflowExecutor;
import io.hearth.runtime.registry.NodeRegistry;
import io.hearth.runtime.registry.PluginLoader;
import io.hearth.runtime.workflow.WorkflowLimits;
import io.hearth.server.cluster.InstanceIdentity;
import io.hearth.server.cluster.QueueMode;
import io.hearth.server.cluster.SchedulerRunner;
import io.hearth.server.credential.StoredCredentialProvider;
import io.hearth.server.execution.ExecutionLauncher;
import io.hearth.server.execution.ExecutionQueue;
import io.hearth.server.execution.ExecutionRepository;
import io.hearth.server.execution.ExecutionService;
import io.hearth.server.execution.ExecutionWriter;
import io.hearth.server.execution.QueueWorker;
import io.hearth.server.trigger.ActivationService;
import io.hearth.server.trigger.ScheduleService;
import io.hearth.server.trigger.TestWebhooks;
import io.hearth.server.trigger.TriggerManager;
import io.hearth.server.trigger.TriggerOwnership;
import io.hearth.server.trigger.TriggerStatusBoard;
import io.hearth.server.trigger.WebhookHandler;
import io.hearth.server.trigger.WebhookRegistry;
import io.hearth.server.workflow.PreparedWorkflows;
import io.hearth.server.workflow.WorkflowRepository;
import io.hearth.server.workflow.WorkflowValidator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Clock;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import javax.sql.DataSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.sql.init.dependency.DependsOnDatabaseInitialization;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.reactive.function.server.RequestPredicates;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;

/** Wires the plain-Java engine (runtime, credentials, plugins) into the Spring application. */
@Configuration(proxyBeanMethods = false)
public class EngineConfiguration {

    /** Milliseconds, the precision every database stores times with (SQLite: epoch milliseconds; see SqlTime) and n8n shows. */
    @Bean
    Clock clock() {
        return Clock.tickMillis(java.time.ZoneOffset.UTC);
    }

    @Bean
    ZoneId defaultZone(HearthProperties properties) {
        return ZoneId.of(properties.defaultTimezone());
    }

    @Bean
    NodeRegistry nodeRegistry(HearthProperties properties) {
        try {
            Files.createDirectories(properties.pluginsDirectory());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the plugins directory " + properties.pluginsDirectory(), e);
        }
        return PluginLoader.load(EngineConfiguration.class.getClassLoader(), properties.pluginsDirectory());
    }

    @Bean
    ExpressionEngine expressionEngine() {
        return new ExpressionEngine();
    }

    @Bean(destroyMethod = "shutdown")
    ExecutorService blockingNodePool(HearthProperties properties) {
        return Executors.newFixedThreadPool(
                properties.executions().blockingPoolSize(),
                Thread.ofPlatform().name("hearth-node-", 0).daemon(true).factory());
    }

    @Bean(destroyMethod = "shutdown")
    ScheduledExecutorService engineTimer() {
        // Every execution arms its timeout here and cancels it when it ends.
        return Timers.daemon("hearth-timer");
    }

    @Bean
    WorkflowExecutor workflowExecutor(
            NodeRegistry registry,
            ExpressionEngine expressions,
            ExecutorService blockingNodePool,
            ScheduledExecutorService engineTimer,
            Clock clock,
            ZoneId defaultZone,
            HearthProperties properties) {
        var executions = properties.executions();
        var limits = executions.limits();
        ExecutionLimits defaults;
        try {
            defaults = new ExecutionLimits(
                    limits.maxNodeRuns(),
                    limits.maxItemsPerOutput(),
                    limits.maxExecutionData().toBytes(),
                    WorkflowLimits.DataOverflow.fromWireName(limits.executionDataOverflow()),
                    Optional.of(executions.timeout()),
                    limits.maxTimeout(),
                    limits.maxConcurrency());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("hearth.executions.limits: " + e.getMessage(), e);
        }
        return new WorkflowExecutor(
                registry,
                expressions,
                blockingNodePool,
                engineTimer,
                clock,
                defaultZone,
                defaults,
                limits.maxRunning(),
                limits.maxWaiting());
    }

    /** The master key; start-up stops here when it cannot decrypt the stored credentials (nothing is changed). */
    @Bean
    @DependsOnDatabaseInitialization
    MasterKey masterKey(MasterKeyProvider provider, DataSource dataSource) {
        return provider.load(StoredKeyIds.in(dataSource));
    }

    @Bean
    MasterKeyProvider masterKeyProvider(HearthProperties properties) {
        return new MasterKeyProvider(properties.dataDir()).withEnvironmentVariable(properties.encryptionKeyEnv());
    }

    @Bean
    @DependsOnDatabaseInitialization
    CredentialStore credentialStore(DataSource dataSource, MasterKey masterKey, Clock clock) {
        CredentialStore store = new CredentialStore(dataSource, masterKey, clock);
        store.verifyKey();
        return store;
    }

    @Bean
    CredentialService credentialService(CredentialStore store, NodeRegistry registry) {
        return new CredentialService(store, registry::credentialType);
    }

    @Bean
    CredentialProvider credentialProvider(CredentialService credentials) {
        return new StoredCredentialProvider(credentials);
    }

    @Bean
    WebhookRegistry webhookRegistry() {
        return new WebhookRegistry();
    }

    @Bean
    TestWebhooks testWebhooks(Clock clock) {
        return new TestWebhooks(clock);
    }

    @Bean
    ScheduleService scheduleService(
            WorkflowRepository workflows,
            PreparedWorkflows prepared,
            ExecutionLauncher launcher,
            Clock clock,
            ZoneId defaultZone,
            ObjectProvider<SchedulerRunner> scheduler) {
        return new ScheduleService(
                workflows,
                prepared,
                launcher,
                clock,
                defaultZone,
                () -> scheduler.getObject().client());
    }

    @Bean(destroyMethod = "stopAll")
    TriggerManager triggerManager(
            ExecutionLauncher launcher, CredentialProvider credentials, TriggerStatusBoard board, ZoneId defaultZone) {
        return new TriggerManager(launcher, credentials, board, defaultZone);
    }

    @Bean
    TriggerOwnership triggerOwnership(
            WorkflowRepository workflows,
            PreparedWorkflows prepared,
            TriggerManager triggers,
            TriggerStatusBoard board,
            Clock clock,
            ObjectProvider<SchedulerRunner> scheduler) {
        return new TriggerOwnership(
                workflows,
                prepared,
                triggers,
                board,
                clock,
                () -> scheduler.getObject().client());
    }

    @Bean
    QueueMode queueMode(HearthProperties properties, DataSource dataSource) {
        QueueMode mode = QueueMode.of(properties.cluster());
        mode.requirePostgres(dataSource);
        return mode;
    }

    @Bean
    ExecutionQueue executionQueue(
            ExecutionWriter writer, JdbcClient jdbc, JdbcTemplate template, TransactionTemplate tx, Clock clock) {
        return new ExecutionQueue(writer, jdbc, template, tx, clock);
    }

    /** Started by {@link StartupTasks} when this instance works the queue; stopped before running executions are. */
    @Bean(destroyMethod = "release")
    QueueWorker queueWorker(
            ExecutionQueue queue,
            ExecutionService executions,
            ExecutionRepository repository,
            WorkflowRepository workflows,
            PreparedWorkflows prepared,
            DataSource dataSource,
            Clock clock,
            InstanceIdentity instance,
            HearthProperties properties) {
        var cluster = properties.cluster();
        return new QueueWorker(
                queue,
                executions,
                repository,
                workflows,
                prepared,
                dataSource,
                clock,
                instance.id(),
                cluster.workerConcurrency(),
                cluster.leaseTime());
    }

    /** In queue mode executions go through the database queue; otherwise they run where they start. */
    @Bean
    ExecutionLauncher executionLauncher(QueueMode mode, ExecutionQueue queue, ExecutionService executions) {
        return mode.enqueues() ? queue::enqueue : ExecutionLauncher.local(executions);
    }

    /** This instance's db-scheduler: every role fires schedules and can own triggers. */
    @Bean(destroyMethod = "close")
    SchedulerRunner schedulerRunner(
            DataSource dataSource,
            HearthProperties properties,
            InstanceIdentity instance,
            ScheduleService schedules,
            TriggerOwnership ownership) {
        return new SchedulerRunner(
                dataSource,
                properties,
                instance,
                List.<Task<?>>of(schedules.task(), ownership.task()),
                2 + TRIGGER_SLOTS);
    }

    /** How many workflows' long-lived triggers one instance can own at once (each holds a scheduler thread). */
    static final int TRIGGER_SLOTS = 32;

    @Bean
    ActivationService activationService(
            WorkflowRepository workflows,
            PreparedWorkflows prepared,
            WorkflowValidator validator,
            WebhookRegistry webhooks,
            ScheduleService schedules,
            TriggerManager triggers,
            TriggerOwnership ownership) {
        return new ActivationService(workflows, prepared, validator, webhooks, schedules, triggers, ownership);
    }

    @Bean
    WebhookHandler webhookHandler(
            WebhookRegistry registry,
            TestWebhooks tests,
            ExecutionService executions,
            ExecutionLauncher launcher,
            CredentialProvider credentials,
            HearthProperties properties,
            ZoneId defaultZone,
            io.hearth.server.auth.AuthThrottle throttle) {
        return new WebhookHandler(
                registry,
                tests,
                executions,
                launcher,
                credentials,
                (int) properties.webhooks().maxBodySize().toBytes(),
                defaultZone,
                throttle);
    }

    @Bean
    RouterFunction<ServerResponse> webhookRoutes(WebhookHandler handler) {
        return RouterFunctions.route(RequestPredicates.path("/webhook/**"), handler::production)
                .andRoute(RequestPredicates.path("/webhook-test/**"), handler::test);
    }
}
