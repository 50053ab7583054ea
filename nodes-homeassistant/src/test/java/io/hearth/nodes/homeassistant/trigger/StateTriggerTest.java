package io.hearth.nodes.homeassistant.trigger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hearth.node.ParameterException;
import io.hearth.node.ParameterValues;
import io.hearth.nodes.homeassistant.trigger.TriggerSpec.StateTrigger;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class StateTriggerTest {

    static Map<String, Object> state(String value, Map<String, Object> attributes) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("state", value);
        s.put("attributes", attributes);
        s.put("last_changed", "2024-03-20T10:00:00.000001+00:00");
        s.put("last_updated", "2024-03-20T10:00:00.000001+00:00");
        return s;
    }

    static Map<String, Object> data(String entity, Map<String, Object> oldState, Map<String, Object> newState) {
        Map<String, Object> d = new HashMap<>();
        d.put("entity_id", entity);
        d.put("old_state", oldState);
        d.put("new_state", newState);
        return d;
    }

    static StateTrigger trigger(List<String> from, List<String> to, String attribute, boolean ignoreUnavailable) {
        return new StateTrigger(
                Set.of("light.kitchen"),
                from,
                to,
                Optional.ofNullable(attribute),
                Duration.ZERO,
                ignoreUnavailable,
                true);
    }

    @Test
    void matchesAStateChangeOfAWatchedEntity() {
        var change = trigger(List.of(), List.of(), null, true)
                .evaluate(data("light.kitchen", state("off", Map.of()), state("on", Map.of())));
        assertThat(change).hasValueSatisfying(c -> {
            assertThat(c.matches()).isTrue();
            assertThat(c.oldValue()).isEqualTo("off");
            assertThat(c.newValue()).isEqualTo("on");
        });
    }

    @Test
    void ignoresOtherEntitiesAndAttributeOnlyChanges() {
        StateTrigger t = trigger(List.of(), List.of(), null, true);
        assertThat(t.evaluate(data("light.hall", state("off", Map.of()), state("on", Map.of()))))
                .isEmpty();
        assertThat(t.evaluate(data(
                        "light.kitchen",
                        state("on", Map.of("brightness", 10)),
                        state("on", Map.of("brightness", 200)))))
                .isEmpty();
    }

    @Test
    void appliesFromAndToFilters() {
        StateTrigger toOn = trigger(List.of(), List.of("on"), null, true);
        assertThat(toOn.evaluate(data("light.kitchen", state("off", Map.of()), state("on", Map.of())))
                        .orElseThrow()
                        .matches())
                .isTrue();
        assertThat(toOn.evaluate(data("light.kitchen", state("on", Map.of()), state("off", Map.of())))
                        .orElseThrow()
                        .matches())
                .isFalse();

        StateTrigger fromHomeOrAway = trigger(List.of("home", "away"), List.of("night"), null, true);
        assertThat(fromHomeOrAway
                        .evaluate(data("light.kitchen", state("away", Map.of()), state("night", Map.of())))
                        .orElseThrow()
                        .matches())
                .isTrue();
        assertThat(fromHomeOrAway
                        .evaluate(data("light.kitchen", state("vacation", Map.of()), state("night", Map.of())))
                        .orElseThrow()
                        .matches())
                .isFalse();

        StateTrigger toFortyTwo = trigger(List.of(), List.of("42"), null, true);
        assertThat(toFortyTwo
                        .evaluate(data("light.kitchen", state("10.0", Map.of()), state("42.0", Map.of())))
                        .orElseThrow()
                        .matches())
                .isTrue();
        assertThat(toFortyTwo
                        .evaluate(data("light.kitchen", state("10.0", Map.of()), state("42.5", Map.of())))
                        .orElseThrow()
                        .matches())
                .isFalse();
    }

    @Test
    void watchesAnAttributeInsteadOfTheStateWithNumericFromTo() {
        StateTrigger t = trigger(List.of(), List.of("255"), "brightness", true);
        var change = t.evaluate(
                data("light.kitchen", state("on", Map.of("brightness", 10)), state("on", Map.of("brightness", 255))));
        assertThat(change).hasValueSatisfying(c -> {
            assertThat(c.matches()).isTrue();
            assertThat(c.oldValue()).isEqualTo(10);
            assertThat(c.newValue()).isEqualTo(255);
        });
        // the state changed but the attribute did not
        assertThat(t.evaluate(data(
                        "light.kitchen",
                        state("off", Map.of("brightness", 10)),
                        state("on", Map.of("brightness", 10)))))
                .isEmpty();
        // 20 and 20.0 are the same value
        assertThat(trigger(List.of(), List.of(), "level", true)
                        .evaluate(data(
                                "light.kitchen", state("on", Map.of("level", 20)), state("on", Map.of("level", 20.0)))))
                .isEmpty();
    }

    @Test
    void ignoresUnavailableAndUnknownUnlessToldOtherwise() {
        var toUnavailable = data("light.kitchen", state("on", Map.of()), state("unavailable", Map.of()));
        var fromUnknown = data("light.kitchen", state("unknown", Map.of()), state("on", Map.of()));
        var created = data("light.kitchen", null, state("on", Map.of()));
        StateTrigger ignoring = trigger(List.of(), List.of(), null, true);
        assertThat(ignoring.evaluate(toUnavailable).orElseThrow().matches()).isFalse();
        assertThat(ignoring.evaluate(fromUnknown).orElseThrow().matches()).isFalse();
        assertThat(ignoring.evaluate(created).orElseThrow().matches()).isFalse();

        StateTrigger all = trigger(List.of(), List.of(), null, false);
        assertThat(all.evaluate(toUnavailable).orElseThrow().matches()).isTrue();
        assertThat(all.evaluate(fromUnknown).orElseThrow().matches()).isTrue();
        assertThat(all.evaluate(created).orElseThrow().matches()).isTrue();
        // a removed entity is never a match, but still a change (it cancels a hold)
        assertThat(all.evaluate(data("light.kitchen", state("on", Map.of()), null))
                        .orElseThrow()
                        .matches())
                .isFalse();
    }

    @Test
    void parsesParametersWithDefaults() {
        StateTrigger t = (StateTrigger) TriggerSpec.parse(ParameterValues.of(Map.of(
                "event",
                "stateChanged",
                "entityIds",
                List.of("light.kitchen", "switch.ac"),
                "to",
                "on, off",
                "forSeconds",
                2.5)));
        assertThat(t.entityIds()).containsExactly("light.kitchen", "switch.ac");
        assertThat(t.to()).containsExactly("on", "off");
        assertThat(t.from()).isEmpty();
        assertThat(t.attribute()).isEmpty();
        assertThat(t.holdFor()).isEqualTo(Duration.ofMillis(2500));
        assertThat(t.ignoreUnavailable()).isTrue();
        assertThat(t.emitMissed()).isTrue();
        assertThat(t.subscribeCommand()).isEqualTo(Map.of("type", "subscribe_events", "event_type", "state_changed"));

        StateTrigger off = (StateTrigger) TriggerSpec.parse(ParameterValues.of(
                Map.of("entityIds", "light.kitchen", "ignoreUnavailable", false, "emitMissed", "false")));
        assertThat(off.ignoreUnavailable()).isFalse();
        assertThat(off.emitMissed()).isFalse();
    }

    @Test
    void rejectsMissingOrMalformedEntitiesAndNegativeHold() {
        assertThatThrownBy(() -> TriggerSpec.parse(ParameterValues.of(Map.of("event", "stateChanged"))))
                .isInstanceOf(ParameterException.class)
                .hasMessageContaining("entityIds")
                .hasMessageContaining("at least one");
        assertThatThrownBy(() -> TriggerSpec.parse(ParameterValues.of(Map.of("entityIds", "kitchen light"))))
                .isInstanceOf(ParameterException.class)
                .hasMessageContaining("not an entity id");
        assertThatThrownBy(
                        () -> TriggerSpec.parse(ParameterValues.of(Map.of("entityIds", "light.a", "forSeconds", -1))))
                .isInstanceOf(ParameterException.class)
                .hasMessageContaining("forSeconds");
        assertThatThrownBy(() -> TriggerSpec.parse(ParameterValues.of(Map.of("event", "sometimes"))))
                .isInstanceOf(ParameterException.class)
                .hasMessageContaining("'event'");
    }
}
