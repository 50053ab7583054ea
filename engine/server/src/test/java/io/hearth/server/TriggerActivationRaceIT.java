package io.hearth.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.hearth.common.Json;
import io.hearth.testsupport.RealHomeAssistant;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * Two Hearth processes on one PostgreSQL, a Home Assistant trigger switched on and off through both, as people and
 * scripts do: activated on one, deactivated and activated again at once on the other, activated on both at the same
 * moment. After each, exactly one instance runs the trigger (its claim in the trigger ownership table, its
 * connection on that instance only) and a state change in the real Home Assistant starts exactly one execution.
 */
class TriggerActivationRaceIT {

    private static final HttpClient HTTP =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private static final String COUNTER = "counter.hearth_counter";
    private static final Duration WAIT = Duration.ofSeconds(90);
    private static final List<String> NAMES = List.of("race-a", "race-b");
    private static final List<LaunchedServer> instances = new ArrayList<>();
    private static JdbcClient db;
    private static RealHomeAssistant ha;

    @BeforeAll
    static void startTwoInstances() throws Exception {
        ha = RealHomeAssistant.shared();
        var pg = EmbeddedPostgres.server();
        try (var c = pg.getPostgresDatabase().getConnection()) {
            c.createStatement().execute("DROP DATABASE IF EXISTS hearth_trigger_race");
            c.createStatement().execute("CREATE DATABASE hearth_trigger_race");
        }
        String url = pg.getJdbcUrl("postgres", "postgres").replace("/postgres?", "/hearth_trigger_race?");
        db = JdbcClient.create(new DriverManagerDataSource(url, "postgres", "postgres"));
        Map<String, String> shared = Map.of(
                "SPRING_DATASOURCE_URL", url,
                "SPRING_DATASOURCE_USERNAME", "postgres",
                "SPRING_DATASOURCE_PASSWORD", "postgres",
                // one master key for both, as a cluster needs to read the credentials either saved
                "HEARTH_ENCRYPTION_KEY", "trigger-race-master-key-0123456789abcdef");
        for (String name : NAMES) {
            instances.add(LaunchedServer.start(
                    name,
                    Files.createTempDirectory("hearth-" + name),
                    shared,
                    List.of("--hearth.cluster.instance-id=" + name, "--hearth.scheduler.polling-interval=100ms")));
        }
    }

    @AfterAll
    static void stopInstances() {
        instances.forEach(LaunchedServer::close);
    }

    @Test
    void exactlyOneInstanceRunsTheTriggerAfterEveryActivationSequence() throws Exception {
        LaunchedServer a = instances.get(0);
        LaunchedServer b = instances.get(1);
        String id = triggerWorkflow(a);

        ok(a.api("POST", "/api/v1/workflows/" + id + "/activate", "{}"));
        exactlyOneRunsAndFires(id, "activated on one instance");

        for (int i = 0; i < 3; i++) {
            ok(b.api("POST", "/api/v1/workflows/" + id + "/deactivate", "{}"));
            ok(b.api("POST", "/api/v1/workflows/" + id + "/activate", "{}"));
            exactlyOneRunsAndFires(id, "deactivated and activated at once on the other instance (" + (i + 1) + ")");
        }

        ok(a.api("POST", "/api/v1/workflows/" + id + "/deactivate", "{}"));
        await().atMost(WAIT).until(() -> runningOn(id).isEmpty() && claims(id) == 0);
        onBothAtOnce(id, "activate");
        exactlyOneRunsAndFires(id, "activated on both instances at the same moment");

        onBothAtOnce(id, "activate");
        exactlyOneRunsAndFires(id, "activated again on both while active");

        onBothAtOnce(id, "deactivate");
        await().atMost(WAIT).until(() -> runningOn(id).isEmpty() && claims(id) == 0);
    }

    // ----

    /** The sequence settled with one owner, whose connection delivers each state change as one execution. */
    private void exactlyOneRunsAndFires(String id, String after) throws Exception {
        await().alias(after + ": one instance runs the trigger")
                .atMost(WAIT)
                .pollInterval(Duration.ofMillis(250))
                .until(() -> runningOn(id).size() == 1 && claims(id) == 1);
        String owner = runningOn(id).getFirst();
        for (int change = 0; change < 2; change++) {
            long before = executions(id);
            assertThat(increment()).as("Home Assistant takes the change").isTrue();
            await().alias(after + ": the change starts an execution")
                    .atMost(WAIT)
                    .until(() -> executions(id) >= before + 1);
        }
        assertThat(runningOn(id)).as(after + ": still one instance").containsExactly(owner);
        List<String> ranOn = db.sql("SELECT DISTINCT instance_id FROM executions WHERE workflow_id = ?")
                .param(id)
                .query(String.class)
                .list();
        assertThat(ranOn).as(after + ": executions ran where the trigger runs").contains(owner);
        assertThat(duplicates(id))
                .as(after + ": a state change started more than one execution")
                .isZero();
    }

