package io.hearth.server.database;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;

/**
 * Instants in and out of timestamp columns, the same on every engine: bound as {@link Timestamp}, which PostgreSQL
 * and H2 store in their {@code TIMESTAMP WITH TIME ZONE} and SQLite as milliseconds since the epoch (an INTEGER that
 * compares and sorts as time does; db-scheduler writes its columns the same way).
 */
public final class SqlTime {

    private SqlTime() {}

    /** The value to bind; null stays null (a column without a time). */
    public static Timestamp of(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }

    /** The column's instant, or null when it has none. */
    public static Instant read(ResultSet rs, String column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }

    public static Instant read(ResultSet rs, int column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }
}
