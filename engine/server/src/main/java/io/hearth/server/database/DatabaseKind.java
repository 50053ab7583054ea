package io.hearth.server.database;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Locale;
import javax.sql.DataSource;
import org.springframework.jdbc.CannotGetJdbcConnectionException;

/**
 * The database engines Hearth runs on, and what differs between them in the SQL Hearth writes. SQLite (the embedded
 * default) has no row locks: a transaction that writes holds the whole database's write lock from its start (the
 * driver begins every transaction IMMEDIATE), which is what {@code FOR UPDATE} asks for on the others.
 */
public enum DatabaseKind {
    SQLITE,
    H2,
    POSTGRESQL,
    OTHER;

    public static DatabaseKind of(DataSource dataSource) {
        try (Connection c = dataSource.getConnection()) {
            return of(c);
        } catch (SQLException e) {
            throw new CannotGetJdbcConnectionException("Cannot reach the database", e);
        }
    }

    public static DatabaseKind of(Connection c) throws SQLException {
        return switch (c.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT)) {
            case "sqlite" -> SQLITE;
            case "h2" -> H2;
            case "postgresql" -> POSTGRESQL;
            default -> OTHER;
        };
    }

    /** The clause that locks the rows a SELECT reads until the transaction ends ({@code ""} where a write transaction locks everything). */
    public String lockRows() {
        return this == SQLITE ? "" : " FOR UPDATE";
    }
}
