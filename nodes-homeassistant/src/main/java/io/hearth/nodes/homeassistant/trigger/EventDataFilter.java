package io.hearth.nodes.homeassistant.trigger;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * The event-data filter of the Event mode: every key of the filter must be present in the event's
 * data with a matching value. Objects match by subset (recursively), lists element by element,
 * numbers by value ({@code 5} matches {@code 5.0}), and a scalar written as text matches the same
 * scalar of another type ({@code "5"} matches {@code 5}, {@code "true"} matches {@code true}).
 */
public final class EventDataFilter {

    private EventDataFilter() {}

    public static boolean matches(Map<String, Object> filter, Map<String, Object> data) {
        for (Map.Entry<String, Object> e : filter.entrySet()) {
            if (!data.containsKey(e.getKey()) && e.getValue() != null) {
                return false;
            }
            if (!valueMatches(e.getValue(), data.get(e.getKey()))) {
                return false;
            }
        }
        return true;
    }

    @SuppressWarnings("unchecked")
    static boolean valueMatches(Object expected, Object actual) {
        if (expected == null || actual == null) {
            return expected == null && actual == null;
        }
        if (expected instanceof Map<?, ?> em) {
            return actual instanceof Map<?, ?> am && matches((Map<String, Object>) em, (Map<String, Object>) am);
        }
        if (expected instanceof List<?> el) {
            if (!(actual instanceof List<?> al) || al.size() != el.size()) {
                return false;
            }
            for (int i = 0; i < el.size(); i++) {
                if (!valueMatches(el.get(i), al.get(i))) {
                    return false;
                }
            }
            return true;
        }
        if (actual instanceof Map<?, ?> || actual instanceof List<?>) {
            return false;
        }
        return scalarEquals(expected, actual);
    }

    /** Scalars: numbers by value, otherwise by their text. */
    static boolean scalarEquals(Object a, Object b) {
        BigDecimal x = number(a);
        BigDecimal y = number(b);
        if (x != null && y != null && (a instanceof Number || b instanceof Number)) {
            return x.compareTo(y) == 0;
        }
        return a.toString().equals(b.toString());
    }

    static BigDecimal number(Object v) {
        if (v instanceof Number n) {
            try {
                return new BigDecimal(n.toString());
            } catch (NumberFormatException e) {
                return null; // NaN, Infinity
            }
        }
        if (v instanceof String s && !s.isBlank()) {
            try {
                return new BigDecimal(s.strip());
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return null;
    }
}
