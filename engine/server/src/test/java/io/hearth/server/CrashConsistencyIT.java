package io.hearth.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.hearth.common.Json;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * kill -9 under load, several times, on the embedded database: the packaged server (launched as {@code ./hearth
 * start} launches it) answers webhook calls from several clients while pruning and giving pages back run every
 * second; at a random moment it is killed with SIGKILL. After every kill the database passes SQLite's integrity
 * check, the server starts on it again, and every execution whose answer a client received is there, succeeded
 * (apart from those retention was entitled to prune: only the oldest).
 */
class CrashConsistencyIT {

    private static final int KILLS = 4;
    private static final int CLIENTS = 8;
    private static final int KEEP = 400;
    // Each record holds the body twice (Webhook's output, Edit Fields' output): ~6 KB, so pruning frees pages in
    // numbers that make the housekeeping give them back while the load goes on.
    private static final String PADDING = "x".repeat(3000);

    private static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    @Test
    void killedUnderLoadLosesNoAnsweredExecutionAndAlwaysReopens() throws Exception {
        Path dir = Files.createTempDirectory("hearth-crash");
        long seed = System.nanoTime();
        Random random = new Random(seed);
        System.out.println("CrashConsistencyIT seed " + seed + ", data directory " + dir);
        List<String> answered = new ArrayList<>();
        String workflowId = null;
        for (int cycle = 0; cycle <= KILLS; cycle++) {
            try (LaunchedServer server = LaunchedServer.start(
                    "crash-it-" + cycle,
                    dir,
                    "--hearth.executions.prune.max-count=" + KEEP,
                    "--hearth.executions.prune.interval=1s",
                    "--hearth.executions.prune.batch-size=50")) {
                if (workflowId == null) {
                    workflowId = createWorkflow(server);
                } else {
                    assertAnsweredExecutionsPresent(server, workflowId, answered);
                }
                if (cycle == KILLS) {
                    break;
                }
                int target = 150 + random.nextInt(500);
                List<String> ids = loadThenKill(server, target);
                System.out.printf("CrashConsistencyIT: kill %d after %d answered calls%n", cycle + 1, ids.size());
                answered.addAll(ids);
            }
            assertThat(integrityCheck(dir))
                    .as("PRAGMA integrity_check after kill " + (cycle + 1))
                    .isEqualTo("ok");
        }
    }

