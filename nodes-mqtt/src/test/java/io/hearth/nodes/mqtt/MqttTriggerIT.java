package io.hearth.nodes.mqtt;

import static io.hearth.nodes.mqtt.Brokers.credential;
import static io.hearth.nodes.mqtt.Brokers.plain;
import static io.hearth.nodes.mqtt.Brokers.with;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.hearth.node.trigger.TriggerHandle;
import io.hearth.node.trigger.TriggerStatus;
import io.hearth.testkit.TestTriggerContext;
import io.hearth.testsupport.RealMosquitto;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The MQTT Trigger against a real Mosquitto: messages, options, statuses, refusals and sessions. */
class MqttTriggerIT {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static RealMosquitto broker;
    private final MqttConnections connections = new MqttConnections(MqttTimings.DEFAULT);
    private final MqttTriggerNode node = new MqttTriggerNode(connections);
    private final List<TriggerHandle> handles = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void broker() {
        broker = RealMosquitto.shared();
    }

    @AfterEach
    void stop() {
        handles.forEach(TriggerHandle::close);
        connections.closeAll();
    }

    private static String base() {
        return "hearth/trigger/" + UUID.randomUUID().toString().substring(0, 8);
    }

    private TestTriggerContext context(Map<String, Object> credential, Map<String, Object> parameters) {
        return TestTriggerContext.of("MQTT Trigger", credential(credential), parameters);
    }

    private TriggerHandle activate(TestTriggerContext ctx) {
        TriggerHandle h = node.activate(ctx).toCompletableFuture().join();
        handles.add(h);
        return h;
    }

    @Test
    void startsOneExecutionPerMessageOnItsWildcardTopics() {
        String base = base();
        TestTriggerContext ctx = context(plain(broker), Map.of("topics", base + "/+/action:1, " + base + "/tasmota/#"));
        activate(ctx);
        broker.publish(base + "/button/action", "single", 1, false);
        broker.publish(base + "/button/state", "ignored", 0, false);
        broker.publish(base + "/tasmota/plug/POWER", "ON", 0, false);
        await().atMost(WAIT).until(() -> ctx.items().size() == 2);
        assertThat(ctx.items())
                .containsExactlyInAnyOrder(
                        Map.of("message", "single", "topic", base + "/button/action"),
                        Map.of("message", "ON", "topic", base + "/tasmota/plug/POWER"));
        assertThat(ctx.lastStatus().orElseThrow().state()).isEqualTo(TriggerStatus.State.CONNECTED);
        assertThat(ctx.lastStatus().orElseThrow().message())
                .isEqualTo("Connected to mqtt://127.0.0.1:" + broker.port() + "; listening to " + base
                        + "/+/action (QoS 1), " + base + "/tasmota/#");
    }

    @Test
    void jsonParseBodyAndOnlyMessage() {
        String base = base();
        TestTriggerContext parsed =
                context(plain(broker), Map.of("topics", base + "/a", "options", Map.of("jsonParseBody", true)));
        TestTriggerContext only = context(
                plain(broker),
                Map.of("topics", base + "/a", "options", Map.of("jsonParseBody", true, "onlyMessage", true)));
        activate(parsed);
        activate(only);
        broker.publish(base + "/a", "{\"action\":\"double\",\"battery\":97}", 0, false);
        await().atMost(WAIT)
                .until(() -> parsed.items().size() == 1 && only.items().size() == 1);
        assertThat(parsed.items().getFirst())
                .isEqualTo(Map.of("message", Map.of("action", "double", "battery", 97L), "topic", base + "/a"));
        assertThat(only.items().getFirst()).isEqualTo(Map.of("action", "double", "battery", 97L));
        assertThat(connections.connections())
                .as("both triggers on one connection")
                .hasSize(1);
    }

