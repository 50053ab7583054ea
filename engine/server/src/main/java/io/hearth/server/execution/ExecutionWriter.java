package io.hearth.server.execution;

import io.hearth.server.database.WalCheckpointer;
import io.hearth.server.database.WriteTurns;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Group commit for execution records. Writers queue their row; one thread takes everything queued
 * (up to {@value #MAX_BATCH}), writes it in one transaction with JDBC batches, and only then
 * completes each writer's future. An HTTP answer that waits for its future is therefore sent only
 * after its record is durable, and under load one commit serves many executions.
 */
@Component
public class ExecutionWriter implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(ExecutionWriter.class);
    static final int MAX_BATCH = 512;

    private sealed interface Op {
        CompletableFuture<Void> done();
    }

    private record Insert(ExecutionWrite write, CompletableFuture<Void> done) implements Op {}

    private record Update(ExecutionWrite write, CompletableFuture<Void> done) implements Op {}

    private record Delete(String id, CompletableFuture<Void> done) implements Op {}

    private final ExecutionRepository repository;
    private final TransactionTemplate tx;
    private final WalCheckpointer checkpoints;
    private final WriteTurns turns;
    private final LinkedBlockingQueue<Op> queue = new LinkedBlockingQueue<>();
    private final Thread thread;
    // Completing a future runs its continuations (the rest of the execution's bookkeeping, encoding and
    // sending the HTTP answer); on their own thread they overlap with the next commit instead of delaying it.
    private final ExecutorService completer = Executors.newSingleThreadExecutor(
            Thread.ofPlatform().name("hearth-execution-completer").daemon(true).factory());
    private volatile boolean running = true;
    // Adaptive linger: when the last commit served several records (writers are concurrent), wait up to
    // this long after the first record for about as many to join its commit. One commit per record costs
    // a core at a few thousand per second; one per 16 costs little. A lone writer never waits.
    // (Measured on H2, the embedded database then: without the linger ~10% more executions/s at 16
    // connections, but a chunk per commit kept on the heap. On SQLite every commit is an append to the
    // write-ahead log, and the write lock is held once per batch instead of per record; the log is copied
    // into the database file by WalCheckpointer's thread, apart from the commits.)
    private static final long LINGER_NANOS = 1_000_000;
    private static final int LINGER_MAX = 64;
    private int lastBatchSize;

    public ExecutionWriter(
            ExecutionRepository repository, TransactionTemplate tx, WalCheckpointer checkpoints, WriteTurns turns) {
        this.repository = repository;
        this.tx = tx;
        this.checkpoints = checkpoints;
        this.turns = turns;
        this.thread =
                Thread.ofPlatform().name("hearth-execution-writer").daemon(true).start(this::loop);
    }

    public CompletableFuture<Void> insert(ExecutionRecord record, String data) {
        return enqueue(new Insert(new ExecutionWrite(record, data), new CompletableFuture<>()));
    }

    /**
     * Inserts a queue entry (status new, no instance yet) and wakes idle workers when it commits: the row is the
     * queue entry, so an accepted execution is queued by the same transaction that records it.
     */
    public CompletableFuture<Void> enqueue(ExecutionRecord record, String data) {
        return enqueue(new Insert(new ExecutionWrite(record, data, true), new CompletableFuture<>()));
    }

    public CompletableFuture<Void> update(ExecutionRecord record, String data) {
        return enqueue(new Update(new ExecutionWrite(record, data), new CompletableFuture<>()));
    }

    public CompletableFuture<Void> delete(String id) {
        return enqueue(new Delete(id, new CompletableFuture<>()));
    }

    private CompletableFuture<Void> enqueue(Op op) {
        if (!running) {
            op.done().completeExceptionally(new IllegalStateException("the server is shutting down"));
            return op.done();
        }
        queue.add(op);
        return op.done();
    }

    private void loop() {
        List<Op> batch = new ArrayList<>(MAX_BATCH);
        while (running || !queue.isEmpty()) {
            try {
                Op first = queue.poll(200, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, MAX_BATCH - 1);
                int target = Math.min(LINGER_MAX, lastBatchSize);
                if (batch.size() < target) {
                    long until = System.nanoTime() + LINGER_NANOS;
                    while (batch.size() < target && System.nanoTime() < until) {
                        Op next = queue.poll(until - System.nanoTime(), TimeUnit.NANOSECONDS);
                        if (next == null) {
                            break;
                        }
                        batch.add(next);
                        queue.drainTo(batch, MAX_BATCH - batch.size());
                    }
                }
                write(batch);
                lastBatchSize = batch.size();
                checkpoints.restartIfDue();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } finally {
                batch.clear();
            }
        }
    }

    private void write(List<Op> batch) {
        List<ExecutionWrite> inserts = new ArrayList<>();
        List<ExecutionWrite> updates = new ArrayList<>();
        List<String> deletes = new ArrayList<>();
        for (Op op : batch) {
            switch (op) {
                case Insert i -> inserts.add(i.write());
                case Update u -> updates.add(u.write());
                case Delete d -> deletes.add(d.id());
            }
        }
        try {
            // Inserts before updates before deletes: an execution's start row and its final update may share a batch.
            turns.run(() -> tx.executeWithoutResult(s -> {
                if (!inserts.isEmpty()) {
                    repository.insertBatch(inserts);
                }
                if (!updates.isEmpty()) {
                    repository.updateBatch(updates);
                }
                if (!deletes.isEmpty()) {
                    repository.deleteBatch(deletes);
                }
            }));
            List<Op> written = List.copyOf(batch);
            completer.execute(() -> written.forEach(op -> op.done().complete(null)));
        } catch (RuntimeException e) {
            log.error("Writing {} execution records failed: {}", batch.size(), e.getMessage());
            if (batch.size() > 1) {
                // One bad row must not fail its neighbours: retry them one by one.
                for (Op op : batch) {
                    write(List.of(op));
                }
            } else {
                batch.forEach(op -> op.done().completeExceptionally(e));
            }
        }
    }

    /** Waits until everything queued so far is written (tests, shutdown). */
    public void flush() {
        enqueue(new Delete("__flush__", new CompletableFuture<>())).join();
    }

    @Override
    public void destroy() throws InterruptedException {
        running = false;
        thread.join(10_000);
        completer.shutdown();
        completer.awaitTermination(5, TimeUnit.SECONDS);
    }
}
