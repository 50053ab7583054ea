package io.hearth.server.database;

import java.sql.SQLException;
import org.springframework.dao.CannotAcquireLockException;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.support.SQLExceptionSubclassTranslator;
import org.springframework.jdbc.support.SQLExceptionTranslator;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

/**
 * Spring's exceptions for SQLite's errors. The driver reports every error with a null SQL state, so Spring's
 * default translation would give no {@link DuplicateKeyException} for a primary key that exists (code that inserts
 * unless another writer was first relies on it). Other engines' errors go to Spring's default translator.
 */
final class SqliteExceptionTranslator implements SQLExceptionTranslator {

    private final SQLExceptionTranslator fallback = new SQLExceptionSubclassTranslator();

    @Override
    public DataAccessException translate(String task, String sql, SQLException ex) {
        SQLiteException sqlite = sqliteCause(ex);
        if (sqlite != null) {
            String message = task + "; " + (sql == null ? "" : "SQL [" + sql + "]; ") + sqlite.getMessage();
            SQLiteErrorCode code = sqlite.getResultCode();
            switch (code) {
                case SQLITE_CONSTRAINT_PRIMARYKEY, SQLITE_CONSTRAINT_UNIQUE -> {
                    return new DuplicateKeyException(message, ex);
                }
                case SQLITE_BUSY,
                        SQLITE_BUSY_RECOVERY,
                        SQLITE_BUSY_SNAPSHOT,
                        SQLITE_BUSY_TIMEOUT,
                        SQLITE_LOCKED,
                        SQLITE_LOCKED_SHAREDCACHE -> {
                    return new CannotAcquireLockException(message, ex);
                }
                default -> {
                    if (code.name().startsWith("SQLITE_CONSTRAINT")) {
                        return new DataIntegrityViolationException(message, ex);
                    }
                }
            }
        }
        return fallback.translate(task, sql, ex);
    }

    // A batch's failure comes as a BatchUpdateException with the driver's exception as its cause.
    private static SQLiteException sqliteCause(Throwable ex) {
        for (Throwable t = ex; t != null; t = t.getCause()) {
            if (t instanceof SQLiteException s) {
                return s;
            }
        }
        return null;
    }
}
