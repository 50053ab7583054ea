package io.hearth.expression;

import java.time.ZonedDateTime;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * A Luxon Interval: the half-open span [start, end) between two DateTimes ({@code Interval.after},
 * {@code Interval.fromDateTimes}...), with its getters and the methods n8n users reach for
 * ({@code length}, {@code contains}, {@code overlaps}, {@code splitBy}, {@code toDuration}...).
 */
final class LuxonInterval implements ExpressionObject {

    private final DateTimeValue start;
    private final DateTimeValue end;
    private final String invalidReason;

    private LuxonInterval(DateTimeValue start, DateTimeValue end, String invalidReason) {
        this.start = start;
        this.end = end;
        this.invalidReason = invalidReason;
    }

    /** Interval.fromDateTimes: invalid when an end is invalid or the end is before the start. */
    static LuxonInterval of(DateTimeValue start, DateTimeValue end) {
        if (!start.isValid() || !end.isValid()) {
            return invalid("missing or invalid start or end");
        }
        if (end.millis() < start.millis()) {
            return invalid("end before start");
        }
        return new LuxonInterval(start, end, null);
    }

    static LuxonInterval invalid(String reason) {
        return new LuxonInterval(null, null, reason);
    }

    boolean isValid() {
        return invalidReason == null;
    }

    static Namespace namespace() {
        return new Namespace(
                "Interval",
                Map.of(
                        "fromDateTimes",
                        new Builtin("fromDateTimes", (ctx, a) -> of(date(ctx, a, 0), date(ctx, a, 1))),
                        "after",
                        new Builtin("after", (ctx, a) -> {
                            DateTimeValue s = date(ctx, a, 0);
                            return s.isValid() ? of(s, shift(ctx, s, JsOps.arg(a, 1), 1)) : invalid("invalid start");
                        }),
                        "before",
                        new Builtin("before", (ctx, a) -> {
                            DateTimeValue e = date(ctx, a, 0);
                            return e.isValid() ? of(shift(ctx, e, JsOps.arg(a, 1), -1), e) : invalid("invalid end");
                        }),
                        "fromISO",
                        new Builtin("fromISO", (ctx, a) -> {
                            String text = JsOps.toStr(ctx, JsOps.arg(a, 0));
                            int slash = text.indexOf('/');
                            if (slash < 0) {
                                return invalid("unparsable");
                            }
                            ZonedDateTime s = LuxonParse.parseIso(text.substring(0, slash), ctx.defaultZone(), false);
                            ZonedDateTime e = LuxonParse.parseIso(text.substring(slash + 1), ctx.defaultZone(), false);
                            return s == null || e == null
                                    ? invalid("unparsable")
                                    : of(DateTimeValue.of(s), DateTimeValue.of(e));
                        }),
                        "invalid",
                        new Builtin("invalid", (ctx, a) -> invalid(JsOps.toStr(ctx, JsOps.arg(a, 0)))),
                        "isInterval",
                        new Builtin("isInterval", (ctx, a) -> JsOps.arg(a, 0) instanceof LuxonInterval)),
                null);
    }

    /** A DateTime argument: a DateTime, a JS Date, an ISO string or epoch millis. */
    private static DateTimeValue date(EvalContext ctx, Object[] a, int i) {
        Object v = JsOps.arg(a, i);
        if (v instanceof DateTimeValue d) {
            return d.isJsDate() && d.isValid() ? DateTimeValue.of(d.time().withZoneSameInstant(ctx.defaultZone())) : d;
        }
        if (v instanceof String s) {
            ZonedDateTime t = LuxonParse.parseIso(s, ctx.defaultZone(), false);
            return t == null ? DateTimeValue.invalid("unparsable") : DateTimeValue.of(t);
        }
        if (v instanceof Number n) {
            return DateTimeValue.of(DateTimeValue.utc(n.longValue()).time().withZoneSameInstant(ctx.defaultZone()));
        }
        return DateTimeValue.invalid("not a DateTime");
    }

    private static DateTimeValue shift(EvalContext ctx, DateTimeValue d, Object duration, int sign) {
        return (DateTimeValue)
                DateTimeMethods.call(ctx, d, sign > 0 ? "plus" : "minus", new Object[] {LuxonDuration.from(duration)});
    }

    private long startMillis() {
        return (long) start.millis();
    }

    private long endMillis() {
        return (long) end.millis();
    }

