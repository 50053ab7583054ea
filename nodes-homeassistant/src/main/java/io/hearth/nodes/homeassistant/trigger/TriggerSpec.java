package io.hearth.nodes.homeassistant.trigger;

import io.hearth.node.ParameterException;
import io.hearth.node.ParameterValues;
import io.hearth.nodes.homeassistant.client.Json;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What one Home Assistant Trigger node listens for, read from its parameters: the WebSocket
 * subscription it needs (shared with other triggers asking for the same one) and, for state and
 * event triggers, the filter applied in Java to each event of that subscription.
 */
public sealed interface TriggerSpec {

    /** Parameter {@code event}: the mode. */
    String MODE = "event";

    String STATE_CHANGED = "stateChanged";
    String EVENT = "event";
    String HA_TRIGGER = "trigger";

    /** The subscribe command, without id. Equal commands share one Home Assistant subscription. */
    Map<String, Object> subscribeCommand();

    /** What is listened for, for status messages: {@code state of light.kitchen}. */
    String describe();

    /** Reads and checks the parameters; throws {@link ParameterException} naming the parameter at fault. */
    static TriggerSpec parse(ParameterValues p) {
        String mode = p.string(MODE).strip();
        return switch (mode.isEmpty() ? STATE_CHANGED : mode) {
            case STATE_CHANGED -> StateTrigger.parse(p);
            case EVENT -> EventTrigger.parse(p);
            case HA_TRIGGER -> new HaTrigger(TriggerConfigParser.parse(p.string(TriggerConfigParser.PARAMETER)));
            default ->
                throw new ParameterException(MODE, "must be one of stateChanged, event, trigger; got '" + mode + "'");
        };
    }

    /**
     * A state change of one of {@code entityIds}: the state (or, with {@code attribute}, that
     * attribute's value) changed, optionally from/to given values, held for {@code holdFor}.
     *
     * @param entityIds         the watched entities
     * @param from              accepted previous values (empty: any)
     * @param to                accepted new values (empty: any)
     * @param attribute         watch this attribute instead of the state
     * @param holdFor           the new value must hold this long (zero: emit at once)
     * @param ignoreUnavailable skip transitions from or to {@code unavailable}/{@code unknown} (and entity creation/removal)
     * @param emitMissed        emit changes found after a reconnect that happened while disconnected
     */
    record StateTrigger(
            Set<String> entityIds,
            List<String> from,
            List<String> to,
            Optional<String> attribute,
            Duration holdFor,
            boolean ignoreUnavailable,
            boolean emitMissed)
            implements TriggerSpec {

        public static final Map<String, Object> COMMAND =
                Map.of("type", "subscribe_events", "event_type", "state_changed");
        private static final Set<String> UNAVAILABLE = Set.of("unavailable", "unknown");

        public StateTrigger {
            entityIds = java.util.Collections.unmodifiableSet(new LinkedHashSet<>(entityIds));
            from = List.copyOf(from);
            to = List.copyOf(to);
            attribute = attribute == null ? Optional.empty() : attribute.filter(a -> !a.isBlank());
            Objects.requireNonNull(holdFor, "holdFor");
        }

        static StateTrigger parse(ParameterValues p) {
            Set<String> ids = new LinkedHashSet<>();
            for (Object o : p.list("entityIds")) {
                String id = o == null ? "" : o.toString().strip();
                if (id.isEmpty()) {
                    continue;
                }
                if (!id.matches("[a-z0-9_]+\\.[A-Za-z0-9_]+")) {
                    throw new ParameterException(
                            "entityIds", "contains '" + id + "', which is not an entity id such as light.kitchen");
                }
                ids.add(id);
            }
            if (ids.isEmpty()) {
                throw new ParameterException("entityIds", "needs at least one entity");
            }
            double seconds = p.number("forSeconds");
            if (seconds < 0 || Double.isNaN(seconds) || seconds > 7 * 24 * 3600) {
                throw new ParameterException(
                        "forSeconds", "must be between 0 and 604800 seconds, got " + p.string("forSeconds"));
            }
            return new StateTrigger(
                    ids,
                    values(p, "from"),
                    values(p, "to"),
                    Optional.of(p.string("attribute").strip()),
                    Duration.ofMillis(Math.round(seconds * 1000)),
                    flag(p, "ignoreUnavailable"),
                    flag(p, "emitMissed"));
        }

        private static List<String> values(ParameterValues p, String name) {
            List<String> out = new ArrayList<>();
            for (Object o : p.list(name)) {
                String s = o == null
                        ? ""
                        : (o instanceof Number n
                                ? EventDataFilter.number(n).stripTrailingZeros().toPlainString()
                                : o.toString().strip());
                if (!s.isEmpty()) {
                    out.add(s);
                }
            }
            return out;
        }

        /** A boolean parameter that defaults to true when absent. */
        private static boolean flag(ParameterValues p, String name) {
            return p.get(name).isEmpty() || p.bool(name);
        }

        @Override
        public Map<String, Object> subscribeCommand() {
            return COMMAND;
        }

        @Override
        public String describe() {
            String what = attribute.map(a -> "attribute '" + a + "' of ").orElse("state of ");
            String ids = entityIds.size() <= 3
                    ? String.join(", ", entityIds)
                    : String.join(", ", List.copyOf(entityIds).subList(0, 3)) + " and " + (entityIds.size() - 3)
                            + " more";
            return what + ids;
        }

        /**
         * What a {@code state_changed} event's data means for this trigger: empty when it is about
         * another entity or the watched value did not change (e.g. only another attribute changed).
         */
        public Optional<Change> evaluate(Map<String, Object> data) {
            String entityId = Json.asString(data.get("entity_id"));
            if (!entityIds.contains(entityId)) {
                return Optional.empty();
            }
            Map<String, Object> oldState =
                    data.get("old_state") instanceof Map<?, ?> ? Json.asObject(data.get("old_state")) : null;
            Map<String, Object> newState =
                    data.get("new_state") instanceof Map<?, ?> ? Json.asObject(data.get("new_state")) : null;
            Object oldValue = value(oldState);
            Object newValue = value(newState);
            if (oldState != null && newState != null && sameValue(oldValue, newValue)) {
                return Optional.empty();
            }
            if (oldState == null && newState == null) {
                return Optional.empty();
            }
            boolean matches = newState != null
                    && !(ignoreUnavailable && (oldState == null || unavailable(oldState) || unavailable(newState)))
                    && (from.isEmpty() || (oldState != null && anyMatches(from, oldValue)))
                    && (to.isEmpty() || anyMatches(to, newValue));
            return Optional.of(new Change(entityId, oldState, newState, oldValue, newValue, matches));
        }

        private Object value(Map<String, Object> state) {
            if (state == null) {
                return null;
            }
            return attribute.isPresent()
                    ? Json.asObject(state.get("attributes")).get(attribute.get())
                    : state.get("state");
        }

        private static boolean unavailable(Map<String, Object> state) {
            return UNAVAILABLE.contains(Json.asString(state.get("state")));
        }

        private static boolean anyMatches(List<String> accepted, Object value) {
            if (value == null) {
                return false;
            }
            Object v = value instanceof Map || value instanceof List ? Json.write(value) : value;
            BigDecimal number = EventDataFilter.number(v);
            for (String a : accepted) {
                BigDecimal n = number == null ? null : EventDataFilter.number(a);
                // numbers by value ("42" matches the state "42.0"), everything else by text
                if (n != null ? n.compareTo(number) == 0 : EventDataFilter.scalarEquals(a, v)) {
                    return true;
                }
            }
            return false;
        }

        /** Whether two watched values are the same (numbers by value; JSON-like structures deeply). */
        public static boolean sameValue(Object a, Object b) {
            if (a == null || b == null) {
                return a == null && b == null;
            }
            if (a instanceof Number && b instanceof Number) {
                BigDecimal x = EventDataFilter.number(a);
                BigDecimal y = EventDataFilter.number(b);
                return (x != null && y != null) ? x.compareTo(y) == 0 : a.equals(b);
            }
            return a.equals(b);
        }

        /**
         * One change of a watched entity.
         *
         * @param matches whether it passes the from/to/unavailable filters (a change that does not
         *                still cancels a pending "for" hold)
         */
        public record Change(
                String entityId,
                Map<String, Object> oldState,
                Map<String, Object> newState,
                Object oldValue,
                Object newValue,
                boolean matches) {}
    }

