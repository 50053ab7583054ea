package io.hearth.nodes.homeassistant.resource;

import io.hearth.node.ParameterException;
import io.hearth.node.ParameterValues;
import io.hearth.nodes.homeassistant.client.Json;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/** Reading the node's parameter values into what Home Assistant expects. */
public final class Values {

    /** Keys that would pollute prototypes in JavaScript consumers of the data (n8n's guard); never sent. */
    private static final Set<String> UNSAFE_KEYS = Set.of("__proto__", "constructor", "prototype");

    private static final Pattern JSON_NUMBER = Pattern.compile("-?(0|[1-9]\\d*)(\\.\\d+)?([eE][+-]?\\d+)?");
    private static final DateTimeFormatter HA_TIME =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSSxxx", Locale.ROOT);

    private Values() {}

    /**
     * The name/value pairs of a fixed collection ({@code stateAttributes.attributes[]}) as an object,
     * values {@linkplain #typed typed}. Entries without a name are skipped; a prototype-polluting name
     * ({@code __proto__}) is rejected.
     */
    public static Map<String, Object> nameValues(ParameterValues params, String collection) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (Map<String, Object> entry : params.group(collection, "attributes")) {
            String name = Json.asString(unwrapLocator(entry.get("name"))).strip();
            if (name.isEmpty()) {
                continue;
            }
            checkKey(collection, name);
            out.put(name, typed(entry.get("value")));
        }
        return out;
    }

    /** A JSON object parameter; its keys checked like {@link #nameValues}. */
    public static Map<String, Object> jsonObject(ParameterValues params, String name) {
        Map<String, Object> map = params.map(name);
        map.keySet().forEach(k -> checkKey(name, k));
        return new LinkedHashMap<>(map);
    }

    static void checkKey(String parameter, String key) {
        if (UNSAFE_KEYS.contains(key)) {
            throw new ParameterException(parameter, "must not use the key '" + key + "'");
        }
    }

    /**
     * A value typed the way a user means it: text that is a JSON number, {@code true}/{@code false},
     * {@code null}, an object or a list becomes that value ({@code "255"} → 255, {@code "[255,0,0]"} → a
     * list); anything else stays text. Values that are already numbers, booleans, objects or lists are kept.
     */
    public static Object typed(Object value) {
        if (!(value instanceof String s)) {
            return value;
        }
        String t = s.strip();
        if (t.equals("true") || t.equals("false")) {
            return Boolean.valueOf(t);
        }
        if (t.equals("null")) {
            return null;
        }
        if (JSON_NUMBER.matcher(t).matches()
                || (t.startsWith("{") && t.endsWith("}"))
                || (t.startsWith("[") && t.endsWith("]"))) {
            return Json.tryParse(t).orElse(s);
        }
        return s;
    }

    /** A resource locator's value ({@code {"__rl": true, "value": ...}}) or the value itself. */
    public static Object unwrapLocator(Object value) {
        if (value instanceof Map<?, ?> m
                && m.containsKey("value")
                && (Boolean.TRUE.equals(m.get("__rl")) || m.containsKey("mode"))) {
            return m.get("value");
        }
        return value;
    }

    /** A required id-like string (entity id, domain ...) without surrounding spaces. */
    public static String required(ParameterValues params, String name) {
        return params.requiredString(name).strip();
    }

    /** A list of ids from a multi-options value, a JSON list or a comma-separated text. Blank entries dropped. */
    public static List<String> ids(ParameterValues params, String name) {
        List<String> out = new ArrayList<>();
        for (Object o : params.list(name)) {
            Object v = unwrapLocator(o);
            if (v instanceof List<?> nested) {
                nested.forEach(n -> addIds(out, n));
            } else {
                addIds(out, v);
            }
        }
        return out;
    }

    private static void addIds(List<String> out, Object v) {
        if (v == null) {
            return;
        }
        for (String part : v.toString().split(",", -1)) {
            String p = part.strip();
            if (!p.isEmpty() && !out.contains(p)) {
                out.add(p);
            }
        }
    }

    /**
     * A date-time parameter as Home Assistant wants it in paths and queries (ISO-8601 with offset).
     * Accepts ISO with offset or {@code Z}, a local date-time or date (taken in {@code zone}), or epoch milliseconds.
     */
    public static Optional<String> dateTime(ParameterValues params, String name, ZoneId zone) {
        Object raw = params.get(name).orElse(null);
        if (raw == null || (raw instanceof String s && s.isBlank())) {
            return Optional.empty();
        }
        OffsetDateTime t;
        if (raw instanceof Number n) {
            t = Instant.ofEpochMilli(n.longValue()).atOffset(ZoneOffset.UTC);
        } else {
            t = parseDateTime(name, raw.toString().strip(), zone);
        }
        return Optional.of(HA_TIME.format(t));
    }

    /** An instant as Home Assistant wants it in paths and queries (ISO-8601, UTC offset). */
    public static String format(Instant instant) {
        return HA_TIME.format(instant.atOffset(ZoneOffset.UTC));
    }

    static OffsetDateTime parseDateTime(String name, String text, ZoneId zone) {
        String s = text.replace(' ', 'T');
        try {
            return OffsetDateTime.parse(s);
        } catch (DateTimeParseException ignored) {
            // try the next form
        }
        try {
            return ZonedDateTime.parse(s).toOffsetDateTime();
        } catch (DateTimeParseException ignored) {
            // try the next form
        }
        try {
            return LocalDateTime.parse(s).atZone(zone).toOffsetDateTime();
        } catch (DateTimeParseException ignored) {
            // try the next form
        }
        try {
            return LocalDate.parse(s).atStartOfDay(zone).toOffsetDateTime();
        } catch (DateTimeParseException ignored) {
            // try the next form
        }
        if (s.matches("\\d{10,13}")) {
            long v = Long.parseLong(s);
            return Instant.ofEpochMilli(s.length() <= 10 ? v * 1000 : v).atOffset(ZoneOffset.UTC);
        }
        throw new ParameterException(
                name, "is not a date-time: '" + text + "' (use ISO-8601, e.g. 2024-03-01T08:00:00Z)");
    }
}