    @Test
    void withParallelProcessingOffTheNextExecutionStartsWhenThePreviousEnded() {
        String base = base();
        List<CompletableFuture<Void>> ends = new CopyOnWriteArrayList<>();
        TestTriggerContext ctx = context(
                        plain(broker), Map.of("topics", base, "options", Map.of("parallelProcessing", false)))
                .answerEmits(e -> {
                    CompletableFuture<Void> end = new CompletableFuture<>();
                    ends.add(end);
                    return end;
                });
        activate(ctx);
        broker.publish(base, "1", 1, false);
        broker.publish(base, "2", 1, false);
        await().atMost(WAIT).until(() -> ctx.emits().size() == 1);
        assertThat(ctx.emits().getFirst().awaitsEnd()).isTrue();
        // the second waits for the first execution's end, however long that takes
        await().during(Duration.ofMillis(500))
                .atMost(WAIT)
                .until(() -> ctx.emits().size() == 1);
        ends.getFirst().complete(null);
        await().atMost(WAIT).until(() -> ctx.emits().size() == 2);
        assertThat(ctx.items()).extracting(m -> m.get("message")).containsExactly("1", "2");
    }

    @Test
    void activationFailsWithTheBrokersReasons() {
        String base = base();
        TestTriggerContext wrong = context(with(plain(broker), "password", "nope"), Map.of("topics", base));
        assertThatThrownBy(() -> node.activate(wrong).toCompletableFuture().join())
                .isInstanceOf(CompletionException.class)
                .hasMessageContaining("Not authorized: the broker at mqtt://127.0.0.1:" + broker.port());
        assertThat(wrong.states()).contains(TriggerStatus.State.AUTH_FAILED);

        int closed = MqttCredentialTypeIT.freePort();
        TestTriggerContext refused = context(with(plain(broker), "port", closed), Map.of("topics", base));
        assertThatThrownBy(() -> node.activate(refused).toCompletableFuture().join())
                .hasMessageContaining("Connection refused by mqtt://127.0.0.1:" + closed);

        TestTriggerContext untrusted =
                context(with(plain(broker), "protocol", "mqtts", "port", broker.tlsPort()), Map.of("topics", base));
        assertThatThrownBy(() -> node.activate(untrusted).toCompletableFuture().join())
                .hasMessageContaining("TLS handshake failed with mqtts://127.0.0.1:" + broker.tlsPort());

        TestTriggerContext badTopic = context(plain(broker), Map.of("topics", base + "/#/x"));
        assertThatThrownBy(() -> node.activate(badTopic).toCompletableFuture().join())
                .hasMessageContaining("'#' must be a whole level and the last one");
        assertThat(connections.connections())
                .as("failed connections are not kept")
                .isEmpty();
    }

    @Test
    void overTlsWithTheBrokersCa() {
        String base = base();
        TestTriggerContext ctx = context(Brokers.tls(broker), Map.of("topics", base));
        activate(ctx);
        broker.publish(base, "secure", 0, false);
        await().atMost(WAIT).until(() -> ctx.items().size() == 1);
        assertThat(ctx.lastStatus().orElseThrow().message()).startsWith("Connected to mqtts://127.0.0.1:");
    }

    @Test
    void aPersistentSessionGetsWhatWasPublishedWhileTheTriggerWasStopped() {
        String base = base();
        Map<String, Object> persistent =
                with(plain(broker), "clean", false, "clientId", "hearth-it-" + UUID.randomUUID());
        TestTriggerContext first = context(persistent, Map.of("topics", base + ":1"));
        TriggerHandle h = activate(first);
        h.close(); // deactivated: the broker keeps the session and queues QoS 1 messages for it
        await().atMost(WAIT).until(() -> connections.connections().isEmpty());
        broker.publish(base, "while away", 1, false);

        TestTriggerContext again = context(persistent, Map.of("topics", base + ":1"));
        activate(again);
        await().atMost(WAIT).until(() -> again.items().size() == 1);
        assertThat(again.items().getFirst()).isEqualTo(Map.of("message", "while away", "topic", base));
    }

    @Test
    void stoppingOneTriggerLeavesTheOthersOnTheConnectionListening() {
        String base = base();
        TestTriggerContext a = context(plain(broker), Map.of("topics", base));
        TestTriggerContext b = context(plain(broker), Map.of("topics", base));
        TriggerHandle ha = activate(a);
        activate(b);
        ha.close();
        assertThat(a.lastStatus().orElseThrow().state()).isEqualTo(TriggerStatus.State.STOPPED);
        broker.publish(base, "still here", 0, false);
        await().atMost(WAIT).until(() -> b.items().size() == 1);
        assertThat(a.items()).isEmpty();
    }
}
