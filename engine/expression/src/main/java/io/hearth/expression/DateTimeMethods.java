package io.hearth.expression;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.TextStyle;
import java.time.temporal.ChronoUnit;
import java.time.temporal.IsoFields;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Properties and methods of {@link DateTimeValue}: Luxon DateTime, n8n's date extensions, JS Date.
 * <p>Kept in one file: a table of the methods of one value type, dispatched by name (a date value
 * answers to all three vocabularies).
 */
final class DateTimeMethods {

    static final Set<String> NAMES = Set.of(
            // Luxon
            "toISO",
            "toISODate",
            "toISOTime",
            "toISOWeekDate",
            "toFormat",
            "toLocaleString",
            "toMillis",
            "toSeconds",
            "toUnixInteger",
            "valueOf",
            "toJSON",
            "toString",
            "toJSDate",
            "toObject",
            "toRFC2822",
            "toHTTP",
            "toSQL",
            "toSQLDate",
            "toSQLTime",
            "plus",
            "minus",
            "startOf",
            "endOf",
            "set",
            "setZone",
            "toUTC",
            "toLocal",
            "diff",
            "diffNow",
            "equals",
            "hasSame",
            "get",
            "setLocale",
            "reconfigure",
            "toRelative",
            // n8n extensions
            "format",
            "beginningOf",
            "endOfMonth",
            "isWeekend",
            "isBetween",
            "isInLast",
            "diffTo",
            "diffToNow",
            "extract",
            "toDateTime",
            "isDst",
            "toInt",
            "toFloat",
            "toBoolean",
            "isEmpty",
            "isNotEmpty",
            // JavaScript Date
            "getTime",
            "getFullYear",
            "getMonth",
            "getDate",
            "getDay",
            "getHours",
            "getMinutes",
            "getSeconds",
            "getMilliseconds",
            "getUTCFullYear",
            "getUTCMonth",
            "getUTCDate",
            "getUTCDay",
            "getUTCHours",
            "getUTCMinutes",
            "getUTCSeconds",
            "getUTCMilliseconds",
            "getTimezoneOffset",
            "toISOString",
            "toDateString",
            "toTimeString",
            "toUTCString",
            "toLocaleDateString",
            "toLocaleTimeString");

    private DateTimeMethods() {}

