package io.hearth.node.internal;

import io.hearth.node.ParameterException;
import io.hearth.node.ParameterValues;
import io.hearth.node.support.MiniJson;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@link ParameterValues} over a JSON-like map of already resolved values, with the coercions users
 * expect: numbers from numeric strings, booleans from "true"/"false", objects and lists from JSON
 * text, n8n resource-locator objects ({@code {"__rl": true, "value": ...}}) read as their value.
 */
public final class MapParameterValues implements ParameterValues {

    private final Map<String, Object> values;

    public MapParameterValues(Map<String, Object> values) {
        this(new LinkedHashMap<>(values), true);
    }

    private MapParameterValues(Map<String, Object> owned, boolean unused) {
        this.values = Collections.unmodifiableMap(owned);
    }

    /**
     * Over {@code values} itself, not a copy: for a map the caller has just built and never changes
     * afterwards (the runtime's per-item parameters, where the copy was a tenth of what a Filter
     * allocated per item).
     */
    public static MapParameterValues ofOwned(Map<String, Object> values) {
        return new MapParameterValues(values, true);
    }

    @Override
    public Optional<Object> get(String name) {
        Object v = lookup(name);
        if (v instanceof Map<?, ?> m && Boolean.TRUE.equals(m.get("__rl"))) {
            v = m.get("value");
        }
        return Optional.ofNullable(v);
    }

    private Object lookup(String path) {
        Object direct = values.get(path);
        if (direct != null || path.indexOf('.') < 0) {
            return direct;
        }
        // "options.fallbackOutput": walk the nested maps (called per item; no regex, no arrays)
        Object current = values;
        int start = 0;
        while (true) {
            int dot = path.indexOf('.', start);
            String segment = dot < 0 ? path.substring(start) : path.substring(start, dot);
            if (!(current instanceof Map<?, ?> m)) {
                return null;
            }
            current = m.get(segment);
            if (dot < 0) {
                return current;
            }
            start = dot + 1;
        }
    }

    @Override
    public Map<String, Object> asMap() {
        return values;
    }

    @Override
    public String string(String name) {
        return get(name).map(MapParameterValues::asText).orElse("");
    }

    @Override
    public String requiredString(String name) {
        String s = string(name);
        if (s.isBlank()) {
            throw new ParameterException(name, "is required");
        }
        return s;
    }

    @Override
    public double number(String name) {
        return toNumber(name).doubleValue();
    }

    @Override
    public long integer(String name) {
        BigDecimal n = toNumber(name);
        try {
            return n.longValueExact();
        } catch (ArithmeticException e) {
            throw new ParameterException(name, "must be a whole number, got " + n.toPlainString());
        }
    }

    private BigDecimal toNumber(String name) {
        Object v = get(name).orElse(null);
        if (v instanceof Number n) {
            return new BigDecimal(n.toString());
        }
        if (v instanceof String s && !s.isBlank()) {
            try {
                return new BigDecimal(s.trim());
            } catch (NumberFormatException e) {
                throw new ParameterException(name, "must be a number, got '" + s + "'");
            }
        }
        if (v == null || "".equals(v)) {
            return BigDecimal.ZERO;
        }
        throw new ParameterException(name, "must be a number, got " + describe(v));
    }

    @Override
    public boolean bool(String name) {
        Object v = get(name).orElse(null);
        if (v == null || "".equals(v)) {
            return false;
        }
        if (v instanceof Boolean b) {
            return b;
        }
        if (v instanceof String s) {
            if (s.equalsIgnoreCase("true")) {
                return true;
            }
            if (s.equalsIgnoreCase("false")) {
                return false;
            }
        }
        throw new ParameterException(name, "must be true or false, got " + describe(v));
    }

    @Override
    @SuppressWarnings("unchecked")
    public Map<String, Object> map(String name) {
        Object v = get(name).orElse(null);
        if (v == null || (v instanceof String s && s.isBlank())) {
            return Map.of();
        }
        if (v instanceof Map<?, ?> m) {
            return (Map<String, Object>) m;
        }
        if (v instanceof String s) {
            Object parsed = parseJson(name, s);
            if (parsed instanceof Map<?, ?> m) {
                return (Map<String, Object>) m;
            }
        }
        throw new ParameterException(name, "must be a JSON object, got " + describe(v));
    }

    @Override
    @SuppressWarnings("unchecked")
    public List<Object> list(String name) {
        Object v = get(name).orElse(null);
        if (v == null || (v instanceof String s && s.isBlank())) {
            return List.of();
        }
        if (v instanceof List<?> l) {
            return (List<Object>) l;
        }
        if (v instanceof String s) {
            String t = s.trim();
            if (t.startsWith("[")) {
                Object parsed = parseJson(name, t);
                if (parsed instanceof List<?> l) {
                    return (List<Object>) l;
                }
            }
            List<Object> parts = new ArrayList<>();
            Arrays.stream(t.split(","))
                    .map(String::trim)
                    .filter(p -> !p.isEmpty())
                    .forEach(parts::add);
            return parts;
        }
        return List.of(v);
    }

    @Override
    @SuppressWarnings("unchecked")
    public List<Map<String, Object>> group(String fixedCollection, String group) {
        Object v = get(fixedCollection).orElse(null);
        if (!(v instanceof Map<?, ?> m)) {
            return List.of();
        }
        Object entries = m.get(group);
        if (entries instanceof List<?> l) {
            List<Map<String, Object>> out = new ArrayList<>();
            for (Object e : l) {
                if (e instanceof Map<?, ?> em) {
                    out.add((Map<String, Object>) em);
                }
            }
            return out;
        }
        if (entries instanceof Map<?, ?> single) {
            return List.of((Map<String, Object>) single);
        }
        return List.of();
    }

    private static Object parseJson(String name, String text) {
        try {
            return MiniJson.parse(text);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(name, "is not valid JSON: " + e.getMessage());
        }
    }

    private static String asText(Object v) {
        if (v instanceof BigDecimal d) {
            return d.stripTrailingZeros().toPlainString();
        }
        if (v instanceof Double d && d == Math.rint(d) && !Double.isInfinite(d) && Math.abs(d) < 1e15) {
            return Long.toString(d.longValue());
        }
        if (v instanceof Map<?, ?> || v instanceof List<?>) {
            return MiniJson.write(v);
        }
        return v.toString();
    }

    private static String describe(Object v) {
        return v instanceof String s
                ? "'" + s + "'"
                : v instanceof Map ? "an object" : v instanceof List ? "a list" : String.valueOf(v);
    }

    @Override
    public String toString() {
        return "ParameterValues" + values;
    }
}
