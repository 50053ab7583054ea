package io.hearth.expression;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A Luxon Duration as returned by {@code diff()} and {@code Duration.fromObject()}: its unit values
 * read as properties ({@code .days}), plus {@code as(unit)}, {@code toMillis()}, {@code toObject()}.
 * Month and year conversions use Luxon's "casual" matrix (30 and 365 days).
 */
final class LuxonDuration implements ExpressionObject {

    static final String[] UNITS = {
        "years", "quarters", "months", "weeks", "days", "hours", "minutes", "seconds", "milliseconds"
    };
    private static final double[] UNIT_MILLIS = {
        365 * 86_400_000.0,
        91 * 86_400_000.0,
        30 * 86_400_000.0,
        7 * 86_400_000.0,
        86_400_000.0,
        3_600_000.0,
        60_000.0,
        1000.0,
        1.0
    };

    private final LinkedHashMap<String, Object> values;

    LuxonDuration(LinkedHashMap<String, Object> values) {
        this.values = values;
    }

    /** "day", "Days", "DAYS" → "days"; null when not a unit. */
    static String normalizeUnit(Object unit) {
        if (!(unit instanceof String s)) {
            return null;
        }
        String u = s.toLowerCase(java.util.Locale.ROOT);
        if (!u.endsWith("s")) {
            u = u + "s";
        }
        for (String known : UNITS) {
            if (known.equals(u)) {
                return known;
            }
        }
        return null;
    }

    static double unitMillis(String unit) {
        for (int i = 0; i < UNITS.length; i++) {
            if (UNITS[i].equals(unit)) {
                return UNIT_MILLIS[i];
            }
        }
        throw JsThrow.error("Invalid unit " + unit);
    }

    static LuxonDuration fromObject(Map<?, ?> m) {
        LinkedHashMap<String, Object> values = new LinkedHashMap<>();
        for (Map.Entry<?, ?> e : m.entrySet()) {
            String unit = normalizeUnit(e.getKey());
            if (unit == null) {
                throw JsThrow.error("Invalid unit " + e.getKey());
            }
            values.put(unit, JsNumbers.box(JsOps.toNumber(e.getValue())));
        }
        return new LuxonDuration(values);
    }

    Map<String, Object> values() {
        return values;
    }

    double toMillis() {
        double total = 0;
        for (Map.Entry<String, Object> e : values.entrySet()) {
            total += JsOps.toNumber(e.getValue()) * unitMillis(e.getKey());
        }
        return total;
    }

    @Override
    public Object get(String property) {
        String unit = normalizeUnit(property);
        if (unit != null && unit.equals(property)) {
            Object v = values.get(unit);
            return v == null ? 0L : v;
        }
        return switch (property) {
            case "as" ->
                new Builtin("as", (ctx, a) -> {
                    String u = normalizeUnit(JsOps.arg(a, 0));
                    if (u == null) {
                        throw JsThrow.error("Invalid unit " + JsOps.describe(JsOps.arg(a, 0)));
                    }
                    return JsNumbers.box(toMillis() / unitMillis(u));
                });
            case "toMillis", "valueOf" -> new Builtin(property, (ctx, a) -> JsNumbers.box(toMillis()));
            case "toObject", "toJSON" -> new Builtin(property, (ctx, a) -> new LinkedHashMap<>(values));
            case "isValid" -> Boolean.TRUE;
            default -> Undefined.INSTANCE;
        };
    }

    @Override
    public Collection<String> keys() {
        return values.keySet();
    }
}
