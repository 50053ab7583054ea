package io.hearth.server.workflow;

import io.hearth.runtime.workflow.Workflow;
import io.hearth.runtime.workflow.WorkflowJson;
import io.hearth.server.database.SqlTime;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionTemplate;

/** Workflows and their version history (blocking JDBC; call through {@link io.hearth.server.support.Blocking}). */
@Repository
public class WorkflowRepository {

    private final JdbcClient jdbc;
    private final TransactionTemplate tx;

    public WorkflowRepository(JdbcClient jdbc, TransactionTemplate tx) {
        this.jdbc = jdbc;
        this.tx = tx;
    }

    /** Inserts a new workflow with its first version. */
    public void insert(StoredWorkflow w) {
        String definition = definition(w.workflow());
        tx.executeWithoutResult(s -> {
            jdbc.sql(
                            "INSERT INTO workflows (id, name, active, version_id, definition, created_at, updated_at) VALUES (?,?,?,?,?,?,?)")
                    .params(
                            w.id(),
                            w.name(),
                            w.active(),
                            w.versionId(),
                            definition,
                            SqlTime.of(w.createdAt()),
                            SqlTime.of(w.updatedAt()))
                    .update();
            insertVersion(w, definition);
        });
    }

    /** Saves a new version; returns false when the workflow does not exist. */
    public boolean update(StoredWorkflow w) {
        String definition = definition(w.workflow());
        Boolean done = tx.execute(s -> {
            int n = jdbc.sql(
                            "UPDATE workflows SET name = ?, active = ?, version_id = ?, definition = ?, updated_at = ? WHERE id = ?")
                    .params(w.name(), w.active(), w.versionId(), definition, SqlTime.of(w.updatedAt()), w.id())
                    .update();
            if (n == 0) {
                return false;
            }
            insertVersion(w, definition);
            return true;
        });
        return Boolean.TRUE.equals(done);
    }

    private void insertVersion(StoredWorkflow w, String definition) {
        jdbc.sql(
                        "INSERT INTO workflow_versions (version_id, workflow_id, name, definition, created_at) VALUES (?,?,?,?,?)")
                .params(w.versionId(), w.id(), w.name(), definition, SqlTime.of(w.updatedAt()))
                .update();
    }

    public boolean setActive(String id, boolean active) {
        return jdbc.sql("UPDATE workflows SET active = ? WHERE id = ?")
                        .params(active, id)
                        .update()
                > 0;
    }

    public Optional<StoredWorkflow> find(String id) {
        return jdbc.sql(
                        "SELECT id, name, active, version_id, definition, created_at, updated_at FROM workflows WHERE id = ?")
                .param(id)
                .query(WorkflowRepository::row)
                .optional();
    }

    /** Active workflow ids with their current version ids. */
    public java.util.Map<String, String> activeVersions() {
        java.util.Map<String, String> out = new java.util.HashMap<>();
        jdbc.sql("SELECT id, version_id FROM workflows WHERE active = TRUE")
                .query((rs, n) -> out.put(rs.getString(1), rs.getString(2)))
                .list();
        return out;
    }

    public List<StoredWorkflow> findActive() {
        return jdbc.sql(
                        "SELECT id, name, active, version_id, definition, created_at, updated_at FROM workflows WHERE active = TRUE")
                .query(WorkflowRepository::row)
                .list();
    }

    public record Summary(
            String id,
            String name,
            boolean active,
            String versionId,
            int nodeCount,
            Instant createdAt,
            Instant updatedAt) {}

    public record Page<T>(List<T> data, long total, int limit, int offset) {}

