package io.hearth.server.execution;

import io.hearth.node.ExecutionMode;
import io.hearth.runtime.execution.ExecutionStatus;
import io.hearth.server.database.SqlTime;
import io.hearth.server.support.Ids;
import java.nio.charset.StandardCharsets;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionTemplate;

/** Execution rows and their data (blocking JDBC). Writes of the hot path go through {@link ExecutionWriter}. */
@Repository
public class ExecutionRepository {

    private static final String COLUMNS =
            "id, workflow_id, workflow_version_id, workflow_name, status, mode, started_at, stopped_at, "
                    + "retry_of, error_message, error_node";

    private final JdbcClient jdbc;
    private final JdbcTemplate template;
    private final TransactionTemplate tx;
    private final String instanceId;

    public ExecutionRepository(
            JdbcClient jdbc,
            JdbcTemplate template,
            TransactionTemplate tx,
            io.hearth.server.cluster.InstanceIdentity instance) {
        this.jdbc = jdbc;
        this.template = template;
        this.tx = tx;
        this.instanceId = instance.id();
    }

    /** Inserts rows (and their data) in one JDBC batch per table. */
    void insertBatch(List<ExecutionWrite> writes) {
        template.batchUpdate(
                "INSERT INTO executions (" + COLUMNS + ", instance_id) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
                writes,
                writes.size(),
                (ps, w) -> {
                    bindRecord(ps, w.record());
                    ps.setString(12, w.queued() ? null : instanceId);
                });
        template.batchUpdate(
                "INSERT INTO execution_data (execution_id, data) VALUES (?,?)", writes, writes.size(), (ps, w) -> {
                    ps.setString(1, w.record().id());
                    ps.setBytes(2, utf8(w.data()));
                });
        if (writes.stream().anyMatch(ExecutionWrite::queued)) {
            // Delivered when this transaction commits, once however many rows it queued.
            template.execute(ExecutionQueue.NOTIFY);
        }
    }

    /** Updates rows written earlier (and their data). */
    void updateBatch(List<ExecutionWrite> writes) {
        template.batchUpdate(
                "UPDATE executions SET status = ?, stopped_at = ?, error_message = ?, error_node = ? WHERE id = ?",
                writes,
                writes.size(),
                (ps, w) -> {
                    ExecutionRecord r = w.record();
                    ps.setString(1, r.status().wireName());
                    ps.setObject(2, r.stoppedAt().map(SqlTime::of).orElse(null));
                    ps.setString(3, r.errorMessage().map(m -> truncate(m, 2000)).orElse(null));
                    ps.setString(4, r.errorNode().orElse(null));
                    ps.setString(5, r.id());
                });
        template.batchUpdate(
                "UPDATE execution_data SET data = ? WHERE execution_id = ?", writes, writes.size(), (ps, w) -> {
                    ps.setBytes(1, utf8(w.data()));
                    ps.setString(2, w.record().id());
                });
    }

    void deleteBatch(List<String> ids) {
        template.batchUpdate(
                "DELETE FROM execution_data WHERE execution_id = ?", ids, ids.size(), (ps, id) -> ps.setString(1, id));
        template.batchUpdate("DELETE FROM executions WHERE id = ?", ids, ids.size(), (ps, id) -> ps.setString(1, id));
    }

    private static void bindRecord(PreparedStatement ps, ExecutionRecord r) throws SQLException {
        ps.setString(1, r.id());
        ps.setString(2, r.workflowId());
        ps.setString(3, r.workflowVersionId().orElse(null));
        ps.setString(4, truncate(r.workflowName(), 255));
        ps.setString(5, r.status().wireName());
        ps.setString(6, r.mode().wireName());
        ps.setObject(7, SqlTime.of(r.startedAt()));
        ps.setObject(8, r.stoppedAt().map(SqlTime::of).orElse(null));
        ps.setString(9, r.retryOf().orElse(null));
        ps.setString(10, r.errorMessage().map(m -> truncate(m, 2000)).orElse(null));
        ps.setString(11, r.errorNode().orElse(null));
    }

    public Optional<ExecutionRecord> find(String id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM executions WHERE id = ?")
                .param(id)
                .query(ExecutionRepository::row)
                .optional();
    }

    public Optional<String> data(String id) {
        return jdbc.sql("SELECT data FROM execution_data WHERE execution_id = ?")
                .param(id)
                .query(DATA_COLUMN)
                .optional();
    }

    /** Reads {@code execution_data.data} as the first column: UTF-8 bytes (VARBINARY/BYTEA, see V5__execution_data_utf8.sql). */
    public static final RowMapper<String> DATA_COLUMN = (rs, n) -> new String(rs.getBytes(1), StandardCharsets.UTF_8);

    private static byte[] utf8(String data) {
        return data.getBytes(StandardCharsets.UTF_8);
    }

    public record Page(List<ExecutionRecord> data, long total, int limit, int offset) {}

