package io.hearth.server.database;

import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * Turns at the embedded database's single write lock for this server's busy writers (the execution writer's group
 * commits and the pruner's batches). SQLite lets one transaction write at a time; a writer that finds the lock taken
 * waits in SQLite's busy handler, which sleeps 1, 2, 5, 10 ... ms between tries, so the pruner's batches could keep
 * the writer out for many of them in a row and the writer's commits keep the pruner out in turn. Waiting here instead,
 * first come first served, hands the lock over as soon as it is free. On other engines (row locks, many writers) a
 * turn is taken at once.
 */
public final class WriteTurns {

    private final ReentrantLock lock = new ReentrantLock(true);
    private final boolean oneWriter;

    public WriteTurns(DatabaseKind kind) {
        this.oneWriter = kind == DatabaseKind.SQLITE;
    }

    /** Runs {@code write} (one whole transaction) in this writer's turn. */
    public <T> T call(Supplier<T> write) {
        if (!oneWriter) {
            return write.get();
        }
        lock.lock();
        try {
            return write.get();
        } finally {
            lock.unlock();
        }
    }

    public void run(Runnable write) {
        call(() -> {
            write.run();
            return null;
        });
    }
}
