package io.hearth.server.database;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/** A real SQLite file in WAL mode: the log is copied into the database apart from the commits, and stays bounded. */
class WalCheckpointerTest {

    @TempDir
    Path dir;

    private SingleConnectionDataSource dataSource;
    private WalCheckpointer checkpointer;

    private String url;

    private JdbcTemplate open(String options) {
        url = "jdbc:sqlite:" + dir.resolve("hearth.db") + "?journal_mode=WAL&synchronous=NORMAL" + options;
        dataSource = new SingleConnectionDataSource(url, true);
        return new JdbcTemplate(dataSource);
    }

    @AfterEach
    void close() throws InterruptedException {
        if (checkpointer != null) {
            checkpointer.destroy();
        }
        dataSource.destroy();
    }

    private static long logFrames(JdbcTemplate jdbc) {
        return ((Number) jdbc.queryForMap("PRAGMA wal_checkpoint(PASSIVE)").values().stream()
                        .skip(1)
                        .findFirst()
                        .orElseThrow())
                .longValue();
    }

    private static void writePages(JdbcTemplate jdbc, int pages) {
        jdbc.update("WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < " + pages + ")"
                + " INSERT INTO execution_data (data) SELECT randomblob(3900) FROM n");
    }

    @Test
    void runsWhenTheDatabaseLeavesCheckpointsToIt() {
        JdbcTemplate jdbc = open("&wal_autocheckpoint=0");
        checkpointer = new WalCheckpointer(jdbc, DatabaseKind.SQLITE);

        assertThat(checkpointer.active()).isTrue();
    }

    @Test
    void leavesSqlitesOwnCheckpointsAndOtherEnginesAlone() {
        JdbcTemplate jdbc = open("");

        assertThat(new WalCheckpointer(jdbc, DatabaseKind.SQLITE, false).active())
                .isFalse();
        assertThat(new WalCheckpointer(jdbc, DatabaseKind.POSTGRESQL, false).active())
                .isFalse();
    }

    @Test
    void aLogPastItsBoundStartsOverAtTheNextCommit() throws Exception {
        JdbcTemplate jdbc = open("&wal_autocheckpoint=0");
        checkpointer = new WalCheckpointer(jdbc, DatabaseKind.SQLITE, false);
        jdbc.execute("CREATE TABLE execution_data (id INTEGER PRIMARY KEY, data BLOB)");
        writePages(jdbc, (int) WalCheckpointer.RESTART_FRAMES + 500);
        // A passive checkpoint that cannot copy everything (here a reader on an older snapshot; under load, the
        // writer's next commits) leaves the log to grow on.
        try (Connection reader = DriverManager.getConnection(url)) {
            reader.setAutoCommit(false);
            try (Statement s = reader.createStatement()) {
                s.executeQuery("SELECT COUNT(*) FROM execution_data").close();
            }
            writePages(jdbc, 10);
            checkpointer.checkpoint();
            writePages(jdbc, 10);
            assertThat(logFrames(jdbc)).isGreaterThan(WalCheckpointer.RESTART_FRAMES);
            reader.commit();
        }

        checkpointer.restartIfDue();
        writePages(jdbc, 10);

        assertThat(logFrames(jdbc)).isLessThan(100);
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM execution_data", Long.class))
                .isEqualTo(WalCheckpointer.RESTART_FRAMES + 530);
    }

    @Test
    void aShortLogIsCopiedWithoutWaitingForTheWriter() {
        JdbcTemplate jdbc = open("&wal_autocheckpoint=0");
        checkpointer = new WalCheckpointer(jdbc, DatabaseKind.SQLITE, false);
        jdbc.execute("CREATE TABLE execution_data (id INTEGER PRIMARY KEY, data BLOB)");
        writePages(jdbc, 200);

        assertThat(checkpointer.checkpoint()).isGreaterThanOrEqualTo(200).isLessThan(WalCheckpointer.RESTART_FRAMES);

        assertThat(jdbc.queryForMap("PRAGMA wal_checkpoint(PASSIVE)").values().stream()
                        .map(v -> ((Number) v).longValue())
                        .toList())
                .as("busy, frames, frames copied: everything was copied")
                .satisfies(r -> assertThat(r.get(2)).isEqualTo(r.get(1)));
    }
}
