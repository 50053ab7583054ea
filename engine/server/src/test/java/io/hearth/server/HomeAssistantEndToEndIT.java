package io.hearth.server;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
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
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.http.MediaType;

/** The server with a real Home Assistant: webhook -> HA -> respond, the credential test button, secrets. */
@Tag("home-assistant")
class HomeAssistantEndToEndIT extends ApiTestSupport {

    // HTTP/1.1: the JDK client's default cleartext HTTP/2 upgrade is not something aiohttp answers.
    private static final HttpClient HTTP =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private RealHomeAssistant ha;

    @BeforeEach
    void homeAssistant() {
        ha = RealHomeAssistant.shared();
    }

    @SuppressWarnings("unchecked")
    private String credential(String name, String token) {
        Map<String, Object> created = api.post()
                .uri("/api/v1/credentials")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of(
                        "name",
                        name,
                        "type",
                        "homeAssistantApi",
                        "data",
                        Map.of("host", ha.host(), "port", ha.port(), "ssl", false, "accessToken", token)))
                .exchange()
                .expectStatus()
                .isCreated()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody();
        return (String) created.get("id");
    }

    private String lightState(String entity) throws Exception {
        HttpResponse<String> r = HTTP.send(
                HttpRequest.newBuilder(URI.create(ha.url() + "/api/states/" + entity))
                        .header("Authorization", "Bearer " + ha.token())
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        return io.hearth.common.Json.parse(r.body()) instanceof Map<?, ?> m ? (String) m.get("state") : null;
    }

    private void setLight(String entity, String service) throws Exception {
        HTTP.send(
                HttpRequest.newBuilder(URI.create(ha.url() + "/api/services/light/" + service))
                        .header("Authorization", "Bearer " + ha.token())
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"entity_id\":\"" + entity + "\"}"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private Map<String, Object> haNode(String credentialId, Map<String, Object> parameters) {
        Map<String, Object> n =
                new LinkedHashMap<>(node("Home Assistant", "n8n-nodes-base.homeAssistant", 1, parameters));
        n.put("credentials", Map.of("homeAssistantApi", Map.of("id", credentialId, "name", "HA")));
        return n;
    }

    @Test
    void webhookTurnsOnTheLightNamedInTheRequest() throws Exception {
        String entity = "light.kitchen_lights";
        setLight(entity, "turn_off");
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> "off".equals(lightState(entity)));
        String cred = credential("HA e2e", ha.token());
        Map<String, Object> wf = Map.of(
                "name",
                "Lights by webhook",
                "nodes",
                List.of(
                        node(
                                "Webhook",
                                "n8n-nodes-base.webhook",
                                2,
                                Map.of("httpMethod", "POST", "path", "lights-on", "responseMode", "responseNode")),
                        haNode(
                                cred,
                                Map.of(
                                        "resource",
                                        "service",
                                        "operation",
                                        "call",
                                        "domain",
                                        "light",
                                        "service",
                                        "turn_on",
                                        "serviceAttributes",
                                        Map.of(
                                                "attributes",
                                                List.of(Map.of(
                                                        "name", "entity_id", "value", "={{ $json.body.entity }}"))))),
                        node(
                                "Respond",
                                "n8n-nodes-base.respondToWebhook",
                                1.1,
                                Map.of(
                                        "respondWith",
                                        "json",
                                        "responseBody",
                                        "={{ { called: true, items: $input.all().length } }}"))),
                "connections",
                merge(connect("Webhook", "Home Assistant"), connect("Home Assistant", "Respond")));
        String id = (String) create(wf).get("id");
        activate(id);
        anonymous
                .post()
                .uri("/webhook/lights-on")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("entity", entity))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.called")
                .isEqualTo(true);
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> "on".equals(lightState(entity)));
    }

    @Test
    void stateOfAnEntityFlowsIntoTheExecutionRecord() {
        String cred = credential("HA state", ha.token());
        Map<String, Object> draft = Map.of(
                "name",
                "Read state",
                "nodes",
                List.of(
                        node("Start", "hearth.manualTrigger", 1, Map.of()),
                        haNode(cred, Map.of("resource", "state", "operation", "get", "entityId", "sun.sun"))),
                "connections",
                connect("Start", "Home Assistant"));
        api.post()
                .uri("/api/v1/workflows/run")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("workflow", draft))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.status")
                .isEqualTo("success")
                .jsonPath("$.nodes['Home Assistant'][0].output[0][0].json.entity_id")
                .isEqualTo("sun.sun");
    }

    @Test
    void dynamicOptionsComeLiveFromHomeAssistant() {
        String cred = credential("HA options", ha.token());
        api.post()
                .uri("/api/v1/node-types/hearth.homeAssistant/load-options")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of(
                        "method",
                        "getAllEntities",
                        "parameters",
                        Map.of(),
                        "credentials",
                        Map.of("homeAssistantApi", Map.of("id", cred))))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$[?(@.value == 'light.bed_light')]")
                .exists();
    }

    @Test
    void credentialTestAnswersForGoodAndBadTokens() {
        api.post()
                .uri("/api/v1/credentials/test")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of(
                        "type",
                        "homeAssistantApi",
                        "data",
                        Map.of("host", ha.host(), "port", ha.port(), "accessToken", ha.token())))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.status")
                .isEqualTo("OK");
        String bad = "bad-token-" + System.nanoTime();
        String body = api.post()
                .uri("/api/v1/credentials/test")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of(
                        "type",
                        "homeAssistantApi",
                        "data",
                        Map.of("host", ha.host(), "port", ha.port(), "accessToken", bad)))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(String.class)
                .returnResult()
                .getResponseBody();
        assertThat(body)
                .contains("FAILED")
                .containsIgnoringCase("access token rejected")
                .doesNotContain(bad);
    }

    @Test
    void credentialTestOfASavedCredentialUsesTheStoredToken() {
        String cred = credential("HA saved", ha.token());
        api.post()
                .uri("/api/v1/credentials/test")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of(
                        "id",
                        cred,
                        "type",
                        "homeAssistantApi",
                        "data",
                        Map.of("host", ha.host(), "port", ha.port(), "accessToken", "******")))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.status")
                .isEqualTo("OK");
    }

    @Test
    void credentialTestNamesATlsMismatch() {
        String body = api.post()
                .uri("/api/v1/credentials/test")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of(
                        "type",
                        "homeAssistantApi",
                        "data",
                        Map.of("host", ha.host(), "port", ha.port(), "ssl", true, "accessToken", ha.token())))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(String.class)
                .returnResult()
                .getResponseBody();
        assertThat(body).contains("FAILED").containsIgnoringCase("TLS");
    }

    @Test
    void aFailingCallKeepsTheTokenOutOfLogsExecutionDataAndResponses() {
        String bad = "leaky-token-" + System.nanoTime();
        String cred = credential("HA bad token", bad);
        ListAppender<ILoggingEvent> logs = new ListAppender<>();
        logs.start();
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.addAppender(logs);
        try {
            Map<String, Object> wf = Map.of(
                    "name",
                    "Bad token",
                    "nodes",
                    List.of(
                            node(
                                    "Webhook",
                                    "n8n-nodes-base.webhook",
                                    2,
                                    Map.of("httpMethod", "POST", "path", "bad-token", "responseMode", "lastNode")),
                            haNode(cred, Map.of("resource", "state", "operation", "get", "entityId", "sun.sun"))),
                    "connections",
                    connect("Webhook", "Home Assistant"));
            String id = (String) create(wf).get("id");
            activate(id);
            String answer = anonymous
                    .post()
                    .uri("/webhook/bad-token")
                    .contentType(MediaType.APPLICATION_JSON)
                    .bodyValue(Map.of("x", 1))
                    .exchange()
                    .expectStatus()
                    .is5xxServerError()
                    .expectBody(String.class)
                    .returnResult()
                    .getResponseBody();
            assertThat(answer).containsIgnoringCase("access token rejected").doesNotContain(bad);
            @SuppressWarnings("unchecked")
            Map<String, Object> list = api.get()
                    .uri("/api/v1/executions?workflowId={id}", id)
                    .exchange()
                    .expectBody(Map.class)
                    .returnResult()
                    .getResponseBody();
            @SuppressWarnings("unchecked")
            String executionId = (String)
                    ((List<Map<String, Object>>) list.get("data")).getFirst().get("id");
            String detail = api.get()
                    .uri("/api/v1/executions/{e}", executionId)
                    .exchange()
                    .expectBody(String.class)
                    .returnResult()
                    .getResponseBody();
            assertThat(detail).containsIgnoringCase("access token rejected").doesNotContain(bad);
            String credentialView = api.get()
                    .uri("/api/v1/credentials/{c}", cred)
                    .exchange()
                    .expectBody(String.class)
                    .returnResult()
                    .getResponseBody();
            assertThat(credentialView).doesNotContain(bad);
        } finally {
            root.detachAppender(logs);
        }
        assertThat(logs.list)
                .as("the failure is logged")
                .anySatisfy(e -> assertThat(e.getFormattedMessage()).containsIgnoringCase("access token rejected"));
        for (ILoggingEvent e : logs.list) {
            assertThat(e.getFormattedMessage()).doesNotContain(bad);
            if (e.getThrowableProxy() != null) {
                assertThat(e.getThrowableProxy().getMessage()).doesNotContain(bad);
            }
        }
    }
}
