package io.hearth.expression;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A Luxon Duration ({@code diff()}, {@code Duration.fromObject()}...): its unit values read as
 * properties ({@code .days}), {@code as}, {@code shiftTo}, {@code toISO}, {@code toHuman},
 * {@code toFormat}, {@code plus}/{@code minus}... Month and year conversions use Luxon's "casual"
 * matrix (30 and 365 days). Immutable.
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

    // unit order matters (Luxon keeps insertion order), which only a LinkedHashMap promises
    @SuppressWarnings("NonApiType")
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

    private static final java.util.regex.Pattern ISO = java.util.regex.Pattern.compile(
            "^(-)?P(?:(-?\\d+(?:[.,]\\d+)?)Y)?(?:(-?\\d+(?:[.,]\\d+)?)M)?(?:(-?\\d+(?:[.,]\\d+)?)W)?(?:(-?\\d+(?:[.,]\\d+)?)D)?"
                    + "(?:T(?:(-?\\d+(?:[.,]\\d+)?)H)?(?:(-?\\d+(?:[.,]\\d+)?)M)?(?:(-?\\d+)(?:[.,](\\d{1,9}))?S)?)?$");

    /** Duration.fromISO: {@code P1Y2M3W4DT5H6M7.8S}; null values when the text is not a duration. */
    static Object fromIso(String text) {
        java.util.regex.Matcher m = ISO.matcher(text);
        if (!m.matches() || text.equals("P") || text.endsWith("T")) {
            return Undefined.INSTANCE; // Luxon gives an invalid Duration
        }
        LinkedHashMap<String, Object> values = new LinkedHashMap<>();
        double sign = m.group(1) != null ? -1 : 1;
        String[] units = {"years", "months", "weeks", "days", "hours", "minutes", "seconds"};
        for (int i = 0; i < units.length; i++) {
            String g = m.group(i + 2);
            if (g != null) {
                values.put(units[i], JsNumbers.box(sign * Double.parseDouble(g.replace(',', '.'))));
            }
        }
        if (m.group(9) != null) {
            values.put("milliseconds", JsNumbers.box(sign * Math.round(Double.parseDouble("0." + m.group(9)) * 1000)));
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
            case "as" -> new Builtin("as", (ctx, a) -> JsNumbers.box(toMillis() / unitMillis(unit(JsOps.arg(a, 0)))));
            case "get" ->
                new Builtin("get", (ctx, a) -> {
                    Object v = values.get(unit(JsOps.arg(a, 0)));
                    return v == null ? 0L : v;
                });
            case "toMillis", "valueOf" -> new Builtin(property, (ctx, a) -> JsNumbers.box(toMillis()));
            case "toObject" -> new Builtin(property, (ctx, a) -> new JsObject(ctx, values));
            case "toISO", "toJSON", "toString" -> new Builtin(property, (ctx, a) -> Luxon.durationIso(values));
            case "toHuman" -> new Builtin(property, (ctx, a) -> toHuman());
            case "toFormat" -> new Builtin(property, (ctx, a) -> toFormat(JsOps.toStr(ctx, JsOps.arg(a, 0))));
            case "shiftTo" -> new Builtin(property, (ctx, a) -> shiftTo(a.length == 0 ? List.of(UNITS) : units(a)));
            case "shiftToAll" -> new Builtin(property, (ctx, a) -> shiftTo(List.of(UNITS)));
            case "normalize", "rescale" ->
                new Builtin(property, (ctx, a) -> values.isEmpty() ? this : shiftTo(ownUnits()));
            case "plus", "minus" ->
                new Builtin(property, (ctx, a) -> combine(from(JsOps.arg(a, 0)), property.equals("plus") ? 1 : -1));
            case "negate" -> new Builtin(property, (ctx, a) -> combine(this, -2));
            case "set" ->
                new Builtin(property, (ctx, a) -> {
                    LinkedHashMap<String, Object> out = new LinkedHashMap<>(values);
                    out.putAll(from(JsOps.arg(a, 0)).values);
                    return new LuxonDuration(out);
                });
            case "equals" ->
                new Builtin(
                        property, (ctx, a) -> JsOps.arg(a, 0) instanceof LuxonDuration d && d.values.equals(values));
            case "reconfigure", "mapUnits" -> new Builtin(property, (ctx, a) -> this);
            case "isValid" -> true;
            case "invalidReason" -> null;
            default -> Undefined.INSTANCE;
        };
    }

    private static String unit(Object u) {
        String unit = normalizeUnit(u);
        if (unit == null) {
            throw JsThrow.error("Invalid unit " + JsOps.describe(u));
        }
        return unit;
    }

    private static List<String> units(Object[] a) {
        List<String> out = new ArrayList<>();
        for (Object u : a) {
            out.add(unit(u));
        }
        return out;
    }

    private List<String> ownUnits() {
        return new ArrayList<>(values.keySet());
    }

    /** A Duration, a {unit: n} object or milliseconds, as Luxon's fromDurationLike reads them. */
    static LuxonDuration from(Object v) {
        if (v instanceof LuxonDuration d) {
            return d;
        }
        if (v instanceof Map<?, ?> m) {
            return fromObject(m);
        }
        if (v instanceof Number n) {
            LinkedHashMap<String, Object> ms = new LinkedHashMap<>();
            ms.put("milliseconds", JsNumbers.box(n.doubleValue()));
            return new LuxonDuration(ms);
        }
        throw JsThrow.error("Unknown duration argument " + JsOps.describe(v) + " of type " + JsOps.typeOf(v));
    }

    /** sign 1 adds, -1 subtracts, -2 negates this. */
    private LuxonDuration combine(LuxonDuration other, int sign) {
        LinkedHashMap<String, Object> out = new LinkedHashMap<>();
        if (sign == -2) {
            values.forEach((k, v) -> out.put(k, JsNumbers.box(-JsOps.toNumber(v))));
            return new LuxonDuration(out);
        }
        for (String u : UNITS) {
            if (values.containsKey(u) || other.values.containsKey(u)) {
                double x = values.containsKey(u) ? JsOps.toNumber(values.get(u)) : 0;
                double y = other.values.containsKey(u) ? JsOps.toNumber(other.values.get(u)) : 0;
                out.put(u, JsNumbers.box(x + sign * y));
            }
        }
        return new LuxonDuration(out);
    }

    /** Luxon's shiftTo: the total redistributed into the given units, largest first, with the casual matrix. */
    private LuxonDuration shiftTo(List<String> units) {
        List<String> sorted = new ArrayList<>(units);
        sorted.sort((x, y) -> Double.compare(unitMillis(y), unitMillis(x)));
        double remaining = toMillis();
        LinkedHashMap<String, Object> out = new LinkedHashMap<>();
        for (int i = 0; i < sorted.size(); i++) {
            String u = sorted.get(i);
            double size = unitMillis(u);
            double amount = i == sorted.size() - 1 ? remaining / size : (double) (long) (remaining / size);
            out.put(u, JsNumbers.box(Math.round(amount * 1e9) / 1e9));
            remaining -= amount * size;
        }
        return new LuxonDuration(out);
    }

    /** Luxon's toHuman in en-US: "1 day, 5 hours". */
    private String toHuman() {
        List<String> parts = new ArrayList<>();
        for (String u : UNITS) {
            if (values.containsKey(u)) {
                double n = JsOps.toNumber(values.get(u));
                String name = Math.abs(n) == 1 ? u.substring(0, u.length() - 1) : u;
                parts.add(NumberMethods.localeString(n, new Object[0]) + " " + name);
            }
        }
        return String.join(", ", parts);
    }

    /** Luxon's Duration.toFormat: y, M, w, d, h, m, s, S tokens (doubled for padding), quoted text. */
    private String toFormat(String format) {
        List<String> used = new ArrayList<>();
        for (int i = 0; i < format.length(); i++) {
            char c = format.charAt(i);
            String u = switch (c) {
                case 'y' -> "years";
                case 'M' -> "months";
                case 'w' -> "weeks";
                case 'd' -> "days";
                case 'h' -> "hours";
                case 'm' -> "minutes";
                case 's' -> "seconds";
                case 'S' -> "milliseconds";
                default -> null;
            };
            if (u != null && !used.contains(u)) {
                used.add(u);
            }
        }
        LuxonDuration shifted = used.isEmpty() ? this : shiftTo(used);
        StringBuilder sb = new StringBuilder();
        int i = 0;
        while (i < format.length()) {
            char c = format.charAt(i);
            if (c == '\'') {
                int end = format.indexOf('\'', i + 1);
                sb.append(end < 0 ? format.substring(i + 1) : format, i + 1, end < 0 ? format.length() : end);
                i = end < 0 ? format.length() : end + 1;
                continue;
            }
            int run = i;
            while (run < format.length() && format.charAt(run) == c) {
                run++;
            }
            String u = switch (c) {
                case 'y' -> "years";
                case 'M' -> "months";
                case 'w' -> "weeks";
                case 'd' -> "days";
                case 'h' -> "hours";
                case 'm' -> "minutes";
                case 's' -> "seconds";
                case 'S' -> "milliseconds";
                default -> null;
            };
            if (u == null) {
                sb.append(format, i, run);
            } else {
                long n = (long) Math.floor(JsOps.toNumber(shifted.values.getOrDefault(u, 0L)));
                String digits = Long.toString(Math.abs(n));
                int width = run - i;
                sb.append(n < 0 ? "-" : "")
                        .append("0".repeat(Math.max(0, width - digits.length())))
                        .append(digits);
            }
            i = run;
        }
        return sb.toString();
    }

    @Override
    public Collection<String> keys() {
        return values.keySet();
    }
}
