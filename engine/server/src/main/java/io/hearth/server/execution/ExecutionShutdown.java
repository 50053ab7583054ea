package io.hearth.server.execution;

import io.hearth.server.config.HearthProperties;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * On shutdown, before the web server drains its requests: running executions get
 * {@code hearth.executions.shutdown-grace} to finish, the rest are stopped (see
 * {@link ExecutionService#stopAllForShutdown}). Without this an execution that never ends would
 * hold the graceful shutdown, and a manual run's request with it.
 */
@Component
public class ExecutionShutdown implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ExecutionShutdown.class);
    private static final Duration RECORD_WAIT = Duration.ofSeconds(5);

    private final ExecutionService executions;
    private final Duration grace;
    private volatile boolean running;

    public ExecutionShutdown(ExecutionService executions, HearthProperties properties) {
        this.executions = executions;
        this.grace = properties.executions().shutdownGrace();
    }

    @Override
    public void start() {
        running = true;
    }

    @Override
    public void stop() {
        running = false;
        if (waitForNoneRunning(grace)) {
            return;
        }
        int stopped = executions.stopAllForShutdown();
        log.info("Shutdown: stopped {} running execution(s) after a grace of {} s", stopped, grace.toSeconds());
        if (!waitForNoneRunning(RECORD_WAIT)) {
            log.warn(
                    "Shutdown: {} execution(s) still running",
                    executions.runningRecords().size());
        }
    }

    private boolean waitForNoneRunning(Duration atMost) {
        long until = System.nanoTime() + atMost.toNanos();
        while (!executions.runningRecords().isEmpty()) {
            if (System.nanoTime() > until) {
                return false;
            }
            try {
                TimeUnit.MILLISECONDS.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /**
     * Stops before the web server's graceful shutdown (which waits for the requests these executions hold), and
     * after a queue worker stopped claiming ({@link QueueWorker}, the phase above).
     */
    @Override
    public int getPhase() {
        return Integer.MAX_VALUE - 1;
    }
}
