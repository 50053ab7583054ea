package io.hearth.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.hearth.testsupport.RealHomeAssistant;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;

/**
 * A Home Assistant trigger keeps running through what users do to it: activating an active workflow again,
 * deactivating and re-activating at once, and Home Assistant restarting — after each, the trigger is connected
 * and a state change starts the workflow.
 */
@Tag("home-assistant")
class HomeAssistantTriggerLifecycleIT extends ApiTestSupport {

    private static final HttpClient HTTP =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private static final String COUNTER = "counter.hearth_counter";
    private static final Duration WAIT = Duration.ofSeconds(60);
    /** The bound: from Home Assistant's first answer after a restart to the next trigger execution. */
    private static final Duration RECONNECT_BOUND = Duration.ofSeconds(5);

    @Test
    void activatingAnActiveWorkflowAgainKeepsItsTriggerRunning() throws Exception {
        RealHomeAssistant ha = RealHomeAssistant.shared();
        String id = triggerWorkflow(ha, "activate twice");
        try {
            activate(id);
            firesOnAChange(ha, id);
            activate(id);
            activate(id);
            firesOnAChange(ha, id);
        } finally {
            post("/api/v1/workflows/{id}/deactivate", id);
        }
    }

    @Test
    void deactivatingAndActivatingAtOnceLeavesARunningTrigger() throws Exception {
        RealHomeAssistant ha = RealHomeAssistant.shared();
        String id = triggerWorkflow(ha, "off and on");
        try {
            activate(id);
            firesOnAChange(ha, id);
            for (int i = 0; i < 3; i++) {
                post("/api/v1/workflows/{id}/deactivate", id);
                activate(id);
                firesOnAChange(ha, id);
            }
            // the owner saw the workflow inactive and handed its task back before the activation
            post("/api/v1/workflows/{id}/deactivate", id);
            await().atMost(WAIT).until(() -> triggerStates(id).isEmpty());
            activate(id);
            firesOnAChange(ha, id);
        } finally {
            post("/api/v1/workflows/{id}/deactivate", id);
        }
    }

    @Test
    void reconnectsWithinFiveSecondsOfHomeAssistantAnsweringAgain() throws Exception {
        RealHomeAssistant ha = RealHomeAssistant.dedicated("server-trigger-restart");
        String id = triggerWorkflow(ha, "restart");
        try {
            activate(id);
            firesOnAChange(ha, id);
            long before = executions(id);

            ha.stop();
            await().atMost(WAIT).until(() -> triggerStates(id).contains("RECONNECTING"));
            // Down long enough for several failed attempts, as in a real restart or update (a longer backoff
            // would have grown past the bound by now).
            await().during(Duration.ofSeconds(12))
                    .atMost(Duration.ofSeconds(20))
                    .until(() -> triggerStates(id).contains("RECONNECTING"));
            AtomicReference<Instant> firstAnswer = new AtomicReference<>();
            // Home Assistant "answers again" when a service call succeeds: its HTTP API is up before its
            // integrations are, and that call is the change the trigger must deliver (live or as missed).
            Thread watcher = Thread.ofPlatform().daemon().start(() -> {
                while (firstAnswer.get() == null && !Thread.currentThread().isInterrupted()) {
                    if (increment(ha)) {
                        firstAnswer.set(Instant.now());
                    } else {
                        LockSupport.parkNanos(Duration.ofMillis(50).toNanos()); // poll interval
                    }
                }
            });
            try {
                ha.start();
                await().atMost(WAIT).until(() -> firstAnswer.get() != null);
            } finally {
                watcher.interrupt();
            }
            Duration left = RECONNECT_BOUND.minus(Duration.between(firstAnswer.get(), Instant.now()));
            await().atMost(left.isNegative() ? Duration.ofMillis(1) : left)
                    .pollInterval(Duration.ofMillis(100))
                    .until(() -> executions(id) > before);
            await().atMost(WAIT).until(() -> triggerStates(id).equals(List.of("CONNECTED")));
        } finally {
            post("/api/v1/workflows/{id}/deactivate", id);
        }
    }

    // ----

    private void firesOnAChange(RealHomeAssistant ha, String id) throws Exception {
        await().atMost(WAIT).until(() -> triggerStates(id).equals(List.of("CONNECTED")));
        long before = executions(id);
        assertThat(increment(ha)).isTrue();
        await().atMost(WAIT).until(() -> executions(id) == before + 1);
    }

    private String triggerWorkflow(RealHomeAssistant ha, String name) {
        String credential = (String) api.post()
                .uri("/api/v1/credentials")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of(
                        "name",
                        "HA lifecycle " + System.nanoTime(),
                        "type",
                        "homeAssistantApi",
                        "data",
                        Map.of("host", ha.host(), "port", ha.port(), "accessToken", ha.token())))
                .exchange()
                .expectStatus()
                .isCreated()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody()
                .get("id");
        Map<String, Object> trigger = new LinkedHashMap<>(node(
                "HA Trigger",
                "hearth.homeAssistantTrigger",
                1,
                Map.of("event", "stateChanged", "entityIds", List.of(COUNTER))));
        trigger.put("credentials", Map.of("homeAssistantApi", Map.of("id", credential, "name", "HA")));
        return (String) create(Map.of("name", "Trigger " + name, "nodes", List.of(trigger), "connections", Map.of()))
                .get("id");
    }

    private void post(String uri, String id) {
        api.post().uri(uri, id).exchange().expectStatus().isOk();
    }

    private long executions(String id) {
        Number total = (Number) api.get()
                .uri("/api/v1/executions?workflowId={id}", id)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody()
                .get("total");
        return total.longValue();
    }

    @SuppressWarnings("unchecked")
    private List<String> triggerStates(String id) {
        List<Map<String, Object>> triggers = api.get()
                .uri("/api/v1/workflows/{id}/triggers", id)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(List.class)
                .returnResult()
                .getResponseBody();
        return triggers.stream().map(t -> String.valueOf(t.get("state"))).toList();
    }

    /** Increments the counter; false while Home Assistant (or its counter integration) does not answer. */
    private static boolean increment(RealHomeAssistant ha) {
        try {
            HttpResponse<String> r = HTTP.send(
                    HttpRequest.newBuilder(URI.create(ha.url() + "/api/services/counter/increment"))
                            .header("Authorization", "Bearer " + ha.token())
                            .header("Content-Type", "application/json")
                            .timeout(Duration.ofSeconds(5))
                            .POST(HttpRequest.BodyPublishers.ofString("{\"entity_id\":\"" + COUNTER + "\"}"))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            return r.statusCode() == 200;
        } catch (java.io.IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
