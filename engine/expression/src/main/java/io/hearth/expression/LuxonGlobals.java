package io.hearth.expression;

import static io.hearth.expression.Globals.fn;
import static io.hearth.expression.Globals.isFinite;
import static io.hearth.expression.Globals.num;

import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/** Luxon's {@code DateTime} and {@code Duration} factories, and the DateTime format presets. */
final class LuxonGlobals {

    private LuxonGlobals() {}

    /** Luxon's DateTime.DATE_SHORT... presets, as Intl option objects. */
    static final Map<String, Map<String, Object>> DATE_PRESETS = datePresets();

    // ---- DateTime (Luxon)

    static Namespace dateTime() {
        Map<String, Object> m = new HashMap<>(DATE_PRESETS);
        m.put("now", fn("now", (ctx, a) -> DateTimeValue.of(ctx.now())));
        m.put(
                "local",
                fn(
                        "local",
                        (ctx, a) ->
                                a.length == 0 ? DateTimeValue.of(ctx.now()) : luxonComponents(a, ctx.defaultZone())));
        m.put(
                "utc",
                fn(
                        "utc",
                        (ctx, a) -> a.length == 0
                                ? DateTimeValue.of(ctx.now().withZoneSameInstant(ZoneOffset.UTC))
                                : luxonComponents(a, ZoneOffset.UTC)));
        m.put("fromISO", fn("fromISO", (ctx, a) -> {
            ZoneOpts o = zoneOpts(ctx, JsOps.arg(a, 1));
            if (o.zone == null) {
                return DateTimeValue.invalid("unsupported zone");
            }
            ZonedDateTime t = LuxonParse.parseIso(JsOps.toStr(ctx, JsOps.arg(a, 0)), o.zone, o.setZone);
            return t == null ? DateTimeValue.invalid("unparsable") : DateTimeValue.of(t);
        }));
        m.put("fromSQL", m.get("fromISO"));
        m.put("fromRFC2822", fn("fromRFC2822", (ctx, a) -> rfc(ctx, a)));
        m.put("fromHTTP", fn("fromHTTP", (ctx, a) -> rfc(ctx, a)));
        m.put("fromFormat", fn("fromFormat", (ctx, a) -> {
            ZoneOpts o = zoneOpts(ctx, JsOps.arg(a, 2));
            if (o.zone == null) {
                return DateTimeValue.invalid("unsupported zone");
            }
            ZonedDateTime t = LuxonParse.parse(
                    JsOps.toStr(ctx, JsOps.arg(a, 0)), JsOps.toStr(ctx, JsOps.arg(a, 1)), o.zone, o.setZone);
            return t == null ? DateTimeValue.invalid("unparsable") : DateTimeValue.of(t);
        }));
        m.put("fromMillis", fn("fromMillis", (ctx, a) -> fromMillis(ctx, num(a, 0), JsOps.arg(a, 1))));
        m.put("fromSeconds", fn("fromSeconds", (ctx, a) -> fromMillis(ctx, num(a, 0) * 1000, JsOps.arg(a, 1))));
        m.put("fromJSDate", fn("fromJSDate", (ctx, a) -> {
            if (!(JsOps.arg(a, 0) instanceof DateTimeValue d) || !d.isValid()) {
                return DateTimeValue.invalid("invalid input");
            }
            ZoneOpts o = zoneOpts(ctx, JsOps.arg(a, 1));
            return o.zone == null
                    ? DateTimeValue.invalid("unsupported zone")
                    : DateTimeValue.of(d.time().withZoneSameInstant(o.zone));
        }));
        m.put("fromObject", fn("fromObject", (ctx, a) -> {
            if (!(JsOps.arg(a, 0) instanceof Map<?, ?> spec)) {
                throw new ExpressionException("DateTime.fromObject expects an object");
            }
            ZoneOpts o = zoneOpts(ctx, JsOps.arg(a, 1));
            if (o.zone == null) {
                return DateTimeValue.invalid("unsupported zone");
            }
            ZonedDateTime now = ctx.now().withZoneSameInstant(o.zone);
            Object[] parts = new Object[7];
            String[] units = {"year", "month", "day", "hour", "minute", "second", "millisecond"};
            boolean seen = false;
            for (int i = 0; i < units.length; i++) {
                Object v = spec.containsKey(units[i]) ? spec.get(units[i]) : spec.get(units[i] + "s");
                if (v != null) {
                    seen = true;
                    parts[i] = v;
                } else {
                    // Luxon: units above the largest given default to now, below it to their minimum
                    parts[i] = seen
                            ? (i <= 2 ? 1L : 0L)
                            : switch (i) {
                                case 0 -> (long) now.getYear();
                                case 1 -> spec.isEmpty() ? (long) now.getMonthValue() : 1L;
                                case 2 -> spec.isEmpty() ? (long) now.getDayOfMonth() : 1L;
                                default -> 0L;
                            };
                }
            }
            return luxonComponents(parts, o.zone);
        }));
        m.put("isDateTime", fn("isDateTime", (ctx, a) -> JsOps.arg(a, 0) instanceof DateTimeValue));
        m.put("invalid", fn("invalid", (ctx, a) -> DateTimeValue.invalid(JsOps.toStr(ctx, JsOps.arg(a, 0)))));
        m.put("max", fn("max", (ctx, a) -> extreme(a, true)));
        m.put("min", fn("min", (ctx, a) -> extreme(a, false)));
        return new Namespace("DateTime", Map.copyOf(m), null);
    }

