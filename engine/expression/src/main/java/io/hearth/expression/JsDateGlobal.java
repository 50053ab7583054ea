package io.hearth.expression;

import static io.hearth.expression.Globals.fn;
import static io.hearth.expression.Globals.isFinite;

import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;

/** JavaScript's {@code Date} constructor and its static methods (dates live in UTC here). */
final class JsDateGlobal {

    private JsDateGlobal() {}

    // ---- Date (JavaScript)

    static Namespace namespace() {
        return new Namespace(
                "Date",
                Map.of(
                        "now", fn("now", (ctx, a) -> ctx.now().toInstant().toEpochMilli()),
                        "parse",
                                fn("parse", (ctx, a) -> {
                                    DateTimeValue d = parseJsDate(JsOps.toStr(ctx, JsOps.arg(a, 0)));
                                    return d.isValid()
                                            ? (Object) d.time().toInstant().toEpochMilli()
                                            : (Object) Double.NaN;
                                }),
                        "UTC",
                                fn("UTC", (ctx, a) -> {
                                    DateTimeValue d = fromComponents(a);
                                    return d.isValid()
                                            ? (Object) d.time().toInstant().toEpochMilli()
                                            : (Object) Double.NaN;
                                })),
                (ctx, a) -> DateTimeFormatter.ofPattern("EEE MMM dd yyyy HH:mm:ss 'GMT'xx", Locale.US)
                                .format(ctx.now().withZoneSameInstant(ZoneOffset.UTC))
                        + " (Coordinated Universal Time)",
                JsDateGlobal::newDate);
    }

    /** {@code new Date(...)}: JavaScript dates live in UTC here (their "local" time zone). */
    static DateTimeValue newDate(EvalContext ctx, Object[] a) {
        if (a.length == 0) {
            return DateTimeValue.jsDate(ctx.now());
        }
        if (a.length == 1) {
            Object v = a[0];
            if (v instanceof DateTimeValue d) {
                return d.isValid() ? DateTimeValue.jsDate(d.time()) : DateTimeValue.invalidJsDate();
            }
            if (v instanceof String s) {
                return parseJsDate(s);
            }
            double ms = JsOps.toNumber(v);
            if (Double.isNaN(ms) || Math.abs(ms) > 8.64e15) {
                return DateTimeValue.invalidJsDate();
            }
            return DateTimeValue.jsDate(DateTimeValue.utc((long) ms).time());
        }
        return fromComponents(a);
    }

    private static DateTimeValue parseJsDate(String s) {
        ZonedDateTime t = JsDateParser.parse(s);
        return t == null ? DateTimeValue.invalidJsDate() : DateTimeValue.jsDate(t);
    }

    /** Date.UTC / new Date(y, m, d, h, mi, s, ms): month is 0-based and values overflow. */
    private static DateTimeValue fromComponents(Object[] a) {
        double[] v = {0, 0, 1, 0, 0, 0, 0};
        for (int i = 0; i < Math.min(7, a.length); i++) {
            v[i] = JsOps.toNumber(a[i]);
            if (!isFinite(v[i])) {
                return DateTimeValue.invalidJsDate();
            }
        }
        double year = v[0];
        if (year >= 0 && year <= 99 && year == Math.floor(year)) {
            year += 1900;
        }
        try {
            ZonedDateTime t = ZonedDateTime.of((int) year, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC)
                    .plusMonths((long) v[1])
                    .plusDays((long) v[2] - 1)
                    .plusHours((long) v[3])
                    .plusMinutes((long) v[4])
                    .plusSeconds((long) v[5])
                    .plusNanos(((long) v[6]) * 1_000_000);
            return DateTimeValue.jsDate(t);
        } catch (java.time.DateTimeException | ArithmeticException e) {
            return DateTimeValue.invalidJsDate();
        }
    }
}
