package io.hearth.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.hearth.server.database.SqlTime;
import io.hearth.server.execution.ExecutionPruner;
import io.hearth.server.execution.ExecutionWriter;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Retention: beyond max-count the oldest finished executions are pruned, with their data, in batches, continuously
 * in the background while executions keep coming; executions still running or waiting are left; metrics count them.
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
            // An execution waiting since before all of them (a Wait node): retention counts it but leaves it alone.
            String waiting = "00000000-0000-7000-8000-000000000000";
            jdbc.sql("INSERT INTO executions (id, workflow_id, workflow_name, status, mode, started_at)"
                            + " VALUES (?, ?, 'Prune me', 'waiting', 'webhook', ?)")
                    .params(waiting, id, SqlTime.of(Instant.now().minusSeconds(60)))
                    .update();
            jdbc.sql("INSERT INTO execution_data (execution_id, data) VALUES (?, ?)")
                    .params(waiting, "{}".getBytes(StandardCharsets.UTF_8))
                    .update();
            assertThat(s.bean(ExecutionPruner.class).pruneNow()).isEqualTo(4);
            var meters = s.bean(io.micrometer.core.instrument.MeterRegistry.class);
            assertThat(meters.get("hearth.executions.pruned").counter().count()).isEqualTo(4.0);
            assertThat(meters.get("hearth.database.size").gauge().value()).isPositive();
            assertThat(count(jdbc, "executions")).isEqualTo(4);
            assertThat(count(jdbc, "execution_data")).isEqualTo(4);
            assertThat(jdbc.sql("SELECT status FROM executions WHERE id = ?")
                            .param(waiting)
                            .query(String.class)
                            .single())
                    .isEqualTo("waiting");
            List<String> kept = jdbc.sql("SELECT d.data FROM execution_data d WHERE d.execution_id <> ?")
                    .param(waiting)
                    .query(io.hearth.server.execution.ExecutionRepository.DATA_COLUMN)
                    .list();
            assertThat(String.join(" ", kept))
                    .contains("\"i\":6")
                    .contains("\"i\":4")
                    .doesNotContain("\"i\":0");
        }
    }

    @Test
    void keepsTheRetentionWhileExecutionsKeepComing() throws Exception {
        int retention = 20;
        Path dir = Files.createTempDirectory("hearth-prune-load");
        try (ServerProcess s = ServerProcess.start(
                dir,
                "--hearth.executions.prune.max-count=" + retention,
                "--hearth.executions.prune.interval=200ms",
                "--hearth.executions.prune.batch-size=5")) {
            String id = s.createWorkflow(Map.of(
                    "name",
                    "Pruned under load",
                    "nodes",
                    List.of(ApiTestSupport.node(
                            "Webhook",
                            "n8n-nodes-base.webhook",
                            2,
                            Map.of("httpMethod", "POST", "path", "pruned-under-load", "responseMode", "lastNode")))));
            s.activate(id);
            MeterRegistry meters = s.bean(MeterRegistry.class);
            Counter pruned = meters.get("hearth.executions.pruned").counter();
            AtomicInteger sent = new AtomicInteger();
            AtomicBoolean keepSending = new AtomicBoolean(true);
            List<Thread> callers = new ArrayList<>();
            for (int c = 0; c < 2; c++) {
                callers.add(Thread.ofPlatform().start(() -> {
                    while (keepSending.get()) {
                        s.callWebhook("pruned-under-load", Map.of("i", sent.get()));
                        sent.incrementAndGet();
                    }
                }));
            }
            try {
                // Pruning goes on while the calls keep coming: ten times the retention is deleted before they stop.
                await().atMost(Duration.ofMinutes(2)).until(() -> pruned.count() >= 10 * retention);
            } finally {
                keepSending.set(false);
                for (Thread t : callers) {
                    t.join();
                }
            }
            s.bean(ExecutionWriter.class).flush();
            int total = sent.get();
            JdbcClient jdbc = s.bean(JdbcClient.class);

            // Once they stop, the history is exactly the retention: every execution beyond it pruned, with its data.
            await().atMost(Duration.ofMinutes(1))
                    .untilAsserted(() -> assertThat(pruned.count()).isEqualTo(total - retention));
            assertThat(count(jdbc, "executions")).isEqualTo(retention);
            assertThat(count(jdbc, "execution_data")).isEqualTo(retention);
            assertThat(meters.get("hearth.executions.kept").gauge().value()).isEqualTo(retention);
            assertThat(meters.get("hearth.executions.prune.backlog").gauge().value())
                    .isZero();

            // The same meters on the Prometheus endpoint.
            String scrape = s.api()
                    .get()
                    .uri("/actuator/prometheus")
                    .exchange()
                    .expectStatus()
                    .isOk()
                    .expectBody(String.class)
                    .returnResult()
                    .getResponseBody();
            assertThat(sample(scrape, "hearth_executions_pruned_total")).isEqualTo(total - retention);
            assertThat(sample(scrape, "hearth_executions_kept")).isEqualTo(retention);
            assertThat(sample(scrape, "hearth_executions_prune_backlog")).isZero();
            assertThat(sample(scrape, "hearth_database_size_bytes")).isPositive();
        }
    }

    private static long count(JdbcClient jdbc, String table) {
        return jdbc.sql("SELECT COUNT(*) FROM " + table).query(Long.class).single();
    }

    /** The value of a meter in a Prometheus scrape (its one sample line, whatever its tags). */
    private static double sample(String scrape, String name) {
        return scrape.lines()
                .filter(l -> l.startsWith(name + " ") || l.startsWith(name + "{"))
                .map(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)))
                .findFirst()
                .orElseThrow(() -> new AssertionError(name + " is not in the scrape:\n" + scrape));
    }
}