    /**
     * Events of one type ({@code eventType} empty: every event) whose data contains {@code dataFilter}.
     */
    record EventTrigger(String eventType, Map<String, Object> dataFilter) implements TriggerSpec {

        public EventTrigger {
            eventType = eventType == null ? "" : eventType.strip();
            dataFilter = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(dataFilter));
        }

        static EventTrigger parse(ParameterValues p) {
            String type = p.string("eventType").strip();
            if (!type.isEmpty() && !type.matches("[A-Za-z0-9_.:-]+")) {
                throw new ParameterException(
                        "eventType", "must be an event type such as call_service, got '" + type + "'");
            }
            return new EventTrigger(type, p.map("eventData"));
        }

        @Override
        public Map<String, Object> subscribeCommand() {
            Map<String, Object> c = new LinkedHashMap<>();
            c.put("type", "subscribe_events");
            if (!eventType.isEmpty()) {
                c.put("event_type", eventType);
            }
            return c;
        }

        @Override
        public String describe() {
            return (eventType.isEmpty() ? "all events" : "'" + eventType + "' events")
                    + (dataFilter.isEmpty() ? "" : " matching " + Json.write(dataFilter));
        }

        /** Whether an event (HA's {@code event} object) passes the type and data filter. */
        public boolean matches(Map<String, Object> event) {
            if (!eventType.isEmpty() && !eventType.equals(event.get("event_type"))) {
                return false;
            }
            return EventDataFilter.matches(dataFilter, Json.asObject(event.get("data")));
        }
    }

    /** A raw Home Assistant trigger (or list of triggers) sent with {@code subscribe_trigger} (admin only in HA). */
    record HaTrigger(Object trigger) implements TriggerSpec {

        @Override
        public Map<String, Object> subscribeCommand() {
            Map<String, Object> c = new LinkedHashMap<>();
            c.put("type", "subscribe_trigger");
            c.put("trigger", trigger);
            return c;
        }

        @Override
        public String describe() {
            List<Object> all = trigger instanceof List<?> l ? List.copyOf(l) : List.of(trigger);
            List<String> platforms = new ArrayList<>();
            for (Object t : all) {
                Map<String, Object> m = Json.asObject(t);
                platforms.add(Json.asString(m.getOrDefault("platform", m.get("trigger"))));
            }
            return "Home Assistant trigger (" + String.join(", ", platforms) + ")";
        }
    }
}