    private record ZoneOpts(ZoneId zone, boolean setZone) {}

    /** Luxon options {zone, setZone}. A null zone means the zone was not understood. */
    private static ZoneOpts zoneOpts(EvalContext ctx, Object opts) {
        if (!(opts instanceof Map<?, ?> m)) {
            return new ZoneOpts(ctx.defaultZone(), false);
        }
        Object zone = m.get("zone");
        ZoneId z = zone instanceof String s ? LuxonFormat.zone(s, ctx.defaultZone()) : ctx.defaultZone();
        boolean setZone = JsOps.truthy(m.get("setZone"));
        return new ZoneOpts(z, setZone && zone == null);
    }

    private static Object rfc(EvalContext ctx, Object[] a) {
        ZonedDateTime t = LuxonParse.parseRfc(JsOps.toStr(ctx, JsOps.arg(a, 0)));
        ZoneOpts o = zoneOpts(ctx, JsOps.arg(a, 1));
        if (t == null || o.zone == null) {
            return DateTimeValue.invalid("unparsable");
        }
        return DateTimeValue.of(o.setZone ? t : t.withZoneSameInstant(o.zone));
    }

    private static Object fromMillis(EvalContext ctx, double ms, Object opts) {
        ZoneOpts o = zoneOpts(ctx, opts);
        if (Double.isNaN(ms) || Math.abs(ms) > 8.64e15 || o.zone == null) {
            return DateTimeValue.invalid("invalid input");
        }
        return DateTimeValue.of(DateTimeValue.utc(Math.round(ms)).time().withZoneSameInstant(o.zone));
    }

    /** DateTime.local(y, m, d, h, mi, s, ms) with a 1-based month. */
    private static DateTimeValue luxonComponents(Object[] a, ZoneId zone) {
        long[] v = {0, 1, 1, 0, 0, 0, 0};
        for (int i = 0; i < Math.min(7, a.length); i++) {
            if (a[i] instanceof Map<?, ?>) {
                break; // trailing options object
            }
            double d = JsOps.toNumber(a[i]);
            if (!isFinite(d)) {
                return DateTimeValue.invalid("invalid input");
            }
            v[i] = (long) d;
        }
        try {
            java.time.LocalDateTime local = java.time.LocalDateTime.of((int) v[0], 1, 1, 0, 0)
                    .plusMonths(v[1] - 1)
                    .plusDays(v[2] - 1)
                    .plusHours(v[3])
                    .plusMinutes(v[4])
                    .plusSeconds(v[5])
                    .plusNanos(v[6] * 1_000_000);
            return DateTimeValue.of(ZonedDateTime.of(local, zone));
        } catch (java.time.DateTimeException | ArithmeticException e) {
            return DateTimeValue.invalid("invalid input");
        }
    }

