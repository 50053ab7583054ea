package io.hearth.server.workflow;

import io.hearth.common.Json;
import io.hearth.runtime.execution.StaticDataStore;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Workflow static data in the database, one row per workflow. Loaded by the node that asks for it (on
 * the blocking pool, after the saves already queued); saved when an execution finishes, on a writer
 * thread of its own, so the event loop never waits for the database and saves happen in order.
 */
@Repository
public class JdbcStaticData implements StaticDataStore {

    private static final Logger LOG = LoggerFactory.getLogger(JdbcStaticData.class);

    private final JdbcClient jdbc;
    private final Clock clock;
    private final ExecutorService writer = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "hearth-static-data");
        t.setDaemon(true);
        return t;
    });

    public JdbcStaticData(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @Override
    @SuppressWarnings("unchecked")
    public Optional<Map<String, Object>> load(String workflowId) {
        awaitPendingSaves();
        return jdbc.sql("SELECT data FROM workflow_static_data WHERE workflow_id = ?")
                .param(workflowId)
                .query(String.class)
                .optional()
                .map(text -> Json.parse(text) instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of());
    }

    // Saves queued by executions that finished before this one started are read back, not overtaken.
    private void awaitPendingSaves() {
        try {
            writer.submit(() -> {}).get(10, java.util.concurrent.TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            LOG.warn("Static data saves are slow; reading what is stored", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void save(String workflowId, Map<String, Object> data) {
        String text = Json.write(data);
        writer.execute(() -> {
            try {
                write(workflowId, text);
            } catch (RuntimeException e) {
                LOG.warn("Static data of workflow {} could not be saved", workflowId, e);
            }
        });
    }

    private void write(String workflowId, String text) {
        Timestamp now = Timestamp.from(clock.instant());
        int updated = jdbc.sql("UPDATE workflow_static_data SET data = ?, updated_at = ? WHERE workflow_id = ?")
                .params(text, now, workflowId)
                .update();
        if (updated == 0) {
            try {
                jdbc.sql("INSERT INTO workflow_static_data (workflow_id, data, updated_at) VALUES (?, ?, ?)")
                        .params(workflowId, text, now)
                        .update();
            } catch (DuplicateKeyException inserted) {
                write(workflowId, text);
            }
        }
    }

    /** Removes a deleted workflow's static data. */
    public void delete(String workflowId) {
        jdbc.sql("DELETE FROM workflow_static_data WHERE workflow_id = ?")
                .param(workflowId)
                .update();
    }
}
