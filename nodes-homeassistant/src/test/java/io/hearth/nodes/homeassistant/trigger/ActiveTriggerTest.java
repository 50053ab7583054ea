package io.hearth.nodes.homeassistant.trigger;

import static io.hearth.nodes.homeassistant.trigger.StateTriggerTest.state;
import static org.assertj.core.api.Assertions.assertThat;

import io.hearth.node.trigger.TriggerStatus;
import io.hearth.nodes.homeassistant.trigger.TriggerSpec.StateTrigger;
import io.hearth.testkit.TestTriggerContext;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import reactor.test.scheduler.VirtualTimeScheduler;

/** The per-trigger logic on a virtual clock: "for" holds, missed changes, items, statuses. */
@SuppressWarnings("unchecked")
class ActiveTriggerTest {

    private final VirtualTimeScheduler clock = VirtualTimeScheduler.create();
    private final TestTriggerContext context = TestTriggerContext.withoutCredential("HA Trigger", Map.of());

    private static Map<String, Object> stateChanged(String entity, String from, String to) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("entity_id", entity);
        data.put("old_state", state(from, Map.of()));
        data.put("new_state", state(to, Map.of()));
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("event_type", "state_changed");
        event.put("data", data);
        event.put("origin", "LOCAL");
        event.put("time_fired", "2024-03-20T10:00:00.123456+00:00");
        event.put("context", Map.of("id", "01HS"));
        return event;
    }

    private ActiveTrigger trigger(Duration hold, boolean emitMissed) {
        return new ActiveTrigger(
                context,
                new StateTrigger(
                        Set.of("input_boolean.a"), List.of(), List.of("on"), Optional.empty(), hold, true, emitMissed),
                clock);
    }

    @Test
    void emitsTheStateChangeItemAtOnceWithoutHold() {
        ActiveTrigger t = trigger(Duration.ZERO, true);
        t.onEvent(stateChanged("input_boolean.a", "off", "on"), false);
        t.onEvent(stateChanged("input_boolean.a", "on", "off"), false); // to filter
        assertThat(context.items()).singleElement().satisfies(json -> {
            assertThat(json)
                    .containsEntry("entity_id", "input_boolean.a")
                    .containsEntry("time", "2024-03-20T10:00:00.123456Z")
                    .containsEntry("context", Map.of("id", "01HS"))
                    .doesNotContainKey("missed_while_disconnected");
            assertThat((Map<String, Object>) json.get("from_state"))
                    .containsEntry("state", "off")
                    .containsKeys("attributes", "last_changed", "last_updated");
            assertThat((Map<String, Object>) json.get("to_state")).containsEntry("state", "on");
        });
    }

    @Test
    void emitsAfterTheStateHeldForTheDuration() {
        ActiveTrigger t = trigger(Duration.ofSeconds(5), true);
        t.onEvent(stateChanged("input_boolean.a", "off", "on"), false);
        clock.advanceTimeBy(Duration.ofSeconds(4));
        assertThat(context.items()).isEmpty();
        assertThat(t.pendingHolds()).isEqualTo(1);
        clock.advanceTimeBy(Duration.ofSeconds(1));
        assertThat(context.items())
                .singleElement()
                .satisfies(json -> assertThat(json).containsEntry("for_seconds", 5.0));
        assertThat(t.pendingHolds()).isZero();
    }

    @Test
    void aChangeAwayWithinTheDurationCancelsTheHold() {
        ActiveTrigger t = trigger(Duration.ofSeconds(5), true);
        t.onEvent(stateChanged("input_boolean.a", "off", "on"), false);
        clock.advanceTimeBy(Duration.ofSeconds(3));
        t.onEvent(stateChanged("input_boolean.a", "on", "off"), false);
        clock.advanceTimeBy(Duration.ofSeconds(10));
        assertThat(context.items()).isEmpty();
        assertThat(t.pendingHolds()).isZero();
    }

    @Test
    void closingCancelsHoldsAndReportsStopped() {
        ActiveTrigger t = trigger(Duration.ofSeconds(5), true);
        t.onEvent(stateChanged("input_boolean.a", "off", "on"), false);
        t.close();
        clock.advanceTimeBy(Duration.ofSeconds(10));
        assertThat(context.items()).isEmpty();
        assertThat(context.states()).containsExactly(TriggerStatus.State.STOPPED);
        t.onEvent(stateChanged("input_boolean.a", "off", "on"), false);
        assertThat(context.items()).isEmpty();
    }

    @Test
    void missedChangesAreEmittedMarkedOrOnlyCancelHoldsWhenTurnedOff() {
        ActiveTrigger on = trigger(Duration.ZERO, true);
        on.onEvent(stateChanged("input_boolean.a", "off", "on"), true);
        assertThat(context.items())
                .singleElement()
                .satisfies(json -> assertThat(json).containsEntry("missed_while_disconnected", true));

        TestTriggerContext quiet = TestTriggerContext.withoutCredential("HA Trigger", Map.of());
        ActiveTrigger off = new ActiveTrigger(
                quiet,
                new StateTrigger(
                        Set.of("input_boolean.a"),
                        List.of(),
                        List.of("on"),
                        Optional.empty(),
                        Duration.ofSeconds(5),
                        true,
                        false),
                clock);
        off.onEvent(stateChanged("input_boolean.a", "off", "on"), false);
        off.onEvent(stateChanged("input_boolean.a", "on", "off"), true); // went off while disconnected
        off.onEvent(stateChanged("input_boolean.a", "off", "on"), true);
        clock.advanceTimeBy(Duration.ofSeconds(10));
        assertThat(quiet.items()).isEmpty();
    }

    @Test
    void passesStatusesOnAndLogsReconnects() {
        ActiveTrigger t = trigger(Duration.ZERO, true);
        t.onStatus(TriggerStatus.of(TriggerStatus.State.CONNECTED, "Connected to Home Assistant at h:1"));
        t.onStatus(TriggerStatus.of(TriggerStatus.State.RECONNECTING, "closed; reconnecting in 1 s"));
        t.onStatus(TriggerStatus.of(TriggerStatus.State.CONNECTED, "Connected to Home Assistant at h:1"));
        assertThat(context.states())
                .containsExactly(
                        TriggerStatus.State.CONNECTED, TriggerStatus.State.RECONNECTING, TriggerStatus.State.CONNECTED);
        assertThat(context.statuses().getFirst().message()).contains("listening for state of input_boolean.a");
        assertThat(context.logLines())
                .anySatisfy(l -> assertThat(l).startsWith("WARN Home Assistant connection lost: closed"));
    }

    @Test
    void eventAndTriggerItemsHaveTheirShape() {
        TestTriggerContext ctx = TestTriggerContext.withoutCredential("HA Trigger", Map.of());
        new ActiveTrigger(ctx, new TriggerSpec.EventTrigger("hearth_x", Map.of("a", 1)), clock)
                .onEvent(
                        Map.of(
                                "event_type",
                                "hearth_x",
                                "data",
                                Map.of("a", 1),
                                "origin",
                                "REMOTE",
                                "time_fired",
                                "2024-03-20T10:00:00+00:00",
                                "context",
                                Map.of("id", "c")),
                        false);
        assertThat(ctx.items())
                .singleElement()
                .satisfies(json -> assertThat(json)
                        .containsEntry("event_type", "hearth_x")
                        .containsEntry("data", Map.of("a", 1))
                        .containsEntry("origin", "REMOTE")
                        .containsEntry("time_fired", "2024-03-20T10:00:00+00:00")
                        .containsEntry("time", "2024-03-20T10:00:00Z")
                        .containsEntry("context", Map.of("id", "c")));

        TestTriggerContext ha = TestTriggerContext.withoutCredential("HA Trigger", Map.of());
        Map<String, Object> trigger = Map.of(
                "platform",
                "numeric_state",
                "to_state",
                Map.of("state", "70.0", "last_updated", "2024-03-20T11:00:00+00:00"));
        new ActiveTrigger(ha, new TriggerSpec.HaTrigger(Map.of("platform", "numeric_state")), clock)
                .onEvent(Map.of("variables", Map.of("trigger", trigger), "context", Map.of("id", "d")), false);
        assertThat(ha.items())
                .singleElement()
                .satisfies(json -> assertThat(json)
                        .containsEntry("trigger", trigger)
                        .containsEntry("context", Map.of("id", "d"))
                        .containsEntry("time", "2024-03-20T11:00:00Z"));
    }
}
