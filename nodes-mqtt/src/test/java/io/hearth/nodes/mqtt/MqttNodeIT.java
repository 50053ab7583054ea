package io.hearth.nodes.mqtt;

import static io.hearth.nodes.mqtt.Brokers.plain;
import static io.hearth.nodes.mqtt.Brokers.with;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.hearth.node.Item;
import io.hearth.node.trigger.TriggerHandle;
import io.hearth.testkit.NodeTestKit;
import io.hearth.testkit.TestRun;
import io.hearth.testkit.TestTriggerContext;
import io.hearth.testkit.TestWorkflows;
import io.hearth.testsupport.RealMosquitto;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The MQTT node publishing to a real Mosquitto, checked with the broker's own mosquitto_sub. */
class MqttNodeIT {

    private static RealMosquitto broker;

    @BeforeAll
    static void broker() {
        broker = RealMosquitto.shared();
    }

    private static String topic() {
        return "hearth/test/" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static TestRun run(Map<String, Object> credential, Map<String, Object> parameters, List<Item> items) {
        NodeTestKit kit = NodeTestKit.builder()
                .credential(MqttCredentialType.NAME, "mqtt1", "Broker", credential)
                .timeout(Duration.ofSeconds(60))
                .build();
        Map<String, Object> node = new LinkedHashMap<>();
        node.put("name", "MQTT");
        node.put("type", "n8n-nodes-base.mqtt");
        node.put("typeVersion", 1);
        node.put("parameters", parameters);
        node.put("credentials", Map.of(MqttCredentialType.NAME, Map.of("id", "mqtt1", "name", "Broker")));
        return kit.run(TestWorkflows.afterManualTrigger(node), items);
    }

    @Test
    void publishesEachItemsJsonAndPassesTheItemsOn() {
        String topic = topic();
        try (RealMosquitto.Subscription sub = broker.subscribe(topic)) {
            TestRun result = run(
                            plain(broker),
                            Map.of("topic", topic),
                            List.of(Item.of(Map.of("n", 1)), Item.of(ordered("n", 2, "name", "Ada"))))
                    .assertSucceeded();
            await().atMost(Duration.ofSeconds(30)).until(() -> sub.messages().size() == 2);
            assertThat(sub.messages())
                    .containsExactly(
                            new RealMosquitto.Message(topic, "{\"n\":1}"),
                            new RealMosquitto.Message(topic, "{\"n\":2,\"name\":\"Ada\"}"));
            assertThat(result.json("MQTT")).containsExactly(Map.of("n", 1), Map.of("n", 2, "name", "Ada"));
        }
    }

    @Test
    void publishesTheMessageParameterToATopicFromAnExpression() {
        String base = topic();
        try (RealMosquitto.Subscription sub = broker.subscribe(base + "/#")) {
            run(
                            plain(broker),
                            Map.of(
                                    "topic",
                                    "=" + base + "/{{ $json.device }}/set",
                                    "sendInputData",
                                    false,
                                    "message",
                                    "={{ $json.state }}",
                                    "options",
                                    Map.of("qos", 2)),
                            List.of(Item.of(Map.of("device", "lamp", "state", "ON"))))
                    .assertSucceeded();
            await().atMost(Duration.ofSeconds(30)).until(() -> sub.messages().size() == 1);
            assertThat(sub.messages()).containsExactly(new RealMosquitto.Message(base + "/lamp/set", "ON"));
        }
    }

    @Test
    void aRetainedMessageReachesALaterSubscriber() {
        String topic = topic();
        run(
                        plain(broker),
                        Map.of(
                                "topic",
                                topic,
                                "sendInputData",
                                false,
                                "message",
                                "retained",
                                "options",
                                Map.of("qos", 1, "retain", true)),
                        List.of())
                .assertSucceeded();
        try (RealMosquitto.Subscription later = broker.subscribe(topic)) {
            await().atMost(Duration.ofSeconds(30)).until(() -> later.messages().size() == 1);
            assertThat(later.deliveries())
                    .containsExactly(new RealMosquitto.Delivery(new RealMosquitto.Message(topic, "retained"), 1, true));
        }
    }

    @Test
    void eachMessageArrivesAtTheQosItWasPublishedWith() {
        String base = topic();
        try (RealMosquitto.Subscription sub = broker.subscribe(base + "/#")) {
            for (int qos = 0; qos <= 2; qos++) {
                run(
                                plain(broker),
                                Map.of(
                                        "topic",
                                        base + "/" + qos,
                                        "sendInputData",
                                        false,
                                        "message",
                                        "at QoS " + qos,
                                        "options",
                                        Map.of("qos", qos)),
                                List.of())
                        .assertSucceeded();
            }
            await().atMost(Duration.ofSeconds(30)).until(() -> sub.messages().size() == 3);
            assertThat(sub.deliveries())
                    .containsExactlyInAnyOrder(
                            new RealMosquitto.Delivery(new RealMosquitto.Message(base + "/0", "at QoS 0"), 0, false),
                            new RealMosquitto.Delivery(new RealMosquitto.Message(base + "/1", "at QoS 1"), 1, false),
                            new RealMosquitto.Delivery(new RealMosquitto.Message(base + "/2", "at QoS 2"), 2, false));
        }
    }

    @Test
    void theNodeAndAnActiveTriggerOnOneCredentialShareOneConnection() {
        Map<String, Object> credential = with(plain(broker), "clientId", "hearth-node-trigger-" + UUID.randomUUID());
        String topic = topic();
        TestTriggerContext trigger =
                TestTriggerContext.of("MQTT Trigger", Brokers.credential(credential), Map.of("topics", topic));
        // the trigger as the server loads it: on the process-wide connections, as the node is
        TriggerHandle handle =
                new MqttTriggerNode().activate(trigger).toCompletableFuture().join();
        try {
            run(credential, Map.of("topic", topic), List.of(Item.of(Map.of("from", "node"))))
                    .assertSucceeded();
            await().atMost(Duration.ofSeconds(30)).until(() -> trigger.items().size() == 1);
            assertThat(trigger.items().getFirst()).isEqualTo(Map.of("message", "{\"from\":\"node\"}", "topic", topic));
            String clientId = (String) credential.get("clientId");
            assertThat(MqttConnections.shared().connections())
                    .filteredOn(c -> c.clientId().equals(clientId))
                    .hasSize(1);
        } finally {
            handle.close();
        }
    }

    @Test
    void runsOnOneCredentialShareOneConnection() {
        Map<String, Object> credential = with(plain(broker), "clientId", "hearth-node-it-" + UUID.randomUUID());
        String topic = topic();
        run(credential, Map.of("topic", topic), List.of()).assertSucceeded();
        run(credential, Map.of("topic", topic), List.of()).assertSucceeded();
        String clientId = (String) credential.get("clientId");
        assertThat(MqttConnections.shared().connections().stream()
                        .filter(c -> c.clientId().equals(clientId))
                        .count())
                .isEqualTo(1);
    }

    @Test
    void aWildcardTopicIsRefusedByName() {
        run(plain(broker), Map.of("topic", "a/#"), List.of()).assertFailed("Topic: 'a/#' contains a wildcard (+ or #)");
    }

    @Test
    void aWrongPasswordFailsAsNotAuthorized() {
        run(with(plain(broker), "password", "nope"), Map.of("topic", topic()), List.of())
                .assertFailed("Not authorized: the broker at mqtt://127.0.0.1:" + broker.port());
    }

    @Test
    void noBrokerFailsAsConnectionRefused() {
        int closed = MqttCredentialTypeIT.freePort();
        run(with(plain(broker), "port", closed), Map.of("topic", topic()), List.of())
                .assertFailed("Connection refused by mqtt://127.0.0.1:" + closed);
    }

    private static Map<String, Object> ordered(String k1, Object v1, String k2, Object v2) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put(k1, v1);
        m.put(k2, v2);
        return m;
    }
}
