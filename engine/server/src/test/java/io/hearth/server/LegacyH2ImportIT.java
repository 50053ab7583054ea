package io.hearth.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.hearth.credentials.CredentialService;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A user upgrading from a Hearth whose embedded database was H2: the first start on SQLite moves everything in (the
 * owner and its API key, workflows with their versions, active state and webhooks, credentials, executions with their
 * data, schedules), keeps the H2 file as a backup, and later starts do not move anything again.
 */
class LegacyH2ImportIT {

    private static final Map<String, Object> WORKFLOW = Map.of(
            "name",
            "Made on H2",
            "nodes",
            List.of(
                    ApiTestSupport.node(
                            "Webhook",
                            "n8n-nodes-base.webhook",
                            2,
                            Map.of("httpMethod", "POST", "path", "made-on-h2", "responseMode", "lastNode")),
                    ApiTestSupport.node(
                            "Every hour",
                            "n8n-nodes-base.scheduleTrigger",
                            1.2,
                            Map.of("rule", Map.of("interval", List.of(Map.of("field", "hours")))))),
            "connections",
            Map.of());

    @Test
    void theFirstStartMovesAnH2DatabaseIntoSqliteAndKeepsTheH2File() throws Exception {
        Path dir = Files.createTempDirectory("hearth-h2-upgrade");
        String workflowId;
        String credentialId;
        String executionId;
        String apiKey;
        long scheduledTasks;
        // An earlier Hearth: the same schema on H2 in data/hearth.mv.db.
        try (ServerProcess old = ServerProcess.start(
                dir,
                "--spring.datasource.url=jdbc:h2:file:" + dir.resolve("hearth") + ";DB_CLOSE_ON_EXIT=FALSE",
                "--spring.datasource.username=sa")) {
            assertThat(old.bean(JdbcClient.class)
                            .sql("SELECT 1")
                            .query(Integer.class)
                            .single())
                    .isEqualTo(1);
            apiKey = old.apiKey();
            workflowId = old.createWorkflow(WORKFLOW);
            old.activate(workflowId);
            credentialId = old.createCredential(
                    "Home", "homeAssistantApi", Map.of("host", "ha.local", "accessToken", "token-from-h2-days"));
            old.callWebhook("made-on-h2", Map.of("greeting", "from H2"));
            old.bean(io.hearth.server.execution.ExecutionWriter.class).flush();
            JdbcClient jdbc = old.bean(JdbcClient.class);
            executionId = jdbc.sql("SELECT id FROM executions WHERE workflow_id = ?")
                    .param(workflowId)
                    .query(String.class)
                    .single();
            scheduledTasks = jdbc.sql("SELECT COUNT(*) FROM scheduled_tasks")
                    .query(Long.class)
                    .single();
            assertThat(scheduledTasks).as("the schedule's db-scheduler task").isPositive();
        }
        assertThat(dir.resolve("hearth.mv.db")).exists();

        try (ServerProcess upgraded = ServerProcess.start(dir)) {
            assertThat(dir.resolve("hearth.mv.db")).doesNotExist();
            assertThat(dir.resolve("hearth-h2-backup.mv.db")).exists();
            assertThat(dir.resolve("hearth.db")).exists();
            assertThat(upgraded.bean(io.hearth.server.database.DatabaseKind.class))
                    .isEqualTo(io.hearth.server.database.DatabaseKind.SQLITE);
            // The API key made on H2 still opens the API.
            upgraded.anonymous
                    .get()
                    .uri("/api/v1/workflows/{id}", workflowId)
                    .header("X-Hearth-Api-Key", apiKey)
                    .exchange()
                    .expectStatus()
                    .isOk()
                    .expectBody()
                    .jsonPath("$.name")
                    .isEqualTo("Made on H2")
                    .jsonPath("$.active")
                    .isEqualTo(true);
            // Still active: its webhook answers.
            upgraded.callWebhook("made-on-h2", Map.of("greeting", "from SQLite"));
            upgraded.api()
                    .get()
                    .uri("/api/v1/executions/{id}", executionId)
                    .exchange()
                    .expectStatus()
                    .isOk()
                    .expectBody()
                    .jsonPath("$.status")
                    .isEqualTo("success")
                    .jsonPath("$.start.items[0].json.body.greeting")
                    .isEqualTo("from H2");
            upgraded.api()
                    .get()
                    .uri("/api/v1/workflows/{id}/versions", workflowId)
                    .exchange()
                    .expectStatus()
                    .isOk()
                    .expectBody()
                    .jsonPath("$.length()")
                    .isEqualTo(1);
            assertThat(upgraded.bean(CredentialService.class)
                            .decrypt(credentialId)
                            .secret("accessToken")
                            .reveal())
                    .isEqualTo("token-from-h2-days");
            assertThat(upgraded.bean(JdbcClient.class)
                            .sql("SELECT COUNT(*) FROM scheduled_tasks")
                            .query(Long.class)
                            .single())
                    .isGreaterThanOrEqualTo(scheduledTasks);
        }

        // Later starts find no H2 database to move, and keep what the first one moved.
        try (ServerProcess again = ServerProcess.start(dir)) {
            assertThat(again.bean(JdbcClient.class)
                            .sql("SELECT COUNT(*) FROM workflows")
                            .query(Long.class)
                            .single())
                    .isEqualTo(1);
            assertThat(again.bean(JdbcClient.class)
                            .sql("SELECT COUNT(*) FROM executions WHERE workflow_id = ?")
                            .param(workflowId)
                            .query(Long.class)
                            .single())
                    .isEqualTo(2);
        }
    }
}
