package io.hearth.nodes.homeassistant.trigger;

import io.hearth.nodes.homeassistant.client.Json;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Recovery of state changes missed while disconnected. While a {@code state_changed} subscription exists,
 * the last known state of every entity is kept (seeded by {@code get_states}, updated by the events). After
 * a reconnect a fresh {@code get_states} is compared with it and each difference is delivered once as a
 * synthesised {@code state_changed} event marked missed. The snapshot is requested after the subscription,
 * so a change is either in a live event received before the snapshot's answer or in the snapshot, never
 * reported twice; a live event repeating a state already delivered is dropped. Not thread-safe: used under
 * its connection's lock.
 */
final class MissedChanges {

    private Map<String, Map<String, Object>> lastKnown;
    private boolean snapshotPending;
    private boolean compareSnapshot;

    /** The subscription was (re)sent; a snapshot follows. Returns whether it will be compared. */
    boolean subscribed(boolean reconnect) {
        compareSnapshot = reconnect && lastKnown != null;
        snapshotPending = true;
        return compareSnapshot;
    }

    /** The subscription ended: nothing to recover any more. */
    void forget() {
        lastKnown = null;
        snapshotPending = false;
    }

    /** A {@code get_states} answer: the changes missed since the last known states (when comparing). */
    List<Map<String, Object>> snapshot(Object states, boolean compare) {
        snapshotPending = false;
        Map<String, Map<String, Object>> fresh = new HashMap<>();
        for (Object o : Json.asList(states)) {
            Map<String, Object> state = Json.asObject(o);
            fresh.put(Json.asString(state.get("entity_id")), state);
        }
        List<Map<String, Object>> missed = new ArrayList<>();
        if (compare && lastKnown != null) {
            lastKnown.forEach((entityId, known) -> {
                Map<String, Object> now = fresh.get(entityId);
                if (now != null && differs(known, now)) {
                    missed.add(synthetic(entityId, known, now));
                }
            });
        }
        lastKnown = fresh;
        return missed;
    }

    /** No snapshot will come (get_states failed). */
    void snapshotFailed() {
        snapshotPending = false;
    }

    /**
     * What to deliver for a live {@code state_changed} event: nothing when it repeats a state already
     * delivered; else the event, preceded by a missed change when the entity changed while disconnected
     * and changes again before the snapshot came back.
     */
    List<Delivery> onEvent(Map<String, Object> event) {
        if (lastKnown == null) {
            return List.of(new Delivery(event, false));
        }
        Map<String, Object> data = Json.asObject(event.get("data"));
        String entityId = Json.asString(data.get("entity_id"));
        Map<String, Object> known = lastKnown.get(entityId);
        Map<String, Object> oldState =
                data.get("old_state") instanceof Map<?, ?> ? Json.asObject(data.get("old_state")) : null;
        Map<String, Object> newState =
                data.get("new_state") instanceof Map<?, ?> ? Json.asObject(data.get("new_state")) : null;
        if (known != null && newState != null && sameVersion(known, newState)) {
            return List.of(); // already delivered (from the snapshot after a reconnect)
        }
        List<Delivery> out = new ArrayList<>(2);
        if (snapshotPending && compareSnapshot && known != null && oldState != null && differs(known, oldState)) {
            out.add(new Delivery(synthetic(entityId, known, oldState), true));
        }
        if (newState == null) {
            lastKnown.remove(entityId);
        } else {
            lastKnown.put(entityId, newState);
        }
        out.add(new Delivery(event, false));
        return out;
    }

    /** One event to deliver; {@code missed}: synthesised from a change that happened while disconnected. */
    record Delivery(Map<String, Object> event, boolean missed) {}

    /** The same state object version: equal {@code last_updated} and state. */
    static boolean sameVersion(Map<String, Object> a, Map<String, Object> b) {
        Object ua = a.get("last_updated");
        return ua != null && ua.equals(b.get("last_updated")) && Objects.equals(a.get("state"), b.get("state"));
    }

    /** A change a trigger could care about: the state or an attribute differs. */
    static boolean differs(Map<String, Object> known, Map<String, Object> now) {
        return !Objects.equals(known.get("state"), now.get("state"))
                || !Objects.equals(known.get("attributes"), now.get("attributes"));
    }

    /** A {@code state_changed} event for a change seen only by comparing states. */
    static Map<String, Object> synthetic(String entityId, Map<String, Object> oldState, Map<String, Object> newState) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("entity_id", entityId);
        data.put("old_state", oldState);
        data.put("new_state", newState);
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("event_type", "state_changed");
        event.put("data", data);
        event.put("origin", "LOCAL");
        event.put("time_fired", newState.get("last_updated"));
        event.put("context", newState.get("context"));
        return event;
    }
}
