package io.hearth.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.hearth.common.Json;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Runaway executions against the packaged server started as {@code ./hearth start} starts it (the
 * launcher's JVM options, default configuration): a workflow connected in a loop, a ten-million-item
 * fan-out and an amplifying expression each end with their limit's message, while a webhook workflow
 * answers every call; the heap stays within its bound; SIGTERM stops the server with an execution
 * running, which is then recorded as canceled.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RunawayExecutionIT {

    private static Path dataDir;
    private static LaunchedServer server;

    @BeforeAll
    static void start() throws Exception {
        dataDir = Files.createTempDirectory("hearth-runaway");
        server = LaunchedServer.start("runaway-it", dataDir);
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    private static Map<String, Object> node(String name, String type, double version, Map<String, Object> parameters) {
        return Map.of(
                "name",
                name,
                "type",
                type,
                "typeVersion",
                version,
                "position",
                List.of(0, 0),
                "parameters",
                parameters);
    }

    private static Map<String, Object> link(String to) {
        return Map.of("main", List.of(List.of(Map.of("node", to, "type", "main", "index", 0))));
    }

    @SafeVarargs
    @SuppressWarnings("varargs") // the array is only read (List.of copies it), never kept
    private static Map<String, Object> set(Map<String, Object>... assignments) {
        return Map.of("mode", "manual", "assignments", Map.of("assignments", List.of(assignments)));
    }

    private static Map<String, Object> field(String name, String type, String value) {
        return Map.of("name", name, "type", type, "value", value);
    }

    /** Runs a draft workflow as the editor's Run button does and returns the execution it answers with. */
    private static Map<String, Object> runDraft(Map<String, Object> workflow, List<Map<String, Object>> input) {
        HttpResponse<String> r =
                server.api("POST", "/api/v1/workflows/run", Json.write(Map.of("workflow", workflow, "input", input)));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return LaunchedServer.json(r);
    }

    @SuppressWarnings("unchecked")
    private static String errorMessage(Map<String, Object> execution) {
        Object error = execution.get("error");
        if (error == null && execution.get("data") instanceof Map<?, ?> data) {
            error = data.get("error");
        }
        return error instanceof Map<?, ?> e ? String.valueOf(e.get("message")) : String.valueOf(error);
    }

    /** Calls the webhook one request after another until stopped; counts answers. */
    private static final class Caller {
        final AtomicBoolean running = new AtomicBoolean(true);
        final AtomicInteger ok = new AtomicInteger();
        final List<String> failures = new ArrayList<>();
        final CompletableFuture<Void> done;

        Caller(String path) {
            done = CompletableFuture.runAsync(() -> {
                while (running.get()) {
                    try {
                        HttpResponse<String> r = server.post(path, "{\"n\":21,\"name\":\"Ada\"}");
                        if (r.statusCode() == 200 && r.body().contains("\"doubled\":42")) {
                            ok.incrementAndGet();
                        } else {
                            synchronized (failures) {
                                failures.add(r.statusCode() + " " + r.body());
                            }
                        }
                    } catch (RuntimeException e) {
                        synchronized (failures) {
                            failures.add(e.toString());
                        }
                    }
                }
            });
        }

        void stop() {
            running.set(false);
            done.join();
        }
    }

    @Test
    @Order(1)
    void runawaysEndWithTheirLimitWhileAWebhookKeepsAnswering() {
        Map<String, Object> webhook = Map.of(
                "name",
                "Double it",
                "nodes",
                List.of(
                        node(
                                "Webhook",
                                "n8n-nodes-base.webhook",
                                2,
                                Map.of("httpMethod", "POST", "path", "double", "responseMode", "responseNode")),
                        node(
                                "Edit Fields",
                                "n8n-nodes-base.set",
                                3.4,
                                set(field("doubled", "number", "={{ $json.body.n * 2 }}"))),
                        node(
                                "Respond",
                                "n8n-nodes-base.respondToWebhook",
                                1.1,
                                Map.of("respondWith", "firstIncomingItem"))),
                "connections",
                Map.of("Webhook", link("Edit Fields"), "Edit Fields", link("Respond")));
        String id = (String) LaunchedServer.json(server.api("POST", "/api/v1/workflows", Json.write(webhook)))
                .get("id");
        assertThat(server.api("POST", "/api/v1/workflows/" + id + "/activate", "")
                        .statusCode())
                .isEqualTo(200);
        Caller caller = new Caller("/webhook/double");
        Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> caller.ok.get() > 0);

        // As built in the editor: a counter that an If sends back to Edit Fields, forever.
        Map<String, Object> loop = Map.of(
                "name",
                "Loop",
                "nodes",
                List.of(
                        node("When clicking ‘Execute workflow’", "n8n-nodes-base.manualTrigger", 1, Map.of()),
                        node(
                                "Edit Fields",
                                "n8n-nodes-base.set",
                                3.4,
                                Map.of(
                                        "mode",
                                        "manual",
                                        "assignments",
                                        Map.of(
                                                "assignments",
                                                List.of(field("count", "number", "={{ ($json.count || 0) + 1 }}"))),
                                        "includeOtherFields",
                                        true)),
                        node(
                                "If",
                                "n8n-nodes-base.if",
                                2.2,
                                Map.of(
                                        "conditions",
                                        Map.of(
                                                "conditions",
                                                List.of(Map.of(
                                                        "leftValue",
                                                        "={{ $json.count }}",
                                                        "rightValue",
                                                        0,
                                                        "operator",
                                                        "number:gt")))))),
                "connections",
                Map.of(
                        "When clicking ‘Execute workflow’", link("Edit Fields"),
                        "Edit Fields", link("If"),
                        "If", link("Edit Fields")));
        int before = caller.ok.get();
        Map<String, Object> looped = runDraft(loop, List.of());
        assertThat(looped.get("status")).isEqualTo("error");
        assertThat(errorMessage(looped))
                .isEqualTo(
                        "Stopped after 10000 node runs: the workflow may loop forever (Edit Fields → If → Edit Fields)");

        // 200,000 items from one Split Out: stopped at the item limit while the node builds its output.
        Map<String, Object> million = Map.of(
                "name",
                "Fan-out",
                "nodes",
                List.of(
                        node("Manual", "n8n-nodes-base.manualTrigger", 1, Map.of()),
                        node(
                                "Edit Fields",
                                "n8n-nodes-base.set",
                                3.4,
                                set(field("millions", "array", "={{ Array(200000).fill(0) }}"))),
                        node("Split Out", "n8n-nodes-base.splitOut", 1, Map.of("fieldToSplitOut", "millions"))),
                "connections",
                Map.of("Manual", link("Edit Fields"), "Edit Fields", link("Split Out")));
        Map<String, Object> fanned = runDraft(million, List.of());
        assertThat(fanned.get("status")).isEqualTo("error");
        assertThat(errorMessage(fanned))
                .isEqualTo("The node produced more than 100000 items on one output; the limit is 100000");

        // Ten million: 50 items sharing an array of 200,000, split again. The data of the first split is
        // already past the limit, so the ten million items are never built.
        Map<String, Object> tenMillion = Map.of(
                "name",
                "Fan-out x10",
                "nodes",
                List.of(
                        node("Manual", "n8n-nodes-base.manualTrigger", 1, Map.of()),
                        node(
                                "Edit Fields",
                                "n8n-nodes-base.set",
                                3.4,
                                set(
                                        field("tens", "array", "={{ Array(50).fill(0) }}"),
                                        field("millions", "array", "={{ Array(200000).fill(0) }}"))),
                        node(
                                "Split Out tens",
                                "n8n-nodes-base.splitOut",
                                1,
                                Map.of("fieldToSplitOut", "tens", "include", "allOtherFields")),
                        node(
                                "Split Out millions",
                                "n8n-nodes-base.splitOut",
                                1,
                                Map.of("fieldToSplitOut", "millions"))),
                "connections",
                Map.of(
                        "Manual", link("Edit Fields"),
                        "Edit Fields", link("Split Out tens"),
                        "Split Out tens", link("Split Out millions")));
        assertThat(errorMessage(runDraft(tenMillion, List.of())))
                .isEqualTo("The execution's data went past its limit of 8 MB at this node");

        // 100 items, each given a 9,000,000-character string: 900 MB if it were allowed to happen.
        Map<String, Object> amplify = Map.of(
                "name",
                "Amplify",
                "nodes",
                List.of(
                        node("Manual", "n8n-nodes-base.manualTrigger", 1, Map.of()),
                        node(
                                "Edit Fields",
                                "n8n-nodes-base.set",
                                3.4,
                                set(field("big", "string", "={{ 'x'.repeat(9000000) }}")))),
                "connections",
                Map.of("Manual", link("Edit Fields")));
        List<Map<String, Object>> hundred = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            hundred.add(Map.of("i", i));
        }
        Map<String, Object> amplified = runDraft(amplify, hundred);
        assertThat(errorMessage(amplified)).isEqualTo("The execution's data went past its limit of 8 MB at this node");

        // Big webhook bodies (15 MB, under the 16 MB body limit) do not fill the database: past the data limit the
        // execution fails at the Webhook node and its record leaves the body out.
        Map<String, Object> upload = Map.of(
                "name",
                "Upload",
                "nodes",
                List.of(node(
                        "Webhook",
                        "n8n-nodes-base.webhook",
                        2,
                        Map.of("httpMethod", "POST", "path", "upload", "responseMode", "lastNode"))),
                "connections",
                Map.of());
        String uploadId = (String) LaunchedServer.json(server.api("POST", "/api/v1/workflows", Json.write(upload)))
                .get("id");
        server.api("POST", "/api/v1/workflows/" + uploadId + "/activate", "");
        String body = "{\"s\":\"" + "x".repeat(15_000_000) + "\"}";
        long databaseBefore = databaseBytes();
        for (int i = 0; i < 5; i++) {
            HttpResponse<String> r = server.post("/webhook/upload", body);
            assertThat(r.statusCode()).isEqualTo(500);
            assertThat(r.body()).contains("went past its limit of 8 MB");
        }
        server.api("GET", "/api/v1/executions?workflowId=" + uploadId, "");
        assertThat(databaseBytes() - databaseBefore).as("database growth").isLessThan(16L * 1024 * 1024);

        Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> caller.ok.get() > before + 10);
        caller.stop();
        assertThat(caller.failures).isEmpty();

        assertThat(server.process.isAlive()).isTrue();
        assertThat(server.get("/actuator/health").statusCode()).isEqualTo(200);
        assertThat(server.logText().contains("OutOfMemoryError"))
                .as("OutOfMemoryError in " + server.log)
                .isFalse();
        HttpResponse<String> errors = server.api("GET", "/api/v1/executions?status=error&limit=10", "");
        assertThat(errors.body())
                .contains("Stopped after 10000 node runs")
                .contains("more than 100000 items")
                .contains("went past its limit of 8 MB");
    }

    @Test
    @Order(2)
    void theEditorsStopButtonEndsALoopThatWaitsBetweenRounds() {
        Map<String, Object> slowLoop = Map.of(
                "name",
                "Slow loop",
                "settings",
                Map.of("executionTimeout", -1, "maxNodeRuns", 100_000_000),
                "nodes",
                List.of(
                        node("Manual", "n8n-nodes-base.manualTrigger", 1, Map.of()),
                        node("Wait", "n8n-nodes-base.wait", 1.1, Map.of("amount", 0.2, "unit", "seconds")),
                        node("Again", "n8n-nodes-base.noOp", 1, Map.of())),
                "connections",
                Map.of("Manual", link("Wait"), "Wait", link("Again"), "Again", link("Wait")));
        CompletableFuture<Map<String, Object>> run = CompletableFuture.supplyAsync(() -> runDraft(slowLoop, List.of()));
        String id = runningExecution();
        HttpResponse<String> cancel = server.api("POST", "/api/v1/executions/" + id + "/cancel", "");
        assertThat(cancel.statusCode()).as(cancel.body()).isEqualTo(200);
        assertThat(run.join().get("status")).isEqualTo("canceled");
    }

    private static long databaseBytes() {
        try (var files = Files.list(dataDir)) {
            return files.filter(f -> f.getFileName().toString().startsWith("hearth."))
                    .mapToLong(f -> f.toFile().length())
                    .sum();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @SuppressWarnings("unchecked")
    private static String runningExecution() {
        return Awaitility.await()
                .atMost(Duration.ofSeconds(60))
                .until(
                        () -> (List<Map<String, Object>>)
                                LaunchedServer.json(server.api("GET", "/api/v1/executions?status=running", ""))
                                        .get("data"),
                        list -> !list.isEmpty())
                .getFirst()
                .get("id")
                .toString();
    }

    // the background load's failure shows in the assertions on the server, not in this future
    @SuppressWarnings("FutureReturnValueIgnored")
    @Test
    @Order(3)
    void sigtermStopsTheServerWithAnExecutionRunningAndRecordsItAsCanceled() {
        Map<String, Object> waits = Map.of(
                "name",
                "Waits an hour",
                "settings",
                Map.of("executionTimeout", -1),
                "nodes",
                List.of(
                        node("Manual", "n8n-nodes-base.manualTrigger", 1, Map.of()),
                        node("Wait", "n8n-nodes-base.wait", 1.1, Map.of("amount", 1, "unit", "hours"))),
                "connections",
                Map.of("Manual", link("Wait")));
        CompletableFuture.runAsync(() -> {
            try {
                server.api("POST", "/api/v1/workflows/run", Json.write(Map.of("workflow", waits)));
            } catch (RuntimeException expected) {
                // the server goes away under this request
            }
        });
        String id = runningExecution();

        assertThat(server.terminate(Duration.ofSeconds(60)))
                .as("the server stopped after SIGTERM")
                .isTrue();

        server = LaunchedServer.start("runaway-it-restart", dataDir);
        Map<String, Object> execution = LaunchedServer.json(server.api("GET", "/api/v1/executions/" + id, ""));
        assertThat(execution.get("status")).isEqualTo("canceled");
    }
}
