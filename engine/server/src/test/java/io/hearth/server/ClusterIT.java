package io.hearth.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * Two Hearth processes (the packaged jar) on one real PostgreSQL, in queue mode: schedules fire
 * once across both, webhook calls spread over both are all recorded, callers that hang up before
 * the answer leave no execution behind, when one process is killed with SIGKILL every accepted
 * execution still completes (what it was running as retries), and a main queues for its workers.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterIT {

    private static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    private static final List<Node> nodes = new ArrayList<>();
    private static JdbcClient db;
    private static String url;
    private static Path jar;
    private static String apiKey;

    /** One server process. */
    record Node(String name, Process process, int port, Path log) {
        String url(String path) {
            return "http://localhost:" + port + path;
        }
    }

    @BeforeAll
    static void startCluster() throws Exception {
        // A database of its own so other PostgreSQL tests in this JVM do not interfere.
        url = EmbeddedPostgres.freshDatabase("hearth_cluster");
        db = JdbcClient.create(new DriverManagerDataSource(url, "postgres", "postgres"));
        jar = Path.of("target/hearth-server.jar").toAbsolutePath();
        assertThat(jar).as("the packaged server (failsafe runs after package)").exists();
        for (String name : List.of("node-a", "node-b")) {
            Files.deleteIfExists(Path.of("target/cluster-it-" + name + ".log"));
            nodes.add(launch(name, jar, url));
        }
        for (Node n : nodes) {
            Awaitility.await()
                    .atMost(Duration.ofMinutes(5)) // a loaded machine starts a server slowly
                    .pollInterval(Duration.ofMillis(500))
                    .ignoreExceptions()
                    .until(() -> get(n.url("/actuator/health/readiness"), null).statusCode() == 200);
        }
        String login = post(
                        nodes.getFirst().url("/api/v1/auth/login"),
                        null,
                        "{\"email\":\"owner@test.example\",\"password\":\"owner-pass-123\"}")
                .headers()
                .firstValue("set-cookie")
                .orElseThrow();
        String cookie = login.substring(0, login.indexOf(';'));
        HttpResponse<String> key = HTTP.send(
                HttpRequest.newBuilder(URI.create(nodes.getFirst().url("/api/v1/api-keys")))
                        .header("Cookie", cookie)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"label\":\"cluster\"}"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        apiKey = (String) ((Map<?, ?>) io.hearth.common.Json.parse(key.body())).get("key");
    }

    private static Node launch(String name, Path jar, String jdbcUrl, String... extraArgs) throws IOException {
        int port;
        try (var s = new java.net.ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Path dir = Files.createTempDirectory("hearth-" + name);
        Path log = Path.of("target/cluster-it-" + name + ".log").toAbsolutePath();
        String java = ProcessHandle.current().info().command().orElse("java");
        ProcessBuilder pb = new ProcessBuilder(
                        java,
                        "-Xmx384m",
                        "-XX:+UseSerialGC",
                        "-jar",
                        jar.toString(),
                        "--server.port=" + port,
                        "--hearth.data-dir=" + dir,
                        "--spring.datasource.url=" + jdbcUrl,
                        "--spring.datasource.username=postgres",
                        "--spring.datasource.password=postgres",
                        "--hearth.cluster.queue-mode=true",
                        "--hearth.cluster.instance-id=" + name,
                        "--hearth.cluster.worker-concurrency=8",
                        "--hearth.owner.email=owner@test.example",
                        "--hearth.owner.password=owner-pass-123",
                        "--hearth.scheduler.polling-interval=100ms")
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        pb.command().addAll(List.of(extraArgs));
        // Both share the master key (as a cluster must) through the environment.
        pb.environment().put("HEARTH_ENCRYPTION_KEY", "cluster-test-master-key-0123456789abcdef");
        return new Node(name, pb.start(), port, log);
    }

    @AfterAll
    static void stopCluster() {
        for (Node n : nodes) {
            n.process().destroy();
        }
        for (Node n : nodes) {
            try {
                if (!n.process().waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) {
                    n.process().destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static HttpResponse<String> get(String url, String key) throws IOException, InterruptedException {
        var b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30));
        if (key != null) {
            b.header("X-Hearth-Api-Key", key);
        }
        return HTTP.send(b.GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> post(String url, String key, String json)
            throws IOException, InterruptedException {
        var b = HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json");
        if (key != null) {
            b.header("X-Hearth-Api-Key", key);
        }
        return HTTP.send(
                b.POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String createAndActivate(Node on, String workflowJson) throws Exception {
        HttpResponse<String> created = post(on.url("/api/v1/workflows"), apiKey, workflowJson);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String id = (String) ((Map<?, ?>) io.hearth.common.Json.parse(created.body())).get("id");
        HttpResponse<String> active = post(on.url("/api/v1/workflows/" + id + "/activate"), apiKey, "{}");
        assertThat(active.statusCode()).as(active.body()).isEqualTo(200);
        return id;
    }

    private static String webhookWorkflow(String name, String path, double waitSeconds) {
        String wait = waitSeconds > 0
                ? ",{\"name\":\"Wait\",\"type\":\"hearth.wait\",\"typeVersion\":1.1,\"position\":[200,0],\"parameters\":{\"amount\":"
                        + waitSeconds + ",\"unit\":\"seconds\"}}"
                : "";
        String connections = waitSeconds > 0
                ? "{\"Webhook\":{\"main\":[[{\"node\":\"Wait\",\"type\":\"main\",\"index\":0}]]},\"Wait\":{\"main\":[[{\"node\":\"Set\",\"type\":\"main\",\"index\":0}]]}}"
                : "{\"Webhook\":{\"main\":[[{\"node\":\"Set\",\"type\":\"main\",\"index\":0}]]}}";
        return "{\"name\":\"" + name
                + "\",\"nodes\":[{\"name\":\"Webhook\",\"type\":\"n8n-nodes-base.webhook\",\"typeVersion\":2,\"position\":[0,0],"
                + "\"parameters\":{\"httpMethod\":\"POST\",\"path\":\"" + path + "\",\"responseMode\":\"onReceived\"}}"
                + wait
                + ",{\"name\":\"Set\",\"type\":\"hearth.set\",\"typeVersion\":3.4,\"position\":[400,0],\"parameters\":{\"assignments\":{\"assignments\":"
                + "[{\"name\":\"seen\",\"type\":\"number\",\"value\":\"={{ $json.body.i }}\"}]}}}],\"connections\":"
                + connections + "}";
    }

    private static void awaitRouteOnEveryNode(String path) {
        for (Node n : nodes) {
            if (n.process().isAlive()) {
                Awaitility.await()
                        .atMost(Duration.ofSeconds(60))
                        .pollInterval(Duration.ofMillis(200))
                        .ignoreExceptions()
                        .until(() -> registered(n, path));
            }
        }
    }

    // A route is served once a GET answers "not registered for GET" instead of "not registered".
    private static boolean registered(Node n, String path) throws Exception {
        return get(n.url("/webhook/" + path), null).body().contains("Did you mean to make a POST request?");
    }

    private static long count(String workflowId, String status) {
        return db.sql("SELECT COUNT(*) FROM executions WHERE workflow_id = ? AND status = ?")
                .params(workflowId, status)
                .query(Long.class)
                .single();
    }

    @Test
    @Order(1)
    void aOneSecondScheduleFiresOnceASecondAcrossTheCluster() throws Exception {
        String id = createAndActivate(
                nodes.getFirst(),
                "{\"name\":\"Cluster tick\",\"nodes\":[{\"name\":\"Schedule\",\"type\":\"n8n-nodes-base.scheduleTrigger\","
                        + "\"typeVersion\":1.2,\"position\":[0,0],\"parameters\":{\"rule\":{\"interval\":[{\"field\":\"seconds\",\"secondsInterval\":1}]}}}]}");
        Thread.sleep(30_000);
        assertThat(post(nodes.getFirst().url("/api/v1/workflows/" + id + "/deactivate"), apiKey, "{}")
                        .statusCode())
                .isEqualTo(200);
        Thread.sleep(3_000);
        List<String> ticks = db
                .sql(
                        "SELECT d.data FROM executions e JOIN execution_data d ON d.execution_id = e.id WHERE e.workflow_id = ?")
                .param(id)
                .query(io.hearth.server.execution.ExecutionRepository.DATA_COLUMN)
                .list()
                .stream()
                .map(data -> data.replaceAll("(?s).*\"timestamp\":\"([^\"]+)\".*", "$1"))
                .toList();
        List<String> instances = db.sql("SELECT DISTINCT instance_id FROM executions WHERE workflow_id = ?")
                .param(id)
                .query(String.class)
                .list();
        assertThat(ticks.size()).as("fires in 30 s (instances %s)", instances).isBetween(29, 31);
        assertThat(new HashSet<>(ticks)).as("no tick fired twice").hasSize(ticks.size());
    }

    @Test
    @Order(2)
    void webhookCallsSpreadOverBothInstancesAreAllRecorded() throws Exception {
        String id = createAndActivate(nodes.getFirst(), webhookWorkflow("Cluster hooks", "cluster-in", 0));
        awaitRouteOnEveryNode("cluster-in");
        ExecutorService pool = Executors.newFixedThreadPool(8);
        AtomicInteger accepted = new AtomicInteger();
        List<Future<?>> calls = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            Node n = nodes.get(i % 2);
            int body = i;
            calls.add(pool.submit(() -> {
                if (post(n.url("/webhook/cluster-in"), null, "{\"i\":" + body + "}")
                                .statusCode()
                        == 200) {
                    accepted.incrementAndGet();
                }
                return null;
            }));
        }
        for (Future<?> f : calls) {
            f.get();
        }
        pool.shutdown();
        assertThat(accepted.get()).isEqualTo(500);
        Awaitility.await()
                .atMost(Duration.ofSeconds(120))
                .pollInterval(Duration.ofSeconds(1))
                .untilAsserted(() -> assertThat(count(id, "success")).isEqualTo(500));
        assertThat(db.sql("SELECT COUNT(*) FROM executions WHERE workflow_id = ?")
                        .param(id)
                        .query(Long.class)
                        .single())
                .isEqualTo(500);
        Set<String> workers = new HashSet<>(db.sql("SELECT DISTINCT instance_id FROM executions WHERE workflow_id = ?")
                .param(id)
                .query(String.class)
                .list());
        assertThat(workers).as("both instances took work").containsExactlyInAnyOrder("node-a", "node-b");
    }

    @Test
    @Order(3)
    void clientsThatGoAwayBeforeTheAnswerLeaveNoExecutionBehind() throws Exception {
        String id = createAndActivate(nodes.getFirst(), webhookWorkflow("Cluster impatient", "cluster-gone", 0));
        awaitRouteOnEveryNode("cluster-gone");
        ExecutorService pool = Executors.newFixedThreadPool(8);
        AtomicInteger answered = new AtomicInteger();
        List<Future<?>> clients = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            int thread = t;
            clients.add(pool.submit(() -> {
                for (int i = 0; i < 60; i++) {
                    Node n = nodes.get((thread + i) % 2);
                    String body = "{\"i\":" + (thread * 1000 + i) + "}";
                    if (i % 3 == 0) {
                        // the load around them: clients that wait for their answer
                        if (post(n.url("/webhook/cluster-gone"), null, body).statusCode() == 200) {
                            answered.incrementAndGet();
                        }
                    } else {
                        sendAndHangUp(n.port(), "/webhook/cluster-gone", body, i % 2 == 0);
                    }
                }
                return null;
            }));
        }
        for (Future<?> f : clients) {
            f.get();
        }
        pool.shutdown();
        // Every execution recorded for a caller who left runs now, not when a sweep finds it (there is none).
        Awaitility.await()
                .atMost(Duration.ofSeconds(90)) // no sweep: one left behind would never run
                .pollInterval(Duration.ofMillis(500))
                .untilAsserted(() -> assertThat(
                                db.sql("SELECT COUNT(*) FROM executions WHERE workflow_id = ? AND status <> 'success'")
                                        .param(id)
                                        .query(Long.class)
                                        .single())
                        .isZero());
        long recorded = db.sql("SELECT COUNT(*) FROM executions WHERE workflow_id = ?")
                .param(id)
                .query(Long.class)
                .single();
        assertThat(answered.get()).isEqualTo(8 * 20);
        assertThat(recorded)
                .as("executions of callers who hung up were recorded (and ran)")
                .isGreaterThan(answered.get())
                .isLessThanOrEqualTo(8 * 60);
    }

    /** Sends a whole webhook request, then closes the connection before the answer: with a FIN, or a reset. */
    private static void sendAndHangUp(int port, String path, String json, boolean reset) throws IOException {
        byte[] body = json.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        String head = "POST " + path + " HTTP/1.1\r\nHost: localhost:" + port
                + "\r\nContent-Type: application/json\r\nContent-Length: " + body.length + "\r\n\r\n";
        try (var socket = new java.net.Socket("localhost", port)) {
            var out = socket.getOutputStream();
            out.write(head.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
            out.write(body);
            out.flush();
            if (reset) {
                socket.setSoLinger(true, 0);
            }
        }
    }

    @Test
    @Order(4)
    void killingAnInstanceLosesNoAcceptedExecution() throws Exception {
        String id = createAndActivate(nodes.getFirst(), webhookWorkflow("Cluster slow", "cluster-slow", 3));
        awaitRouteOnEveryNode("cluster-slow");
        int accepted = 0;
        for (int i = 0; i < 40; i++) {
            if (post(nodes.get(i % 2).url("/webhook/cluster-slow"), null, "{\"i\":" + i + "}")
                            .statusCode()
                    == 200) {
                accepted++;
            }
        }
        assertThat(accepted).isEqualTo(40);
        // Let node-a claim some of them, then kill it mid-run (SIGKILL: no shutdown hooks, no hand-over).
        Awaitility.await()
                .atMost(Duration.ofSeconds(60))
                .until(() -> db.sql(
                                        "SELECT COUNT(*) FROM executions WHERE workflow_id = ? AND status = 'running' AND instance_id = 'node-a'")
                                .param(id)
                                .query(Long.class)
                                .single()
                        > 0);
        Node a = nodes.getFirst();
        a.process().destroyForcibly();
        a.process().waitFor();
        long inFlightOnA = db.sql(
                        "SELECT COUNT(*) FROM executions WHERE workflow_id = ? AND status = 'running' AND instance_id = 'node-a'")
                .param(id)
                .query(Long.class)
                .single();
        final int expected = accepted;
        Awaitility.await()
                .atMost(Duration.ofSeconds(120))
                .pollInterval(Duration.ofSeconds(1))
                .untilAsserted(() -> assertThat(count(id, "success"))
                        .as("%d were running on the killed instance", inFlightOnA)
                        .isEqualTo(expected));
        // What node-a was running is marked crashed, and ran again as a retry of it (n8n's retryOf).
        List<String> crashed = db.sql("SELECT id FROM executions WHERE workflow_id = ? AND status = 'crashed'")
                .param(id)
                .query(String.class)
                .list();
        assertThat(crashed).hasSize((int) inFlightOnA);
        assertThat(count(id, "new") + count(id, "running")).isZero();
        // Each accepted call completed once: not lost, and not run to the end twice.
        List<String> seen = db
                .sql(
                        "SELECT d.data FROM executions e JOIN execution_data d ON d.execution_id = e.id WHERE e.workflow_id = ? AND e.status = 'success'")
                .param(id)
                .query(io.hearth.server.execution.ExecutionRepository.DATA_COLUMN)
                .list()
                .stream()
                .map(data -> data.replaceAll("(?s).*?\"seen\":(\\d+).*", "$1"))
                .toList();
        assertThat(seen)
                .containsExactlyInAnyOrderElementsOf(java.util.stream.IntStream.range(0, 40)
                        .mapToObj(String::valueOf)
                        .toList());
        assertThat(db.sql("SELECT COUNT(*) FROM executions WHERE workflow_id = ?")
                        .param(id)
                        .query(Long.class)
                        .single())
                .isEqualTo(expected + crashed.size());
        Node b = nodes.get(1);
        for (String lost : crashed) {
            String retry = db.sql("SELECT id FROM executions WHERE retry_of = ? AND status = 'success'")
                    .param(lost)
                    .query(String.class)
                    .single();
            Map<?, ?> retryView = (Map<?, ?>) io.hearth.common.Json.parse(
                    get(b.url("/api/v1/executions/" + retry), apiKey).body());
            assertThat(retryView.get("retryOf")).isEqualTo(lost);
            assertThat(retryView.get("mode")).isEqualTo("retry");
            Map<?, ?> lostView = (Map<?, ?>) io.hearth.common.Json.parse(
                    get(b.url("/api/v1/executions/" + lost), apiKey).body());
            assertThat(lostView.get("status")).isEqualTo("crashed");
            assertThat(String.valueOf(((Map<?, ?>) lostView.get("error")).get("message")))
                    .contains("node-a")
                    .contains("it runs again as execution " + retry);
        }
    }

    @Test
    @Order(5)
    void aMainQueuesWhatItsWorkersRun() throws Exception {
        // node-a comes back as a main: it serves webhooks and queues them, node-b (a worker) runs them.
        Node a = launch("node-a", jar, url, "--hearth.cluster.role=main");
        nodes.set(0, a);
        Awaitility.await()
                .atMost(Duration.ofMinutes(5))
                .pollInterval(Duration.ofMillis(500))
                .ignoreExceptions()
                .until(() -> get(a.url("/actuator/health/readiness"), null).statusCode() == 200);
        String id = createAndActivate(a, webhookWorkflow("Main and worker", "cluster-main", 0));
        awaitRouteOnEveryNode("cluster-main");
        for (int i = 0; i < 50; i++) {
            assertThat(post(a.url("/webhook/cluster-main"), null, "{\"i\":" + i + "}")
                            .statusCode())
                    .isEqualTo(200);
        }
        Awaitility.await()
                .atMost(Duration.ofMinutes(2))
                .pollInterval(Duration.ofMillis(500))
                .untilAsserted(() -> assertThat(count(id, "success")).isEqualTo(50));
        assertThat(db.sql("SELECT DISTINCT instance_id FROM executions WHERE workflow_id = ?")
                        .param(id)
                        .query(String.class)
                        .list())
                .containsExactly("node-b");
        for (Node n : nodes) {
            assertThat(Files.readString(n.log()))
                    .as("db-scheduler knows every task it finds (%s)", n.name())
                    .doesNotContain("Failed to find implementation");
        }
    }
}
