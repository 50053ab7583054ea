package io.hearth.server.execution;

import io.hearth.server.config.HearthProperties;
import io.hearth.server.database.DatabaseHousekeeping;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.stereotype.Component;

/**
 * Keeps the execution history within its retention (the newest max-count, none older than
 * max-age) continuously: every interval, while load goes on, in batches of one short transaction
 * each. Visible in metrics: {@code hearth.executions.pruned} (counter) and
 * {@code hearth.database.size} (bytes of the embedded database's files in the data directory).
 */
@Component
public class ExecutionPruner implements ApplicationListener<ApplicationReadyEvent> {

    private static final Logger log = LoggerFactory.getLogger(ExecutionPruner.class);
    // Batches per pass: a backlog (a lowered max-count) is worked off over several passes, not in one long one.
    private static final int MAX_BATCHES_PER_PASS = 100;

    private final ExecutionRepository repository;
    private final DatabaseHousekeeping housekeeping;
    private final HearthProperties properties;
    private final ScheduledExecutorService timer;
    private final Clock clock;
    private final Counter pruned;
    private final AtomicBoolean running = new AtomicBoolean();

    public ExecutionPruner(
            ExecutionRepository repository,
            DatabaseHousekeeping housekeeping,
            HearthProperties properties,
            ScheduledExecutorService engineTimer,
            Clock clock,
            MeterRegistry meters) {
        this.repository = repository;
        this.housekeeping = housekeeping;
        this.properties = properties;
        this.timer = engineTimer;
        this.clock = clock;
        this.pruned = Counter.builder("hearth.executions.pruned")
                .description("Finished executions deleted by retention (max-count, max-age)")
                .register(meters);
        Path dataDir = properties.dataDir();
        Gauge.builder("hearth.database.size", () -> databaseBytes(dataDir))
                .description("Bytes of the embedded database's files in the data directory (0 for an external one)")
                .baseUnit("bytes")
                .register(meters);
    }

    /** Bytes of the files the embedded database keeps in the data directory (SQLite's hearth.db, -wal, -shm; H2's hearth.mv.db). */
    static long databaseBytes(Path dataDir) {
        try (var files = Files.list(dataDir)) {
            return files.filter(f -> {
                        String name = f.getFileName().toString();
                        return name.startsWith("hearth.") && name.contains(".db");
                    })
                    .mapToLong(f -> f.toFile().length())
                    .sum();
        } catch (IOException e) {
            return 0;
        }
    }

    @Override
    public void onApplicationEvent(ApplicationReadyEvent event) {
        var prune = properties.executions().prune();
        if (!prune.enabled()) {
            return;
        }
        long every = prune.interval().toMillis();
        timer.scheduleWithFixedDelay(
                () -> {
                    if (running.compareAndSet(false, true)) {
                        Thread.ofPlatform().name("hearth-pruner").start(() -> {
                            try {
                                pruneNow();
                            } finally {
                                running.set(false);
                            }
                        });
                    }
                },
                every,
                every,
                TimeUnit.MILLISECONDS);
    }

    /**
     * One pass: batches until the history is within its retention (or the pass has done its share), then the
     * embedded database's file gives back what pruning freed beyond what new executions will reuse.
     */
    public int pruneNow() {
        var prune = properties.executions().prune();
        int total = 0;
        try {
            long freeBefore = housekeeping.freePages();
            Optional<String> cutoff =
                    repository.pruneCutoff(prune.maxCount(), clock.instant().minus(prune.maxAge()));
            for (int i = 0; i < MAX_BATCHES_PER_PASS && cutoff.isPresent(); i++) {
                int n = repository.pruneBatch(cutoff.get(), prune.batchSize());
                total += n;
                pruned.increment(n);
                if (n < prune.batchSize()) {
                    break;
                }
            }
            // What this pass freed, the executions coming in before the next one will reuse.
            housekeeping.reclaimFreePages(Math.max(0, housekeeping.freePages() - freeBefore));
            if (total > 0) {
                log.debug(
                        "Pruned {} old executions (keeping at most {}, none older than {})",
                        total,
                        prune.maxCount(),
                        prune.maxAge());
            }
        } catch (RuntimeException e) {
            log.warn("Pruning executions failed: {}", e.getMessage());
        }
        return total;
    }
}