    @Override
    public Object get(String property) {
        return switch (property) {
            case "start" -> isValid() ? start : null;
            case "end" -> isValid() ? end : null;
            case "isValid" -> isValid();
            case "invalidReason" -> invalidReason;
            case "length" ->
                method(property, (ctx, a) -> {
                    if (!isValid()) {
                        return Double.NaN;
                    }
                    return toDuration(JsOps.arg(a, 0) == Undefined.INSTANCE ? "milliseconds" : JsOps.arg(a, 0));
                });
            case "toDuration" ->
                method(property, (ctx, a) -> {
                    if (!isValid()) {
                        return LuxonDuration.from(0L);
                    }
                    Object unit = JsOps.arg(a, 0);
                    return DateTimeMethods.diff(
                            end.time(), start.time(), unit == Undefined.INSTANCE ? "milliseconds" : unit);
                });
            case "count" ->
                method(property, (ctx, a) -> {
                    if (!isValid()) {
                        return Double.NaN;
                    }
                    Object unitArg = JsOps.arg(a, 0);
                    String unit = DateTimeMethods.unit(unitArg == Undefined.INSTANCE ? "milliseconds" : unitArg);
                    ZonedDateTime s = DateTimeMethods.startOf(start.time(), unit);
                    ZonedDateTime e = DateTimeMethods.startOf(end.time(), unit);
                    double whole =
                            Math.floor(JsOps.toNumber(((LuxonDuration) DateTimeMethods.diff(e, s, unit)).get(unit)));
                    return JsNumbers.box(whole + (e.toInstant().toEpochMilli() != endMillis() ? 1 : 0));
                });
            case "contains" ->
                method(
                        property,
                        (ctx, a) -> isValid()
                                && JsOps.arg(a, 0) instanceof DateTimeValue d
                                && d.isValid()
                                && d.millis() >= startMillis()
                                && d.millis() < endMillis());
            case "isBefore" ->
                method(
                        property,
                        (ctx, a) ->
                                isValid() && JsOps.arg(a, 0) instanceof DateTimeValue d && endMillis() <= d.millis());
            case "isAfter" ->
                method(
                        property,
                        (ctx, a) ->
                                isValid() && JsOps.arg(a, 0) instanceof DateTimeValue d && startMillis() > d.millis());
            case "isEmpty" -> method(property, (ctx, a) -> isValid() && startMillis() == endMillis());
            case "overlaps" ->
                method(
                        property,
                        (ctx, a) -> other(a) instanceof LuxonInterval o
                                && isValid()
                                && o.isValid()
                                && endMillis() > o.startMillis()
                                && startMillis() < o.endMillis());
            case "abutsStart" ->
                method(
                        property,
                        (ctx, a) -> other(a) instanceof LuxonInterval o
                                && isValid()
                                && o.isValid()
                                && endMillis() == o.startMillis());
            case "abutsEnd" ->
                method(
                        property,
                        (ctx, a) -> other(a) instanceof LuxonInterval o
                                && isValid()
                                && o.isValid()
                                && o.endMillis() == startMillis());
            case "engulfs" ->
                method(
                        property,
                        (ctx, a) -> other(a) instanceof LuxonInterval o
                                && isValid()
                                && o.isValid()
                                && startMillis() <= o.startMillis()
                                && endMillis() >= o.endMillis());
            case "equals" ->
                method(
                        property,
                        (ctx, a) -> other(a) instanceof LuxonInterval o
                                && isValid()
                                && o.isValid()
                                && start.equals(o.start)
                                && end.equals(o.end));
            case "intersection" ->
                method(property, (ctx, a) -> {
                    if (!(other(a) instanceof LuxonInterval o) || !isValid() || !o.isValid()) {
                        return null;
                    }
                    DateTimeValue s = startMillis() > o.startMillis() ? start : o.start;
                    DateTimeValue e = endMillis() < o.endMillis() ? end : o.end;
                    return s.millis() >= e.millis() ? null : of(s, e);
                });
            case "union" ->
                method(property, (ctx, a) -> {
                    if (!(other(a) instanceof LuxonInterval o) || !isValid() || !o.isValid()) {
                        return this;
                    }
                    return of(
                            startMillis() < o.startMillis() ? start : o.start,
                            endMillis() > o.endMillis() ? end : o.end);
                });
            case "set" ->
                method(property, (ctx, a) -> {
                    Map<?, ?> m = JsOps.arg(a, 0) instanceof Map<?, ?> map ? map : Map.of();
                    DateTimeValue s = m.get("start") instanceof DateTimeValue d ? d : start;
                    DateTimeValue e = m.get("end") instanceof DateTimeValue d ? d : end;
                    return s == null || e == null ? this : of(s, e);
                });
            case "splitBy" ->
                method(property, (ctx, a) -> {
                    JsArray out = new JsArray(ctx);
                    if (!isValid()) {
                        return out;
                    }
                    LuxonDuration step = LuxonDuration.from(JsOps.arg(a, 0));
                    if (step.toMillis() <= 0) {
                        return out;
                    }
                    DateTimeValue cursor = start;
                    int i = 1;
                    while (cursor.millis() < endMillis()) {
                        DateTimeValue next = (DateTimeValue)
                                DateTimeMethods.call(ctx, start, "plus", new Object[] {scaled(step, i++)});
                        out.add(of(cursor, next.millis() > endMillis() ? end : next));
                        ctx.checkCollection(out.size());
                        cursor = next;
                    }
                    return out;
                });
            case "divideEqually" ->
                method(property, (ctx, a) -> {
                    JsArray out = new JsArray(ctx);
                    double parts = JsOps.toInteger(JsOps.arg(a, 0));
                    if (!isValid() || parts < 1) {
                        return out;
                    }
                    int n = ctx.checkCollection((long) parts);
                    double size = (endMillis() - startMillis()) / parts;
                    for (int i = 0; i < n; i++) {
                        DateTimeValue s = start.with(start.time().plusNanos(Math.round(size * i) * 1_000_000L));
                        DateTimeValue e = i == n - 1
                                ? end
                                : start.with(start.time().plusNanos(Math.round(size * (i + 1)) * 1_000_000L));
                        out.add(of(s, e));
                    }
                    return out;
                });
            case "toISO", "toString", "toJSON" ->
                method(property, (ctx, a) -> {
                    if (!isValid()) {
                        return property.equals("toString") ? "Invalid Interval" : null;
                    }
                    return property.equals("toString") ? "[" + start + " – " + end + ")" : start + "/" + end;
                });
            case "toISODate" ->
                method(
                        property,
                        (ctx, a) -> isValid()
                                ? LuxonFormat.format(start.time(), "yyyy-MM-dd") + "/"
                                        + LuxonFormat.format(end.time(), "yyyy-MM-dd")
                                : null);
            case "toFormat" ->
                method(property, (ctx, a) -> {
                    if (!isValid()) {
                        return "Invalid Interval";
                    }
                    String fmt = JsOps.toStr(ctx, JsOps.arg(a, 0));
                    Object opts = JsOps.arg(a, 1);
                    String separator =
                            opts instanceof Map<?, ?> m && m.get("separator") instanceof String s ? s : " – ";
                    return LuxonFormat.format(start.time(), fmt) + separator + LuxonFormat.format(end.time(), fmt);
                });
            case "hasSame" ->
                method(property, (ctx, a) -> {
                    if (!isValid()) {
                        return false;
                    }
                    String unit = DateTimeMethods.unit(JsOps.arg(a, 0));
                    return DateTimeMethods.startOf(start.time(), unit)
                            .equals(DateTimeMethods.startOf(
                                    end.time().withZoneSameInstant(start.time().getZone()), unit));
                });
            default -> Undefined.INSTANCE;
        };
    }

    private Object toDuration(Object unit) {
        LuxonDuration d = (LuxonDuration) DateTimeMethods.diff(end.time(), start.time(), unit);
        return d.get(DateTimeMethods.unit(unit));
    }

    private static LuxonDuration scaled(LuxonDuration step, int times) {
        java.util.LinkedHashMap<String, Object> v = new java.util.LinkedHashMap<>();
        step.values().forEach((k, x) -> v.put(k, JsNumbers.box(JsOps.toNumber(x) * times)));
        return new LuxonDuration(v);
    }

    private static Object other(Object[] a) {
        return JsOps.arg(a, 0);
    }

    private static Builtin method(String name, Builtin.Impl impl) {
        return new Builtin(name, impl);
    }

    @Override
    public Collection<String> keys() {
        return List.of("start", "end");
    }

    @Override
    public String toString() {
        return isValid() ? "[" + start + " – " + end + ")" : "Invalid Interval";
    }
}
