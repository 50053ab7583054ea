package io.hearth.expression;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code Date.parse} as Node.js reads strings: the ISO format of the spec, and the lenient
 * "legacy" forms V8 accepts ({@code Wed, 21 Oct 2015 07:28:00 GMT}, {@code 1-Feb-2024},
 * {@code Feb 1, 2024 10:00 PM}, {@code 2024/02/01}, {@code 02/01/2024}). A date without an offset is
 * local time, which is UTC here.
 */
final class JsDateParser {

    private static final String[] MONTHS = {
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"
    };
    private static final String[] WEEKDAYS = {"mon", "tue", "wed", "thu", "fri", "sat", "sun"};

    private JsDateParser() {}

    /** The instant, or null when Node.js would give an Invalid Date. */
    static ZonedDateTime parse(String input) {
        String s = input.strip();
        if (s.isEmpty()) {
            return null;
        }
        ZonedDateTime iso = LuxonParse.parseIso(s, ZoneOffset.UTC, false);
        if (iso != null && looksIso(s)) {
            return iso;
        }
        try {
            return legacy(s);
        } catch (DateTimeException | ArithmeticException | NumberFormatException e) {
            return null;
        }
    }

    /** The spec's format starts with a 4-digit (or signed 6-digit) year and a dash or ends there. */
    private static boolean looksIso(String s) {
        int i = s.charAt(0) == '+' || s.charAt(0) == '-' ? 7 : 4;
        if (s.length() < i) {
            return false;
        }
        for (int k = s.charAt(0) == '+' || s.charAt(0) == '-' ? 1 : 0; k < i; k++) {
            if (!JsNumbers.isDigit(s.charAt(k))) {
                return false;
            }
        }
        return s.length() == i || s.charAt(i) == '-' || s.charAt(i) == 'T';
    }

