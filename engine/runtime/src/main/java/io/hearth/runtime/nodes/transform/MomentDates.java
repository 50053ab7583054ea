package io.hearth.runtime.nodes.transform;

import io.hearth.expression.ExpressionValues;
import io.hearth.expression.Luxon;
import io.hearth.node.NodeException;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.TextStyle;
import java.time.temporal.IsoFields;
import java.time.temporal.WeekFields;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Dates the way Moment.js reads and writes them, which n8n's Date &amp; Time node version 1 (and the
 * parsing of version 2) rely on: {@code moment(text)} (ISO 8601, RFC 2822, then the browser-style
 * formats JavaScript's {@code Date} accepts, such as {@code 08/01/2022} or {@code April 1, 2022}),
 * {@code moment(text, format)} and {@code format(tokens)} with Moment's tokens ({@code YYYY-MM-DD},
 * {@code Do MMMM}, {@code X}). Text without an offset is read as local time in the zone given.
 */
final class MomentDates {

    private MomentDates() {}

    /** A parsed date; {@code iso} tells whether the text was ISO 8601 (moment-timezone re-reads only those). */
    record Parsed(ZonedDateTime time, boolean iso, boolean hadOffset) {}

    private static final Pattern HAS_OFFSET =
            Pattern.compile("(?:Z|[+-]\\d{2}(?::?\\d{2})?)$", Pattern.CASE_INSENSITIVE);

    /** {@code moment(text)}: empty when Moment would call it invalid. */
    static Optional<Parsed> parse(String text, ZoneId local) {
        String s = text.strip();
        if (s.isEmpty()) {
            return Optional.empty();
        }
        if (Character.isDigit(s.charAt(0)) && s.length() >= 4 && Character.isDigit(s.charAt(3))) {
            Optional<ZonedDateTime> iso = Luxon.parseIso(s, local);
            if (iso.isPresent()) {
                return Optional.of(
                        new Parsed(iso.get(), true, HAS_OFFSET.matcher(s).find()));
            }
        }
        try {
            ZonedDateTime rfc = ZonedDateTime.parse(s, DateTimeFormatter.RFC_1123_DATE_TIME);
            return Optional.of(new Parsed(rfc, false, true));
        } catch (DateTimeParseException e) {
            // not RFC 2822 either: JavaScript's Date parser below
        }
        return browserDate(s, local).map(p -> new Parsed(p.time(), false, p.hadOffset()));
    }

    private static final String[] MONTHS = {
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december"
    };
    private static final Pattern WORD = Pattern.compile("[A-Za-z]+|\\d+|[+-]\\d{2}:?\\d{2}|:");

    /**
     * The forms JavaScript's Date accepts beyond ISO: {@code 08/01/2022}, {@code 2022/08/01 10:00},
     * {@code Aug 1 2022}, {@code 1 August 2022 10:00 PM}, {@code Mon Aug 01 2022 10:00:00 GMT+0200}.
     */
    private static Optional<Parsed> browserDate(String s, ZoneId local) {
        Integer year = null;
        Integer month = null;
        Integer day = null;
        int hour = 0;
        int minute = 0;
        int second = 0;
        Boolean pm = null;
        ZoneOffset offset = null;
        String[] dateParts = s.split("[/\\-.]");
        Matcher time = Pattern.compile("(\\d{1,2}):(\\d{2})(?::(\\d{2})(?:\\.(\\d{1,3}))?)?")
                .matcher(s);
        String rest = s;
        if (time.find()) {
            hour = Integer.parseInt(time.group(1));
            minute = Integer.parseInt(time.group(2));
            second = time.group(3) == null ? 0 : Integer.parseInt(time.group(3));
            rest = s.substring(0, time.start()) + " " + s.substring(time.end());
        }
        Matcher zone = Pattern.compile("(?:GMT|UTC|Z)?([+-])(\\d{2}):?(\\d{2})|\\b(GMT|UTC|Z)\\b")
                .matcher(rest);
        if (zone.find()) {
            offset = zone.group(4) != null
                    ? ZoneOffset.UTC
                    : ZoneOffset.ofHoursMinutes(
                            (zone.group(1).equals("-") ? -1 : 1) * Integer.parseInt(zone.group(2)),
                            (zone.group(1).equals("-") ? -1 : 1) * Integer.parseInt(zone.group(3)));
            rest = rest.substring(0, zone.start()) + " " + rest.substring(zone.end());
        }
        List<Integer> numbers = new ArrayList<>();
        Matcher w = WORD.matcher(rest);
        while (w.find()) {
            String token = w.group();
            if (Character.isDigit(token.charAt(0))) {
                numbers.add(Integer.parseInt(token.length() > 9 ? token.substring(0, 9) : token));
            } else if (Character.isLetter(token.charAt(0))) {
                String lower = token.toLowerCase(Locale.ROOT);
                if (lower.equals("am") || lower.equals("pm")) {
                    pm = lower.equals("pm");
                    continue;
                }
                int m = monthOf(lower);
                if (m > 0 && month == null) {
                    month = m;
                } else if (m == 0 && !isWeekday(lower) && !lower.equals("t") && !lower.equals("at")) {
                    return Optional.empty();
                }
            }
        }
        if (month != null) {
            // Aug 1 2022 / 1 August 2022: the year is the number over 31 or the last one
            for (int n : numbers) {
                if (n > 31 || (day != null && year == null)) {
                    year = year == null ? n : year;
                } else if (day == null) {
                    day = n;
                }
            }
        } else if (numbers.size() >= 3 && dateParts.length >= 3) {
            if (numbers.get(0) > 31) { // 2022/08/01
                year = numbers.get(0);
                month = numbers.get(1);
                day = numbers.get(2);
            } else { // 08/01/2022, month first as in the US
                month = numbers.get(0);
                day = numbers.get(1);
                year = numbers.get(2);
            }
        } else {
            return Optional.empty();
        }
        if (year == null || day == null) {
            return Optional.empty();
        }
        if (year < 100) {
            year += year < 50 ? 2000 : 1900;
        }
        if (pm != null && hour <= 12) {
            hour = pm ? (hour % 12) + 12 : hour % 12;
        }
        try {
            LocalDateTime t = LocalDateTime.of(year, month, day, hour, minute, second);
            return Optional.of(new Parsed(
                    offset == null ? t.atZone(local) : t.atOffset(offset).toZonedDateTime(), false, offset != null));
        } catch (DateTimeException e) {
            return Optional.empty();
        }
    }

