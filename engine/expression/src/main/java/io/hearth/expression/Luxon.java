package io.hearth.expression;

import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Luxon's DateTime operations as the expression language implements them, for nodes that work with
 * dates the way n8n's do (the Date &amp; Time node): ISO text, {@code toFormat}, {@code fromFormat},
 * {@code plus}, {@code startOf}, {@code diff} and zone names. Units are Luxon's plural names
 * ("days"; singular names are accepted).
 */
public final class Luxon {

    private Luxon() {}

    /** {@code DateTime.toISO()}: {@code 2024-01-02T03:04:05.678+01:00} ("Z" only for the UTC zone). */
    public static String iso(ZonedDateTime t) {
        return LuxonFormat.iso(t);
    }

    /** {@code DateTime.toFormat(format)} with Luxon's tokens. */
    public static String format(ZonedDateTime t, String format) {
        return LuxonFormat.format(t, format);
    }

    /** {@code DateTime.fromISO(text)}: text without an offset is local time in {@code zone}. */
    public static Optional<ZonedDateTime> parseIso(String text, ZoneId zone) {
        return Optional.ofNullable(LuxonParse.parseIso(text, zone, true));
    }

    /** {@code DateTime.fromFormat(text, format)}: empty when the text does not match the format. */
    public static Optional<ZonedDateTime> parse(String text, String format, ZoneId zone) {
        return Optional.ofNullable(LuxonParse.parse(text, format, zone, true));
    }

    /** A zone as Luxon accepts it ("UTC", "Europe/Berlin", "UTC+2"); empty when unknown. */
    public static Optional<ZoneId> zone(String name) {
        return Optional.ofNullable(LuxonFormat.zone(name, ZoneId.of("UTC")));
    }

    /** {@code DateTime.plus({[unit]: amount})} (negative amounts subtract). */
    public static ZonedDateTime plus(ZonedDateTime t, String unit, double amount) {
        return DateTimeMethods.plusUnit(t, unit(unit), amount);
    }

    /** {@code DateTime.startOf(unit)}; weeks start on Monday. */
    public static ZonedDateTime startOf(ZonedDateTime t, String unit) {
        return DateTimeMethods.startOf(t, unit(unit));
    }

    /** {@code end.diff(start, units).toObject()}: the largest unit first, the last one with the fraction. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> diff(ZonedDateTime end, ZonedDateTime start, List<String> units) {
        List<Object> normalized = new ArrayList<>();
        for (String u : units) {
            normalized.add(unit(u));
        }
        LuxonDuration d = (LuxonDuration)
                DateTimeMethods.diff(end, start, normalized.isEmpty() ? Undefined.INSTANCE : normalized);
        Map<String, Object> out = new LinkedHashMap<>();
        for (String key : d.keys()) {
            out.put(key, d.get(key));
        }
        return out;
    }

    /** {@code Duration.toISO()} of a duration object: {@code P1Y2M3DT4H5M6.789S}, {@code P0D} when empty. */
    public static String durationIso(Map<String, Object> values) {
        StringBuilder date = new StringBuilder("P");
        double years = number(values, "years");
        double months = number(values, "months") + 3 * number(values, "quarters");
        double weeks = number(values, "weeks");
        double days = number(values, "days");
        if (years != 0) date.append(JsNumbers.toString(years)).append('Y');
        if (months != 0) date.append(JsNumbers.toString(months)).append('M');
        if (weeks != 0) date.append(JsNumbers.toString(weeks)).append('W');
        if (days != 0) date.append(JsNumbers.toString(days)).append('D');
        double hours = number(values, "hours");
        double minutes = number(values, "minutes");
        double seconds = number(values, "seconds") + number(values, "milliseconds") / 1000;
        if (hours != 0 || minutes != 0 || seconds != 0) {
            date.append('T');
            if (hours != 0) date.append(JsNumbers.toString(hours)).append('H');
            if (minutes != 0) date.append(JsNumbers.toString(minutes)).append('M');
            if (seconds != 0)
                date.append(JsNumbers.toString(Math.round(seconds * 1000) / 1000.0))
                        .append('S');
        }
        return date.length() == 1 ? "P0D" : date.toString();
    }

    private static double number(Map<String, Object> values, String unit) {
        return values.get(unit) instanceof Number n ? n.doubleValue() : 0;
    }

    private static String unit(String unit) {
        String u = LuxonDuration.normalizeUnit(unit);
        if (u == null) {
            throw new ExpressionException("Invalid unit " + unit);
        }
        return u;
    }
}
