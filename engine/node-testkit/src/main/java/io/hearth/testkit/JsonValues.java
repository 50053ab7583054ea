package io.hearth.testkit;

import io.hearth.common.Json;
import io.hearth.node.BinaryData;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * JSON as the kit compares and prints it: JavaScript's equality for data (numbers by value, so
 * {@code 1}, {@code 1L} and {@code 1.0} are equal; objects by keys, in any order) and compact text
 * for messages.
 */
final class JsonValues {

    private static final JsonMapper MAPPER = Json.mapper();

    private JsonValues() {}

    static Object parse(String json, String what) {
        try {
            return MAPPER.readValue(json, Object.class);
        } catch (JacksonException e) {
            throw new IllegalArgumentException(what + " is not valid JSON: " + e.getOriginalMessage(), e);
        }
    }

    /** Values a node put into an item, as the execution record would store them. */
    static Object normalize(Object value) {
        return switch (value) {
            case null -> null;
            case Map<?, ?> m -> {
                Map<String, Object> out = new LinkedHashMap<>();
                m.forEach((k, v) -> out.put(String.valueOf(k), normalize(v)));
                yield out;
            }
            case List<?> l -> {
                List<Object> out = new ArrayList<>(l.size());
                l.forEach(v -> out.add(normalize(v)));
                yield out;
            }
            case String s -> s;
            case Number n -> n;
            case Boolean b -> b;
            case BinaryData b -> Base64.getEncoder().encodeToString(b.data());
            default -> value.toString();
        };
    }

    static String write(Object value) {
        return MAPPER.writeValueAsString(normalize(value));
    }

    static String writePretty(Object value) {
        return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(normalize(value));
    }

    /** Adds one line per difference to {@code out}, at most {@code limit} in all. */
    static void differences(String path, Object expected, Object actual, List<String> out, int limit) {
        if (out.size() >= limit) {
            return;
        }
        if (expected instanceof Map<?, ?> em && actual instanceof Map<?, ?> am) {
            for (Map.Entry<?, ?> e : em.entrySet()) {
                String key = String.valueOf(e.getKey());
                String sub = path + member(key);
                if (!am.containsKey(key)) {
                    out.add(sub + ": missing (expected " + shortText(e.getValue()) + ")");
                } else {
                    differences(sub, e.getValue(), am.get(key), out, limit);
                }
                if (out.size() >= limit) {
                    return;
                }
            }
            for (Map.Entry<?, ?> a : am.entrySet()) {
                if (!em.containsKey(String.valueOf(a.getKey())) && out.size() < limit) {
                    out.add(path + member(String.valueOf(a.getKey())) + ": unexpected " + shortText(a.getValue()));
                }
            }
            return;
        }
        if (expected instanceof List<?> el && actual instanceof List<?> al) {
            if (el.size() != al.size()) {
                out.add(path + ": expected " + el.size() + " elements, got " + al.size() + ": " + shortText(al));
                return;
            }
            for (int i = 0; i < el.size() && out.size() < limit; i++) {
                differences(path + "[" + i + "]", el.get(i), al.get(i), out, limit);
            }
            return;
        }
        if (!same(expected, actual)) {
            out.add(path + ": expected " + describe(expected) + ", got " + describe(actual));
        }
    }

    static boolean same(Object a, Object b) {
        if (a instanceof Number x && b instanceof Number y) {
            return sameNumber(x, y);
        }
        if (a instanceof Map<?, ?> am && b instanceof Map<?, ?> bm) {
            if (am.size() != bm.size()) {
                return false;
            }
            for (Map.Entry<?, ?> e : am.entrySet()) {
                if (!bm.containsKey(e.getKey()) || !same(e.getValue(), bm.get(e.getKey()))) {
                    return false;
                }
            }
            return true;
        }
        if (a instanceof List<?> al && b instanceof List<?> bl) {
            if (al.size() != bl.size()) {
                return false;
            }
            for (int i = 0; i < al.size(); i++) {
                if (!same(al.get(i), bl.get(i))) {
                    return false;
                }
            }
            return true;
        }
        return Objects.equals(a, b);
    }

    private static boolean sameNumber(Number x, Number y) {
        double dx = x.doubleValue();
        double dy = y.doubleValue();
        if (Double.isNaN(dx) || Double.isInfinite(dx) || Double.isNaN(dy) || Double.isInfinite(dy)) {
            return Double.compare(dx, dy) == 0;
        }
        return new BigDecimal(x.toString()).compareTo(new BigDecimal(y.toString())) == 0;
    }

    private static String member(String key) {
        return key.matches("[A-Za-z_$][A-Za-z0-9_$]*") ? "." + key : "[" + write(key) + "]";
    }

    private static String describe(Object v) {
        String kind = switch (v) {
            case null -> "null";
            case String s -> "string";
            case Number n -> "number";
            case Boolean b -> "boolean";
            case Map<?, ?> m -> "object";
            case List<?> l -> "array";
            default -> v.getClass().getSimpleName();
        };
        return v == null ? "null" : shortText(v) + " (" + kind + ")";
    }

    static String shortText(Object v) {
        String s = write(v);
        return s.length() > 160 ? s.substring(0, 157) + "..." : s;
    }
}
