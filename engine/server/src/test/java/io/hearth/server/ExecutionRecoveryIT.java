package io.hearth.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Executions cut off by a stop are marked crashed on the next start, and accepted requests run again. */
class ExecutionRecoveryIT {

    @Test
    void anAcceptedRequestCutOffByAStopRunsAgainAfterRestart() throws Exception {
        Path dir = Files.createTempDirectory("hearth-recovery");
        String workflowId;
        String accepted;
        try (ServerProcess s = ServerProcess.start(dir)) {
            Map<String, Object> wf = Map.of(
                    "name",
                    "Slow receiver",
                    "nodes",
                    List.of(
                            ApiTestSupport.node(
                                    "Webhook",
                                    "n8n-nodes-base.webhook",
                                    2,
                                    Map.of("httpMethod", "POST", "path", "slow-in", "responseMode", "onReceived")),
                            ApiTestSupport.node("Wait", "hearth.wait", 1.1, Map.of("amount", 1, "unit", "hours"))),
                    "connections",
                    Map.of(
                            "Webhook",
                            Map.of("main", List.of(List.of(Map.of("node", "Wait", "type", "main", "index", 0))))));
            workflowId = s.createWorkflow(wf);
            s.activate(workflowId);
            s.callWebhook("slow-in", Map.of("order", 17));
            // Answered "received": the row is already durable.
            accepted = s.bean(JdbcClient.class)
                    .sql("SELECT id FROM executions WHERE workflow_id = ?")
                    .param(workflowId)
                    .query(String.class)
                    .single();
        }
        try (ServerProcess s = ServerProcess.start(dir)) {
            JdbcClient jdbc = s.bean(JdbcClient.class);
            assertThat(jdbc.sql("SELECT status FROM executions WHERE id = ?")
                            .param(accepted)
                            .query(String.class)
                            .single())
                    .isEqualTo("crashed");
            Awaitility.await().atMost(Duration.ofSeconds(10)).ignoreExceptions().untilAsserted(() -> {
                Map<String, Object> rerun = jdbc.sql("SELECT id, status, mode FROM executions WHERE retry_of = ?")
                        .param(accepted)
                        .query()
                        .singleRow();
                assertThat(rerun.values()).contains("retry");
            });
            String rerunId = jdbc.sql("SELECT id FROM executions WHERE retry_of = ?")
                    .param(accepted)
                    .query(String.class)
                    .single();
            s.api()
                    .get()
                    .uri("/api/v1/executions/{id}", rerunId)
                    .exchange()
                    .expectStatus()
                    .isOk()
                    .expectBody()
                    .jsonPath("$.start.items[0].json.body.order")
                    .isEqualTo(17);
        }
    }
}
