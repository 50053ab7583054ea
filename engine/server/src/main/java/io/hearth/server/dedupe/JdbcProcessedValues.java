package io.hearth.server.dedupe;

import io.hearth.node.ProcessedValues;
import io.hearth.runtime.execution.ProcessedValuesRules;
import io.hearth.runtime.execution.ProcessedValuesStore;
import io.hearth.server.database.DatabaseKind;
import io.hearth.server.support.Blocking;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Processed values in the database: a row per history (mode, latest value, next sequence number)
 * locked while a node checks its values, and a row per remembered value hash; beyond the history
 * size the oldest hashes are deleted. Runs on the blocking pool.
 */
@Repository
public class JdbcProcessedValues implements ProcessedValuesStore {

    private static final int CHUNK = 500;

    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final Blocking blocking;
    private final String lockRows;

    public JdbcProcessedValues(JdbcClient jdbc, TransactionTemplate tx, Blocking blocking, DatabaseKind database) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.blocking = blocking;
        this.lockRows = database.lockRows();
    }

    private record History(ProcessedValues.Mode mode, Optional<String> latest, long nextSeq) {}

    @Override
    public CompletionStage<ProcessedValues.Outcome> checkAndRecord(
            String workflowId, String context, ProcessedValues.Mode mode, List<String> values, int historySize) {
        return blocking.call(() -> {
                    try {
                        return tx.execute(s -> record(workflowId, context, mode, values, historySize));
                    } catch (DuplicateKeyException concurrentFirstUse) {
                        // another execution created the history at the same moment: it exists now
                        return tx.execute(s -> record(workflowId, context, mode, values, historySize));
                    }
                })
                .toFuture();
    }

    private ProcessedValues.Outcome record(
            String workflowId, String context, ProcessedValues.Mode mode, List<String> values, int historySize) {
        History h = lock(workflowId, context).orElseGet(() -> {
            jdbc.sql(
                            "INSERT INTO processed_values (workflow_id, context, mode, latest, next_seq) VALUES (?, ?, ?, NULL, 0)")
                    .params(workflowId, context, mode.name())
                    .update();
            return lock(workflowId, context).orElseThrow();
        });
        ProcessedValuesRules.checkMode(h.mode(), mode);
        if (mode != ProcessedValues.Mode.ENTRIES) {
            ProcessedValues.Outcome outcome = ProcessedValuesRules.latest(mode, values, h.latest());
            Optional<String> latest = ProcessedValuesRules.newLatest(mode, values, h.latest());
            jdbc.sql("UPDATE processed_values SET latest = ? WHERE workflow_id = ? AND context = ?")
                    .params(latest.orElse(null), workflowId, context)
                    .update();
            return outcome;
        }
        List<String> distinct = ProcessedValuesRules.distinct(values);
        Set<String> known = known(
                workflowId,
                context,
                distinct.stream().map(ProcessedValuesRules::hash).toList());
        ProcessedValues.Outcome outcome = ProcessedValuesRules.entries(distinct, known);
        long seq = h.nextSeq();
        for (String v : outcome.fresh()) {
            jdbc.sql("INSERT INTO processed_value_entries (workflow_id, context, value_hash, seq) VALUES (?, ?, ?, ?)")
                    .params(workflowId, context, ProcessedValuesRules.hash(v), seq++)
                    .update();
        }
        jdbc.sql("UPDATE processed_values SET next_seq = ? WHERE workflow_id = ? AND context = ?")
                .params(seq, workflowId, context)
                .update();
        jdbc.sql("DELETE FROM processed_value_entries WHERE workflow_id = ? AND context = ? AND seq < ?")
                .params(workflowId, context, seq - Math.max(0, historySize))
                .update();
        return outcome;
    }

    private Optional<History> lock(String workflowId, String context) {
        return jdbc.sql("SELECT mode, latest, next_seq FROM processed_values WHERE workflow_id = ? AND context = ?"
                        + lockRows)
                .params(workflowId, context)
                .query((rs, n) -> new History(
                        ProcessedValues.Mode.valueOf(rs.getString(1)),
                        Optional.ofNullable(rs.getString(2)),
                        rs.getLong(3)))
                .optional();
    }

    private Set<String> known(String workflowId, String context, List<String> hashes) {
        Set<String> known = new HashSet<>();
        for (int i = 0; i < hashes.size(); i += CHUNK) {
            List<String> chunk = hashes.subList(i, Math.min(hashes.size(), i + CHUNK));
            List<Object> params = new ArrayList<>(List.of(workflowId, context));
            params.addAll(chunk);
            known.addAll(jdbc.sql(
                            "SELECT value_hash FROM processed_value_entries WHERE workflow_id = ? AND context = ? AND value_hash IN ("
                                    + String.join(",", java.util.Collections.nCopies(chunk.size(), "?")) + ")")
                    .params(params)
                    .query(String.class)
                    .list());
        }
        return known;
    }

    @Override
    public CompletionStage<Void> clear(String workflowId, String context) {
        return blocking.run(() -> tx.executeWithoutResult(s -> {
                    jdbc.sql("DELETE FROM processed_value_entries WHERE workflow_id = ? AND context = ?")
                            .params(workflowId, context)
                            .update();
                    jdbc.sql("DELETE FROM processed_values WHERE workflow_id = ? AND context = ?")
                            .params(workflowId, context)
                            .update();
                }))
                .toFuture();
    }

    /** Forgets every history of a deleted workflow. */
    public void forgetWorkflow(String workflowId) {
        jdbc.sql("DELETE FROM processed_value_entries WHERE workflow_id = ?")
                .params(workflowId)
                .update();
        jdbc.sql("DELETE FROM processed_values WHERE workflow_id = ?")
                .params(workflowId)
                .update();
    }
}
