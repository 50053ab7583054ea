package io.hearth.server.execution;

import io.hearth.server.config.HearthProperties;
import java.time.Clock;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.stereotype.Component;

/** Deletes old executions in the background: beyond the newest max-count, or older than max-age. */
@Component
public class ExecutionPruner implements ApplicationListener<ApplicationReadyEvent> {

    private static final Logger log = LoggerFactory.getLogger(ExecutionPruner.class);

    private final ExecutionRepository repository;
    private final HearthProperties properties;
    private final ScheduledExecutorService timer;
    private final Clock clock;

    public ExecutionPruner(
            ExecutionRepository repository,
            HearthProperties properties,
            ScheduledExecutorService engineTimer,
            Clock clock) {
        this.repository = repository;
        this.properties = properties;
        this.timer = engineTimer;
        this.clock = clock;
    }

    @Override
    public void onApplicationEvent(ApplicationReadyEvent event) {
        var prune = properties.executions().prune();
        if (!prune.enabled()) {
            return;
        }
        long every = prune.interval().toMillis();
        timer.scheduleWithFixedDelay(
                () -> Thread.ofPlatform().name("hearth-pruner").start(this::pruneNow),
                every,
                every,
                TimeUnit.MILLISECONDS);
    }

    public int pruneNow() {
        var prune = properties.executions().prune();
        try {
            int n = repository.prune(prune.maxCount(), clock.instant().minus(prune.maxAge()));
            if (n > 0) {
                log.info(
                        "Pruned {} old executions (keeping at most {}, none older than {})",
                        n,
                        prune.maxCount(),
                        prune.maxAge());
            }
            return n;
        } catch (RuntimeException e) {
            log.warn("Pruning executions failed: {}", e.getMessage());
            return 0;
        }
    }
}