    private static Object extreme(Object[] a, boolean max) {
        DateTimeValue best = null;
        for (Object o : a) {
            if (o instanceof DateTimeValue d
                    && d.isValid()
                    && (best == null || (max ? d.millis() > best.millis() : d.millis() < best.millis()))) {
                best = d;
            }
        }
        return best == null ? Undefined.INSTANCE : best;
    }

    private static Map<String, Map<String, Object>> datePresets() {
        Map<String, Map<String, Object>> p = new LinkedHashMap<>();
        p.put("DATE_SHORT", Map.of("year", "numeric", "month", "numeric", "day", "numeric"));
        p.put("DATE_MED", Map.of("year", "numeric", "month", "short", "day", "numeric"));
        p.put("DATE_FULL", Map.of("year", "numeric", "month", "long", "day", "numeric"));
        p.put("DATE_HUGE", Map.of("year", "numeric", "month", "long", "day", "numeric", "weekday", "long"));
        p.put("TIME_SIMPLE", Map.of("hour", "numeric", "minute", "2-digit"));
        p.put("TIME_WITH_SECONDS", Map.of("hour", "numeric", "minute", "2-digit", "second", "2-digit"));
        p.put("TIME_24_SIMPLE", Map.of("hour", "numeric", "minute", "2-digit", "hourCycle", "h23"));
        p.put(
                "TIME_24_WITH_SECONDS",
                Map.of("hour", "numeric", "minute", "2-digit", "second", "2-digit", "hourCycle", "h23"));
        p.put(
                "DATETIME_SHORT",
                Map.of(
                        "year", "numeric", "month", "numeric", "day", "numeric", "hour", "numeric", "minute",
                        "2-digit"));
        p.put(
                "DATETIME_MED",
                Map.of("year", "numeric", "month", "short", "day", "numeric", "hour", "numeric", "minute", "2-digit"));
        p.put(
                "DATETIME_FULL",
                Map.of(
                        "year",
                        "numeric",
                        "month",
                        "long",
                        "day",
                        "numeric",
                        "hour",
                        "numeric",
                        "minute",
                        "2-digit",
                        "timeZoneName",
                        "short"));
        p.put(
                "DATETIME_HUGE",
                Map.of(
                        "year",
                        "numeric",
                        "month",
                        "long",
                        "day",
                        "numeric",
                        "weekday",
                        "long",
                        "hour",
                        "numeric",
                        "minute",
                        "2-digit",
                        "timeZoneName",
                        "long"));
        return Collections.unmodifiableMap(p);
    }

    // ---- Duration (Luxon)

    static Namespace duration() {
        return new Namespace(
                "Duration",
                Map.of(
                        "fromObject",
                        fn("fromObject", (ctx, a) -> {
                            if (!(JsOps.arg(a, 0) instanceof Map<?, ?> m)) {
                                throw JsThrow.error("Duration.fromObject: argument expected to be an object, got "
                                        + JsOps.typeOf(JsOps.arg(a, 0)));
                            }
                            return LuxonDuration.fromObject(m);
                        }),
                        "fromMillis",
                        fn("fromMillis", (ctx, a) -> LuxonDuration.from(JsNumbers.box(num(a, 0)))),
                        "fromDurationLike",
                        fn("fromDurationLike", (ctx, a) -> LuxonDuration.from(JsOps.arg(a, 0))),
                        "fromISO",
                        fn("fromISO", (ctx, a) -> LuxonDuration.fromIso(JsOps.toStr(ctx, JsOps.arg(a, 0)))),
                        "isDuration",
                        fn("isDuration", (ctx, a) -> JsOps.arg(a, 0) instanceof LuxonDuration)),
                null);
    }
}
