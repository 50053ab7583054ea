package io.hearth.credentials;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/** The storage contract on SQLite in a file, Hearth's embedded database, set up as the server sets it up. */
class SqliteCredentialStorageTest extends CredentialStorageContract {

    @TempDir
    Path databaseDir;

    private TrackingDataSource dataSource;

    @BeforeEach
    void openDatabase() {
        SQLiteConfig config = new SQLiteConfig();
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        config.setSynchronous(SQLiteConfig.SynchronousMode.NORMAL);
        config.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
        config.setBusyTimeout(30_000);
        dataSource = new TrackingDataSource(config);
        dataSource.setUrl("jdbc:sqlite:" + databaseDir.resolve("hearth.db"));
        CredentialsTable.create(dataSource);
    }

    @AfterEach
    void closeDatabase() {
        dataSource.closeAll();
    }

    @Override
    DataSource dataSource() {
        return dataSource;
    }

    /** Copies the write-ahead log into the database file first, then reads every file it wrote. */
    @Override
    Map<String, byte[]> persistedBytes() throws Exception {
        TestSupport.execute(dataSource, "PRAGMA wal_checkpoint(TRUNCATE)");
        Map<String, byte[]> files = new LinkedHashMap<>();
        TestSupport.filesUnder(databaseDir).forEach((path, bytes) -> files.put(path.toString(), bytes));
        return files;
    }

    /**
     * SQLite runs inside the process: a crash of the process is every open connection gone at once, their open
     * transactions with them (never committed, so never seen by the next connection).
     */
    @Override
    void crashDatabaseSessions() {
        dataSource.closeAll();
    }

    /** Remembers the connections it opened, to close them all at once. */
    private static final class TrackingDataSource extends SQLiteDataSource {
        private final List<Connection> opened = new ArrayList<>();

        TrackingDataSource(SQLiteConfig config) {
            super(config);
        }

        @Override
        public synchronized Connection getConnection() throws SQLException {
            Connection c = super.getConnection();
            opened.add(c);
            return c;
        }

        synchronized void closeAll() {
            for (Connection c : opened) {
                try {
                    c.close();
                } catch (SQLException e) {
                    // already gone
                }
            }
            opened.clear();
        }
    }
}
