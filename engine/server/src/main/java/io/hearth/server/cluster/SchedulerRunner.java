package io.hearth.server.cluster;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.SchedulerClient;
import com.github.kagkarlsson.scheduler.SchedulerName;
import com.github.kagkarlsson.scheduler.task.Task;
import io.hearth.server.config.HearthProperties;
import java.time.Duration;
import java.util.List;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one db-scheduler of this instance, running schedule firings and trigger ownership (queued executions
 * have a queue of their own, {@link io.hearth.server.execution.ExecutionQueue}). Heartbeats every 2 s; an instance that misses
 * four is considered dead and its picked tasks are run again elsewhere.
 */
public final class SchedulerRunner implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(SchedulerRunner.class);

    private final DataSource dataSource;
    private final HearthProperties properties;
    private final InstanceIdentity instance;
    private final List<Task<?>> tasks;
    private final int threads;
    private volatile Scheduler scheduler;

    public SchedulerRunner(
            DataSource dataSource,
            HearthProperties properties,
            InstanceIdentity instance,
            List<Task<?>> tasks,
            int threads) {
        this.dataSource = dataSource;
        this.properties = properties;
        this.instance = instance;
        this.tasks = List.copyOf(tasks);
        this.threads = threads;
    }

    public synchronized void start() {
        if (scheduler != null) {
            return;
        }
        scheduler = Scheduler.create(dataSource, tasks)
                .pollingInterval(properties.scheduler().pollingInterval())
                .threads(threads)
                .schedulerName(new SchedulerName.Fixed(instance.id()))
                .heartbeatInterval(Duration.ofSeconds(2))
                .missedHeartbeatsLimit(4)
                .enableImmediateExecution()
                .shutdownMaxWait(Duration.ofSeconds(10))
                .build();
        scheduler.start();
        log.info(
                "Scheduler started as '{}' with {} threads for tasks {}",
                instance.id(),
                threads,
                tasks.stream().map(Task::getName).toList());
    }

    /** Scheduling works before start (it only writes rows); running waits for {@link #start()}. */
    public SchedulerClient client() {
        Scheduler s = scheduler;
        if (s == null) {
            throw new IllegalStateException("the scheduler has not started yet");
        }
        return s;
    }

    public boolean started() {
        return scheduler != null;
    }

    @Override
    public synchronized void close() {
        if (scheduler != null) {
            scheduler.stop();
        }
    }
}
