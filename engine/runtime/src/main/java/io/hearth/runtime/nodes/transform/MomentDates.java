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
 * {@code Do MMMM}, {@code X}; writing them: {@link MomentFormat}). Text without an offset is read as local time in the
 * zone given.
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
    // the count of date parts decides the format, and split's dropping of trailing empty parts is part of that
    @SuppressWarnings("StringSplitter")
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

    // ---- moment(text, format)

    /**
     * {@code moment(text, format[, strict])}: the tokens of the format read from the text. Forgiving
     * mode skips what does not match a token's shape, as Moment does; strict mode needs the whole text.
     */
    static Optional<ZonedDateTime> parse(String text, String format, ZoneId local, boolean strict) {
        String f = MomentFormat.expandMacros(format);
        Matcher m = MomentFormat.TOKEN.matcher(f);
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
