package io.hearth.server.database;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Blob;
import java.sql.Clob;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hearth's embedded database was H2 ({@code data/hearth.mv.db}) before it became SQLite ({@code data/hearth.db}).
 * On the first start of a newer Hearth on such a data directory, everything in the H2 database (users, workflows and
 * their versions, credentials, executions, schedules...) is copied into the new SQLite database in one transaction,
 * after bringing the H2 schema up to date with the same migrations. The H2 file is then renamed
 * {@code hearth-h2-backup.mv.db} and left in place: nothing is deleted.
 */
public final class LegacyH2Import {

    private static final Logger log = LoggerFactory.getLogger(LegacyH2Import.class);
    static final String H2_FILE = "hearth.mv.db";
    static final String BACKUP_FILE = "hearth-h2-backup.mv.db";
    private static final int BATCH = 500;
    // Tables whose rows others point to come first (the rest are copied in name order).
    private static final List<String> FIRST = List.of("users");

    private final Path dataDir;
    private final DataSource target;

    public LegacyH2Import(Path dataDir, DataSource target) {
        this.dataDir = dataDir;
        this.target = target;
    }

    public boolean pending() {
        return Files.exists(dataDir.resolve(H2_FILE));
    }

    /** Copies the H2 database into the (migrated, empty) SQLite one and renames the H2 file; returns rows copied. */
    public long run() {
        Path h2 = dataDir.resolve(H2_FILE);
        String url = "jdbc:h2:file:" + dataDir.resolve("hearth") + ";DB_CLOSE_ON_EXIT=FALSE";
        log.info("Found the H2 database of an earlier Hearth ({}): moving its data into SQLite", h2);
        Flyway.configure()
                .dataSource(url, "sa", "")
                .locations("classpath:db/migration/common", "classpath:db/migration/h2")
                .load()
                .migrate();
        long copied;
        try (Connection from = DriverManager.getConnection(url, "sa", "");
                Connection to = target.getConnection()) {
            refuseIfTargetHoldsData(to, h2);
            copied = copyAll(from, to);
            try (Statement s = from.createStatement()) {
                s.execute("SHUTDOWN");
            }
        } catch (SQLException e) {
            throw new IllegalStateException(
                    "Could not move the H2 database " + h2 + " into SQLite (nothing was changed; the H2 file is as it"
                            + " was): " + e.getMessage(),
                    e);
        }
        try {
            Files.move(h2, dataDir.resolve(BACKUP_FILE));
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "Moved the H2 database into SQLite, but could not rename " + h2 + " to " + BACKUP_FILE
                            + ": rename or remove it before the next start",
                    e);
        }
        log.info(
                "Moved {} rows from H2 into SQLite; the H2 file is kept as {} (delete it when you no longer need it)",
                copied,
                dataDir.resolve(BACKUP_FILE));
        return copied;
    }

    private static void refuseIfTargetHoldsData(Connection to, Path h2) throws SQLException {
        for (String table : List.of("users", "workflows", "credentials", "executions")) {
            try (Statement s = to.createStatement();
                    ResultSet r = s.executeQuery("SELECT COUNT(*) FROM " + table)) {
                r.next();
                if (r.getLong(1) > 0) {
                    throw new IllegalStateException("Both " + h2 + " (H2, from an earlier Hearth) and the SQLite"
                            + " database hold data (table " + table + "): Hearth will not merge them. Move one of"
                            + " them out of the data directory and start again.");
                }
            }
        }
    }

    private static long copyAll(Connection from, Connection to) throws SQLException {
        boolean autoCommit = to.getAutoCommit();
        to.setAutoCommit(false);
        try (Statement s = to.createStatement()) {
            s.execute("PRAGMA defer_foreign_keys=ON"); // checked at commit, whatever the order of the tables
            long total = 0;
            Map<String, Long> counts = new LinkedHashMap<>();
            for (String table : tablesOf(to)) {
                List<String> columns = commonColumns(from, to, table);
                if (!columns.isEmpty()) {
                    long n = copy(from, to, table, columns);
                    counts.put(table, n);
                    total += n;
                }
            }
            to.commit();
            log.info("Rows moved from H2 per table: {}", counts);
            return total;
        } catch (SQLException | RuntimeException e) {
            to.rollback();
            throw e;
        } finally {
            to.setAutoCommit(autoCommit);
        }
    }

    private static List<String> tablesOf(Connection to) throws SQLException {
        Set<String> names = new TreeSet<>();
        try (Statement s = to.createStatement();
                ResultSet r = s.executeQuery("SELECT name FROM sqlite_master WHERE type = 'table'"
                        + " AND name NOT LIKE 'sqlite_%' AND name <> 'flyway_schema_history'")) {
            while (r.next()) {
                names.add(r.getString(1));
            }
        }
        List<String> ordered =
                new ArrayList<>(FIRST.stream().filter(names::contains).toList());
        names.stream().filter(n -> !FIRST.contains(n)).forEach(ordered::add);
        return ordered;
    }

    /** The target table's columns that the H2 table has too (none when H2 has no such table). */
    private static List<String> commonColumns(Connection from, Connection to, String table) throws SQLException {
        Set<String> inH2 = new TreeSet<>();
        try (PreparedStatement p = from.prepareStatement("SELECT COLUMN_NAME FROM INFORMATION_SCHEMA.COLUMNS"
                + " WHERE TABLE_SCHEMA = 'PUBLIC' AND TABLE_NAME = ?")) {
            p.setString(1, table.toUpperCase(Locale.ROOT));
            try (ResultSet r = p.executeQuery()) {
                while (r.next()) {
                    inH2.add(r.getString(1).toLowerCase(Locale.ROOT));
                }
            }
        }
        List<String> columns = new ArrayList<>();
        try (Statement s = to.createStatement();
                ResultSet r = s.executeQuery("PRAGMA table_info(" + table + ")")) {
            while (r.next()) {
                String name = r.getString("name");
                if (inH2.contains(name.toLowerCase(Locale.ROOT))) {
                    columns.add(name);
                }
            }
        }
        return columns;
    }

    private static long copy(Connection from, Connection to, String table, List<String> columns) throws SQLException {
        String list = String.join(", ", columns);
        String marks = String.join(", ", columns.stream().map(c -> "?").toList());
        long n = 0;
        try (Statement read = from.createStatement();
                PreparedStatement write =
                        to.prepareStatement("INSERT INTO " + table + " (" + list + ") VALUES (" + marks + ")")) {
            read.setFetchSize(BATCH);
            try (ResultSet r = read.executeQuery("SELECT " + list + " FROM " + table)) {
                while (r.next()) {
                    for (int i = 1; i <= columns.size(); i++) {
                        write.setObject(i, portable(r.getObject(i)));
                    }
                    write.addBatch();
                    if (++n % BATCH == 0) {
                        write.executeBatch();
                    }
                }
            }
            write.executeBatch();
        }
        return n;
    }

    /** A value H2 returned, as SQLite stores it (times as Hearth writes them: see {@link SqlTime}). */
    private static Object portable(Object value) throws SQLException {
        return switch (value) {
            case null -> null;
            case OffsetDateTime t -> Timestamp.from(t.toInstant());
            case LocalDateTime t -> Timestamp.valueOf(t);
            case Clob c -> c.getSubString(1, (int) c.length());
            case Blob b -> b.getBytes(1, (int) b.length());
            case java.util.UUID u -> u.toString();
            default -> value;
        };
    }
}
