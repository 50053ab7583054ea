package io.hearth.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.hearth.testsupport.RealHomeAssistant;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;

/** The Home Assistant Trigger through the server: activation, live status, executions from state changes. */
@Tag("home-assistant")
class HomeAssistantTriggerServerIT extends ApiTestSupport {

    private static final HttpClient HTTP =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @SuppressWarnings("unchecked")
    private String credential(RealHomeAssistant ha, String token) {
        return (String) api.post()
                .uri("/api/v1/credentials")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of(
                        "name",
                        "HA trigger " + System.nanoTime(),
                        "type",
                        "homeAssistantApi",
                        "data",
                        Map.of("host", ha.host(), "port", ha.port(), "accessToken", token)))
                .exchange()
                .expectStatus()
                .isCreated()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody()
                .get("id");
    }

    private static Map<String, Object> workflow(String name, String credentialId, String entity) {
        Map<String, Object> trigger = new LinkedHashMap<>(node(
                "HA Trigger",
                "hearth.homeAssistantTrigger",
                1,
                Map.of("event", "stateChanged", "entityIds", List.of(entity))));
        trigger.put("credentials", Map.of("homeAssistantApi", Map.of("id", credentialId, "name", "HA")));
        return Map.of(
                "name",
                name,
                "nodes",
                List.of(
                        trigger,
                        node(
                                "Set",
                                "hearth.set",
                                3.4,
                                Map.of(
                                        "assignments",
                                        Map.of(
                                                "assignments",
                                                List.of(Map.of(
                                                        "name",
                                                        "now",
                                                        "type",
                                                        "string",
                                                        "value",
                                                        "={{ $json.to_state.state }}")))))),
                "connections",
                connect("HA Trigger", "Set"));
    }

    private static void toggle(RealHomeAssistant ha, String entity) throws Exception {
        HTTP.send(
                HttpRequest.newBuilder(URI.create(ha.url() + "/api/services/homeassistant/toggle"))
                        .header("Authorization", "Bearer " + ha.token())
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"entity_id\":\"" + entity + "\"}"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aStateChangeStartsTheWorkflowAndTheStatusShowsConnected() throws Exception {
        RealHomeAssistant ha = RealHomeAssistant.shared();
        String entity = "switch.decorative_lights";
        String id = (String) create(workflow("HA state trigger", credential(ha, ha.token()), entity))
                .get("id");
        activate(id);
        Awaitility.await()
                .atMost(Duration.ofSeconds(30))
                .ignoreExceptions()
                .untilAsserted(() -> api.get()
                        .uri("/api/v1/workflows/{id}/triggers", id)
                        .exchange()
                        .expectStatus()
                        .isOk()
                        .expectBody()
                        .jsonPath("$[0].state")
                        .isEqualTo("CONNECTED")
                        .jsonPath("$[0].node")
                        .isEqualTo("HA Trigger"));
        toggle(ha, entity);
        Awaitility.await()
                .atMost(Duration.ofSeconds(30))
                .ignoreExceptions()
                .untilAsserted(() -> api.get()
                        .uri("/api/v1/executions?workflowId={id}&status=success", id)
                        .exchange()
                        .expectBody()
                        .jsonPath("$.total")
                        .isEqualTo(1)
                        .jsonPath("$.data[0].mode")
                        .isEqualTo("trigger"));
        @SuppressWarnings("unchecked")
        String execution = (String) ((List<Map<String, Object>>) api.get()
                        .uri("/api/v1/executions?workflowId={id}", id)
                        .exchange()
                        .expectBody(Map.class)
                        .returnResult()
                        .getResponseBody()
                        .get("data"))
                .getFirst()
                .get("id");
        api.get()
                .uri("/api/v1/executions/{e}", execution)
                .exchange()
                .expectBody()
                .jsonPath("$.nodes['HA Trigger'][0].output[0][0].json.entity_id")
                .isEqualTo(entity)
                .jsonPath("$.nodes['HA Trigger'][0].output[0][0].json.from_state.state")
                .exists()
                .jsonPath("$.nodes.Set[0].output[0][0].json.now")
                .exists();

        api.post()
                .uri("/api/v1/workflows/{id}/deactivate", id)
                .exchange()
                .expectStatus()
                .isOk();
        Awaitility.await()
                .atMost(Duration.ofSeconds(15))
                .untilAsserted(() -> api.get()
                        .uri("/api/v1/workflows/{id}/triggers", id)
                        .exchange()
                        .expectBody()
                        .jsonPath("$.length()")
                        .isEqualTo(0));
        toggle(ha, entity);
        Thread.sleep(2000); // nothing should arrive: the subscription is gone
        api.get()
                .uri("/api/v1/executions?workflowId={id}", id)
                .exchange()
                .expectBody()
                .jsonPath("$.total")
                .isEqualTo(1);
    }

    @Test
    void aRejectedTokenRefusesTheActivationWithHomeAssistantsReason() {
        RealHomeAssistant ha = RealHomeAssistant.shared();
        String id = (String)
                create(workflow("HA bad token trigger", credential(ha, "not-a-valid-token"), "light.bed_light"))
                        .get("id");
        api.post()
                .uri("/api/v1/workflows/{id}/activate", id)
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.detail")
                .value(d -> assertThat((String) d).contains("HA Trigger").contains("auth_invalid"));
        api.get()
                .uri("/api/v1/workflows/{id}", id)
                .exchange()
                .expectBody()
                .jsonPath("$.active")
                .isEqualTo(false);
    }
}
