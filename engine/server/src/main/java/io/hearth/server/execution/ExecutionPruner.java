package io.hearth.server.execution;

import io.hearth.server.config.HearthProperties;
import io.hearth.server.database.DatabaseHousekeeping;
import io.hearth.server.database.WriteTurns;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.stereotype.Component;

/**
 * Keeps the execution history within its retention (the newest max-count, none older than max-age) continuously,
 * while load goes on: in rounds of batches, each batch one short transaction that deletes a range of the primary key,
 * paced by how fast executions arrive (see {@link #waitAfter}). Visible in metrics: {@code hearth.executions.pruned}
 * (counter), {@code hearth.executions.kept} (executions stored), {@code hearth.executions.prune.backlog} (executions
 * beyond the retention not yet pruned) and {@code hearth.database.size} (bytes of the embedded database's files).
 */
@Component
public class ExecutionPruner implements ApplicationListener<ApplicationReadyEvent>, DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(ExecutionPruner.class);
    // Batches per round: a large backlog (a lowered max-count) is worked off in rounds, each ending with the pages it
    // freed given back to the file system, not in one long round that gives them back at its end.
    private static final int MAX_BATCHES_PER_ROUND = 100;

    private final ExecutionRepository repository;
    private final DatabaseHousekeeping housekeeping;
    private final WriteTurns turns;
    private final HearthProperties.Prune settings;
    private final Clock clock;
    private final Counter pruned;
    private volatile Thread rounds;

    /** What one round did: how many it deleted, and whether it reached its cut-off (else it stopped at its share). */
    record Round(int pruned, boolean reachedCutoff) {}

    // the gauges hold this pruner but are read only by a metrics scrape, after construction
    @SuppressWarnings("this-escape")
    public ExecutionPruner(
            ExecutionRepository repository,
            DatabaseHousekeeping housekeeping,
            WriteTurns turns,
            HearthProperties properties,
            Clock clock,
            MeterRegistry meters) {
        this.repository = repository;
        this.housekeeping = housekeeping;
        this.turns = turns;
        this.settings = properties.executions().prune();
        this.clock = clock;
        this.pruned = Counter.builder("hearth.executions.pruned")
                .description("Finished executions deleted by retention (max-count, max-age)")
                .register(meters);
        Gauge.builder("hearth.executions.kept", this, p -> p.read(p.repository::count))
                .description("Executions stored (the retention keeps max-count of them, none older than max-age)")
                .register(meters);
        Gauge.builder("hearth.executions.prune.backlog", this, p -> p.read(p::backlog))
                .description("Finished executions beyond the retention, not pruned yet")
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

    private double read(LongSupplier query) {
        try {
            return query.getAsLong();
        } catch (RuntimeException e) {
            return Double.NaN; // the database is closed (shutting down) or unreachable
        }
    }

    private long backlog() {
        return repository.pruneBacklog(cutoff());
    }

    private Optional<String> cutoff() {
        return repository.pruneCutoff(settings.maxCount(), clock.instant().minus(settings.maxAge()));
    }

    @Override
    public void onApplicationEvent(ApplicationReadyEvent event) {
        if (settings.enabled() && rounds == null) {
            rounds = Thread.ofPlatform().name("hearth-pruner").daemon(true).start(this::keepUp);
        }
    }

    @Override
    public void destroy() throws InterruptedException {
        Thread t = rounds;
        if (t != null) {
            t.interrupt();
            t.join(10_000);
        }
    }

    private void keepUp() {
        long previousStart = System.nanoTime();
        while (!Thread.currentThread().isInterrupted()) {
            long start = System.nanoTime();
            Round round = pruneRound();
            long wait = waitAfter(
                    round, start - previousStart, System.nanoTime() - start, settings.batchSize(), settings.interval());
            previousStart = start;
            try {
                Thread.sleep(Duration.ofNanos(wait));
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /**
     * How long to wait before the next round, in nanoseconds. A round deletes what went beyond the retention since
     * the previous one began, so {@code pruned / sinceLastRound} is the rate executions arrive at; the next round
     * begins when about one batch more has arrived. The history then stays within its retention plus about a batch,
     * whatever the load, and each round deletes a batch-sized range instead of many small ones (an idle server, or one
     * within its retention, waits the whole interval). A round that stopped at its share of a backlog goes on at once.
     */
    static long waitAfter(Round round, long sinceLastRoundNanos, long roundNanos, int batch, Duration interval) {
        long idle = interval.toNanos();
        if (!round.reachedCutoff()) {
            return 0;
        }
        if (round.pruned() == 0) {
            return idle;
        }
        double untilOneBatch = (double) batch * sinceLastRoundNanos / round.pruned();
        return (long) Math.clamp(untilOneBatch - roundNanos, 0.0, (double) idle);
    }

    /**
     * One round: batches up to the retention's cut-off (or the round's share of a backlog), then the embedded
     * database's file gives back what pruning freed beyond what new executions will reuse. Returns how many it deleted.
     */
    public int pruneNow() {
        return pruneRound().pruned();
    }

    private Round pruneRound() {
        int total = 0;
        boolean reached = true;
        try {
            long freeBefore = housekeeping.freePages();
            Optional<String> cutoff = cutoff();
            if (cutoff.isPresent()) {
                reached = false;
                for (int i = 0; i < MAX_BATCHES_PER_ROUND && !reached; i++) {
                    String end = repository.pruneBatchEnd(cutoff.get(), settings.batchSize());
                    int n = turns.call(() -> repository.pruneUpTo(end));
                    total += n;
                    pruned.increment(n);
                    reached = end.equals(cutoff.get());
                }
            }
            // What this round freed, the executions coming in before the next one will reuse.
            long freed = Math.max(0, housekeeping.freePages() - freeBefore);
            turns.run(() -> housekeeping.reclaimFreePages(freed));
            if (total > 0) {
                log.debug(
                        "Pruned {} old executions (keeping at most {}, none older than {})",
                        total,
                        settings.maxCount(),
                        settings.maxAge());
            }
        } catch (RuntimeException e) {
            log.warn("Pruning executions failed: {}", e.getMessage());
            return new Round(total, true);
        }
        return new Round(total, reached);
    }
}
