package io.hearth.server.execution;

import io.hearth.node.ExecutionMode;
import io.hearth.runtime.execution.ExecutionStatus;
import io.hearth.server.database.SqlTime;
import io.hearth.server.support.Ids;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Queue mode on PostgreSQL, in the way of PostgreSQL job queues (pg-boss, Oban, River, graphile-worker): the
 * execution row itself is the queue entry. Queuing is the insert of the row (status {@code new}, no instance), in
 * the same group-commit transaction as any other record, with a {@code NOTIFY} that wakes idle workers when it
 * commits. A worker claims a batch with {@code FOR UPDATE SKIP LOCKED}, setting its instance, status
 * {@code running} and {@code queued}; its final record is the usual update of that row.
 * <p>
 * Leases are per worker, not per execution: each worker renews its row in {@code execution_queue_workers} every
 * {@value #HEARTBEAT_SECONDS} s. A worker whose lease ran out is removed by another worker, in the same transaction
 * that marks its unfinished claims crashed and queues each again as a retry of it (mode {@code retry},
 * {@code retryOf} the crashed one): at least once, and the history shows it.
 */
public final class ExecutionQueue {

    private static final Logger log = LoggerFactory.getLogger(ExecutionQueue.class);

    static final String CHANNEL = "hearth_execution_queue";
    static final String NOTIFY = "NOTIFY " + CHANNEL;
    static final String LISTEN = "LISTEN " + CHANNEL;
    public static final int HEARTBEAT_SECONDS = 2;
    /** Runs of one accepted execution (the first and its retries) that a stopping worker may cut off. */
    static final int MAX_ATTEMPTS = 3;

    private static final String CLAIM = """
            WITH picked AS (
              SELECT id FROM executions
               WHERE status = 'new' AND instance_id IS NULL
                 AND EXISTS (SELECT 1 FROM execution_queue_workers WHERE instance_id = ?)
               ORDER BY id LIMIT ? FOR UPDATE SKIP LOCKED),
            claimed AS (
              UPDATE executions e SET status = 'running', instance_id = ?, queued = TRUE
                FROM picked WHERE e.id = picked.id
              RETURNING e.id, e.workflow_id, e.workflow_version_id, e.workflow_name, e.mode, e.started_at, e.retry_of)
            SELECT c.*, d.data FROM claimed c JOIN execution_data d ON d.execution_id = c.id""";

    private final ExecutionWriter writer;
    private final JdbcClient jdbc;
    private final JdbcTemplate template;
    private final TransactionTemplate tx;
    private final Clock clock;

    public ExecutionQueue(
            ExecutionWriter writer, JdbcClient jdbc, JdbcTemplate template, TransactionTemplate tx, Clock clock) {
        this.writer = writer;
        this.jdbc = jdbc;
        this.template = template;
        this.tx = tx;
        this.clock = clock;
    }

    /**
     * Records the execution as a queue entry; completes once it is durable. Cancelling the returned future (a
     * client that went away) changes nothing: the row is written and queued in one transaction either way.
     */
    public CompletableFuture<Void> enqueue(StartRequest request) {
        ExecutionRecord row = new ExecutionRecord(
                Ids.newId(),
                request.workflowId(),
                request.versionId(),
                request.prepared().workflow().name(),
                ExecutionStatus.NEW,
                request.mode(),
                clock.instant(),
                Optional.empty(),
                request.retryOf(),
                Optional.empty(),
                Optional.empty());
        return writer.enqueue(row, ExecutionCodec.startData(request.startNode(), request.recordableStartItems()));
    }

    /** A claimed execution: its row (status running) and its start data. */
    public record Claimed(ExecutionRecord record, String data) {}

    /**
     * Claims up to {@code max} queued executions, oldest first, for {@code worker}; none while the worker has no
     * lease (it was declared dead and has not registered again). Runs on the worker's own connection, whose commits
     * need not wait for the disk: a claim lost in a crash of PostgreSQL leaves the row queued (run again, at least
     * once), and the final record, committed durably later, makes the claim durable with it.
     */
    public List<Claimed> claim(Connection connection, String worker, int max) throws SQLException {
        List<Claimed> out = new ArrayList<>(max);
        try (PreparedStatement ps = connection.prepareStatement(CLAIM)) {
            ps.setString(1, worker);
            ps.setInt(2, max);
            ps.setString(3, worker);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    ExecutionRecord r = new ExecutionRecord(
                            rs.getString("id"),
                            rs.getString("workflow_id"),
                            Optional.ofNullable(rs.getString("workflow_version_id")),
                            rs.getString("workflow_name"),
                            ExecutionStatus.RUNNING,
                            ExecutionMode.valueOf(rs.getString("mode").toUpperCase(Locale.ROOT)),
                            SqlTime.read(rs, "started_at"),
                            Optional.empty(),
                            Optional.ofNullable(rs.getString("retry_of")),
                            Optional.empty(),
                            Optional.empty());
                    out.add(new Claimed(r, new String(rs.getBytes("data"), StandardCharsets.UTF_8)));
                }
            }
        }
        return out;
    }

    /** Takes (or renews) the worker's lease. */
    public void register(String worker, int concurrency) {
        jdbc.sql("INSERT INTO execution_queue_workers (instance_id, concurrency, started_at, heartbeat_at) "
                        + "VALUES (?, ?, now(), now()) ON CONFLICT (instance_id) DO UPDATE "
                        + "SET concurrency = EXCLUDED.concurrency, heartbeat_at = now()")
                .params(worker, concurrency)
                .update();
    }

    /** Renews the worker's lease; false when it had run out and another worker took its executions over. */
    public boolean heartbeat(String worker) {
        return jdbc.sql("UPDATE execution_queue_workers SET heartbeat_at = now() WHERE instance_id = ?")
                        .param(worker)
                        .update()
                > 0;
    }

    /**
     * Removes the workers whose lease ran out and queues their unfinished executions again, each in one
     * transaction (of the workers checking at the same time, one takes each dead worker). Returns how many
     * executions were queued again.
     */
    public int reapDeadWorkers(Duration lease) {
        List<String> dead = jdbc.sql("SELECT instance_id FROM execution_queue_workers "
                        + "WHERE heartbeat_at < now() - make_interval(secs => ?)")
                .param(lease.toMillis() / 1000.0)
                .query(String.class)
                .list();
        int requeued = 0;
        for (String worker : dead) {
            Integer n = tx.execute(s -> {
                int removed = jdbc.sql("DELETE FROM execution_queue_workers WHERE instance_id = ? "
                                + "AND heartbeat_at < now() - make_interval(secs => ?)")
                        .params(worker, lease.toMillis() / 1000.0)
                        .update();
                return removed == 0
                        ? 0
                        : requeueClaims(
                                worker,
                                "Worker '" + worker + "' stopped answering (no heartbeat for " + lease.toSeconds()
                                        + " s) while running this execution");
            });
            requeued += n == null ? 0 : n;
        }
        return requeued;
    }

    /**
     * The worker's own unfinished claims (after it restarted, or what its shutdown stopped) are queued again, and
     * it gives up its lease until it registers again.
     */
    public int release(String worker, String why) {
        Integer n = tx.execute(s -> {
            jdbc.sql("DELETE FROM execution_queue_workers WHERE instance_id = ?")
                    .param(worker)
                    .update();
            return requeueClaims(worker, why);
        });
        return n == null ? 0 : n;
    }

    /**
     * Marks the worker's unfinished claims crashed and queues a retry of each (new id, mode retry, retryOf the
     * crashed one, the same start data). Runs inside the caller's transaction.
     */
    private int requeueClaims(String worker, String why) {
        record Lost(String id, String workflowId, String versionId, String workflowName, String retryId) {}
        List<Lost> lost = jdbc.sql("SELECT id, workflow_id, workflow_version_id, workflow_name FROM executions "
                        + "WHERE instance_id = ? AND queued AND status IN ('running', 'waiting') FOR UPDATE")
                .param(worker)
                .query((rs, i) ->
                        new Lost(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), Ids.newId()))
                .list();
        if (lost.isEmpty()) {
            return 0;
        }
        // An execution that took down its worker MAX_ATTEMPTS times (a poison execution) is not run again.
        List<Lost> again = lost.stream()
                .filter(l -> crashedBefore(l.id()) + 1 < MAX_ATTEMPTS)
                .toList();
        Instant now = clock.instant();
        template.batchUpdate(
                "UPDATE executions SET status = 'crashed', stopped_at = ?, error_message = ? WHERE id = ?",
                lost,
                lost.size(),
                (ps, l) -> {
                    ps.setObject(1, SqlTime.of(now));
                    ps.setString(
                            2,
                            again.contains(l)
                                    ? why + "; it runs again as execution " + l.retryId()
                                    : why + "; not run again: it was running every time one of the last " + MAX_ATTEMPTS
                                            + " workers running it stopped");
                    ps.setString(3, l.id());
                });
        if (again.isEmpty()) {
            return 0;
        }
        template.batchUpdate(
                "INSERT INTO executions (id, workflow_id, workflow_version_id, workflow_name, status, mode, "
                        + "started_at, retry_of) VALUES (?, ?, ?, ?, 'new', 'retry', ?, ?)",
                again,
                again.size(),
                (ps, l) -> {
                    ps.setString(1, l.retryId());
                    ps.setString(2, l.workflowId());
                    ps.setString(3, l.versionId());
                    ps.setString(4, l.workflowName());
                    ps.setObject(5, SqlTime.of(now));
                    ps.setString(6, l.id());
                });
        template.batchUpdate(
                "INSERT INTO execution_data (execution_id, data) SELECT ?, data FROM execution_data WHERE execution_id = ?",
                again,
                again.size(),
                (ps, l) -> {
                    ps.setString(1, l.retryId());
                    ps.setString(2, l.id());
                });
        template.execute(NOTIFY);
        log.warn("{}: {} execution(s) marked crashed, {} queued again as retries", why, lost.size(), again.size());
        return again.size();
    }

    /** How many of the executions this one retries (retryOf, transitively) crashed. */
    private int crashedBefore(String id) {
        return jdbc.sql("""
                        WITH RECURSIVE chain (id, retry_of, status, depth) AS (
                          SELECT id, retry_of, status, 0 FROM executions WHERE id = ?
                          UNION ALL
                          SELECT e.id, e.retry_of, e.status, c.depth + 1
                            FROM executions e JOIN chain c ON e.id = c.retry_of WHERE c.depth < ?)
                        SELECT COUNT(*) FROM chain WHERE depth > 0 AND status = 'crashed'""").params(id, MAX_ATTEMPTS).query(Integer.class).single();
    }
}
