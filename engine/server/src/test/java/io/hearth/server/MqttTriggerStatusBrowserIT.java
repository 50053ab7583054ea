package io.hearth.server;

import io.hearth.testsupport.RealMosquitto;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The MQTT Trigger's status on its node in the editor (a real browser, editor/e2e/trigger-status.e2e.mjs), as
 * the Home Assistant Trigger's: connected with the topics it listens to, reconnecting with the reason while its
 * broker (a real Mosquitto of this test's own) is stopped, connected again once it is back.
 */
@Tag("browser")
class MqttTriggerStatusBrowserIT extends ApiTestSupport {

    private static final String NODE = "MQTT Trigger";
    private final RealMosquitto broker = RealMosquitto.dedicated("editor-status");

    @AfterEach
    void brokerBack() {
        if (!broker.isRunning()) {
            broker.start();
        }
    }

    /** {@code node} placed at x, y on the canvas (beside the trigger, for the screenshots). */
    private static Map<String, Object> at(Map<String, Object> node, int x, int y) {
        Map<String, Object> n = new LinkedHashMap<>(node);
        n.put("position", List.of(x, y));
        return n;
    }

    /** Opens the workflow in a browser and waits for the node's badge to show {@code state}, its tooltip matching. */
    private void showsInTheEditor(String workflowId, String state, String messagePattern, String run) throws Exception {
        BrowserE2e.run(
                "e2e/trigger-status.e2e.mjs",
                Path.of("target/e2e-mqtt-status/" + run).toAbsolutePath(),
                5,
                List.of(
                        "--base-url",
                        baseUrl(),
                        "--email",
                        "owner@test.example",
                        "--password",
                        "owner-pass-123",
                        "--workflow",
                        workflowId,
                        "--node",
                        NODE,
                        "--state",
                        state,
                        "--message",
                        messagePattern));
    }

    /** {@code text} as a literal in a JavaScript regular expression (which knows no Pattern.quote escapes). */
    private static String literal(String text) {
        return text.replaceAll("[\\\\^$.*+?()\\[\\]{}|/]", "\\\\$0");
    }

    private void untilTheServerReports(String workflowId, String state) {
        Awaitility.await()
                .atMost(Duration.ofSeconds(60))
                .ignoreExceptions()
                .untilAsserted(() -> api.get()
                        .uri("/api/v1/workflows/{id}/triggers", workflowId)
                        .exchange()
                        .expectBody()
                        .jsonPath("$[0].state")
                        .isEqualTo(state));
    }

    @Test
    void theNodeShowsConnectedReconnectingWhileTheBrokerIsDownAndConnectedAgain() throws Exception {
        String mqtt = credential(
                "mqtt",
                Map.of(
                        "protocol", "mqtt",
                        "host", broker.host(),
                        "port", broker.port(),
                        "username", broker.user(),
                        "password", broker.password()));
        Map<String, Object> workflow = Map.of(
                "name",
                "Buttons",
                "nodes",
                List.of(
                        withCredential(
                                node(NODE, "n8n-nodes-base.mqttTrigger", 1, Map.of("topics", "zigbee2mqtt/+/action:1")),
                                "mqtt",
                                mqtt),
                        at(node("No Operation", "n8n-nodes-base.noOp", 1, Map.of()), 300, 0)),
                "connections",
                connect(NODE, "No Operation"));
        String id = (String) create(workflow).get("id");
        activate(id);
        String at = literal("mqtt://127.0.0.1:" + broker.port());
        untilTheServerReports(id, "CONNECTED");
        showsInTheEditor(
                id,
                "CONNECTED",
                "^Connected to " + at + literal("; listening to zigbee2mqtt/+/action (QoS 1)") + "$",
                "1");

        broker.stop();
        untilTheServerReports(id, "RECONNECTING");
        // the loss, or after the first attempt to reconnect, why that failed
        showsInTheEditor(id, "RECONNECTING", "^Connection (to " + at + " lost|refused by " + at + ")", "2");

        broker.start();
        untilTheServerReports(id, "CONNECTED");
        showsInTheEditor(id, "CONNECTED", "^Connected to " + at, "3");
        api.post()
                .uri("/api/v1/workflows/{id}/deactivate", id)
                .exchange()
                .expectStatus()
                .isOk();
    }
}
