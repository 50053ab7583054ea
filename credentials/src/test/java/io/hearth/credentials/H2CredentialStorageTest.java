package io.hearth.credentials;

import java.nio.file.Path;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/** The storage contract on H2 2.x in file mode, Hearth's embedded database before SQLite (still usable by URL). */
class H2CredentialStorageTest extends CredentialStorageContract {

    @TempDir
    Path databaseDir;

    private JdbcDataSource dataSource;

    @BeforeEach
    void openDatabase() {
        dataSource = new JdbcDataSource();
        dataSource.setURL("jdbc:h2:file:" + databaseDir.resolve("hearth") + ";DB_CLOSE_DELAY=-1;WRITE_DELAY=0");
        dataSource.setUser("sa");
        CredentialsTable.create(dataSource);
    }

    @AfterEach
    void closeDatabase() throws SQLException {
        TestSupport.execute(dataSource, "SHUTDOWN");
    }

    @Override
    DataSource dataSource() {
        return dataSource;
    }

    /** Closes the database so that everything is on disk, then reads every file it wrote. */
    @Override
    Map<String, byte[]> persistedBytes() throws Exception {
        TestSupport.execute(dataSource, "SHUTDOWN");
        Map<String, byte[]> files = new LinkedHashMap<>();
        TestSupport.filesUnder(databaseDir).forEach((path, bytes) -> files.put(path.toString(), bytes));
        return files;
    }

    @Override
    void crashDatabaseSessions() {
        try {
            TestSupport.execute(dataSource, "SHUTDOWN IMMEDIATELY");
        } catch (SQLException e) {
            // The database reports its own closing to this session too.
        }
    }
}
