package io.hearth.server.database;

import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Checkpoints of the embedded SQLite database's write-ahead log on a thread of their own. SQLite's default runs a
 * checkpoint inside the commit that takes the log past 1,000 pages: that commit copies the pages into the database
 * file and syncs both files to disk (with {@code synchronous=NORMAL} these are the only syncs there are), and the
 * group-commit writer, and every execution waiting for it, stands still meanwhile (a sync takes ~4-10 ms on the
 * benchmark's virtual disk; see benchmark/README.md). With {@code wal_autocheckpoint=0} in the database URL (the
 * default URL has it) commits only append to the log, and this thread copies the log into the file while the
 * writer goes on ({@code PASSIVE}: it takes no lock the writer needs). Durability is the same: a commit is in the log
 * before it returns either way; a checkpoint only moves what is already there.
 * <p>
 * A passive checkpoint never catches up with a writer that does not pause, and the log starts over from its
 * beginning only once everything in it was copied; so when the log has grown past {@link #RESTART_FRAMES}, the writer
 * runs one checkpoint itself between two batches ({@link #restartIfDue()}), after which its next commit starts the
 * log over. On other engines, or with SQLite's own checkpoints left on, it does nothing.
 */
public final class WalCheckpointer implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(WalCheckpointer.class);

    static final long INTERVAL_MILLIS = 250;
    // 16 MB of 4 KB pages, the log's journal_size_limit in the default URL
    static final long RESTART_FRAMES = 4096;

    private final JdbcTemplate jdbc;
    private final boolean active;
    private final Optional<Thread> thread;
    private volatile boolean running = true;
    private volatile boolean restartDue;

    public WalCheckpointer(JdbcTemplate jdbc, DatabaseKind kind) {
        this(jdbc, kind, true);
    }

    /** {@code background} false: only {@link #checkpoint()} when called (tests). */
    WalCheckpointer(JdbcTemplate jdbc, DatabaseKind kind, boolean background) {
        this.jdbc = jdbc;
        this.active = kind == DatabaseKind.SQLITE && ownCheckpointsOff(jdbc);
        this.thread = active && background
                ? Optional.of(Thread.ofPlatform()
                        .name("hearth-wal-checkpoint")
                        .daemon(true)
                        .start(this::loop))
                : Optional.empty();
    }

    private static boolean ownCheckpointsOff(JdbcTemplate jdbc) {
        return "wal".equalsIgnoreCase(jdbc.queryForObject("PRAGMA journal_mode", String.class))
                && Long.valueOf(0).equals(jdbc.queryForObject("PRAGMA wal_autocheckpoint", Long.class));
    }

    /** Whether checkpoints run here (SQLite in WAL mode, its own checkpoints off). */
    public boolean active() {
        return active;
    }

    private void loop() {
        while (running) {
            try {
                Thread.sleep(INTERVAL_MILLIS);
                checkpoint();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                log.warn("Checkpoint of the database's write-ahead log failed: {}", e.getMessage());
            }
        }
    }

    /**
     * One passive checkpoint; returns the log's frames. Past {@link #RESTART_FRAMES} the next {@link #restartIfDue()}
     * starts the log over.
     */
    long checkpoint() {
        long frames = frames("PASSIVE");
        restartDue = frames >= RESTART_FRAMES;
        return frames;
    }

    /**
     * Called by the group-commit writer between two of its transactions: when the log has grown past its bound,
     * copies what the last passive checkpoint left, so that the next commit starts the log over (as SQLite's own
     * checkpoint in a commit does, and like it without waiting for readers). The writer waits for this (two syncs)
     * once per {@link #RESTART_FRAMES} pages instead of a whole checkpoint per 1,000; the checkpoint thread could not
     * do it, since it would have to find a gap between the writer's transactions, which under load never comes.
     */
    public void restartIfDue() {
        if (restartDue) {
            restartDue = false;
            try {
                frames("PASSIVE");
            } catch (RuntimeException e) {
                log.warn("Checkpoint of the database's write-ahead log failed: {}", e.getMessage());
            }
        }
    }

    private long frames(String mode) {
        // a row (busy, frames in the log, frames checkpointed)
        Map<String, Object> row = jdbc.queryForMap("PRAGMA wal_checkpoint(" + mode + ")");
        Object value = row.values().stream().skip(1).findFirst().orElse(0L);
        return value instanceof Number n ? n.longValue() : 0;
    }

    @Override
    public void destroy() throws InterruptedException {
        running = false;
        if (thread.isPresent()) {
            thread.get().interrupt();
            thread.get().join(5_000);
        }
    }
}
