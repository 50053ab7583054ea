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

    // Free pages are kept up to a tenth of the file, and up to what new executions will take before the next
    // pruning pass (what this pass freed): pruning frees, the next inserts reuse, and moving pages to the end of
    // the file and back at every pass would cost writes for nothing. Beyond that (a lowered retention, deleted
    // workflows) they go back to the file system, at most STEP_PAGES (4 MB at 4 KB pages) per statement, each
    // statement one short hold of the write lock.
    private static final long SLACK_DIVISOR = 10;
    private static final long MIN_SLACK_PAGES = 256;
    private static final long STEP_PAGES = 1024;

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

    /** Pages of the file that hold no data (0 on engines other than SQLite). */
    public long freePages() {
        return sqlite ? pragma("freelist_count") : 0;
    }

    /**
     * Gives free pages back to the file system beyond a tenth of the file and beyond {@code reusedSoon} (pages that
     * new rows will take before the next call); returns how many.
     */
    public long reclaimFreePages(long reusedSoon) {
        if (!sqlite) {
            return 0;
        }
        long pages = pragma("page_count");
        long slack = Math.max(Math.max(MIN_SLACK_PAGES, pages / SLACK_DIVISOR), reusedSoon);
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