    private static int monthOf(String word) {
        if (word.length() < 3) {
            return 0;
        }
        for (int i = 0; i < MONTHS.length; i++) {
            if (MONTHS[i].startsWith(word)) {
                return i + 1;
            }
        }
        return 0;
    }

    private static boolean isWeekday(String word) {
        for (DayOfWeek d : DayOfWeek.values()) {
            if (word.length() >= 3
                    && d.getDisplayName(TextStyle.FULL, Locale.US)
                            .toLowerCase(Locale.ROOT)
                            .startsWith(word)) {
                return true;
            }
        }
        return false;
    }

    // ---- Moment's format tokens

    private static final Pattern TOKEN = Pattern.compile(
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

    private static String expandMacros(String format) {
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

    // ---- moment(text, format)

    /**
     * {@code moment(text, format[, strict])}: the tokens of the format read from the text. Forgiving
     * mode skips what does not match a token's shape, as Moment does; strict mode needs the whole text.
     */
    static Optional<ZonedDateTime> parse(String text, String format, ZoneId local, boolean strict) {
        String f = expandMacros(format);
        Matcher m = TOKEN.matcher(f);
        int year = -1;
        int month = 1;
        int day = 1;
        int hour = 0;
        int minute = 0;
        int second = 0;
        int nanos = 0;
        Boolean pm = null;
        ZoneOffset offset = null;
        Long epochMillis = null;
        int pos = 0;
        String s = text;
        while (m.find()) {
            String token = m.group();
            if (token.startsWith("[") || token.startsWith("\\") || !isToken(token)) {
                String literal = token.startsWith("[")
                        ? token.substring(1, token.length() - 1)
                        : token.startsWith("\\") ? token.substring(1) : token;
                if (s.startsWith(literal, pos)) {
                    pos += literal.length();
                } else if (strict) {
                    return Optional.empty();
                }
                continue;
            }
            if (!strict) {
                while (pos < s.length() && !startsValue(token, s.charAt(pos))) {
                    pos++;
                }
            }
            Matcher v = valuePattern(token).matcher(s);
            v.region(pos, s.length());
            if (!v.lookingAt()) {
                if (strict) {
                    return Optional.empty();
                }
                continue;
            }
            String value = v.group();
            pos = v.end();
            switch (token) {
                case "YYYY", "YYYYY", "YYYYYY", "Y", "GGGG", "gggg" -> year = Integer.parseInt(value.replace("+", ""));
                case "YY", "GG", "gg" -> {
                    int y = Integer.parseInt(value);
                    year = y + (y > 68 ? 1900 : 2000);
                }
                case "M", "MM" -> month = Integer.parseInt(value);
                case "MMM", "MMMM" -> month = monthOf(value.toLowerCase(Locale.ROOT));
                case "D", "DD", "Do" -> day = Integer.parseInt(value.replaceAll("\\D", ""));
                case "H", "HH", "h", "hh", "k", "kk" -> hour = Integer.parseInt(value) % 24;
                case "m", "mm" -> minute = Integer.parseInt(value);
                case "s", "ss" -> second = Integer.parseInt(value);
                case "a", "A" -> pm = value.toLowerCase(Locale.ROOT).startsWith("p");
                case "X" -> epochMillis = Math.round(Double.parseDouble(value) * 1000);
                case "x" -> epochMillis = Long.parseLong(value);
                case "Z", "ZZ" ->
                    offset = value.equalsIgnoreCase("Z")
                            ? ZoneOffset.UTC
                            : ZoneOffset.of(
                                    value.length() == 5 ? value.substring(0, 3) + ":" + value.substring(3) : value);
                default -> {
                    if (token.charAt(0) == 'S') {
                        nanos = Integer.parseInt((value + "000000000").substring(0, 9));
                    }
                }
            }
        }
        if (strict && pos != s.length()) {
            return Optional.empty();
        }
        try {
            if (epochMillis != null) {
                return Optional.of(Instant.ofEpochMilli(epochMillis).atZone(local));
            }
            if (pm != null) {
                hour = pm ? (hour % 12) + 12 : hour % 12;
            }
            LocalDateTime t = LocalDateTime.of(
                    LocalDate.of(year < 0 ? LocalDate.now(local).getYear() : year, month, day),
                    LocalTime.of(hour, minute, second, nanos));
            return Optional.of(
                    offset == null ? t.atZone(local) : t.atOffset(offset).atZoneSameInstant(local));
        } catch (DateTimeException | ArithmeticException e) {
            return Optional.empty();
        }
    }

    private static boolean isToken(String token) {
        return token.length() > 1 || "MDdeEwWQYyHhkmsSaAXxZz".indexOf(token.charAt(0)) >= 0;
    }

    private static boolean startsValue(String token, char c) {
        return switch (token) {
            case "MMM", "MMMM", "a", "A", "ddd", "dddd" -> Character.isLetter(c);
            case "Z", "ZZ" -> c == '+' || c == '-' || c == 'Z' || c == 'z';
            default -> Character.isDigit(c) || c == '+' || c == '-';
        };
    }

    private static Pattern valuePattern(String token) {
        return switch (token) {
            case "YYYY", "GGGG", "gggg" -> Pattern.compile("\\d{4}");
            case "YYYYY", "YYYYYY", "Y" -> Pattern.compile("[+-]?\\d{1,6}");
            case "YY", "GG", "gg", "MM", "DD", "HH", "hh", "kk", "mm", "ss" -> Pattern.compile("\\d{2}");
            case "M", "D", "H", "h", "k", "m", "s" -> Pattern.compile("\\d{1,2}");
            case "Do" -> Pattern.compile("\\d{1,2}(?:st|nd|rd|th)?");
            case "MMM", "MMMM" ->
                Pattern.compile(
                        "(?i)jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:tember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?");
            case "a", "A" -> Pattern.compile("(?i)[ap]\\.?m?\\.?");
            case "X" -> Pattern.compile("-?\\d+(?:\\.\\d{1,3})?");
            case "x" -> Pattern.compile("-?\\d+");
            case "Z", "ZZ" -> Pattern.compile("(?i)Z|[+-]\\d{2}:?\\d{2}");
            default ->
                token.charAt(0) == 'S'
                        ? Pattern.compile("\\d{1," + Math.max(token.length(), 3) + "}")
                        : Pattern.compile("\\S+");
        };
    }

    /**
     * A value JavaScript's {@code Number()} reads as a number, as n8n's Date &amp; Time nodes take it:
     * Unix seconds when the integer has fewer than 12 digits, else milliseconds; a fraction means
     * seconds with a fraction. Empty when the value is not a number.
     */
    static Optional<ZonedDateTime> fromNumber(Object value, ZoneId zone) {
        if (value instanceof String || value instanceof Number || value instanceof Boolean || value == null) {
            double n = ExpressionValues.toNumber(value);
            if (Double.isNaN(n) || Double.isInfinite(n)) {
                return Optional.empty();
            }
            if (n != Math.rint(n)) {
                n = n * 1000;
                if (n != Math.rint(n)) {
                    throw new NodeException("Invalid date format");
                }
            }
            long whole = (long) n;
            Instant instant =
                    Long.toString(whole).length() < 12 ? Instant.ofEpochSecond(whole) : Instant.ofEpochMilli(whole);
            return Optional.of(instant.atZone(zone));
        }
        return Optional.empty();
    }
}
