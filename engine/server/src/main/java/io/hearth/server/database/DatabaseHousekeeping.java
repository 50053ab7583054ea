package io.hearth.server.database;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Housekeeping of the embedded SQLite database, so that its file follows the data it holds (on other engines it
 * does nothing: PostgreSQL's autovacuum does its own, H2 is only read to be moved). SQLite reuses the
 * pages of deleted rows for new ones but never returns them to the file system on its own; with incremental
 * auto-vacuum (set before the first table is created) it gives back free pages when asked, without rewriting the
 * database or locking it for longer than the pages take to move.
 */
public final class DatabaseHousekeeping {

    private static final Logger log = LoggerFactory.getLogger(DatabaseHousekeeping.class);

    // Free pages are kept up to a tenth of the file: pruning frees, new executions reuse, and moving pages back
    // and forth at every pass would cost writes for nothing. Beyond it (a lowered retention, deleted workflows)
    // they go back to the file system, at most STEP_PAGES (16 MB at 4 KB pages) per statement, each statement
    // one short hold of the write lock.
    private static final long SLACK_DIVISOR = 10;
    private static final long MIN_SLACK_PAGES = 256;
    private static final long STEP_PAGES = 4096;

    private final JdbcTemplate jdbc;
    private final boolean sqlite;

    public DatabaseHousekeeping(JdbcTemplate jdbc, DatabaseKind kind) {
        this.jdbc = jdbc;
        this.sqlite = kind == DatabaseKind.SQLITE;
    }

    /** Before the schema exists: incremental auto-vacuum (a new, empty file takes it at once; an older one is rebuilt once). */
    public void prepare() {
        if (sqlite && pragma("auto_vacuum") != 2) {
            log.info("Setting up incremental vacuum of the embedded database (a one-time rebuild of its file)");
            jdbc.execute("PRAGMA auto_vacuum=INCREMENTAL");
            jdbc.execute("VACUUM");
        }
    }

    /** Gives free pages beyond the slack back to the file system; returns how many. */
    public long reclaimFreePages() {
        if (!sqlite) {
            return 0;
        }
        long pages = pragma("page_count");
        long slack = Math.max(MIN_SLACK_PAGES, pages / SLACK_DIVISOR);
        long reclaimed = 0;
        long free = pragma("freelist_count");
        while (free > slack) {
            long step = Math.min(STEP_PAGES, free - slack / 2);
            // The statement frees one page per step of its execution: executeUpdate runs it to its end (the
            // driver's execute() would stop after the first page).
            jdbc.update("PRAGMA incremental_vacuum(" + step + ")");
            reclaimed += step;
            long left = pragma("freelist_count");
            if (left >= free) {
                break;
            }
            free = left;
        }
        return reclaimed;
    }

    private long pragma(String name) {
        Long value = jdbc.queryForObject("PRAGMA " + name, Long.class);
        return value == null ? 0 : value;
    }
}