    private static ZonedDateTime legacy(String s) {
        s = s.replaceAll("\\([^)]*\\)", " ");
        List<Integer> numbers = new ArrayList<>();
        List<Integer> numberDigits = new ArrayList<>();
        int month = -1;
        int[] time = null;
        Integer offsetMinutes = null;
        boolean pm = false;
        boolean am = false;
        int i = 0;
        int n = s.length();
        while (i < n) {
            char c = s.charAt(i);
            if (JsNumbers.isDigit(c)) {
                int start = i;
                while (i < n && JsNumbers.isDigit(s.charAt(i))) {
                    i++;
                }
                String digits = s.substring(start, i);
                if (i < n && s.charAt(i) == ':' && time == null) {
                    time = new int[4];
                    time[0] = Integer.parseInt(digits);
                    int part = 1;
                    while (i < n && s.charAt(i) == ':' && part < 3) {
                        i++;
                        int ps = i;
                        while (i < n && JsNumbers.isDigit(s.charAt(i))) {
                            i++;
                        }
                        if (ps == i) {
                            return null;
                        }
                        time[part++] = Integer.parseInt(s.substring(ps, i));
                    }
                    if (i < n && s.charAt(i) == '.' && part == 3) {
                        i++;
                        int ps = i;
                        while (i < n && JsNumbers.isDigit(s.charAt(i))) {
                            i++;
                        }
                        String ms = (s.substring(ps, i) + "000").substring(0, 3);
                        time[3] = Integer.parseInt(ms);
                    }
                } else {
                    if (digits.length() > 9) {
                        return null;
                    }
                    numbers.add(Integer.parseInt(digits));
                    numberDigits.add(digits.length());
                }
            } else if (Character.isLetter(c)) {
                int start = i;
                while (i < n && Character.isLetter(s.charAt(i))) {
                    i++;
                }
                String word = s.substring(start, i).toLowerCase(Locale.ROOT);
                if (word.equals("am") || word.equals("a")) {
                    am = true;
                } else if (word.equals("pm") || word.equals("p")) {
                    pm = true;
                } else if (word.equals("gmt") || word.equals("utc") || word.equals("ut") || word.equals("z")) {
                    offsetMinutes = 0;
                } else if (word.equals("t") && time == null) {
                    // ISO-like date/time separator
                } else if (word.length() >= 3 && monthOf(word) >= 0) {
                    month = monthOf(word);
                } else if (word.length() >= 3 && isWeekday(word)) {
                    // ignored, as V8 does
                } else {
                    return null;
                }
            } else if ((c == '+' || c == '-')
                    && (time != null || offsetMinutes != null)
                    && i + 1 < n
                    && JsNumbers.isDigit(s.charAt(i + 1))) {
                int sign = c == '-' ? -1 : 1;
                i++;
                int start = i;
                while (i < n && JsNumbers.isDigit(s.charAt(i))) {
                    i++;
                }
                String digits = s.substring(start, i);
                int hours;
                int minutes;
                if (i < n && s.charAt(i) == ':') {
                    i++;
                    int ms = i;
                    while (i < n && JsNumbers.isDigit(s.charAt(i))) {
                        i++;
                    }
                    hours = Integer.parseInt(digits);
                    minutes = ms == i ? 0 : Integer.parseInt(s.substring(ms, i));
                } else if (digits.length() <= 2) {
                    hours = Integer.parseInt(digits);
                    minutes = 0;
                } else {
                    int v = Integer.parseInt(digits);
                    hours = v / 100;
                    minutes = v % 100;
                }
                offsetMinutes = sign * (hours * 60 + minutes);
            } else if (c == ' ' || c == ',' || c == '-' || c == '/' || c == '.' || c == '\t') {
                i++;
            } else {
                return null;
            }
        }
        int year;
        int mon;
        int day;
        int yearIndex;
        if (month >= 0) {
            mon = month + 1;
            if (numbers.size() == 2) {
                boolean yearFirst = numbers.get(0) > 31 || numberDigits.get(0) >= 3;
                yearIndex = yearFirst ? 0 : 1;
                year = numbers.get(yearIndex);
                day = numbers.get(yearFirst ? 1 : 0);
            } else if (numbers.size() == 1) {
                if (numbers.get(0) > 31 || numberDigits.get(0) >= 3) {
                    yearIndex = 0;
                    year = numbers.get(0);
                    day = 1;
                } else {
                    return null;
                }
            } else {
                return null;
            }
        } else if (numbers.size() == 3) {
            if (numbers.get(0) > 31 || numberDigits.get(0) >= 3) {
                yearIndex = 0;
                mon = numbers.get(1);
                day = numbers.get(2);
            } else {
                mon = numbers.get(0);
                day = numbers.get(1);
                yearIndex = 2;
            }
            year = numbers.get(yearIndex);
        } else if (numbers.size() == 2 && (numbers.get(0) > 31 || numberDigits.get(0) >= 3)) {
            yearIndex = 0;
            year = numbers.get(0);
            mon = numbers.get(1);
            day = 1;
        } else {
            return null;
        }
        if (year < 50 && numberDigits.get(yearIndex) <= 2) {
            year += 2000;
        } else if (year < 100 && numberDigits.get(yearIndex) <= 2) {
            year += 1900;
        }
        if (mon < 1 || mon > 12 || day < 1 || day > 31) {
            return null;
        }
        int hour = time == null ? 0 : time[0];
        if (pm && hour < 12) {
            hour += 12;
        } else if (am && hour == 12) {
            hour = 0;
        }
        LocalDate date = LocalDate.of(year, mon, 1).plusDays(day - 1L);
        if (date.getMonthValue() != mon) {
            return null;
        }
        LocalDateTime local = date.atStartOfDay()
                .plusHours(hour)
                .plusMinutes(time == null ? 0 : time[1])
                .plusSeconds(time == null ? 0 : time[2])
                .plusNanos(time == null ? 0 : time[3] * 1_000_000L);
        ZoneOffset offset = offsetMinutes == null ? ZoneOffset.UTC : ZoneOffset.ofTotalSeconds(offsetMinutes * 60);
        return ZonedDateTime.of(local, offset).withZoneSameInstant(ZoneOffset.UTC);
    }

    private static int monthOf(String word) {
        String prefix = word.substring(0, 3);
        for (int m = 0; m < MONTHS.length; m++) {
            if (MONTHS[m].equals(prefix)) {
                return m;
            }
        }
        return -1;
    }

    private static boolean isWeekday(String word) {
        String prefix = word.substring(0, 3);
        for (String d : WEEKDAYS) {
            if (d.equals(prefix)) {
                return true;
            }
        }
        return false;
    }
}
