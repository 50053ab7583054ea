package io.hearth.runtime.nodes.transform;

import java.time.DayOfWeek;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.TextStyle;
import java.time.temporal.IsoFields;
import java.time.temporal.WeekFields;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Moment.js's {@code format(tokens)} in en-US, and the token grammar its parsing with a format shares. */
final class MomentFormat {

    private MomentFormat() {}

    static final Pattern TOKEN = Pattern.compile(
            "\\[[^\\[]*\\]|\\\\.|Mo|MM?M?M?|Do|DDDo|DD?D?D?|ddd?d?|do?"
                    + "|w[o|w]?|W[o|W]?|Qo?|YYYYYY|YYYYY|YYYY|YY|y{2,4}|gg(?:ggg?)?|GG(?:GGG?)?|e|E|a|A|hh?|HH?|kk?|mm?|ss?"
                    + "|S{1,9}|x|X|zz?|ZZ?|.",
            Pattern.DOTALL);
    private static final Pattern MACRO = Pattern.compile("\\[[^\\[]*\\]|LTS|LT|LL?L?L?|l{1,4}");

    /** Moment's {@code format()}; {@code null} format gives Moment's default ISO form with offset. */
    static String format(ZonedDateTime t, String format) {
        String f = expandMacros(format == null || format.isEmpty() ? "YYYY-MM-DDTHH:mm:ssZ" : format);
        StringBuilder out = new StringBuilder();
        Matcher m = TOKEN.matcher(f);
        while (m.find()) {
            out.append(token(t, m.group()));
        }
        return out.toString();
    }

