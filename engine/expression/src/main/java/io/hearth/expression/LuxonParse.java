package io.hearth.expression;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.time.temporal.TemporalAccessor;
import java.util.Locale;

/** Luxon's parsing of text into dates: fromISO, fromRFC2822 / fromHTTP and fromFormat. */
final class LuxonParse {

    private LuxonParse() {}

    /**
     * ISO 8601 as Luxon's fromISO reads it: a date, optionally 'T' (or ' ') and a time, optionally an
     * offset. Without an offset the text is local time in {@code zone}. Returns null when malformed.
     */
    static ZonedDateTime parseIso(String s, ZoneId zone, boolean keepOffset) {
        s = s.trim();
        int n = s.length();
        int[] pos = {0};
        int year = digits(s, pos, 4, 4);
        if (year < 0) {
            return null;
        }
        int month = 1;
        int day = 1;
        if (skip(s, pos, '-')) {
            month = digits(s, pos, 2, 2);
        } else if (pos[0] != n) {
            return null;
        }
        if (month < 0) {
            return null;
        }
        if (skip(s, pos, '-')) {
            day = digits(s, pos, 2, 2);
            if (day < 0) {
                return null;
            }
        }
        int hour = 0;
        int minute = 0;
        int second = 0;
        int nanos = 0;
        if (pos[0] < n && (s.charAt(pos[0]) == 'T' || s.charAt(pos[0]) == 't' || s.charAt(pos[0]) == ' ')) {
            pos[0]++;
            hour = digits(s, pos, 2, 2);
            if (hour < 0) {
                return null;
            }
            if (skip(s, pos, ':')) {
                minute = digits(s, pos, 2, 2);
                if (minute < 0) {
                    return null;
                }
                if (skip(s, pos, ':')) {
                    second = digits(s, pos, 2, 2);
                    if (second < 0) {
                        return null;
                    }
                    if (skip(s, pos, '.') || skip(s, pos, ',')) {
                        int start = pos[0];
                        long frac = 0;
                        while (pos[0] < n && JsNumbers.isDigit(s.charAt(pos[0]))) {
                            if (pos[0] - start < 9) {
                                frac = frac * 10 + (s.charAt(pos[0]) - '0');
                            }
                            pos[0]++;
                        }
                        int len = Math.min(pos[0] - start, 9);
                        if (len == 0) {
                            return null;
                        }
                        for (int i = len; i < 9; i++) {
                            frac *= 10;
                        }
                        nanos = (int) frac;
                    }
                }
            }
        }
        ZoneId offset = null;
        if (pos[0] < n) {
            char c = s.charAt(pos[0]);
            if (c == 'Z' || c == 'z') {
                offset = ZoneOffset.UTC;
                pos[0]++;
            } else if (c == '+' || c == '-') {
                pos[0]++;
                int oh = digits(s, pos, 2, 2);
                if (oh < 0) {
                    return null;
                }
                skip(s, pos, ':');
                int om = pos[0] < n ? digits(s, pos, 2, 2) : 0;
                if (om < 0) {
                    return null;
                }
                try {
                    offset = ZoneOffset.ofHoursMinutes(c == '-' ? -oh : oh, c == '-' ? -om : om);
                } catch (DateTimeException e) {
                    return null;
                }
            }
        }
        if (pos[0] != n) {
            return null;
        }
        try {
            LocalDateTime local = LocalDateTime.of(
                    LocalDate.of(year, month, day),
                    hour == 24 && minute == 0 && second == 0
                            ? LocalTime.MIDNIGHT
                            : LocalTime.of(hour, minute, second, nanos));
            if (hour == 24) {
                local = local.plusDays(1);
            }
            if (offset == null) {
                return ZonedDateTime.of(local, zone);
            }
            ZonedDateTime parsed = ZonedDateTime.of(local, offset);
            return keepOffset ? parsed : parsed.withZoneSameInstant(zone);
        } catch (DateTimeException e) {
            return null;
        }
    }

    private static int digits(String s, int[] pos, int min, int max) {
        int start = pos[0];
        int v = 0;
        while (pos[0] < s.length() && pos[0] - start < max && JsNumbers.isDigit(s.charAt(pos[0]))) {
            v = v * 10 + (s.charAt(pos[0]++) - '0');
        }
        return pos[0] - start < min ? -1 : v;
    }

