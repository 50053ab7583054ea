package io.hearth.nodes.homeassistant.trigger;

import io.hearth.nodes.homeassistant.client.Json;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The JSON of the items a Home Assistant Trigger emits. Every item has {@code time}: when Home
 * Assistant fired the event, as an ISO-8601 instant ({@code 2024-03-20T10:15:30.123456Z}).
 * <ul>
 *   <li>state change: {@code entity_id, from_state, to_state} (each {@code {state, attributes,
 *       last_changed, last_updated}} or null), {@code context}, plus {@code attribute, old_value,
 *       new_value} when an attribute is watched, {@code for_seconds} after a hold and
 *       {@code missed_while_disconnected: true} for a change found after a reconnect;</li>
 *   <li>event: {@code event_type, data, origin, time_fired, context};</li>
 *   <li>Home Assistant trigger: {@code trigger} (HA's {@code variables.trigger}) and {@code context}.</li>
 * </ul>
 */
public final class TriggerItems {

    private TriggerItems() {}

    public static Map<String, Object> stateChange(
            TriggerSpec.StateTrigger spec,
            TriggerSpec.StateTrigger.Change change,
            Map<String, Object> event,
            boolean missed) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("entity_id", change.entityId());
        json.put("from_state", stateView(change.oldState()));
        json.put("to_state", stateView(change.newState()));
        spec.attribute().ifPresent(a -> {
            json.put("attribute", a);
            json.put("old_value", change.oldValue());
            json.put("new_value", change.newValue());
        });
        json.put("time", time(event.get("time_fired")));
        json.put("context", event.get("context"));
        if (missed) {
            json.put("missed_while_disconnected", true);
        }
        return json;
    }

    public static Map<String, Object> event(Map<String, Object> event) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("event_type", event.get("event_type"));
        json.put("data", event.get("data") == null ? Map.of() : event.get("data"));
        json.put("origin", event.get("origin"));
        json.put("time_fired", event.get("time_fired"));
        json.put("context", event.get("context"));
        json.put("time", time(event.get("time_fired")));
        return json;
    }

    /** {@code message} is the {@code event} of a {@code subscribe_trigger} subscription: {@code {variables, context}}. */
    public static Map<String, Object> trigger(Map<String, Object> message) {
        Map<String, Object> trigger =
                Json.asObject(Json.asObject(message.get("variables")).get("trigger"));
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("trigger", trigger);
        json.put("context", message.get("context"));
        json.put("time", triggerTime(trigger));
        return json;
    }

    /** The time of what fired a HA trigger: its event, its new state, else now. */
    static String triggerTime(Map<String, Object> trigger) {
        Object fired = Json.asObject(trigger.get("event")).get("time_fired");
        if (fired == null) {
            fired = Json.asObject(trigger.get("to_state")).get("last_updated");
        }
        return fired == null ? Instant.now().toString() : time(fired);
    }

    static Map<String, Object> stateView(Map<String, Object> state) {
        if (state == null) {
            return null;
        }
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("state", state.get("state"));
        view.put("attributes", state.get("attributes") == null ? Map.of() : state.get("attributes"));
        view.put("last_changed", state.get("last_changed"));
        view.put("last_updated", state.get("last_updated"));
        return view;
    }

    /** HA's time stamp ({@code 2024-03-20T10:15:30.123456+00:00}) as an ISO instant; now when absent. */
    static String time(Object haTime) {
        Instant t = instant(haTime);
        return (t == null ? Instant.now() : t).toString();
    }

    /** HA's time stamp parsed, or null. */
    public static Instant instant(Object haTime) {
        if (haTime == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(haTime.toString()).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