    private static String createWorkflow(LaunchedServer server) {
        Map<String, Object> workflow = Map.of(
                "name",
                "Crash load",
                "nodes",
                List.of(
                        node(
                                "Webhook",
                                "n8n-nodes-base.webhook",
                                2,
                                Map.of("httpMethod", "POST", "path", "crash-load", "responseMode", "responseNode")),
                        node(
                                "Edit Fields",
                                "n8n-nodes-base.set",
                                3.4,
                                Map.of(
                                        "assignments",
                                        Map.of(
                                                "assignments",
                                                List.of(
                                                        Map.of(
                                                                "name",
                                                                "executionId",
                                                                "type",
                                                                "string",
                                                                "value",
                                                                "={{ $execution.id }}"),
                                                        Map.of(
                                                                "name",
                                                                "padding",
                                                                "type",
                                                                "string",
                                                                "value",
                                                                "={{ $json.body.padding }}"))))),
                        node(
                                "Respond",
                                "n8n-nodes-base.respondToWebhook",
                                1.1,
                                Map.of("respondWith", "firstIncomingItem"))),
                "connections",
                Map.of(
                        "Webhook", link("Edit Fields"),
                        "Edit Fields", link("Respond")));
        HttpResponse<String> created = server.api("POST", "/api/v1/workflows", Json.write(workflow));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String id = (String) LaunchedServer.json(created).get("id");
        HttpResponse<String> activated = server.api("POST", "/api/v1/workflows/" + id + "/activate", "");
        assertThat(activated.statusCode()).as(activated.body()).isEqualTo(200);
        return id;
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

    /** Clients call the webhook until {@code target} answers came back, then the server is killed mid-load. */
    private static List<String> loadThenKill(LaunchedServer server, int target) throws Exception {
        ConcurrentLinkedQueue<String> ids = new ConcurrentLinkedQueue<>();
        AtomicBoolean stop = new AtomicBoolean();
        AtomicInteger answers = new AtomicInteger();
        URI uri = URI.create(server.url("/webhook/crash-load"));
        List<Thread> clients = new ArrayList<>();
        for (int c = 0; c < CLIENTS; c++) {
            int client = c;
            clients.add(Thread.ofPlatform().name("crash-client-" + c).start(() -> {
                for (int i = 0; !stop.get(); i++) {
                    try {
                        HttpResponse<String> r = HTTP.send(
                                HttpRequest.newBuilder(uri)
                                        .header("Content-Type", "application/json")
                                        .timeout(Duration.ofSeconds(60))
                                        .POST(HttpRequest.BodyPublishers.ofString(
                                                Json.write(Map.of("client", client, "i", i, "padding", PADDING))))
                                        .build(),
                                HttpResponse.BodyHandlers.ofString());
                        if (r.statusCode() == 200) {
                            ids.add((String) LaunchedServer.json(r).get("executionId"));
                            answers.incrementAndGet();
                        }
                    } catch (Exception e) {
                        // the server is gone (killed): the call has no answer, so nothing is owed
                    }
                }
            }));
        }
        Awaitility.await()
                .atMost(Duration.ofMinutes(5))
                .pollInterval(Duration.ofMillis(20))
                .until(() -> answers.get() >= target);
        server.kill();
        stop.set(true);
        for (Thread t : clients) {
            t.join();
        }
        return List.copyOf(ids);
    }

    /**
     * Every answered execution is there and succeeded, except what retention may have pruned: it keeps the newest
     * {@value #KEEP} executions, and each kill adds up to {@value #CLIENTS} executions that were running (recorded
     * as crashed) and as many run again on restart, newer than the answered ones.
     */
    private static void assertAnsweredExecutionsPresent(
            LaunchedServer server, String workflowId, List<String> answered) {
        Map<String, String> stored = new java.util.HashMap<>();
        for (int offset = 0; ; offset += 500) {
            HttpResponse<String> page = server.api(
                    "GET", "/api/v1/executions?workflowId=" + workflowId + "&limit=500&offset=" + offset, "");
            assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> rows =
                    (List<Map<String, Object>>) LaunchedServer.json(page).get("data");
            rows.forEach(r -> stored.put((String) r.get("id"), (String) r.get("status")));
            if (rows.size() < 500) {
                break;
            }
        }
        List<String> newestFirst =
                answered.stream().sorted(java.util.Comparator.reverseOrder()).toList();
        int mustRemain = Math.min(newestFirst.size(), KEEP - 2 * CLIENTS);
        Set<String> missing = new HashSet<>();
        Set<String> notSucceeded = new HashSet<>();
        for (String id : newestFirst.subList(0, mustRemain)) {
            String status = stored.get(id);
            if (status == null) {
                missing.add(id);
            } else if (!status.equals("success")) {
                notSucceeded.add(id + "=" + status);
            }
        }
        System.out.printf(
                "CrashConsistencyIT: %d executions stored, the newest %d of %d answered checked%n",
                stored.size(), mustRemain, answered.size());
        assertThat(missing)
                .as("answered executions missing after a kill (%d answered, %d stored)", answered.size(), stored.size())
                .isEmpty();
        assertThat(notSucceeded)
                .as("answered executions not recorded as succeeded")
                .isEmpty();
    }

    private static String integrityCheck(Path dir) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("hearth.db"));
                Statement s = c.createStatement();
                ResultSet r = s.executeQuery("PRAGMA integrity_check")) {
            r.next();
            return r.getString(1);
        }
    }
}
