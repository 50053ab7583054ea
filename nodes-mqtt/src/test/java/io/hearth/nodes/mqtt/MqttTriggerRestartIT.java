package io.hearth.nodes.mqtt;

import static io.hearth.nodes.mqtt.Brokers.credential;
import static io.hearth.nodes.mqtt.Brokers.plain;
import static io.hearth.nodes.mqtt.Brokers.with;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.hearth.node.trigger.TriggerHandle;
import io.hearth.node.trigger.TriggerStatus;
import io.hearth.testkit.TestTriggerContext;
import io.hearth.testsupport.RealMosquitto;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The MQTT Trigger while its broker (a Mosquitto of this test's own) is stopped and started again. */
class MqttTriggerRestartIT {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static RealMosquitto broker;
    private final MqttConnections connections =
            new MqttConnections(MqttTimings.DEFAULT.withBackoff(Duration.ofMillis(200), Duration.ofSeconds(1)));
    private final MqttTriggerNode node = new MqttTriggerNode(connections);
    private TriggerHandle handle;

    @BeforeAll
    static void broker() {
        broker = RealMosquitto.dedicated("restart");
    }

    @AfterEach
    void stop() {
        if (!broker.isRunning()) {
            broker.start();
        }
        if (handle != null) {
            handle.close();
        }
        connections.closeAll();
    }

    @Test
    void reconnectsAndSubscribesAgainAfterTheBrokerRestarts() {
        String topic = "hearth/restart/" + UUID.randomUUID();
        TestTriggerContext ctx =
                TestTriggerContext.of("MQTT Trigger", credential(plain(broker)), Map.of("topics", topic));
        handle = node.activate(ctx).toCompletableFuture().join();
        broker.publish(topic, "before", 0, false);
        await().atMost(WAIT).until(() -> ctx.items().size() == 1);

        broker.stop();
        await().atMost(WAIT).until(() -> ctx.lastStatus().orElseThrow().state() == TriggerStatus.State.RECONNECTING);
        assertThat(ctx.lastStatus().orElseThrow().message())
                .startsWith("Connection to mqtt://127.0.0.1:" + broker.port() + " lost");

        broker.start();
        await().atMost(WAIT).until(() -> ctx.lastStatus().orElseThrow().state() == TriggerStatus.State.CONNECTED);
        broker.publish(topic, "after", 0, false);
        await().atMost(WAIT).until(() -> ctx.items().size() == 2);
        assertThat(ctx.items()).extracting(m -> m.get("message")).containsExactly("before", "after");
        assertThat(ctx.states()).contains(TriggerStatus.State.RECONNECTING);
    }

    @Test
    void aQos1MessageWhoseExecutionCouldNotStartIsDeliveredAgainOnTheNextConnection() {
        String topic = "hearth/atleastonce/" + UUID.randomUUID();
        AtomicInteger attempts = new AtomicInteger();
        Map<String, Object> persistent =
                with(plain(broker), "clean", false, "clientId", "hearth-alo-" + UUID.randomUUID());
        TestTriggerContext ctx = TestTriggerContext.of(
                        "MQTT Trigger", credential(persistent), Map.of("topics", topic + ":1"))
                .answerEmits(e -> attempts.incrementAndGet() == 1
                        ? CompletableFuture.failedFuture(new IllegalStateException("too many executions waiting"))
                        : CompletableFuture.completedFuture(null));
        handle = node.activate(ctx).toCompletableFuture().join();
        broker.publish(topic, "important", 1, false);
        await().atMost(WAIT).until(() -> attempts.get() == 1);

        // not acknowledged: the broker keeps it in the session and sends it again when the client is back
        broker.stop();
        broker.start();
        await().atMost(WAIT).until(() -> attempts.get() == 2);
        assertThat(ctx.items()).extracting(m -> m.get("message")).containsExactly("important", "important");
    }
}
