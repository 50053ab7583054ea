package io.hearth.server.database;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/** A real SQLite file: pruned rows' pages go back to the file system, except those the next inserts will reuse. */
class DatabaseHousekeepingTest {

    private static final int ROWS = 3000;

    @TempDir
    Path dir;

    private SingleConnectionDataSource dataSource;
    private JdbcTemplate jdbc;
    private DatabaseHousekeeping housekeeping;
    private Path file;

    @BeforeEach
    void openDatabase() {
        file = dir.resolve("hearth.db");
        dataSource = new SingleConnectionDataSource("jdbc:sqlite:" + file, true);
        jdbc = new JdbcTemplate(dataSource);
        housekeeping = new DatabaseHousekeeping(jdbc, DatabaseKind.SQLITE);
        housekeeping.prepare();
        jdbc.execute("CREATE TABLE execution_data (id INTEGER PRIMARY KEY, data BLOB)");
        jdbc.update("WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < " + ROWS + ")"
                + " INSERT INTO execution_data (data) SELECT randomblob(4000) FROM n");
    }

    @AfterEach
    void close() {
        dataSource.destroy();
    }

    @Test
    void givesPrunedPagesBackToTheFileSystem() throws Exception {
        long before = Files.size(file);
        jdbc.update("DELETE FROM execution_data");
        long freed = housekeeping.freePages();
        assertThat(freed).isGreaterThanOrEqualTo(ROWS);

        long reclaimed = housekeeping.reclaimFreePages(0);

        assertThat(reclaimed).isGreaterThanOrEqualTo(freed - 256);
        assertThat(housekeeping.freePages()).isLessThanOrEqualTo(256);
        assertThat(Files.size(file)).isLessThan(before / 4);
    }

    @Test
    void keepsThePagesTheNextInsertsWillReuse() throws Exception {
        jdbc.update("DELETE FROM execution_data WHERE id % 2 = 0");
        long freed = housekeeping.freePages();
        long size = Files.size(file);

        assertThat(housekeeping.reclaimFreePages(freed)).isZero();

        assertThat(housekeeping.freePages()).isEqualTo(freed);
        assertThat(Files.size(file)).isEqualTo(size);
        // The next pass frees nothing new: what is still free beyond a tenth of the file goes back.
        housekeeping.reclaimFreePages(0);
        assertThat(housekeeping.freePages()).isLessThanOrEqualTo(Math.max(256, size / 4096 / 10));
        assertThat(Files.size(file)).isLessThan(size);
    }

    @Test
    void doesNothingOnOtherEngines() {
        jdbc.update("DELETE FROM execution_data");
        DatabaseHousekeeping other = new DatabaseHousekeeping(jdbc, DatabaseKind.POSTGRESQL);

        assertThat(other.freePages()).isZero();
        assertThat(other.reclaimFreePages(0)).isZero();
        assertThat(housekeeping.freePages()).isGreaterThanOrEqualTo(ROWS);
    }
}
