package io.hearth.nodes.homeassistant.trigger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hearth.node.ParameterException;
import io.hearth.node.ParameterValues;
import io.hearth.nodes.homeassistant.trigger.TriggerSpec.EventTrigger;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EventTriggerTest {

    @Test
    void dataFilterRequiresEveryKeyWithTheSameValue() {
        Map<String, Object> filter = Map.of("domain", "light", "service", "turn_on");
        assertThat(EventDataFilter.matches(filter, Map.of("domain", "light", "service", "turn_on", "extra", 1)))
                .isTrue();
        assertThat(EventDataFilter.matches(filter, Map.of("domain", "light", "service", "turn_off")))
                .isFalse();
        assertThat(EventDataFilter.matches(filter, Map.of("domain", "light"))).isFalse();
        assertThat(EventDataFilter.matches(Map.of(), Map.of("anything", true))).isTrue();
    }

    @Test
    void dataFilterMatchesNestedObjectsBySubsetAndScalarsByValue() {
        Map<String, Object> filter =
                Map.of("service_data", Map.of("entity_id", "light.kitchen"), "level", 5, "on", "true");
        Map<String, Object> data = Map.of(
                "service_data", Map.of("entity_id", "light.kitchen", "brightness", 100), "level", 5.0, "on", true);
        assertThat(EventDataFilter.matches(filter, data)).isTrue();
        assertThat(EventDataFilter.matches(Map.of("ids", List.of("a", "b")), Map.of("ids", List.of("a", "b"))))
                .isTrue();
        assertThat(EventDataFilter.matches(Map.of("ids", List.of("a")), Map.of("ids", List.of("a", "b"))))
                .isFalse();
        assertThat(EventDataFilter.matches(Map.of("level", "5"), Map.of("level", 5)))
                .isTrue();
        assertThat(EventDataFilter.matches(Map.of("level", 5), Map.of("level", "five")))
                .isFalse();
        assertThat(EventDataFilter.matches(Map.of("x", Map.of("y", 1)), Map.of("x", "text")))
                .isFalse();
    }

    @Test
    void matchesTypeAndData() {
        EventTrigger t = new EventTrigger("hearth_custom", Map.of("room", "kitchen"));
        assertThat(t.matches(Map.of("event_type", "hearth_custom", "data", Map.of("room", "kitchen"))))
                .isTrue();
        assertThat(t.matches(Map.of("event_type", "hearth_custom", "data", Map.of("room", "hall"))))
                .isFalse();
        assertThat(t.matches(Map.of("event_type", "other", "data", Map.of("room", "kitchen"))))
                .isFalse();
        assertThat(new EventTrigger("", Map.of()).matches(Map.of("event_type", "anything")))
                .isTrue();
    }

    @Test
    void subscribesToOneTypeOrToAllEvents() {
        assertThat(new EventTrigger("call_service", Map.of()).subscribeCommand())
                .isEqualTo(Map.of("type", "subscribe_events", "event_type", "call_service"));
        assertThat(new EventTrigger(" ", Map.of()).subscribeCommand()).isEqualTo(Map.of("type", "subscribe_events"));
    }

    @Test
    void parsesTheDataFilterFromJsonText() {
        EventTrigger t = (EventTrigger) TriggerSpec.parse(ParameterValues.of(Map.of(
                "event", "event", "eventType", "hearth_custom", "eventData", "{\"room\": \"kitchen\", \"n\": 2}")));
        assertThat(t.dataFilter()).containsEntry("room", "kitchen").containsEntry("n", 2L);
        assertThatThrownBy(() -> TriggerSpec.parse(ParameterValues.of(Map.of("event", "event", "eventData", "[1]"))))
                .isInstanceOf(ParameterException.class)
                .hasMessageContaining("eventData");
        assertThatThrownBy(() -> TriggerSpec.parse(ParameterValues.of(Map.of("event", "event", "eventType", "a b"))))
                .isInstanceOf(ParameterException.class)
                .hasMessageContaining("eventType");
    }
}