    /** The same request to both instances at the same moment; both succeed. */
    private static void onBothAtOnce(String id, String action) {
        List<CompletableFuture<HttpResponse<String>>> calls = instances.stream()
                .map(s -> CompletableFuture.supplyAsync(
                        () -> s.api("POST", "/api/v1/workflows/" + id + "/" + action, "{}")))
                .toList();
        calls.forEach(c -> ok(c.join()));
    }

    private static void ok(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    }

    /** The instances whose trigger is connected (each instance reports only the triggers it runs). */
    @SuppressWarnings("unchecked")
    private static List<String> runningOn(String id) {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < instances.size(); i++) {
            LaunchedServer s = instances.get(i);
            List<Map<String, Object>> triggers = (List<Map<String, Object>>) Json.parse(
                    s.api("GET", "/api/v1/workflows/" + id + "/triggers", "").body());
            if (triggers.stream().anyMatch(t -> "CONNECTED".equals(t.get("state")))) {
                names.add(NAMES.get(i));
            }
            assertThat(triggers.size()).as("triggers reported by one instance").isLessThanOrEqualTo(1);
        }
        return names;
    }

    /** Rows of the trigger ownership table (db-scheduler's task) for the workflow. */
    private static long claims(String id) {
        return db.sql(
                        "SELECT COUNT(*) FROM scheduled_tasks WHERE task_name = 'hearth-trigger-owner' AND task_instance = ?")
                .param(id)
                .query(Long.class)
                .single();
    }

    private static long executions(String id) {
        return db.sql("SELECT COUNT(*) FROM executions WHERE workflow_id = ?")
                .param(id)
                .query(Long.class)
                .single();
    }

    /** Executions that delivered a state change (Home Assistant's context id) another execution delivered too. */
    private static long duplicates(String id) {
        List<String> values = db
                .sql(
                        "SELECT d.data FROM executions e JOIN execution_data d ON d.execution_id = e.id WHERE e.workflow_id = ?")
                .param(id)
                .query(io.hearth.server.execution.ExecutionRepository.DATA_COLUMN)
                .list()
                .stream()
                .map(data -> data.replaceAll("(?s).*?\"context\":\\{\"id\":\"([^\"]+)\".*", "$1"))
                .toList();
        return values.size() - values.stream().distinct().count();
    }

    private static String triggerWorkflow(LaunchedServer on) {
        HttpResponse<String> credential = on.api(
                "POST",
                "/api/v1/credentials",
                Json.write(Map.of(
                        "name",
                        "HA",
                        "type",
                        "homeAssistantApi",
                        "data",
                        Map.of("host", ha.host(), "port", ha.port(), "accessToken", ha.token()))));
        assertThat(credential.statusCode()).as(credential.body()).isEqualTo(201);
        String credentialId = (String) LaunchedServer.json(credential).get("id");
        HttpResponse<String> created = on.api(
                "POST",
                "/api/v1/workflows",
                Json.write(Map.of(
                        "name",
                        "Counter watcher",
                        "nodes",
                        List.of(Map.of(
                                "name",
                                "HA Trigger",
                                "type",
                                "hearth.homeAssistantTrigger",
                                "typeVersion",
                                1,
                                "position",
                                List.of(0, 0),
                                "parameters",
                                Map.of("event", "stateChanged", "entityIds", List.of(COUNTER)),
                                "credentials",
                                Map.of("homeAssistantApi", Map.of("id", credentialId, "name", "HA")))),
                        "connections",
                        Map.of())));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return (String) LaunchedServer.json(created).get("id");
    }

    /** Increments the counter through Home Assistant's REST API. */
    private static boolean increment() throws Exception {
        HttpResponse<String> r = HTTP.send(
                HttpRequest.newBuilder(URI.create(ha.url() + "/api/services/counter/increment"))
                        .header("Authorization", "Bearer " + ha.token())
                        .header("Content-Type", "application/json")
                        .timeout(Duration.ofSeconds(10))
                        .POST(HttpRequest.BodyPublishers.ofString("{\"entity_id\":\"" + COUNTER + "\"}"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        return r.statusCode() == 200;
    }
}
