package io.hearth.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.reactive.server.WebTestClient;

/** A 1-second schedule fires once a second, keeps firing across a restart and never fires a tick twice. */
class ScheduleTriggerIT {

    private static ConfigurableApplicationContext start(Path dataDir) {
        // Command-line arguments: they win over application.yml, as they would for a user.
        return new SpringApplicationBuilder(io.hearth.server.HearthApplication.class)
                .run(
                        "--hearth.data-dir=" + dataDir,
                        "--server.port=0",
                        "--hearth.owner.email=owner@test.example",
                        "--hearth.owner.password=owner-pass-123",
                        "--hearth.scheduler.polling-interval=100ms");
    }

    private static WebTestClient client(ConfigurableApplicationContext ctx, String key) {
        int port = ((WebServerApplicationContext) ctx).getWebServer().getPort();
        var c = WebTestClient.bindToServer()
                .baseUrl("http://localhost:" + port)
                .responseTimeout(Duration.ofSeconds(30));
        return key == null
                ? c.build()
                : c.defaultHeader("X-Hearth-Api-Key", key).build();
    }

    private static List<String> firedTimestamps(ConfigurableApplicationContext ctx) {
        JdbcClient jdbc = ctx.getBean(JdbcClient.class);
        return jdbc
                .sql(
                        "SELECT d.data FROM executions e JOIN execution_data d ON d.execution_id = e.id WHERE e.mode = 'schedule'")
                .query(io.hearth.server.execution.ExecutionRepository.DATA_COLUMN)
                .list()
                .stream()
                .map(data -> (String) io.hearth.server.execution.ExecutionService.startItems(
                                io.hearth.server.execution.ExecutionCodec.parse(data))
                        .getFirst()
                        .json()
                        .get("timestamp"))
                .toList();
    }

    @Test
    void firesEverySecondAndSurvivesARestart() throws Exception {
        Path dataDir = Files.createTempDirectory("hearth-schedule");
        ConfigurableApplicationContext first = start(dataDir);
        WebTestClient anonymous = client(first, null);
        String cookie = anonymous
                .post()
                .uri("/api/v1/auth/login")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("email", "owner@test.example", "password", "owner-pass-123"))
                .exchange()
                .returnResult(String.class)
                .getResponseCookies()
                .getFirst("hearth_session")
                .getValue();
        String key = (String) anonymous
                .post()
                .uri("/api/v1/api-keys")
                .cookie("hearth_session", cookie)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("label", "t"))
                .exchange()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody()
                .get("key");
        WebTestClient api = client(first, key);
        Map<String, Object> workflow = Map.of(
                "name",
                "Every second",
                "nodes",
                List.of(Map.of(
                        "name",
                        "Schedule",
                        "type",
                        "n8n-nodes-base.scheduleTrigger",
                        "typeVersion",
                        1.2,
                        "position",
                        List.of(0, 0),
                        "parameters",
                        Map.of(
                                "rule",
                                Map.of("interval", List.of(Map.of("field", "seconds", "secondsInterval", 1)))))));
        String id = (String) api.post()
                .uri("/api/v1/workflows")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(workflow)
                .exchange()
                .expectStatus()
                .isCreated()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody()
                .get("id");
        api.post()
                .uri("/api/v1/workflows/{id}/activate", id)
                .exchange()
                .expectStatus()
                .isOk();
        int seconds = 6;
        Thread.sleep(seconds * 1000L);
        api.post()
                .uri("/api/v1/workflows/{id}/deactivate", id)
                .exchange()
                .expectStatus()
                .isOk();
        first.getBean(io.hearth.server.execution.ExecutionWriter.class).flush();
        List<String> firstRun = firedTimestamps(first);
        assertThat(firstRun.size()).as("fires in %d s: %s", seconds, firstRun).isBetween(seconds - 1, seconds + 1);

        // Active again, then the server stops and starts: the schedule carries on from the database.
        api.post()
                .uri("/api/v1/workflows/{id}/activate", id)
                .exchange()
                .expectStatus()
                .isOk();
        Thread.sleep(2000);
        first.close();
        ConfigurableApplicationContext second = start(dataDir);
        try {
            int before = firedTimestamps(second).size();
            Thread.sleep(4000);
            second.getBean(io.hearth.server.execution.ExecutionWriter.class).flush();
            List<String> all = firedTimestamps(second);
            assertThat(all.size() - before).as("fires after restart").isBetween(3, 5);
            Set<String> distinct = all.stream().collect(Collectors.toSet());
            assertThat(distinct).as("no tick fired twice").hasSize(all.size());
        } finally {
            second.close();
        }
    }
}