    public Page<Summary> list(Optional<Boolean> active, Optional<String> nameContains, int limit, int offset) {
        StringBuilder where = new StringBuilder(" WHERE 1=1");
        List<Object> params = new ArrayList<>();
        active.ifPresent(a -> {
            where.append(" AND active = ?");
            params.add(a);
        });
        nameContains.filter(n -> !n.isBlank()).ifPresent(n -> {
            where.append(" AND LOWER(name) LIKE ?");
            params.add("%" + n.toLowerCase(java.util.Locale.ROOT) + "%");
        });
        long total = jdbc.sql("SELECT COUNT(*) FROM workflows" + where)
                .params(params)
                .query(Long.class)
                .single();
        List<Object> pageParams = new ArrayList<>(params);
        pageParams.add(limit);
        pageParams.add(offset);
        List<Summary> rows = jdbc.sql(
                        "SELECT id, name, active, version_id, definition, created_at, updated_at FROM workflows" + where
                                + " ORDER BY updated_at DESC, id LIMIT ? OFFSET ?")
                .params(pageParams)
                .query((rs, n) -> {
                    StoredWorkflow w = row(rs, n);
                    return new Summary(
                            w.id(),
                            w.name(),
                            w.active(),
                            w.versionId(),
                            w.workflow().nodes().size(),
                            w.createdAt(),
                            w.updatedAt());
                })
                .list();
        return new Page<>(rows, total, limit, offset);
    }

    /** The workflows whose current version uses the credential, by name: what deleting it would break. */
    public List<Summary> usingCredential(String credentialId) {
        return jdbc
                .sql("SELECT id, name, active, version_id, definition, created_at, updated_at FROM workflows"
                        + " WHERE definition LIKE ? ORDER BY name")
                .param("%" + credentialId + "%")
                .query(WorkflowRepository::row)
                .list()
                .stream()
                .filter(w -> w.workflow().nodes().stream()
                        .anyMatch(n -> n.credentials().values().stream().anyMatch(c -> credentialId.equals(c.id()))))
                .map(w -> new Summary(
                        w.id(),
                        w.name(),
                        w.active(),
                        w.versionId(),
                        w.workflow().nodes().size(),
                        w.createdAt(),
                        w.updatedAt()))
                .toList();
    }

    public boolean delete(String id) {
        Boolean done = tx.execute(s -> {
            jdbc.sql("DELETE FROM workflow_versions WHERE workflow_id = ?")
                    .param(id)
                    .update();
            return jdbc.sql("DELETE FROM workflows WHERE id = ?").param(id).update() > 0;
        });
        return Boolean.TRUE.equals(done);
    }

    public record Version(String versionId, String name, int nodeCount, Instant createdAt) {}

    public List<Version> versions(String workflowId) {
        return jdbc.sql(
                        "SELECT version_id, name, definition, created_at FROM workflow_versions WHERE workflow_id = ? ORDER BY created_at DESC, version_id DESC")
                .param(workflowId)
                .query((rs, n) -> new Version(
                        rs.getString("version_id"),
                        rs.getString("name"),
                        WorkflowJson.parse(rs.getString("definition")).nodes().size(),
                        SqlTime.read(rs, "created_at")))
                .list();
    }

    public Optional<Workflow> version(String workflowId, String versionId) {
        return jdbc.sql("SELECT definition FROM workflow_versions WHERE workflow_id = ? AND version_id = ?")
                .params(workflowId, versionId)
                .query((rs, n) -> WorkflowJson.parse(rs.getString("definition")).withId(workflowId))
                .optional();
    }

    private static String definition(Workflow w) {
        return WorkflowJson.toJsonText(w.withActive(false));
    }

    private static StoredWorkflow row(ResultSet rs, int n) throws SQLException {
        Workflow w = WorkflowJson.parse(rs.getString("definition"))
                .withId(rs.getString("id"))
                .withActive(rs.getBoolean("active"))
                .withName(rs.getString("name"));
        return new StoredWorkflow(
                rs.getString("id"),
                rs.getString("version_id"),
                w,
                SqlTime.read(rs, "created_at"),
                SqlTime.read(rs, "updated_at"));
    }
}