    private static boolean skip(String s, int[] pos, char c) {
        if (pos[0] < s.length() && s.charAt(pos[0]) == c) {
            pos[0]++;
            return true;
        }
        return false;
    }

    /** RFC 2822 / HTTP dates ("Tue, 02 Jan 2024 03:04:05 GMT"), or null. */
    static ZonedDateTime parseRfc(String s) {
        try {
            return ZonedDateTime.parse(s.trim(), DateTimeFormatter.RFC_1123_DATE_TIME);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** Luxon's fromFormat, via an equivalent java.time pattern; null when the text does not match. */
    static ZonedDateTime parse(String text, String luxonFormat, ZoneId zone, boolean keepOffset) {
        DateTimeFormatter f;
        try {
            f = DateTimeFormatter.ofPattern(toJavaPattern(luxonFormat), Locale.US);
        } catch (IllegalArgumentException e) {
            return null;
        }
        TemporalAccessor a;
        try {
            a = f.parse(text.trim());
        } catch (DateTimeParseException e) {
            return null;
        }
        try {
            int year = a.isSupported(ChronoField.YEAR)
                    ? a.get(ChronoField.YEAR)
                    : ZonedDateTime.now(zone).getYear();
            int month = a.isSupported(ChronoField.MONTH_OF_YEAR) ? a.get(ChronoField.MONTH_OF_YEAR) : 1;
            int day = a.isSupported(ChronoField.DAY_OF_MONTH) ? a.get(ChronoField.DAY_OF_MONTH) : 1;
            LocalTime time = a.isSupported(ChronoField.NANO_OF_DAY)
                    ? LocalTime.ofNanoOfDay(a.getLong(ChronoField.NANO_OF_DAY))
                    : a.isSupported(ChronoField.HOUR_OF_DAY)
                            ? LocalTime.of(
                                    a.get(ChronoField.HOUR_OF_DAY),
                                    a.isSupported(ChronoField.MINUTE_OF_HOUR) ? a.get(ChronoField.MINUTE_OF_HOUR) : 0)
                            : LocalTime.MIDNIGHT;
            LocalDateTime local = LocalDateTime.of(LocalDate.of(year, month, day), time);
            if (a.isSupported(ChronoField.INSTANT_SECONDS)) {
                ZonedDateTime z = ZonedDateTime.from(a);
                return keepOffset ? z : z.withZoneSameInstant(zone);
            }
            if (a.isSupported(ChronoField.OFFSET_SECONDS)) {
                ZonedDateTime z = ZonedDateTime.of(local, ZoneOffset.ofTotalSeconds(a.get(ChronoField.OFFSET_SECONDS)));
                return keepOffset ? z : z.withZoneSameInstant(zone);
            }
            return ZonedDateTime.of(local, zone);
        } catch (DateTimeException e) {
            return null;
        }
    }

    private static String toJavaPattern(String luxon) {
        StringBuilder out = new StringBuilder();
        int i = 0;
        int n = luxon.length();
        while (i < n) {
            char c = luxon.charAt(i);
            if (c == '\'') {
                int close = luxon.indexOf('\'', i + 1);
                if (close < 0) {
                    close = n;
                }
                literal(out, luxon.substring(i + 1, close));
                i = close + 1;
                continue;
            }
            int j = i + 1;
            while (j < n && luxon.charAt(j) == c) {
                j++;
            }
            String token = luxon.substring(i, j);
            String java = switch (token) {
                case "yyyy", "y" -> "uuuu";
                case "yy" -> "uu";
                case "M", "L" -> "M";
                case "MM", "LL" -> "MM";
                case "MMM", "LLL" -> "MMM";
                case "MMMM", "LLLL" -> "MMMM";
                case "d", "dd", "H", "HH", "h", "hh", "m", "mm", "s", "ss", "a" -> token;
                case "S", "SSS", "u" -> "SSS";
                case "ccc", "EEE" -> "EEE";
                case "cccc", "EEEE" -> "EEEE";
                case "o", "ooo" -> "DDD";
                case "Z" -> "x";
                case "ZZ" -> "xxx";
                case "ZZZ" -> "xx";
                case "z" -> "VV";
                default -> null;
            };
            if (java != null) {
                out.append(java);
            } else {
                literal(out, token);
            }
            i = j;
        }
        return out.toString();
    }

    private static void literal(StringBuilder out, String text) {
        if (text.isEmpty()) {
            return;
        }
        out.append('\'').append(text.replace("'", "''")).append('\'');
    }
}