    public Page list(Optional<String> workflowId, Optional<ExecutionStatus> status, int limit, int offset) {
        StringBuilder where = new StringBuilder(" WHERE 1=1");
        List<Object> params = new ArrayList<>();
        workflowId.ifPresent(w -> {
            where.append(" AND workflow_id = ?");
            params.add(w);
        });
        status.ifPresent(s -> {
            where.append(" AND status = ?");
            params.add(s.wireName());
        });
        long total = jdbc.sql("SELECT COUNT(*) FROM executions" + where)
                .params(params)
                .query(Long.class)
                .single();
        List<Object> p = new ArrayList<>(params);
        p.add(limit);
        p.add(offset);
        List<ExecutionRecord> rows = jdbc.sql(
                        "SELECT " + COLUMNS + " FROM executions" + where + " ORDER BY id DESC LIMIT ? OFFSET ?")
                .params(p)
                .query(ExecutionRepository::row)
                .list();
        return new Page(rows, total, limit, offset);
    }

    public long count() {
        return jdbc.sql("SELECT COUNT(*) FROM executions").query(Long.class).single();
    }

    public boolean delete(String id) {
        jdbc.sql("DELETE FROM execution_data WHERE execution_id = ?").param(id).update();
        return jdbc.sql("DELETE FROM executions WHERE id = ?").param(id).update() > 0;
    }

    /** Executions this instance left unfinished (it stopped or crashed while they ran). */
    public List<ExecutionRecord> unfinishedOf(String instance) {
        return jdbc.sql("SELECT " + COLUMNS
                        + " FROM executions WHERE status IN ('new', 'running', 'waiting') AND instance_id = ?")
                .param(instance)
                .query(ExecutionRepository::row)
                .list();
    }

    public int markCrashed(String id, Instant at) {
        return jdbc.sql(
                        "UPDATE executions SET status = 'crashed', stopped_at = ?, error_message = ? WHERE id = ? AND status IN ('new','running','waiting')")
                .params(SqlTime.of(at), "The server stopped while this execution was running", id)
                .update();
    }

    private static final String FINISHED = "status IN ('success','error','canceled','crashed')";

    /**
     * The newest execution retention lets go of: the newest beyond the {@code keep} newest executions, or the newest
     * started before {@code before}, whichever is newer. Finished executions up to it (by id) may be pruned. As
     * n8n does it: ids are time-ordered (UUIDv7), so both are found on the primary key, without scanning the table.
     * The age cut-off is the newest id created before {@code before} that started before it too.
     */
    public Optional<String> pruneCutoff(int keep, Instant before) {
        Optional<String> byCount = jdbc.sql("SELECT id FROM executions ORDER BY id DESC LIMIT 1 OFFSET ?")
                .param(keep)
                .query(String.class)
                .optional();
        Optional<String> byAge = jdbc.sql(
                        "SELECT id FROM executions WHERE id < ? AND started_at < ? ORDER BY id DESC LIMIT 1")
                .params(Ids.lowestIdAt(before), SqlTime.of(before))
                .query(String.class)
                .optional();
        return byCount.isEmpty()
                ? byAge
                : byAge.isEmpty() || byCount.get().compareTo(byAge.get()) > 0 ? byCount : byAge;
    }

    /** Finished executions up to {@code cutoff} (see {@link #pruneCutoff}): those retention has let go of, not pruned yet. */
    public long pruneBacklog(Optional<String> cutoff) {
        return cutoff.map(c -> jdbc.sql("SELECT COUNT(*) FROM executions WHERE id <= ? AND " + FINISHED)
                        .param(c)
                        .query(Long.class)
                        .single())
                .orElse(0L);
    }

    /**
     * The last id of the next batch of at most {@code batch} finished executions up to {@code cutoff}, oldest first
     * ({@code cutoff} itself when fewer are left). Ids are time-ordered, so a batch is one range of the primary key.
     */
    public String pruneBatchEnd(String cutoff, int batch) {
        return jdbc.sql("SELECT id FROM executions WHERE id <= ? AND " + FINISHED + " ORDER BY id LIMIT 1 OFFSET ?")
                .params(cutoff, batch - 1)
                .query(String.class)
                .optional()
                .orElse(cutoff);
    }

    /**
     * Deletes the finished executions (and their data) up to {@code end}, by range of the primary key, in one short
     * transaction; returns how many. Executions still running (or waiting) are left wherever they are.
     */
    public int pruneUpTo(String end) {
        Integer deleted = tx.execute(s -> {
            jdbc.sql("DELETE FROM execution_data WHERE execution_id <= ? AND execution_id IN"
                            + " (SELECT id FROM executions WHERE id <= ? AND " + FINISHED + ")")
                    .params(end, end)
                    .update();
            return jdbc.sql("DELETE FROM executions WHERE id <= ? AND " + FINISHED)
                    .param(end)
                    .update();
        });
        return deleted == null ? 0 : deleted;
    }

    private static ExecutionRecord row(ResultSet rs, int n) throws SQLException {
        return new ExecutionRecord(
                rs.getString("id"),
                rs.getString("workflow_id"),
                Optional.ofNullable(rs.getString("workflow_version_id")),
                rs.getString("workflow_name"),
                ExecutionStatus.fromWireName(rs.getString("status")),
                ExecutionMode.valueOf(rs.getString("mode").toUpperCase(Locale.ROOT)),
                SqlTime.read(rs, "started_at"),
                Optional.ofNullable(SqlTime.read(rs, "stopped_at")),
                Optional.ofNullable(rs.getString("retry_of")),
                Optional.ofNullable(rs.getString("error_message")),
                Optional.ofNullable(rs.getString("error_node")));
    }

    private static String truncate(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }
}
