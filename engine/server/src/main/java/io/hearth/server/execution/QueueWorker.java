package io.hearth.server.execution;

import io.hearth.runtime.execution.PreparedWorkflow;
import io.hearth.server.execution.ExecutionQueue.Claimed;
import io.hearth.server.workflow.PreparedWorkflows;
import io.hearth.server.workflow.StoredWorkflow;
import io.hearth.server.workflow.WorkflowRepository;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * A worker of the execution queue ({@link ExecutionQueue}): it claims queued executions while it has free slots, in
 * one statement per batch, and runs them. A slot ({@code hearth.cluster.worker-concurrency}) is an execution
 * running; one that finished frees its slot while its record is still being written (group commit), but at most
 * twice as many as the slots may be claimed and not yet recorded. It waits on PostgreSQL's {@code LISTEN} while idle, so a queued execution starts at once without polling
 * (a claim every {@value #FALLBACK_CLAIM_SECONDS} s at most is only a safety net). The listening thread also renews
 * the worker's lease and removes dead workers every {@value ExecutionQueue#HEARTBEAT_SECONDS} s.
 * <p>
 * Claimed executions run through {@link ExecutionService} like any other, so the server's concurrency limits
 * (max-running, a workflow's maxConcurrency) apply on the worker as well; one waiting for such a slot holds its claim.
 */
public final class QueueWorker implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(QueueWorker.class);
    static final int FALLBACK_CLAIM_SECONDS = 10;
    private static final int MAX_BATCH = 64;

    private final ExecutionQueue queue;
    private final ExecutionService executions;
    private final ExecutionRepository repository;
    private final WorkflowRepository workflows;
    private final PreparedWorkflows prepared;
    private final DataSource dataSource;
    private final Clock clock;
    private final String instanceId;
    private final int concurrency;
    private final Duration lease;

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition wake = lock.newCondition();
    private boolean workMayWait; // guarded by lock
    private int running; // claimed and not finished running; guarded by lock
    private int unrecorded; // claimed and not yet recorded; guarded by lock
    private volatile boolean working;
    private Thread claimer;
    private Thread listener;
    private ExecutorService runners;

    public QueueWorker(
            ExecutionQueue queue,
            ExecutionService executions,
            ExecutionRepository repository,
            WorkflowRepository workflows,
            PreparedWorkflows prepared,
            DataSource dataSource,
            Clock clock,
            String instanceId,
            int concurrency,
            Duration lease) {
        if (concurrency < 1) {
            throw new IllegalStateException("hearth.cluster.worker-concurrency must be at least 1, not " + concurrency);
        }
        if (lease.toSeconds() <= 2L * ExecutionQueue.HEARTBEAT_SECONDS) {
            throw new IllegalStateException("hearth.cluster.lease-time must be longer than two heartbeats ("
                    + 2 * ExecutionQueue.HEARTBEAT_SECONDS + " s), not " + lease);
        }
        this.queue = queue;
        this.executions = executions;
        this.repository = repository;
        this.workflows = workflows;
        this.prepared = prepared;
        this.dataSource = dataSource;
        this.clock = clock;
        this.instanceId = instanceId;
        this.concurrency = concurrency;
        this.lease = lease;
    }

    /** Started by start-up once this instance's own left-over executions are recovered (never automatically). */
    @Override
    public synchronized void start() {
        if (working) {
            return;
        }
        queue.register(instanceId, concurrency);
        working = true;
        runners = Executors.newFixedThreadPool(
                Math.min(concurrency, Math.max(2, Runtime.getRuntime().availableProcessors())),
                Thread.ofPlatform().name("hearth-queue-run-", 0).daemon(true).factory());
        claimer = Thread.ofPlatform().name("hearth-queue-claimer").daemon(true).start(this::claimLoop);
        listener =
                Thread.ofPlatform().name("hearth-queue-listener").daemon(true).start(this::listenLoop);
        log.info(
                "Queue worker '{}' started: up to {} executions at once, lease {} s",
                instanceId,
                concurrency,
                lease.toSeconds());
    }

    @Override
    public boolean isAutoStartup() {
        return false;
    }

    /** Stops claiming (before running executions get their shutdown grace, see {@link ExecutionShutdown}). */
    @Override
    public synchronized void stop() {
        if (!working) {
            return;
        }
        working = false;
        signal();
        join(claimer);
        join(listener);
    }

    /**
     * After the shutdown stopped what was still running: those claims are queued again (as retries) for the other
     * workers, and the lease is given up.
     */
    public synchronized void release() {
        if (runners == null) {
            return;
        }
        runners.shutdown();
        try {
            queue.release(instanceId, "Worker '" + instanceId + "' shut down while running this execution");
        } catch (RuntimeException e) {
            log.warn("Could not hand back the executions of worker '{}': {}", instanceId, e.toString());
        }
        runners = null;
    }

    @Override
    public boolean isRunning() {
        return working;
    }

    /** Stops before {@link ExecutionShutdown} (one phase lower) gives running executions their grace. */
    @Override
    public int getPhase() {
        return Integer.MAX_VALUE;
    }

    private static void join(Thread t) {
        try {
            t.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void signal() {
        lock.lock();
        try {
            workMayWait = true;
            wake.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private int freeSlots() {
        return Math.min(concurrency - running, 2 * concurrency - unrecorded);
    }

    private void claimLoop() {
        Connection connection = null;
        while (working) {
            int want;
            lock.lock();
            try {
                long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(FALLBACK_CLAIM_SECONDS);
                while (working && !(workMayWait && freeSlots() > 0)) {
                    long left = until - System.nanoTime();
                    if (left <= 0) {
                        workMayWait = true; // the safety net: look even without a notification
                        until = System.nanoTime() + TimeUnit.SECONDS.toNanos(FALLBACK_CLAIM_SECONDS);
                    } else {
                        wake.awaitNanos(left);
                    }
                }
                if (!working) {
                    break;
                }
                want = Math.min(freeSlots(), MAX_BATCH);
                workMayWait = false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            } finally {
                lock.unlock();
            }
            try {
                if (connection == null) {
                    connection = claimConnection();
                }
                List<Claimed> claimed = queue.claim(connection, instanceId, want);
                lock.lock();
                try {
                    running += claimed.size();
                    unrecorded += claimed.size();
                    if (claimed.size() == want) {
                        workMayWait = true; // a full batch: more may be waiting
                    }
                } finally {
                    lock.unlock();
                }
                for (Claimed c : claimed) {
                    runners.execute(() -> run(c));
                }
            } catch (SQLException | RuntimeException e) {
                log.warn("Queue worker '{}' could not claim executions: {}", instanceId, e.toString());
                connection = close(connection);
                pause();
                signal();
            }
        }
        close(connection);
    }

    /** A connection of its own whose commits do not wait for the disk (see {@link ExecutionQueue#claim}). */
    private Connection claimConnection() throws SQLException {
        Connection c = dataSource.getConnection();
        try (Statement s = c.createStatement()) {
            c.setAutoCommit(true);
            s.execute("SET synchronous_commit = off");
        } catch (SQLException e) {
            c.close();
            throw e;
        }
        return c;
    }

    private static Connection close(Connection c) {
        if (c != null) {
            try (Statement s = c.createStatement()) {
                s.execute("RESET synchronous_commit"); // back to the pool as it came
            } catch (SQLException ignored) {
                // a broken connection: the pool discards it
            }
            try {
                c.close();
            } catch (SQLException ignored) {
                // nothing to do
            }
        }
        return null;
    }

    private void pause() {
        try {
            TimeUnit.SECONDS.sleep(1);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    // a completion callback: nothing waits for the future it returns
    @SuppressWarnings("FutureReturnValueIgnored")
    private void run(Claimed c) {
        ExecutionRecord r = c.record();
        try {
            Optional<PreparedWorkflow> workflow = workflowOf(r);
            if (workflow.isEmpty()) {
                repository.markCrashed(r.id(), clock.instant());
                log.warn("Queued execution {} belongs to workflow {} which no longer exists", r.id(), r.workflowId());
                ranAndRecorded();
                return;
            }
            Map<String, Object> data = StoredExecutionData.parse(c.data());
            StartRequest request = StartRequest.builder(r.workflowId(), r.workflowVersionId(), workflow.get(), r.mode())
                    .start(StoredExecutionData.startNode(data), StoredExecutionData.startItems(data))
                    .retryOf(r.retryOf())
                    .persistStartFirst(false)
                    .executionId(Optional.of(r.id()))
                    .build();
            StartedExecution started = executions.startQueued(request);
            started.running().result().whenComplete((result, error) -> ran());
            started.finished().whenComplete((result, error) -> {
                if (error != null) {
                    log.error("Queued execution {} failed to complete: {}", r.id(), error.toString());
                }
                recorded();
            });
        } catch (RuntimeException e) {
            log.error("Queued execution {} could not start: {}", r.id(), e.toString());
            ranAndRecorded();
        }
    }

    /** The version the execution was queued with (prepared once per version), else the workflow as it is now. */
    private Optional<PreparedWorkflow> workflowOf(ExecutionRecord r) {
        if (r.workflowVersionId().isEmpty()) {
            return workflows.find(r.workflowId()).map(prepared::get);
        }
        String version = r.workflowVersionId().get();
        return prepared.version(
                version,
                () -> workflows
                        .find(r.workflowId())
                        .filter(w -> w.versionId().equals(version))
                        .map(StoredWorkflow::workflow)
                        .or(() -> workflows.version(r.workflowId(), version)));
    }

    private void ran() {
        release(1, 0);
    }

    private void recorded() {
        release(0, 1);
    }

    private void ranAndRecorded() {
        release(1, 1);
    }

    private void release(int ran, int recorded) {
        lock.lock();
        try {
            running -= ran;
            unrecorded -= recorded;
            wake.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private void listenLoop() {
        long nextHousekeeping = System.nanoTime();
        while (working) {
            try (Connection c = dataSource.getConnection()) {
                c.setAutoCommit(true);
                try (Statement s = c.createStatement()) {
                    s.execute(ExecutionQueue.LISTEN);
                }
                PGConnection pg = c.unwrap(PGConnection.class);
                signal(); // whatever was queued while nobody listened
                try {
                    while (working) {
                        PGNotification[] n = pg.getNotifications(500);
                        if (n != null && n.length > 0) {
                            signal();
                        }
                        if (System.nanoTime() - nextHousekeeping >= 0) {
                            housekeeping();
                            nextHousekeeping =
                                    System.nanoTime() + TimeUnit.SECONDS.toNanos(ExecutionQueue.HEARTBEAT_SECONDS);
                        }
                    }
                } finally {
                    try (Statement s = c.createStatement()) {
                        s.execute("UNLISTEN *");
                    }
                }
            } catch (SQLException | RuntimeException e) {
                if (working) {
                    log.warn("Queue worker '{}' lost its database connection: {}", instanceId, e.toString());
                    pause();
                }
            }
        }
    }

    /** Renews this worker's lease and queues again what dead workers left. */
    private void housekeeping() {
        if (!queue.heartbeat(instanceId)) {
            log.warn(
                    "Queue worker '{}' missed its lease ({} s): its running executions were queued again elsewhere",
                    instanceId,
                    lease.toSeconds());
            queue.register(instanceId, concurrency);
        }
        if (queue.reapDeadWorkers(lease) > 0) {
            signal();
        }
    }
}
