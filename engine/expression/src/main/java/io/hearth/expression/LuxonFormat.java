package io.hearth.expression;

import java.time.DateTimeException;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.TextStyle;
import java.time.temporal.IsoFields;
import java.util.Locale;

/** Luxon's string formats (toISO, toFormat tokens and macros) and zone names, in en-US (parsing: {@link LuxonParse}). */
final class LuxonFormat {

    private static final String[] MONTHS_SHORT = {
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"
    };
    private static final String[] MONTHS_LONG = {
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December"
    };
    private static final String[] DAYS_SHORT = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};
    private static final String[] DAYS_LONG = {
        "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"
    };

    private LuxonFormat() {}

    static String iso(ZonedDateTime t) {
        StringBuilder sb = new StringBuilder(29);
        isoDate(sb, t);
        sb.append('T');
        isoTime(sb, t);
        return sb.toString();
    }

    static void isoDate(StringBuilder sb, ZonedDateTime t) {
        int y = t.getYear();
        if (y >= 0 && y <= 9999) {
            pad(sb, y, 4);
        } else {
            sb.append(y < 0 ? '-' : '+');
            pad(sb, Math.abs(y), 6);
        }
        sb.append('-');
        pad(sb, t.getMonthValue(), 2);
        sb.append('-');
        pad(sb, t.getDayOfMonth(), 2);
    }

    static void isoTime(StringBuilder sb, ZonedDateTime t) {
        pad(sb, t.getHour(), 2);
        sb.append(':');
        pad(sb, t.getMinute(), 2);
        sb.append(':');
        pad(sb, t.getSecond(), 2);
        sb.append('.');
        pad(sb, t.getNano() / 1_000_000, 3);
        sb.append(isUtc(t.getZone()) ? "Z" : offset(t.getOffset().getTotalSeconds(), 2));
    }

    /** Luxon prints "Z" only for its fixed UTC zone, not for IANA zones that happen to be at +00:00. */
    static boolean isUtc(ZoneId zone) {
        if (zone instanceof ZoneOffset o) {
            return o.getTotalSeconds() == 0;
        }
        return switch (zone.getId()) {
            case "UTC", "GMT", "UT", "Z" -> true;
            default -> false;
        };
    }

    /** Luxon's zoneName: "UTC", "UTC+5", "UTC-3:30" or the IANA name. */
    static String zoneName(ZoneId zone) {
        if (isUtc(zone)) {
            return "UTC";
        }
        if (zone instanceof ZoneOffset o) {
            return "UTC" + offset(o.getTotalSeconds(), 1);
        }
        return zone.getId();
    }

    /** style 1 "+5" / "+5:30" (narrow), 2 "+05:00" (short), 3 "+0500" (techie). */
    static String offset(int totalSeconds, int style) {
        int minutes = Math.abs(totalSeconds) / 60;
        int h = minutes / 60;
        int m = minutes % 60;
        StringBuilder sb = new StringBuilder(6).append(totalSeconds < 0 ? '-' : '+');
        switch (style) {
            case 1 -> {
                sb.append(h);
                if (m != 0) {
                    sb.append(':');
                    pad(sb, m, 2);
                }
            }
            case 2 -> {
                pad(sb, h, 2);
                sb.append(':');
                pad(sb, m, 2);
            }
            default -> {
                pad(sb, h, 2);
                pad(sb, m, 2);
            }
        }
        return sb.toString();
    }

    static void pad(StringBuilder sb, long v, int width) {
        if (v < 0) {
            sb.append('-');
            v = -v;
        }
        String s = Long.toString(v);
        for (int i = s.length(); i < width; i++) {
            sb.append('0');
        }
        sb.append(s);
    }

    /** Parses a zone the way Luxon accepts it, or returns null. */
    static ZoneId zone(String name, ZoneId local) {
        String lower = name.toLowerCase(Locale.ROOT);
        switch (lower) {
            case "utc", "gmt", "z", "ut" -> {
                return ZoneOffset.UTC;
            }
            case "local", "system", "default" -> {
                return local;
            }
            default -> {}
        }
        try {
            if (lower.startsWith("utc") || lower.startsWith("gmt")) {
                String off = name.substring(3);
                return ZoneOffset.of(off.length() <= 3 && !off.contains(":") ? pad(off) : off);
            }
            if (name.startsWith("+") || name.startsWith("-")) {
                return ZoneOffset.of(name);
            }
            return ZoneId.of(name);
        } catch (DateTimeException e) {
            return null;
        }
    }

    /** "+5" → "+05", "-3" → "-03". */
    private static String pad(String off) {
        return off.length() == 2 ? off.charAt(0) + "0" + off.charAt(1) : off;
    }

    // ---- toFormat

    static String format(ZonedDateTime t, String fmt) {
        StringBuilder out = new StringBuilder(fmt.length() + 16);
        int i = 0;
        int n = fmt.length();
        while (i < n) {
            char c = fmt.charAt(i);
            if (c == '\'') {
                int close = fmt.indexOf('\'', i + 1);
                if (close < 0) {
                    close = n;
                }
                out.append(fmt, i + 1, close);
                i = close + 1;
                continue;
            }
            int j = i + 1;
            while (j < n && fmt.charAt(j) == c) {
                j++;
            }
            token(out, t, fmt.substring(i, j));
            i = j;
        }
        return out.toString();
    }

    private static void token(StringBuilder out, ZonedDateTime t, String token) {
        int hour12 = t.getHour() % 12 == 0 ? 12 : t.getHour() % 12;
        int ms = t.getNano() / 1_000_000;
        int offsetSeconds = t.getOffset().getTotalSeconds();
        switch (token) {
            case "S" -> out.append(ms);
            case "u", "SSS" -> pad(out, ms, 3);
            case "uu" -> pad(out, ms / 10, 2);
            case "uuu" -> out.append(ms / 100);
            case "s" -> out.append(t.getSecond());
            case "ss" -> pad(out, t.getSecond(), 2);
            case "m" -> out.append(t.getMinute());
            case "mm" -> pad(out, t.getMinute(), 2);
            case "h" -> out.append(hour12);
            case "hh" -> pad(out, hour12, 2);
            case "H" -> out.append(t.getHour());
            case "HH" -> pad(out, t.getHour(), 2);
            case "Z" -> out.append(offset(offsetSeconds, 1));
            case "ZZ" -> out.append(offset(offsetSeconds, 2));
            case "ZZZ" -> out.append(offset(offsetSeconds, 3));
            case "ZZZZ" -> out.append(offsetName(t, TextStyle.SHORT));
            case "ZZZZZ" -> out.append(offsetName(t, TextStyle.FULL));
            case "z" -> out.append(zoneName(t.getZone()));
            case "a" -> out.append(t.getHour() < 12 ? "AM" : "PM");
            case "d" -> out.append(t.getDayOfMonth());
            case "dd" -> pad(out, t.getDayOfMonth(), 2);
            case "c", "E" -> out.append(t.getDayOfWeek().getValue());
            case "ccc", "EEE" -> out.append(DAYS_SHORT[t.getDayOfWeek().getValue() - 1]);
            case "cccc", "EEEE" -> out.append(DAYS_LONG[t.getDayOfWeek().getValue() - 1]);
            case "ccccc", "EEEEE" -> out.append(DAYS_LONG[t.getDayOfWeek().getValue() - 1].charAt(0));
            case "L", "M" -> out.append(t.getMonthValue());
            case "LL", "MM" -> pad(out, t.getMonthValue(), 2);
            case "LLL", "MMM" -> out.append(MONTHS_SHORT[t.getMonthValue() - 1]);
            case "LLLL", "MMMM" -> out.append(MONTHS_LONG[t.getMonthValue() - 1]);
            case "LLLLL", "MMMMM" -> out.append(MONTHS_LONG[t.getMonthValue() - 1].charAt(0));
            case "y" -> out.append(t.getYear());
            case "yy" -> pad(out, Math.floorMod(t.getYear(), 100), 2);
            case "yyyy" -> pad(out, t.getYear(), 4);
            case "yyyyyy" -> pad(out, t.getYear(), 6);
            case "G" -> out.append(t.getYear() > 0 ? "AD" : "BC");
            case "GG" -> out.append(t.getYear() > 0 ? "Anno Domini" : "Before Christ");
            case "GGGGG" -> out.append(t.getYear() > 0 ? "A" : "B");
            case "kk" -> pad(out, Math.floorMod(t.get(IsoFields.WEEK_BASED_YEAR), 100), 2);
            case "kkkk" -> pad(out, t.get(IsoFields.WEEK_BASED_YEAR), 4);
            case "W" -> out.append(t.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
            case "WW" -> pad(out, t.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR), 2);
            case "o" -> out.append(t.getDayOfYear());
            case "ooo" -> pad(out, t.getDayOfYear(), 3);
            case "q" -> out.append(t.get(IsoFields.QUARTER_OF_YEAR));
            case "qq" -> pad(out, t.get(IsoFields.QUARTER_OF_YEAR), 2);
            case "X" -> out.append(Math.floorDiv(t.toInstant().toEpochMilli(), 1000));
            case "x" -> out.append(t.toInstant().toEpochMilli());
            default -> out.append(macro(t, token));
        }
    }

    private static String offsetName(ZonedDateTime t, TextStyle style) {
        if (isUtc(t.getZone())) {
            return style == TextStyle.SHORT ? "UTC" : "Coordinated Universal Time";
        }
        return DateTimeFormatter.ofPattern(style == TextStyle.SHORT ? "zzz" : "zzzz", Locale.US)
                .format(t);
    }

    /** Luxon's localized macro tokens in en-US; an unknown token prints as itself. */
    private static String macro(ZonedDateTime t, String token) {
        return switch (token) {
            case "D" -> format(t, "M/d/yyyy");
            case "DD" -> format(t, "LLL d, yyyy");
            case "DDD" -> format(t, "LLLL d, yyyy");
            case "DDDD" -> format(t, "cccc, LLLL d, yyyy");
            case "t" -> format(t, "h:mm a");
            case "tt" -> format(t, "h:mm:ss a");
            case "ttt" -> format(t, "h:mm:ss a ZZZZ");
            case "tttt" -> format(t, "h:mm:ss a ZZZZZ");
            case "T" -> format(t, "HH:mm");
            case "TT" -> format(t, "HH:mm:ss");
            case "TTT" -> format(t, "HH:mm:ss ZZZZ");
            case "TTTT" -> format(t, "HH:mm:ss ZZZZZ");
            case "f" -> format(t, "M/d/yyyy, h:mm a");
            case "ff" -> format(t, "LLL d, yyyy, h:mm a");
            case "fff" -> format(t, "LLLL d, yyyy 'at' h:mm a ZZZZ");
            case "ffff" -> format(t, "cccc, LLLL d, yyyy 'at' h:mm a ZZZZZ");
            case "F" -> format(t, "M/d/yyyy, h:mm:ss a");
            case "FF" -> format(t, "LLL d, yyyy, h:mm:ss a");
            case "FFF" -> format(t, "LLLL d, yyyy 'at' h:mm:ss a ZZZZ");
            case "FFFF" -> format(t, "cccc, LLLL d, yyyy 'at' h:mm:ss a ZZZZZ");
            default -> token;
        };
    }
}
