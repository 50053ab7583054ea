package io.hearth.server.config;

import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Settings under {@code hearth.*} (see application.properties for defaults; every one can be set by
 * environment variable, e.g. {@code HEARTH_DATA_DIR}).
 */
@ConfigurationProperties("hearth")
public record HearthProperties(
        @DefaultValue("./data") Path dataDir,
        Path pluginsDir,
        @DefaultValue("HEARTH_ENCRYPTION_KEY") String encryptionKeyEnv,
        @DefaultValue("") String publicUrl,
        @DefaultValue("UTC") String defaultTimezone,
        @DefaultValue Owner owner,
        @DefaultValue Expressions expressions,
        @DefaultValue Webhooks webhooks,
        @DefaultValue Executions executions,
        @DefaultValue Scheduler scheduler,
        @DefaultValue Cluster cluster,
        @DefaultValue Auth auth) {

    public Path pluginsDirectory() {
        return pluginsDir != null ? pluginsDir : dataDir.resolve("plugins");
    }

    public record Owner(
            @DefaultValue("") String email,
            @DefaultValue("") String password) {}

    /** {@code allowEnv} exposes the server's environment to expressions as {@code $env} (off by default, as in n8n). */
    public record Expressions(@DefaultValue("false") boolean allowEnv) {}

    public record Webhooks(
            @DefaultValue("16MB") DataSize maxBodySize,
            @DefaultValue("120s") Duration testListenTimeout) {}

    /**
     * How executions run.
     *
     * @param timeout          run time of executions whose workflow sets no {@code executionTimeout} (0 = none)
     * @param limits           the other bounds of one execution, and how many run at once
     * @param shutdownGrace    on shutdown, how long running executions may still finish before they are cancelled
     */
    public record Executions(
            @DefaultValue("1h") Duration timeout,
            @DefaultValue Limits limits,
            @DefaultValue Prune prune,
            @DefaultValue("16") int blockingPoolSize,
            @DefaultValue("5s") Duration shutdownGrace) {}

    /**
     * Defaults for workflows that set none of their own (their settings of the same names), and the
     * server-wide concurrency. See application.properties.
     */
    public record Limits(
            @DefaultValue("24h") Duration maxTimeout,
            @DefaultValue("10000") int maxNodeRuns,
            @DefaultValue("100000") int maxItemsPerOutput,
            @DefaultValue("8MB") DataSize maxExecutionData,
            @DefaultValue("fail") String executionDataOverflow,
            @DefaultValue("16") int maxConcurrency,
            @DefaultValue("32") int maxRunning,
            @DefaultValue("1000") int maxWaiting) {}

    public record Prune(
            @DefaultValue("true") boolean enabled,
            @DefaultValue("10000") int maxCount,
            @DefaultValue("14d") Duration maxAge,
            @DefaultValue("2s") Duration interval,
            @DefaultValue("500") int batchSize) {}

    public record Scheduler(@DefaultValue("250ms") Duration pollingInterval) {}

    /**
     * Scale-out: {@code role} all-in-one (default), main (API + webhooks + schedules, queues executions, runs none
     * of the queue) or worker; {@code queueMode} sends webhook/schedule/trigger executions through the database
     * queue (PostgreSQL). {@code workerConcurrency}: queued executions a worker has claimed and not yet recorded;
     * {@code leaseTime}: a worker silent this long is considered dead and what it ran is queued again.
     */
    public record Cluster(
            @DefaultValue("all-in-one") String role,
            @DefaultValue("false") boolean queueMode,
            @DefaultValue("16") int workerConcurrency,
            @DefaultValue("10s") Duration leaseTime,
            @DefaultValue("") String instanceId) {}

    /**
     * Failed sign-ins (and webhook authentication failures) before answers slow down: each further failure of an
     * account or an address doubles its wait (1 s, 2 s, 4 s ... up to {@code maxLockout}); failures are forgotten
     * after {@code forgetAfter} without one.
     */
    public record Auth(
            @DefaultValue("5") int accountFreeFailures,
            @DefaultValue("20") int addressFreeFailures,
            @DefaultValue("15m") Duration maxLockout,
            @DefaultValue("1h") Duration forgetAfter) {}
}
