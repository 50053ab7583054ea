package io.hearth.credentials;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javax.sql.DataSource;

/** Plain JDBC over the {@code credentials} table; portable between SQLite, H2 2.x and PostgreSQL. Knows no keys. */
final class CredentialRepository {

    private static final String COLUMNS = "id, name, type, data, key_id, created_at, updated_at";

    private final DataSource dataSource;

    CredentialRepository(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    DataSource dataSource() {
        return dataSource;
    }

    void insert(CredentialRow row) {
        update("insert a credential", "INSERT INTO credentials (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?)", ps -> {
            ps.setString(1, row.id());
            ps.setString(2, row.name());
            ps.setString(3, row.type());
            ps.setString(4, row.data());
            ps.setString(5, row.keyId());
            ps.setObject(6, timestamp(row.createdAt()));
            ps.setObject(7, timestamp(row.updatedAt()));
        });
    }

    Optional<CredentialRow> find(String id) {
        List<CredentialRow> rows = query(
                "read a credential", "SELECT " + COLUMNS + " FROM credentials WHERE id = ?", ps -> ps.setString(1, id));
        return rows.stream().findFirst();
    }

    /** Every row, ciphertext included. */
    List<CredentialRow> all() {
        return query("read the credentials", "SELECT " + COLUMNS + " FROM credentials ORDER BY id", ps -> {});
    }

    List<CredentialSummary> summaries(Optional<String> type) {
        String sql = "SELECT id, name, type, created_at, updated_at FROM credentials"
                + (type.isPresent() ? " WHERE type = ?" : "") + " ORDER BY name, id";
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(sql)) {
            if (type.isPresent()) {
                ps.setString(1, type.get());
            }
            try (ResultSet rs = ps.executeQuery()) {
                List<CredentialSummary> list = new ArrayList<>();
                while (rs.next()) {
                    list.add(new CredentialSummary(
                            rs.getString(1), rs.getString(2), rs.getString(3), instant(rs, 4), instant(rs, 5)));
                }
                return list;
            }
        } catch (SQLException e) {
            throw failure("list the credentials", e);
        }
    }

    boolean updateData(String id, String data, String keyId, Instant updatedAt) {
        return update(
                        "update a credential",
                        "UPDATE credentials SET data = ?, key_id = ?, updated_at = ? WHERE id = ?",
                        ps -> {
                            ps.setString(1, data);
                            ps.setString(2, keyId);
                            ps.setObject(3, timestamp(updatedAt));
                            ps.setString(4, id);
                        })
                == 1;
    }

    boolean rename(String id, String name, Instant updatedAt) {
        return update("rename a credential", "UPDATE credentials SET name = ?, updated_at = ? WHERE id = ?", ps -> {
                    ps.setString(1, name);
                    ps.setObject(2, timestamp(updatedAt));
                    ps.setString(3, id);
                })
                == 1;
    }

    boolean delete(String id) {
        return update("delete a credential", "DELETE FROM credentials WHERE id = ?", ps -> ps.setString(1, id)) == 1;
    }

    Set<String> keyIdsInUse() {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT DISTINCT key_id FROM credentials");
                ResultSet rs = ps.executeQuery()) {
            Set<String> ids = new HashSet<>();
            while (rs.next()) {
                ids.add(rs.getString(1));
            }
            return Set.copyOf(ids);
        } catch (SQLException e) {
            throw failure("read the key ids of the stored credentials", e);
        }
    }

    // ---- for the rotation transaction, on a connection the caller controls

    static List<CredentialRow> lockAll(Connection c) throws SQLException {
        try (PreparedStatement ps =
                        c.prepareStatement("SELECT " + COLUMNS + " FROM credentials ORDER BY id" + lockRows(c));
                ResultSet rs = ps.executeQuery()) {
            List<CredentialRow> rows = new ArrayList<>();
            while (rs.next()) {
                rows.add(row(rs));
            }
            return rows;
        }
    }

    /** SQLite has no row locks: there the open write transaction (begun IMMEDIATE) already excludes other writers. */
    private static String lockRows(Connection c) throws SQLException {
        return "SQLite".equals(c.getMetaData().getDatabaseProductName()) ? "" : " FOR UPDATE";
    }

    static PreparedStatement prepareReEncrypt(Connection c) throws SQLException {
        return c.prepareStatement("UPDATE credentials SET data = ?, key_id = ? WHERE id = ? AND key_id = ?");
    }

    // ----

    // As the server binds times (its SqlTime): a Timestamp, which SQLite stores as epoch milliseconds and the
    // others in their TIMESTAMP WITH TIME ZONE.
    static Object timestamp(Instant instant) {
        return Timestamp.from(instant);
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        return rs.getTimestamp(column).toInstant();
    }

    private static CredentialRow row(ResultSet rs) throws SQLException {
        return new CredentialRow(
                rs.getString(1),
                rs.getString(2),
                rs.getString(3),
                rs.getString(4),
                rs.getString(5),
                instant(rs, 6),
                instant(rs, 7));
    }

    private List<CredentialRow> query(String what, String sql, Binder binder) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(sql)) {
            binder.bind(ps);
            try (ResultSet rs = ps.executeQuery()) {
                List<CredentialRow> rows = new ArrayList<>();
                while (rs.next()) {
                    rows.add(row(rs));
                }
                return rows;
            }
        } catch (SQLException e) {
            throw failure(what, e);
        }
    }

    private int update(String what, String sql, Binder binder) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(sql)) {
            binder.bind(ps);
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw failure(what, e);
        }
    }

    private static CredentialStorageException failure(String what, SQLException e) {
        return new CredentialStorageException("Could not " + what + ": " + e.getMessage(), e);
    }

    @FunctionalInterface
    private interface Binder {
        void bind(PreparedStatement ps) throws SQLException;
    }
}
