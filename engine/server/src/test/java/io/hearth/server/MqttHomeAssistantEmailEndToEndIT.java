package io.hearth.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.hearth.common.Json;
import io.hearth.testsupport.RealHomeAssistant;
import io.hearth.testsupport.RealMosquitto;
import io.hearth.testsupport.RealSmtpServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;

/**
 * The whole chain through the server, every component real: a button press published to Mosquitto
 * ({@code zigbee2mqtt/button}) starts the MQTT Trigger, Home Assistant toggles the kitchen light, its demo
 * camera's snapshot is mailed through the SMTP server, and the Message-ID is published back to the broker.
 * Checked at the broker (mosquitto_sub), in Home Assistant (the light's state) and in the SMTP server's store.
 */
@Tag("home-assistant")
class MqttHomeAssistantEmailEndToEndIT extends ApiTestSupport {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String LIGHT = "light.kitchen_lights";
    // HTTP/1.1: aiohttp does not answer the JDK client's cleartext HTTP/2 upgrade
    private static final HttpClient HTTP =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private static Map<String, Object> executeOnce(Map<String, Object> node) {
        Map<String, Object> n = new LinkedHashMap<>(node);
        n.put("executeOnce", true);
        return n;
    }

    private static String lightState(RealHomeAssistant ha) throws Exception {
        HttpResponse<String> r = HTTP.send(
                HttpRequest.newBuilder(URI.create(ha.url() + "/api/states/" + LIGHT))
                        .header("Authorization", "Bearer " + ha.token())
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        return Json.parse(r.body()) instanceof Map<?, ?> m ? (String) m.get("state") : "";
    }

    /** The record of the workflow's only execution once it has finished; empty while none has. */
    @SuppressWarnings("unchecked")
    private String finishedExecution(String workflowId) {
        Map<String, Object> list = api.get()
                .uri("/api/v1/executions?workflowId={id}", workflowId)
                .exchange()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody();
        List<Map<String, Object>> data = (List<Map<String, Object>>) list.get("data");
        if (data.isEmpty() || List.of("new", "running").contains(data.getFirst().get("status"))) {
            return "";
        }
        return api.get()
                .uri("/api/v1/executions/{e}", data.getFirst().get("id"))
                .exchange()
                .expectBody(String.class)
                .returnResult()
                .getResponseBody();
    }

    @Test
    void aButtonPressTogglesTheLightAndMailsTheCameraSnapshot() throws Exception {
        RealHomeAssistant ha = RealHomeAssistant.shared();
        RealMosquitto broker = RealMosquitto.shared();
        RealSmtpServer smtp = RealSmtpServer.shared();
        String to = "owner-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";

        String mqtt = credential(
                "mqtt",
                Map.of(
                        "protocol", "mqtt",
                        "host", broker.host(),
                        "port", broker.port(),
                        "username", broker.user(),
                        "password", broker.password()));
        String homeAssistant =
                credential("homeAssistantApi", Map.of("host", ha.host(), "port", ha.port(), "accessToken", ha.token()));
        String mail = credential(
                "smtp",
                Map.of(
                        "host", smtp.host(),
                        "port", smtp.port(),
                        "secure", false,
                        "disableStartTls", true,
                        "user", smtp.user(),
                        "password", smtp.password()));

        Map<String, Object> workflow = Map.of(
                "name",
                "Button -> light + snapshot mail",
                "nodes",
                List.of(
                        withCredential(
                                node(
                                        "Button",
                                        "n8n-nodes-base.mqttTrigger",
                                        1,
                                        Map.of(
                                                "topics",
                                                "zigbee2mqtt/button:1",
                                                "options",
                                                Map.of("jsonParseBody", true))),
                                "mqtt",
                                mqtt),
                        withCredential(
                                node(
                                        "Toggle Light",
                                        "n8n-nodes-base.homeAssistant",
                                        1,
                                        Map.of(
                                                "resource", "service",
                                                "operation", "call",
                                                "domain", "light",
                                                "service", "toggle",
                                                "serviceAttributes",
                                                        Map.of(
                                                                "attributes",
                                                                List.of(Map.of("name", "entity_id", "value", LIGHT))))),
                                "homeAssistantApi",
                                homeAssistant),
                        withCredential(
                                // once: the toggle outputs every state it changed, and one mail is wanted
                                executeOnce(node(
                                        "Snapshot",
                                        "n8n-nodes-base.homeAssistant",
                                        1,
                                        Map.of(
                                                "resource", "cameraProxy",
                                                "operation", "getScreenshot",
                                                "cameraEntityId", "camera.demo_camera"))),
                                "homeAssistantApi",
                                homeAssistant),
                        withCredential(
                                node(
                                        "Send Email",
                                        "n8n-nodes-base.emailSend",
                                        2.1,
                                        Map.of(
                                                "fromEmail", "Hearth <hearth@example.com>",
                                                "toEmail", to,
                                                "subject",
                                                        "=Button {{ $('Button').item.json.message.action }}: kitchen light toggled",
                                                "html", "<p>The kitchen light was toggled. Snapshot attached.</p>",
                                                "options", Map.of("attachments", "data", "appendAttribution", false))),
                                "smtp",
                                mail),
                        withCredential(
                                node(
                                        "Report",
                                        "n8n-nodes-base.mqtt",
                                        1,
                                        Map.of(
                                                "topic",
                                                "hearth/e2e/mailed",
                                                "sendInputData",
                                                false,
                                                "message",
                                                "={{ $json.messageId }}",
                                                "options",
                                                Map.of("qos", 1))),
                                "mqtt",
                                mqtt)),
                "connections",
                merge(
                        connect("Button", "Toggle Light"),
                        connect("Toggle Light", "Snapshot"),
                        connect("Snapshot", "Send Email"),
                        connect("Send Email", "Report")));
        String id = (String) create(workflow).get("id");
        activate(id);
        Awaitility.await()
                .atMost(WAIT)
                .ignoreExceptions()
                .untilAsserted(() -> api.get()
                        .uri("/api/v1/workflows/{id}/triggers", id)
                        .exchange()
                        .expectBody()
                        .jsonPath("$[0].state")
                        .isEqualTo("CONNECTED")
                        .jsonPath("$[0].message")
                        .isEqualTo("Connected to mqtt://127.0.0.1:" + broker.port()
                                + "; listening to zigbee2mqtt/button (QoS 1)"));

        String before = lightState(ha);
        try (RealMosquitto.Subscription reports = broker.subscribe("hearth/e2e/#")) {
            broker.publish(
                    "zigbee2mqtt/button", "{\"action\":\"single\",\"battery\":97,\"linkquality\":120}", 1, false);

            // one execution, started by the message and finished without an error (its record shows why otherwise)
            String execution = Awaitility.await()
                    .atMost(WAIT)
                    .ignoreExceptions()
                    .until(() -> finishedExecution(id), e -> !e.isEmpty());
            assertThat(((Map<?, ?>) Json.parse(execution)).get("status"))
                    .as("the execution's status; its record: %s", execution)
                    .isEqualTo("success");

            // in Home Assistant: the light changed
            Awaitility.await().atMost(WAIT).until(() -> !lightState(ha).equals(before));

            // in the SMTP server's store: the mail with the snapshot
            Awaitility.await().atMost(WAIT).until(() -> !smtp.messagesTo(to).isEmpty());
            assertThat(smtp.messagesTo(to)).hasSize(1);
            RealSmtpServer.ReceivedMail received = smtp.messagesTo(to).getFirst();
            assertThat(received.subject()).isEqualTo("Button single: kitchen light toggled");
            assertThat(received.html()).contains("kitchen light was toggled");
            assertThat(received.attachments()).singleElement().satisfies(a -> {
                assertThat(a.fileName()).isEqualTo("camera.demo_camera.jpg");
                assertThat(a.contentType()).startsWith("image/"); // as Home Assistant names it (image/jpg)
                assertThat(a.data()).startsWith((byte) 0xFF, (byte) 0xD8); // a JPEG
            });

            // at the broker: the workflow reported the Message-ID it mailed
            Awaitility.await().atMost(WAIT).until(() -> !reports.messages().isEmpty());
            assertThat(reports.messages())
                    .containsExactly(new RealMosquitto.Message("hearth/e2e/mailed", received.header("Message-ID")));
        }

        api.get()
                .uri("/api/v1/executions?workflowId={id}", id)
                .exchange()
                .expectBody()
                .jsonPath("$.total")
                .isEqualTo(1)
                .jsonPath("$.data[0].mode")
                .isEqualTo("trigger");
        api.post()
                .uri("/api/v1/workflows/{id}/deactivate", id)
                .exchange()
                .expectStatus()
                .isOk();
    }

    @Test
    void theMqttAndSmtpTestButtonsAnswerThroughTheApi() {
        RealMosquitto broker = RealMosquitto.shared();
        api.post()
                .uri("/api/v1/credentials/test")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of(
                        "type",
                        "mqtt",
                        "data",
                        Map.of(
                                "host", broker.host(),
                                "port", broker.port(),
                                "username", broker.user(),
                                "password", "wrong-" + UUID.randomUUID())))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.status")
                .isEqualTo("FAILED")
                .jsonPath("$.message")
                .value(m -> assertThat((String) m).startsWith("Not authorized: the broker at mqtt://127.0.0.1:"));
        RealSmtpServer smtp = RealSmtpServer.shared();
        api.post()
                .uri("/api/v1/credentials/test")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of(
                        "type",
                        "smtp",
                        "data",
                        Map.of(
                                "host", smtp.host(),
                                "port", smtp.tlsPort(),
                                "secure", true,
                                "user", smtp.user(),
                                "password", smtp.password())))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.status")
                .isEqualTo("FAILED")
                .jsonPath("$.message")
                .value(m -> assertThat((String) m).startsWith("TLS handshake failed with 127.0.0.1:"));
    }
}
