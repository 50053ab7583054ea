package io.hearth.server.auth;

import io.hearth.server.database.SqlTime;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Users, sessions and API keys (blocking JDBC). */
@Repository
public class AuthRepository {

    private final JdbcClient jdbc;

    public AuthRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public long userCount() {
        return jdbc.sql("SELECT COUNT(*) FROM users").query(Long.class).single();
    }

    public void insertUser(User u, String passwordHash) {
        jdbc.sql("INSERT INTO users (id, email, name, password_hash, role, created_at) VALUES (?,?,?,?,?,?)")
                .params(u.id(), u.email(), u.name(), passwordHash, u.role(), SqlTime.of(u.createdAt()))
                .update();
    }

    public record UserWithHash(User user, String passwordHash) {}

    public Optional<UserWithHash> userByEmail(String email) {
        return jdbc.sql(
                        "SELECT id, email, name, role, created_at, password_hash FROM users WHERE LOWER(email) = LOWER(?)")
                .param(email)
                .query((rs, n) -> new UserWithHash(user(rs), rs.getString("password_hash")))
                .optional();
    }

    public Optional<User> user(String id) {
        return jdbc.sql("SELECT id, email, name, role, created_at FROM users WHERE id = ?")
                .param(id)
                .query((rs, n) -> user(rs))
                .optional();
    }

    public void insertSession(String tokenHash, String userId, Instant created, Instant expires) {
        jdbc.sql("INSERT INTO sessions (token_hash, user_id, created_at, expires_at) VALUES (?,?,?,?)")
                .params(tokenHash, userId, SqlTime.of(created), SqlTime.of(expires))
                .update();
    }

    public record SessionRow(String tokenHash, String userId, Instant createdAt, Instant expiresAt) {}

    public Optional<SessionRow> session(String tokenHash) {
        return jdbc.sql("SELECT token_hash, user_id, created_at, expires_at FROM sessions WHERE token_hash = ?")
                .param(tokenHash)
                .query((rs, n) -> sessionRow(rs))
                .optional();
    }

    public List<SessionRow> sessions(String userId) {
        return jdbc.sql("SELECT token_hash, user_id, created_at, expires_at FROM sessions WHERE user_id = ?"
                        + " ORDER BY created_at DESC")
                .param(userId)
                .query((rs, n) -> sessionRow(rs))
                .list();
    }

    public boolean deleteSession(String userId, String tokenHash) {
        return jdbc.sql("DELETE FROM sessions WHERE token_hash = ? AND user_id = ?")
                        .params(tokenHash, userId)
                        .update()
                > 0;
    }

    private static SessionRow sessionRow(ResultSet rs) throws SQLException {
        return new SessionRow(
                rs.getString("token_hash"),
                rs.getString("user_id"),
                SqlTime.read(rs, "created_at"),
                SqlTime.read(rs, "expires_at"));
    }

    public void deleteSession(String tokenHash) {
        jdbc.sql("DELETE FROM sessions WHERE token_hash = ?").param(tokenHash).update();
    }

    public void deleteExpiredSessions(Instant now) {
        jdbc.sql("DELETE FROM sessions WHERE expires_at < ?")
                .param(SqlTime.of(now))
                .update();
    }

    public record ApiKey(String id, String userId, String label, Instant createdAt, Optional<Instant> lastUsedAt) {}

    public void insertApiKey(ApiKey key, String keyHash) {
        jdbc.sql("INSERT INTO api_keys (id, user_id, label, key_hash, created_at) VALUES (?,?,?,?,?)")
                .params(key.id(), key.userId(), key.label(), keyHash, SqlTime.of(key.createdAt()))
                .update();
    }

    public Optional<ApiKey> apiKeyByHash(String keyHash) {
        return jdbc.sql("SELECT id, user_id, label, created_at, last_used_at FROM api_keys WHERE key_hash = ?")
                .param(keyHash)
                .query(AuthRepository::apiKey)
                .optional();
    }

    public List<ApiKey> apiKeys(String userId) {
        return jdbc.sql(
                        "SELECT id, user_id, label, created_at, last_used_at FROM api_keys WHERE user_id = ? ORDER BY created_at")
                .param(userId)
                .query(AuthRepository::apiKey)
                .list();
    }

    public boolean deleteApiKey(String userId, String id) {
        return jdbc.sql("DELETE FROM api_keys WHERE id = ? AND user_id = ?")
                        .params(id, userId)
                        .update()
                > 0;
    }

    public void touchApiKey(String id, Instant at) {
        jdbc.sql("UPDATE api_keys SET last_used_at = ? WHERE id = ?")
                .params(SqlTime.of(at), id)
                .update();
    }

    private static ApiKey apiKey(ResultSet rs, int n) throws SQLException {
        return new ApiKey(
                rs.getString("id"),
                rs.getString("user_id"),
                rs.getString("label"),
                SqlTime.read(rs, "created_at"),
                Optional.ofNullable(SqlTime.read(rs, "last_used_at")));
    }

    private static User user(ResultSet rs) throws SQLException {
        return new User(
                rs.getString("id"),
                rs.getString("email"),
                rs.getString("name"),
                rs.getString("role"),
                SqlTime.read(rs, "created_at"));
    }
}
