package io.hearth.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.hearth.server.execution.ExecutionPruner;
import io.hearth.server.execution.ExecutionWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Retention: beyond max-count the oldest finished executions are pruned, with their data, in batches,
 * and continuously in the background; metrics count them.
 */
class ExecutionPruningIT {

    @Test
    void keepsOnlyTheNewestExecutions() throws Exception {
        Path dir = Files.createTempDirectory("hearth-prune");
        try (ServerProcess s = ServerProcess.start(
                dir,
                "--hearth.executions.prune.max-count=3",
                "--hearth.executions.prune.interval=1h",
                "--hearth.executions.prune.batch-size=2")) {
            Map<String, Object> wf = Map.of(
                    "name",
                    "Prune me",
                    "nodes",
                    List.of(ApiTestSupport.node(
                            "Webhook",
                            "n8n-nodes-base.webhook",
                            2,
                            Map.of("httpMethod", "POST", "path", "prune-me", "responseMode", "lastNode"))));
            String id = s.createWorkflow(wf);
            s.activate(id);
            for (int i = 0; i < 7; i++) {
                s.callWebhook("prune-me", Map.of("i", i));
            }
            s.bean(ExecutionWriter.class).flush();
            JdbcClient jdbc = s.bean(JdbcClient.class);
            assertThat(jdbc.sql("SELECT COUNT(*) FROM executions")
                            .query(Long.class)
                            .single())
                    .isEqualTo(7);
            assertThat(s.bean(ExecutionPruner.class).pruneNow()).isEqualTo(4);
            var meters = s.bean(io.micrometer.core.instrument.MeterRegistry.class);
            assertThat(meters.get("hearth.executions.pruned").counter().count()).isEqualTo(4.0);
            assertThat(meters.get("hearth.database.size").gauge().value()).isPositive();
            assertThat(jdbc.sql("SELECT COUNT(*) FROM executions")
                            .query(Long.class)
                            .single())
                    .isEqualTo(3);
            assertThat(jdbc.sql("SELECT COUNT(*) FROM execution_data")
                            .query(Long.class)
                            .single())
                    .isEqualTo(3);
            List<String> kept = jdbc.sql("SELECT d.data FROM execution_data d")
                    .query(io.hearth.server.execution.ExecutionRepository.DATA_COLUMN)
                    .list();
            assertThat(String.join(" ", kept))
                    .contains("\"i\":6")
                    .contains("\"i\":4")
                    .doesNotContain("\"i\":0");
        }
    }

    @Test
    void prunesContinuouslyWhileExecutionsKeepComing() throws Exception {
        Path dir = Files.createTempDirectory("hearth-prune-load");
        try (ServerProcess s = ServerProcess.start(
                dir,
                "--hearth.executions.prune.max-count=5",
                "--hearth.executions.prune.interval=200ms",
                "--hearth.executions.prune.batch-size=3")) {
            Map<String, Object> wf = Map.of(
                    "name",
                    "Pruned under load",
                    "nodes",
                    List.of(ApiTestSupport.node(
                            "Webhook",
                            "n8n-nodes-base.webhook",
                            2,
                            Map.of("httpMethod", "POST", "path", "pruned-under-load"))),
                    "connections",
                    Map.of());
            String id = (String) s.api()
                    .post()
                    .uri("/api/v1/workflows")
                    .contentType(MediaType.APPLICATION_JSON)
                    .bodyValue(wf)
                    .exchange()
                    .expectBody(Map.class)
                    .returnResult()
                    .getResponseBody()
                    .get("id");
            s.activate(id);
            var meters = s.bean(io.micrometer.core.instrument.MeterRegistry.class);
            JdbcClient jdbc = s.bean(JdbcClient.class);
            for (int i = 0; i < 40; i++) {
                s.callWebhook("pruned-under-load", Map.of("i", i));
            }
            // The background pruner caught up without being asked.
            org.awaitility.Awaitility.await()
                    .atMost(java.time.Duration.ofSeconds(30))
                    .until(() -> jdbc.sql("SELECT COUNT(*) FROM executions")
                                    .query(Long.class)
                                    .single()
                            <= 5);
            assertThat(meters.get("hearth.executions.pruned").counter().count()).isGreaterThanOrEqualTo(35.0);
        }
    }
}
