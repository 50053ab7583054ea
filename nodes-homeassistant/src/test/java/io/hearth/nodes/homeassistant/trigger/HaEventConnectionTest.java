package io.hearth.nodes.homeassistant.trigger;

import static io.hearth.nodes.homeassistant.trigger.StateTriggerTest.state;
import static org.assertj.core.api.Assertions.assertThat;

import io.hearth.nodes.homeassistant.client.HaWebSocketProtocol;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The pure parts of the shared connection: missed-change comparison, subscription keys, error texts. */
@SuppressWarnings("unchecked")
class HaEventConnectionTest {

    @Test
    void aMissedChangeIsADifferentStateOrAttributes() {
        var off = state("off", Map.of("friendly_name", "A"));
        var on = state("on", Map.of("friendly_name", "A"));
        var offDimmed = state("off", Map.of("friendly_name", "B"));
        assertThat(MissedChanges.differs(off, on)).isTrue();
        assertThat(MissedChanges.differs(off, offDimmed)).isTrue();
        // after a Home Assistant restart last_updated changes although nothing else did: not a change
        var restarted = new LinkedHashMap<>(off);
        restarted.put("last_updated", "2024-03-21T00:00:00+00:00");
        restarted.put("last_changed", "2024-03-21T00:00:00+00:00");
        assertThat(MissedChanges.differs(off, restarted)).isFalse();
    }

    @Test
    void recognisesAStateAlreadyDelivered() {
        var on = state("on", Map.of());
        assertThat(MissedChanges.sameVersion(on, new LinkedHashMap<>(on))).isTrue();
        var later = new LinkedHashMap<>(on);
        later.put("last_updated", "2024-03-21T00:00:00+00:00");
        assertThat(MissedChanges.sameVersion(on, later)).isFalse();
    }

    @Test
    void synthesisesAStateChangedEventFromTwoStates() {
        var off = state("off", Map.of());
        var on = new LinkedHashMap<>(state("on", Map.of()));
        on.put("context", Map.of("id", "x"));
        Map<String, Object> event = MissedChanges.synthetic("light.a", off, on);
        assertThat(event)
                .containsEntry("event_type", "state_changed")
                .containsEntry("time_fired", on.get("last_updated"))
                .containsEntry("context", Map.of("id", "x"));
        assertThat((Map<String, Object>) event.get("data"))
                .containsEntry("entity_id", "light.a")
                .containsEntry("old_state", off)
                .containsEntry("new_state", on);
    }

    @Test
    void equalCommandsShareOneSubscriptionKey() {
        Map<String, Object> a = new LinkedHashMap<>();
        a.put("type", "subscribe_trigger");
        a.put("trigger", Map.of("platform", "sun", "event", "sunset"));
        Map<String, Object> b = new LinkedHashMap<>();
        b.put("trigger", new LinkedHashMap<>(Map.of("event", "sunset", "platform", "sun")));
        b.put("type", "subscribe_trigger");
        assertThat(Subscriptions.key(a)).isEqualTo(Subscriptions.key(b));
        assertThat(Subscriptions.key(TriggerSpec.StateTrigger.COMMAND))
                .isNotEqualTo(Subscriptions.key(Map.of("type", "subscribe_events")));
    }

    @Test
    void explainsRefusedSubscriptions() {
        var unauthorized = HaWebSocketProtocol.decode(
                        "{\"id\":2,\"type\":\"result\",\"success\":false,\"error\":{\"code\":\"unauthorized\",\"message\":\"Unauthorized\"}}")
                .getFirst();
        assertThat(Subscriptions.subscribeError(Map.of("type", "subscribe_trigger", "trigger", Map.of()), unauthorized)
                        .getMessage())
                .contains("administrators only");
        assertThat(Subscriptions.subscribeError(
                                Map.of("type", "subscribe_events", "event_type", "my_event"), unauthorized)
                        .getMessage())
                .contains("'my_event' events")
                .contains("only administrators");
        var invalid = HaWebSocketProtocol.decode(
                        "{\"id\":2,\"type\":\"result\",\"success\":false,\"error\":{\"code\":\"invalid_format\",\"message\":\"Invalid platform 'nope'\"}}")
                .getFirst();
        assertThat(Subscriptions.subscribeError(Map.of("type", "subscribe_trigger", "trigger", Map.of()), invalid)
                        .getMessage())
                .isEqualTo("Home Assistant rejected the trigger config (invalid_format): Invalid platform 'nope'");
    }
}