    /** Moment's localized macros (LT, LL...) in en-US, as the tokens they stand for. */
    static String expandMacros(String format) {
        Matcher m = MACRO.matcher(format);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            String token = m.group();
            String expanded = switch (token) {
                case "LT" -> "h:mm A";
                case "LTS" -> "h:mm:ss A";
                case "L" -> "MM/DD/YYYY";
                case "LL" -> "MMMM D, YYYY";
                case "LLL" -> "MMMM D, YYYY h:mm A";
                case "LLLL" -> "dddd, MMMM D, YYYY h:mm A";
                case "l" -> "M/D/YYYY";
                case "ll" -> "MMM D, YYYY";
                case "lll" -> "MMM D, YYYY h:mm A";
                case "llll" -> "ddd, MMM D, YYYY h:mm A";
                default -> token;
            };
            m.appendReplacement(sb, Matcher.quoteReplacement(expanded));
        }
        m.appendTail(sb);
        return sb.toString();
    }

    private static String token(ZonedDateTime t, String token) {
        if (token.startsWith("[") && token.endsWith("]") && token.length() >= 2) {
            return token.substring(1, token.length() - 1);
        }
        if (token.startsWith("\\")) {
            return token.substring(1);
        }
        int hour12 = t.getHour() % 12 == 0 ? 12 : t.getHour() % 12;
        WeekFields locale = WeekFields.of(DayOfWeek.SUNDAY, 1);
        return switch (token) {
            case "M" -> String.valueOf(t.getMonthValue());
            case "Mo" -> ordinal(t.getMonthValue());
            case "MM" -> pad(t.getMonthValue(), 2);
            case "MMM" -> t.getMonth().getDisplayName(TextStyle.SHORT, Locale.US);
            case "MMMM" -> t.getMonth().getDisplayName(TextStyle.FULL, Locale.US);
            case "Q" -> String.valueOf(t.get(IsoFields.QUARTER_OF_YEAR));
            case "Qo" -> ordinal(t.get(IsoFields.QUARTER_OF_YEAR));
            case "D" -> String.valueOf(t.getDayOfMonth());
            case "Do" -> ordinal(t.getDayOfMonth());
            case "DD" -> pad(t.getDayOfMonth(), 2);
            case "DDD" -> String.valueOf(t.getDayOfYear());
            case "DDDo" -> ordinal(t.getDayOfYear());
            case "DDDD" -> pad(t.getDayOfYear(), 3);
            case "d" -> String.valueOf(t.getDayOfWeek().getValue() % 7);
            case "do" -> ordinal(t.getDayOfWeek().getValue() % 7);
            case "dd" ->
                t.getDayOfWeek().getDisplayName(TextStyle.SHORT, Locale.US).substring(0, 2);
            case "ddd" -> t.getDayOfWeek().getDisplayName(TextStyle.SHORT, Locale.US);
            case "dddd" -> t.getDayOfWeek().getDisplayName(TextStyle.FULL, Locale.US);
            case "e" -> String.valueOf(t.getDayOfWeek().getValue() % 7);
            case "E" -> String.valueOf(t.getDayOfWeek().getValue());
            case "w" -> String.valueOf(t.get(locale.weekOfWeekBasedYear()));
            case "wo" -> ordinal(t.get(locale.weekOfWeekBasedYear()));
            case "ww" -> pad(t.get(locale.weekOfWeekBasedYear()), 2);
            case "W" -> String.valueOf(t.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
            case "Wo" -> ordinal(t.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
            case "WW" -> pad(t.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR), 2);
            case "YY" -> pad(Math.floorMod(t.getYear(), 100), 2);
            case "YYYY", "yyyy" -> t.getYear() > 9999 ? "+" + t.getYear() : pad(t.getYear(), 4);
            case "YYYYY" -> pad(t.getYear(), 5);
            case "YYYYYY" -> (t.getYear() < 0 ? "-" : "+") + pad(Math.abs(t.getYear()), 6);
            case "yy" -> pad(Math.floorMod(t.getYear(), 100), 2);
            case "gg" -> pad(Math.floorMod(t.get(locale.weekBasedYear()), 100), 2);
            case "gggg" -> pad(t.get(locale.weekBasedYear()), 4);
            case "GG" -> pad(Math.floorMod(t.get(IsoFields.WEEK_BASED_YEAR), 100), 2);
            case "GGGG" -> pad(t.get(IsoFields.WEEK_BASED_YEAR), 4);
            case "A" -> t.getHour() < 12 ? "AM" : "PM";
            case "a" -> t.getHour() < 12 ? "am" : "pm";
            case "H" -> String.valueOf(t.getHour());
            case "HH" -> pad(t.getHour(), 2);
            case "h" -> String.valueOf(hour12);
            case "hh" -> pad(hour12, 2);
            case "k" -> String.valueOf(t.getHour() == 0 ? 24 : t.getHour());
            case "kk" -> pad(t.getHour() == 0 ? 24 : t.getHour(), 2);
            case "m" -> String.valueOf(t.getMinute());
            case "mm" -> pad(t.getMinute(), 2);
            case "s" -> String.valueOf(t.getSecond());
            case "ss" -> pad(t.getSecond(), 2);
            case "X" -> String.valueOf(Math.floorDiv(t.toInstant().toEpochMilli(), 1000));
            case "x" -> String.valueOf(t.toInstant().toEpochMilli());
            case "Z" -> offset(t, true);
            case "ZZ" -> offset(t, false);
            case "z", "zz" ->
                t.getZone() instanceof ZoneOffset ? "" : t.format(DateTimeFormatter.ofPattern("zzz", Locale.US));
            default -> {
                if (token.charAt(0) == 'S') {
                    String nanos = pad(t.getNano(), 9);
                    yield nanos.substring(0, token.length()) + "0".repeat(Math.max(0, token.length() - 9));
                }
                yield token;
            }
        };
    }

    private static String offset(ZonedDateTime t, boolean colon) {
        int total = t.getOffset().getTotalSeconds();
        int abs = Math.abs(total);
        return (total < 0 ? "-" : "+") + pad(abs / 3600, 2) + (colon ? ":" : "") + pad(abs / 60 % 60, 2);
    }

    private static String ordinal(int n) {
        int b = n % 10;
        String suffix = (n % 100) / 10 == 1 ? "th" : b == 1 ? "st" : b == 2 ? "nd" : b == 3 ? "rd" : "th";
        return n + suffix;
    }

    private static String pad(long v, int width) {
        String s = Long.toString(Math.abs(v));
        return (v < 0 ? "-" : "") + "0".repeat(Math.max(0, width - s.length())) + s;
    }
}
