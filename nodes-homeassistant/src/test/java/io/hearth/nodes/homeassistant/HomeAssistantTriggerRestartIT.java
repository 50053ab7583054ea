package io.hearth.nodes.homeassistant;

import static io.hearth.nodes.homeassistant.HaTestSupport.credential;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.hearth.node.credential.CredentialData;
import io.hearth.node.trigger.TriggerHandle;
import io.hearth.node.trigger.TriggerStatus.State;
import io.hearth.nodes.homeassistant.trigger.ConnectionOptions;
import io.hearth.nodes.homeassistant.trigger.HaEventConnection;
import io.hearth.nodes.homeassistant.trigger.HaEventConnections;
import io.hearth.testkit.TestTriggerContext;
import io.hearth.testsupport.RealHomeAssistant;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Home Assistant is stopped and started again under active triggers (a dedicated instance, so other
 * tests are not disturbed): the triggers report RECONNECTING then CONNECTED, resubscribe, fire on the
 * next change, and a change made after Home Assistant came back but before the socket reconnected is
 * emitted exactly once, marked as missed.
 */
@Tag("home-assistant")
@SuppressWarnings("unchecked")
class HomeAssistantTriggerRestartIT {

    private static final Duration WAIT = Duration.ofSeconds(60);

    @Test
    void reconnectsResubscribesAndEmitsTheChangeMissedWhileDisconnected() throws Exception {
        RealHomeAssistant ha = RealHomeAssistant.dedicated("trigger-restart");
        HaRest rest = new HaRest(ha);
        CredentialData credential = credential(ha);
        String flag = "input_boolean.hearth_flag";
        rest.callService("input_boolean", "turn_off", Map.of("entity_id", flag));
        await().atMost(WAIT).until(() -> rest.state(flag).equals("off"));

        HaEventConnections connections = new HaEventConnections(ConnectionOptions.DEFAULT
                .withHeartbeat(Duration.ofSeconds(5))
                .withBackoff(Duration.ofMillis(500), Duration.ofSeconds(2)));
        HomeAssistantTriggerNode node = new HomeAssistantTriggerNode(connections);
        TestTriggerContext missed = TestTriggerContext.of("missed on", credential, Map.of("entityIds", flag));
        TestTriggerContext notMissed =
                TestTriggerContext.of("missed off", credential, Map.of("entityIds", flag, "emitMissed", false));
        TestTriggerContext events =
                TestTriggerContext.of("events", credential, Map.of("event", "event", "eventType", "hearth_custom"));
        List<TriggerHandle> handles = List.of(
                node.activate(missed).toCompletableFuture().get(60, TimeUnit.SECONDS),
                node.activate(notMissed).toCompletableFuture().get(60, TimeUnit.SECONDS),
                node.activate(events).toCompletableFuture().get(60, TimeUnit.SECONDS));
        HaEventConnection connection = connections.connections().getFirst();
        try {
            assertThat(missed.lastStatus().orElseThrow().state()).isEqualTo(State.CONNECTED);

            ha.stop();
            try {
                await().atMost(WAIT).until(() -> missed.states().contains(State.RECONNECTING));
                connection.pauseReconnects(true); // the next reconnect waits until the change below is made
            } finally {
                ha.start();
            }
            rest.callService(
                    "input_boolean", "turn_on", Map.of("entity_id", flag)); // HA is back, the trigger is not yet
            await().atMost(WAIT).until(() -> rest.state(flag).equals("on"));
            assertThat(missed.items()).isEmpty();
            connection.pauseReconnects(false);

            await().atMost(WAIT).until(() -> missed.items().size() == 1);
            assertThat(missed.items().getFirst())
                    .containsEntry("missed_while_disconnected", true)
                    .containsEntry("entity_id", flag);
            assertThat((Map<String, Object>) missed.items().getFirst().get("from_state"))
                    .containsEntry("state", "off");
            assertThat((Map<String, Object>) missed.items().getFirst().get("to_state"))
                    .containsEntry("state", "on");
            await().atMost(WAIT)
                    .until(() -> missed.lastStatus().orElseThrow().state() == State.CONNECTED
                            && events.lastStatus().orElseThrow().state() == State.CONNECTED);
            List<State> states = missed.states();
            assertThat(states.subList(states.indexOf(State.RECONNECTING), states.size()))
                    .contains(State.CONNECTED);
            assertThat(states.lastIndexOf(State.CONNECTED)).isGreaterThan(states.indexOf(State.RECONNECTING));
            assertThat(missed.statuses().get(states.indexOf(State.RECONNECTING)).message())
                    .contains("closed the connection")
                    .contains("reconnecting in");
            assertThat(missed.logLines())
                    .anySatisfy(l -> assertThat(l).startsWith("WARN Home Assistant connection lost"));
            assertThat(connection.socketsOpened()).isGreaterThanOrEqualTo(2);
            assertThat(connection.openSockets()).isEqualTo(1);

            // the next live changes still trigger, the missed one is not emitted a second time
            rest.callService("input_boolean", "turn_off", Map.of("entity_id", flag));
            rest.fireEvent("hearth_custom", Map.of("after", "restart"));
            await().atMost(WAIT)
                    .until(() -> missed.items().size() == 2
                            && notMissed.items().size() == 1
                            && events.items().size() == 1);
            assertThat(missed.items().get(1)).doesNotContainKey("missed_while_disconnected");
            assertThat((Map<String, Object>) missed.items().get(1).get("to_state"))
                    .containsEntry("state", "off");
            assertThat((Map<String, Object>) notMissed.items().getFirst().get("to_state"))
                    .containsEntry("state", "off");
            assertThat((Map<String, Object>) events.items().getFirst().get("data"))
                    .containsEntry("after", "restart");
        } finally {
            handles.forEach(TriggerHandle::close);
        }
        await().atMost(WAIT).until(() -> connections.size() == 0);
    }
}
