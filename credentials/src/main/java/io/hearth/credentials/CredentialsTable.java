package io.hearth.credentials;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;

/**
 * The DDL of the {@code credentials} table, valid on SQLite, H2 2.x and PostgreSQL. The server's Flyway migration creates
 * exactly this table; {@link #create(DataSource)} is for tests and tools.
 */
public final class CredentialsTable {

    /** Class-path location of the DDL. */
    public static final String DDL_RESOURCE = "/io/hearth/credentials/credentials-table.sql";

    private CredentialsTable() {}

    public static String createTableSql() {
        try (InputStream in = CredentialsTable.class.getResourceAsStream(DDL_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(DDL_RESOURCE + " is missing from the class path");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static void create(DataSource dataSource) {
        try (Connection c = dataSource.getConnection();
                Statement s = c.createStatement()) {
            s.execute(createTableSql());
        } catch (SQLException e) {
            throw new CredentialStorageException("Could not create the credentials table: " + e.getMessage(), e);
        }
    }
}