    /** Luxon getters; NOT_FOUND for anything else. */
    static Object property(DateTimeValue d, String name) {
        if (name.equals("isValid")) {
            return d.isValid();
        }
        if (name.equals("invalidReason")) {
            return d.isValid() ? null : d.invalidReason();
        }
        ZonedDateTime t = d.time();
        if (t == null) {
            return switch (name) {
                case "year",
                        "month",
                        "day",
                        "hour",
                        "minute",
                        "second",
                        "millisecond",
                        "weekday",
                        "ts",
                        "offset",
                        "quarter",
                        "weekNumber",
                        "weekYear",
                        "ordinal",
                        "daysInMonth",
                        "daysInYear" -> Double.NaN;
                case "zoneName",
                        "weekdayShort",
                        "weekdayLong",
                        "monthShort",
                        "monthLong",
                        "offsetNameShort",
                        "offsetNameLong" -> null;
                default -> Members.NOT_FOUND;
            };
        }
        return switch (name) {
            case "year" -> (long) t.getYear();
            case "month" -> (long) t.getMonthValue();
            case "day" -> (long) t.getDayOfMonth();
            case "hour" -> (long) t.getHour();
            case "minute" -> (long) t.getMinute();
            case "second" -> (long) t.getSecond();
            case "millisecond" -> (long) (t.getNano() / 1_000_000);
            case "weekday" -> (long) t.getDayOfWeek().getValue();
            case "weekdayShort" -> t.getDayOfWeek().getDisplayName(TextStyle.SHORT, Locale.US);
            case "weekdayLong" -> t.getDayOfWeek().getDisplayName(TextStyle.FULL, Locale.US);
            case "monthShort" -> t.getMonth().getDisplayName(TextStyle.SHORT, Locale.US);
            case "monthLong" -> t.getMonth().getDisplayName(TextStyle.FULL, Locale.US);
            case "zoneName" -> LuxonFormat.zoneName(t.getZone());
            case "zone" -> {
                LinkedHashMap<String, Object> zone = new LinkedHashMap<>();
                zone.put("name", LuxonFormat.zoneName(t.getZone()));
                zone.put("isUniversal", t.getZone().getRules().isFixedOffset());
                yield zone;
            }
            case "offset" -> (long) (t.getOffset().getTotalSeconds() / 60);
            case "offsetNameShort" -> LuxonFormat.format(t, "ZZZZ");
            case "offsetNameLong" -> LuxonFormat.format(t, "ZZZZZ");
            case "isOffsetFixed" -> t.getZone().getRules().isFixedOffset();
            case "isInDST" -> t.getZone().getRules().isDaylightSavings(t.toInstant());
            case "ts" -> t.toInstant().toEpochMilli();
            case "quarter" -> (long) t.get(IsoFields.QUARTER_OF_YEAR);
            case "weekNumber" -> (long) t.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR);
            case "weekYear" -> (long) t.get(IsoFields.WEEK_BASED_YEAR);
            case "ordinal" -> (long) t.getDayOfYear();
            case "daysInMonth" -> (long) t.toLocalDate().lengthOfMonth();
            case "daysInYear" -> (long) t.toLocalDate().lengthOfYear();
            case "isInLeapYear" -> t.toLocalDate().isLeapYear();
            case "locale" -> "en-US";
            default -> Members.NOT_FOUND;
        };
    }

    // identity with a sentinel instance is the intent
    @SuppressWarnings("ReferenceEquality")
    static Object call(EvalContext ctx, DateTimeValue d, String name, Object[] a) {
        if (!NAMES.contains(name)) {
            return Members.NOT_FOUND;
        }
        ZonedDateTime t = d.time();
        if (t == null) {
            return invalidCall(d, name);
        }
        Object a0 = JsOps.arg(a, 0);
        // n8n's date extensions read a JavaScript Date in the workflow's zone (Luxon's default zone)
        ZonedDateTime z = d.isJsDate() ? t.withZoneSameInstant(ctx.defaultZone()) : t;
        return switch (name) {
            case "toISO", "toJSON", "toString" -> LuxonFormat.iso(t);
            case "toISODate", "toSQLDate" -> {
                StringBuilder sb = new StringBuilder();
                LuxonFormat.isoDate(sb, t);
                yield sb.toString();
            }
            case "toISOTime" -> {
                StringBuilder sb = new StringBuilder();
                LuxonFormat.isoTime(sb, t);
                yield sb.toString();
            }
            case "toISOWeekDate" -> LuxonFormat.format(t, "kkkk-'W'WW-c");
            case "toFormat", "format" -> {
                String fmt = JsOps.toStr(ctx, a0);
                ctx.checkString(fmt.length() * 8L);
                yield LuxonFormat.format(z, fmt);
            }
            case "toLocaleString" -> LuxonFormat.format(t, localeMacro(a0));
            case "toLocaleDateString" -> LuxonFormat.format(t, "D");
            case "toLocaleTimeString" -> LuxonFormat.format(t, "tt");
            case "toMillis", "valueOf", "getTime" -> t.toInstant().toEpochMilli();
            case "toSeconds" -> JsNumbers.box(t.toInstant().toEpochMilli() / 1000.0);
            case "toUnixInteger" -> t.toEpochSecond();
            case "setLocale", "reconfigure" -> d;
            case "toJSDate" -> DateTimeValue.jsDate(t);
            case "toDateTime" -> d.isJsDate() ? DateTimeValue.of(z) : d;
            case "toInt", "toFloat" -> t.toInstant().toEpochMilli();
            case "toBoolean" -> Undefined.INSTANCE;
            case "isEmpty" -> false;
            case "isNotEmpty" -> true;
            case "toObject" -> {
                LinkedHashMap<String, Object> o = new JsObject(ctx);
                for (String unit : List.of("year", "month", "day", "hour", "minute", "second", "millisecond")) {
                    o.put(unit, property(d, unit));
                }
                yield o;
            }
            case "toRFC2822" -> LuxonFormat.format(t, "ccc, dd LLL yyyy HH:mm:ss ZZZ");
            case "toHTTP", "toUTCString" ->
                LuxonFormat.format(t.withZoneSameInstant(ZoneOffset.UTC), "ccc, dd LLL yyyy HH:mm:ss 'GMT'");
            case "toSQL" -> LuxonFormat.format(t, "yyyy-MM-dd HH:mm:ss.SSS ZZ");
            case "toSQLTime" -> LuxonFormat.format(t, "HH:mm:ss.SSS ZZ");
            case "toISOString" -> LuxonFormat.iso(t.withZoneSameInstant(ZoneOffset.UTC));
            case "toDateString" -> LuxonFormat.format(t, "ccc LLL dd yyyy");
            case "toTimeString" -> LuxonFormat.format(t, "HH:mm:ss 'GMT'ZZZ");
            case "plus" -> d.with(add(z, a, 1));
            case "minus" -> d.with(add(z, a, -1));
            case "startOf" -> d.with(startOf(z, unit(a0)));
            case "beginningOf" -> d.with(startOf(z, unit(a0 == Undefined.INSTANCE ? "week" : a0)));
            case "endOf" -> d.with(endOf(z, unit(a0)));
            case "endOfMonth" -> d.with(endOf(z, "months"));
            case "set" -> d.with(set(z, a0));
            case "setZone" -> setZone(ctx, t, a0, JsOps.arg(a, 1));
            case "toUTC" -> DateTimeValue.of(t.withZoneSameInstant(ZoneOffset.UTC));
            case "toLocal" -> DateTimeValue.of(t.withZoneSameInstant(ctx.defaultZone()));
            case "diff" -> diff(t, other(ctx, a0), JsOps.arg(a, 1));
            case "diffNow" -> diff(t, ctx.now(), a0);
            case "diffTo" -> diffTo(ctx, z, a0, JsOps.arg(a, 1));
            case "diffToNow" -> diffTo(ctx, z, DateTimeValue.of(ctx.now()), a0);
            case "equals" ->
                a0 instanceof DateTimeValue o
                        && o.isValid()
                        && o.time().toInstant().equals(t.toInstant())
                        && o.time().getZone().equals(t.getZone());
            case "hasSame" -> {
                String unit = unit(JsOps.arg(a, 1));
                ZonedDateTime o = other(ctx, a0).withZoneSameInstant(t.getZone());
                yield startOf(t, unit).equals(startOf(o, unit));
            }
            case "get" -> {
                Object v = a0 instanceof String s ? property(d, s) : Members.NOT_FOUND;
                yield v == Members.NOT_FOUND ? Undefined.INSTANCE : v;
            }
            case "extract" -> extract(z, a0);
            case "isWeekend" -> z.getDayOfWeek() == DayOfWeek.SATURDAY || z.getDayOfWeek() == DayOfWeek.SUNDAY;
            case "isDst" -> z.getZone().getRules().isDaylightSavings(z.toInstant());
            case "isBetween" -> {
                if (a.length != 2) {
                    throw new ExpressionException("isBetween(): expected exactly two args");
                }
                ZonedDateTime p = convertToDateTime(a0);
                ZonedDateTime q = convertToDateTime(a[1]);
                if (p == null || q == null) {
                    yield Undefined.INSTANCE;
                }
                long x = t.toInstant().toEpochMilli();
                long pm = p.toInstant().toEpochMilli();
                long qm = q.toInstant().toEpochMilli();
                yield x > Math.min(pm, qm) && x < Math.max(pm, qm);
            }
            case "isInLast" -> {
                double n = a0 == Undefined.INSTANCE ? 0 : JsOps.toNumber(a0);
                String unit = JsOps.arg(a, 1) == Undefined.INSTANCE ? "minutes" : unit(JsOps.arg(a, 1));
                ZonedDateTime now = ctx.now();
                ZonedDateTime since = plusUnit(now, unit, -n);
                yield !t.isBefore(since) && !t.isAfter(now);
            }
            case "toRelative" -> relative(t, ctx.now());
            case "getFullYear" -> (long) t.getYear();
            case "getMonth" -> (long) t.getMonthValue() - 1;
            case "getDate" -> (long) t.getDayOfMonth();
            case "getDay" -> (long) (t.getDayOfWeek().getValue() % 7);
            case "getHours" -> (long) t.getHour();
            case "getMinutes" -> (long) t.getMinute();
            case "getSeconds" -> (long) t.getSecond();
            case "getMilliseconds" -> (long) (t.getNano() / 1_000_000);
            case "getTimezoneOffset" -> (long) (-t.getOffset().getTotalSeconds() / 60);
            default -> { // getUTC*
                ZonedDateTime u = t.withZoneSameInstant(ZoneOffset.UTC);
                yield call(ctx, DateTimeValue.of(u), "get" + name.substring(6), a);
            }
        };
    }

    private static Object invalidCall(DateTimeValue d, String name) {
        return switch (name) {
            case "toString",
                    "toFormat",
                    "format",
                    "toLocaleString",
                    "toLocaleDateString",
                    "toLocaleTimeString",
                    "toDateString",
                    "toTimeString",
                    "toUTCString",
                    "toRelative" -> "Invalid DateTime";
            case "toISO",
                    "toISODate",
                    "toISOTime",
                    "toJSON",
                    "toSQL",
                    "toSQLDate",
                    "toSQLTime",
                    "toHTTP",
                    "toRFC2822",
                    "toISOWeekDate" -> null;
            case "toISOString" -> throw JsThrow.rangeError("Invalid time value");
            case "equals", "hasSame", "isWeekend", "isBetween", "isInLast", "isDst" -> false;
            case "plus",
                    "minus",
                    "startOf",
                    "endOf",
                    "set",
                    "setZone",
                    "toUTC",
                    "toLocal",
                    "toJSDate",
                    "toDateTime",
                    "beginningOf",
                    "endOfMonth",
                    "setLocale",
                    "reconfigure" -> d;
            default -> Double.NaN;
        };
    }

    static String localeMacro(Object preset) {
        if (preset instanceof Map<?, ?> m) {
            for (Map.Entry<String, Map<String, Object>> e : LuxonGlobals.DATE_PRESETS.entrySet()) {
                if (e.getValue().equals(m)) {
                    return switch (e.getKey()) {
                        case "DATE_SHORT" -> "D";
                        case "DATE_MED" -> "DD";
                        case "DATE_FULL" -> "DDD";
                        case "DATE_HUGE" -> "DDDD";
                        case "TIME_SIMPLE" -> "t";
                        case "TIME_WITH_SECONDS" -> "tt";
                        case "TIME_24_SIMPLE" -> "T";
                        case "TIME_24_WITH_SECONDS" -> "TT";
                        case "DATETIME_SHORT" -> "f";
                        case "DATETIME_MED" -> "ff";
                        case "DATETIME_FULL" -> "fff";
                        default -> "ffff";
                    };
                }
            }
        }
        return "D";
    }

    /** A Luxon unit (singular, plural or n8n's short forms like 'hrs'), plural; Luxon's error otherwise. */
    static String unit(Object u) {
        Object name = u instanceof String s ? SHORT_UNITS.getOrDefault(s, s) : u;
        String unit = LuxonDuration.normalizeUnit(name);
        if (unit == null) {
            throw JsThrow.error("Invalid unit " + JsOps.describe(u));
        }
        return unit;
    }

    /** n8n's abbreviations for plus/minus/isInLast/beginningOf units. */
    private static final Map<String, String> SHORT_UNITS = Map.of(
            "ms", "milliseconds",
            "sec", "seconds",
            "secs", "seconds",
            "hr", "hours",
            "hrs", "hours",
            "min", "minutes",
            "mins", "minutes");

    /** n8n's convertToDateTime for isBetween: a date string, Date or DateTime; null otherwise. */
    private static ZonedDateTime convertToDateTime(Object v) {
        if (v instanceof DateTimeValue d) {
            return d.time();
        }
        if (v instanceof String s) {
            return JsDateParser.parse(s);
        }
        return null;
    }

    /** n8n's extract(part): a date part as a number, 'week' by default; null for an unknown part. */
    // identity with a sentinel instance is the intent
    @SuppressWarnings("ReferenceEquality")
    private static Object extract(ZonedDateTime t, Object partArg) {
        String part = partArg == Undefined.INSTANCE ? "week" : partArg instanceof String s ? s : "";
        if (part.equals("yearDayNumber")) {
            ZonedDateTime local = t.withZoneSameInstant(ZoneOffset.UTC); // JavaScript local time: UTC here
            return (long) local.getDayOfYear();
        }
        String unit = switch (part) {
            case "week" -> "weekNumber";
            case "days" -> "day";
            case "months" -> "month";
            case "years" -> "year";
            case "hours", "hrs", "hr" -> "hour";
            case "minutes", "mins", "min" -> "minute";
            case "seconds", "secs", "sec" -> "second";
            case "milliseconds", "ms" -> "millisecond";
            default -> part;
        };
        Object v = property(DateTimeValue.of(t), unit);
        return v == Members.NOT_FOUND || !(v instanceof Number) ? null : v;
    }

    /** Accepts a DateTimeValue, an ISO string or epoch millis. */
    static ZonedDateTime other(EvalContext ctx, Object v) {
        if (v instanceof DateTimeValue d) {
            return d.toZonedDateTime();
        }
        if (v instanceof String s) {
            ZonedDateTime t = LuxonParse.parseIso(s, ctx.defaultZone(), true);
            if (t != null) {
                return t;
            }
        }
        if (v instanceof Number n) {
            return DateTimeValue.utc(n.longValue()).time().withZoneSameInstant(ctx.defaultZone());
        }
        throw JsThrow.error("expected a DateTime but got " + JsOps.describe(v));
    }

    private static ZonedDateTime add(ZonedDateTime t, Object[] a, int sign) {
        Object a0 = JsOps.arg(a, 0);
        if (a0 instanceof Number n) {
            if (JsOps.arg(a, 1) == Undefined.INSTANCE) {
                return plusUnit(t, "milliseconds", sign * n.doubleValue());
            }
            return plusUnit(t, unit(JsOps.arg(a, 1)), sign * n.doubleValue());
        }
        Map<String, Object> units;
        if (a0 instanceof LuxonDuration dur) {
            units = dur.values();
        } else if (a0 instanceof Map<?, ?> m) {
            units = LuxonDuration.fromObject(m).values();
        } else {
            throw JsThrow.error("plus()/minus() expect an object like {days: 1} or (amount, 'unit')");
        }
        for (Map.Entry<String, Object> e : units.entrySet()) {
            t = plusUnit(t, e.getKey(), sign * JsOps.toNumber(e.getValue()));
        }
        return t;
    }

    /** Calendar units move the local date (DST-safe like Luxon), time units move the instant. */
    static ZonedDateTime plusUnit(ZonedDateTime t, String unit, double amount) {
        if (Double.isNaN(amount) || Double.isInfinite(amount) || Math.abs(amount) > 1e12) {
            throw JsThrow.error("Invalid amount " + JsNumbers.toString(amount) + " for " + unit);
        }
        long whole = (long) amount;
        boolean integral = whole == amount;
        try {
            return switch (unit) {
                case "years" -> t.plusYears(whole);
                case "quarters" -> t.plusMonths(whole * 3);
                case "months" -> t.plusMonths(whole);
                case "weeks" ->
                    integral ? t.plusWeeks(whole) : t.plus(Duration.ofMillis(Math.round(amount * 7 * 86_400_000)));
                case "days" ->
                    integral
                            ? t.plusDays(whole)
                            : t.plusDays(whole).plus(Duration.ofMillis(Math.round((amount - whole) * 86_400_000)));
                default -> t.plus(Duration.ofMillis(Math.round(amount * LuxonDuration.unitMillis(unit))));
            };
        } catch (java.time.DateTimeException | ArithmeticException e) {
            throw JsThrow.error("date out of range");
        }
    }

    static ZonedDateTime startOf(ZonedDateTime t, String unit) {
        return switch (unit) {
            case "years" -> t.toLocalDate().withDayOfYear(1).atStartOfDay(t.getZone());
            case "quarters" ->
                t.toLocalDate()
                        .withDayOfMonth(1)
                        .withMonth((t.getMonthValue() - 1) / 3 * 3 + 1)
                        .atStartOfDay(t.getZone());
            case "months" -> t.toLocalDate().withDayOfMonth(1).atStartOfDay(t.getZone());
            case "weeks" -> t.toLocalDate().with(DayOfWeek.MONDAY).atStartOfDay(t.getZone());
            case "days" -> t.toLocalDate().atStartOfDay(t.getZone());
            case "hours" -> t.truncatedTo(ChronoUnit.HOURS);
            case "minutes" -> t.truncatedTo(ChronoUnit.MINUTES);
            case "seconds" -> t.truncatedTo(ChronoUnit.SECONDS);
            default -> t.truncatedTo(ChronoUnit.MILLIS);
        };
    }

    static ZonedDateTime endOf(ZonedDateTime t, String unit) {
        return plusUnit(startOf(t, unit), unit, 1).minus(Duration.ofMillis(1));
    }

    /** Luxon set(): components overflow into the next unit (Feb 31 → Mar 2/3). */
    private static ZonedDateTime set(ZonedDateTime t, Object spec) {
        if (!(spec instanceof Map<?, ?> m)) {
            throw JsThrow.error("set() expects an object like {hour: 0}");
        }
        long year = t.getYear();
        long month = t.getMonthValue();
        long day = t.getDayOfMonth();
        long hour = t.getHour();
        long minute = t.getMinute();
        long second = t.getSecond();
        long ms = t.getNano() / 1_000_000;
        Long weekday = null;
        for (Map.Entry<?, ?> e : m.entrySet()) {
            long v = (long) JsOps.toNumber(e.getValue());
            switch (String.valueOf(e.getKey())) {
                case "year", "years" -> year = v;
                case "month", "months" -> month = v;
                case "day", "days" -> day = v;
                case "hour", "hours" -> hour = v;
                case "minute", "minutes" -> minute = v;
                case "second", "seconds" -> second = v;
                case "millisecond", "milliseconds" -> ms = v;
                case "weekday" -> weekday = v;
                default -> throw JsThrow.error("Invalid unit " + e.getKey());
            }
        }
        try {
            LocalDateTime local = LocalDateTime.of((int) year, 1, 1, 0, 0)
                    .plusMonths(month - 1)
                    .plusDays(day - 1)
                    .plusHours(hour)
                    .plusMinutes(minute)
                    .plusSeconds(second)
                    .plusNanos(ms * 1_000_000);
            if (weekday != null) {
                local = local.plusDays(weekday - local.getDayOfWeek().getValue());
            }
            return ZonedDateTime.ofLocal(local, t.getZone(), t.getOffset());
        } catch (java.time.DateTimeException | ArithmeticException e) {
            throw JsThrow.error("date out of range");
        }
    }

    private static DateTimeValue setZone(EvalContext ctx, ZonedDateTime t, Object zone, Object opts) {
        ZoneId z = zone instanceof String s ? LuxonFormat.zone(s, ctx.defaultZone()) : null;
        if (z == null) {
            return DateTimeValue.invalid("unsupported zone " + JsOps.describe(zone));
        }
        boolean keepLocal = opts instanceof Map<?, ?> m && JsOps.truthy(m.get("keepLocalTime"));
        return DateTimeValue.of(keepLocal ? t.withZoneSameLocal(z) : t.withZoneSameInstant(z));
    }

    /** Luxon diff: this minus other, in the given unit(s); the last unit carries the fraction. */
    static Object diff(ZonedDateTime t, ZonedDateTime other, Object units) {
        List<String> list = new ArrayList<>();
        if (units == Undefined.INSTANCE) {
            list.add("milliseconds");
        } else if (units instanceof List<?> l) {
            for (Object u : l) {
                list.add(unit(u));
            }
        } else {
            list.add(unit(units));
        }
        list.sort((x, y) -> Double.compare(LuxonDuration.unitMillis(y), LuxonDuration.unitMillis(x)));
        LinkedHashMap<String, Object> values = new LinkedHashMap<>();
        boolean negative = t.isBefore(other);
        ZonedDateTime from = negative ? t : other;
        ZonedDateTime to = negative ? other.withZoneSameInstant(t.getZone()) : t;
        from = from.withZoneSameInstant(t.getZone());
        for (int i = 0; i < list.size(); i++) {
            String unit = list.get(i);
            boolean last = i == list.size() - 1;
            double amount = between(from, to, unit, last);
            values.put(unit, JsNumbers.box(negative ? -amount : amount));
            if (!last) {
                from = plusUnit(from, unit, amount);
            }
        }
        return new LuxonDuration(values);
    }

    private static double between(ZonedDateTime from, ZonedDateTime to, String unit, boolean fractional) {
        ChronoUnit calendar = switch (unit) {
            case "years" -> ChronoUnit.YEARS;
            case "quarters", "months" -> ChronoUnit.MONTHS;
            case "weeks" -> ChronoUnit.WEEKS;
            case "days" -> ChronoUnit.DAYS;
            default -> null;
        };
        if (calendar == null) {
            double ms = Duration.between(from, to).toMillis();
            double v = ms / LuxonDuration.unitMillis(unit);
            return fractional ? v : Math.floor(v);
        }
        long whole = calendar.between(from, to);
        if (unit.equals("quarters")) {
            whole /= 3;
        }
        if (!fractional) {
            return whole;
        }
        ZonedDateTime base = plusUnit(from, unit, (double) whole);
        ZonedDateTime next = plusUnit(from, unit, (double) (whole + 1));
        double span = Duration.between(base, next).toMillis();
        return whole + (span == 0 ? 0 : Duration.between(base, to).toMillis() / span);
    }

    /** The units n8n's diffTo accepts (Luxon's duration units and its date parts). */
    private static final Set<String> DIFF_UNITS = Set.of(
            "milliseconds",
            "seconds",
            "minutes",
            "hours",
            "days",
            "weeks",
            "months",
            "quarters",
            "years",
            "day",
            "week",
            "month",
            "year",
            "hour",
            "minute",
            "second",
            "millisecond",
            "weekNumber",
            "yearDayNumber",
            "weekday");

    /**
     * n8n's diffTo: {@code t} minus {@code other} in one unit (a number, days by default) or several
     * (an object of those units).
     */
    private static Object diffTo(EvalContext ctx, ZonedDateTime t, Object otherArg, Object unitArg) {
        List<Object> units = new ArrayList<>();
        if (unitArg instanceof List<?> l) {
            units.addAll(l);
        } else if (unitArg != Undefined.INSTANCE) {
            units.add(unitArg);
        }
        if (units.isEmpty()) {
            units.add("days");
        }
        for (Object u : units) {
            if (!(u instanceof String s) || !DIFF_UNITS.contains(s)) {
                throw new ExpressionException("Unsupported unit '" + JsOps.toStr(ctx, u)
                        + "'. Supported: 'milliseconds', 'seconds', 'minutes', 'hours', 'days', 'weeks', 'months',"
                        + " 'quarters', 'years'.");
            }
        }
        ZonedDateTime other = otherArg instanceof DateTimeValue o
                ? o.toZonedDateTime()
                : otherArg instanceof String s
                        ? ((DateTimeValue) StringExtensions.call(ctx, s, "toDateTime", new Object[0])).toZonedDateTime()
                        : other(ctx, otherArg);
        LuxonDuration d = (LuxonDuration) diff(t, other, units.size() == 1 ? units.get(0) : units);
        if (units.size() > 1) {
            JsObject out = new JsObject(ctx);
            out.putAll(d.values());
            return out;
        }
        return d.get(unit(units.get(0)));
    }

    private static String relative(ZonedDateTime t, ZonedDateTime now) {
        double ms = Duration.between(now, t).toMillis();
        String[] units = {"years", "months", "days", "hours", "minutes", "seconds"};
        double[] sizes = {365 * 86_400_000.0, 30 * 86_400_000.0, 86_400_000.0, 3_600_000.0, 60_000.0, 1000.0};
        for (int i = 0; i < units.length; i++) {
            long n = (long) (Math.abs(ms) / sizes[i]);
            if (n >= 1 || i == units.length - 1) {
                String unit = n == 1 ? units[i].substring(0, units[i].length() - 1) : units[i];
                return ms >= 0 ? "in " + n + " " + unit : n + " " + unit + " ago";
            }
        }
        return "now";
    }
}
