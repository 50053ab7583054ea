package io.hearth.uischema;

import java.math.BigDecimal;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/** Readings of single values, with the coercions the runtime applies (numeric strings, "true"). */
final class Values {

    private static final Pattern COLOR = Pattern.compile(PropertySchemas.COLOR_PATTERN);

    private Values() {}

    /** Absent for the purpose of {@code required}: null, blank text, an empty list or object, an empty locator. */
    static boolean isEmpty(Object value) {
        return switch (value) {
            case null -> true;
            case String s -> s.isBlank();
            case List<?> l -> l.isEmpty();
            case Map<?, ?> m when m.containsKey("__rl") -> isEmpty(m.get("value"));
            case Map<?, ?> m -> m.isEmpty();
            default -> false;
        };
    }

    static Optional<BigDecimal> number(Object value) {
        if (value instanceof Double d && (d.isNaN() || d.isInfinite())) {
            return Optional.empty();
        }
        if (value instanceof Float f && (f.isNaN() || f.isInfinite())) {
            return Optional.empty();
        }
        try {
            if (value instanceof Number n) {
                return Optional.of(new BigDecimal(n.toString()));
            }
            if (value instanceof String s) {
                return Optional.of(new BigDecimal(s.trim()));
            }
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }

    static boolean isBoolean(Object value) {
        return value instanceof Boolean
                || (value instanceof String s && (s.equalsIgnoreCase("true") || s.equalsIgnoreCase("false")));
    }

    static boolean isScalar(Object value) {
        return value instanceof String || value instanceof Number || value instanceof Boolean;
    }

    /** ISO-8601 with or without an offset (and optionally a region id), as Luxon and java.time read it. */
    static boolean isDateTime(Object value) {
        if (!(value instanceof String s)) {
            return false;
        }
        try {
            DateTimeFormatter.ISO_DATE_TIME.parse(s.trim());
            return true;
        } catch (DateTimeParseException e) {
            return false;
        }
    }

    static boolean isColor(Object value) {
        return value instanceof String s && COLOR.matcher(s).matches();
    }

    static boolean same(Object a, Object b) {
        Optional<BigDecimal> x = a instanceof Number ? number(a) : Optional.empty();
        Optional<BigDecimal> y = b instanceof Number ? number(b) : Optional.empty();
        if (x.isPresent() && y.isPresent()) {
            return x.get().compareTo(y.get()) == 0;
        }
        return a == null ? b == null : a.equals(b);
    }

    /** {@code 1.0} as {@code 1}, {@code 0.5} as {@code 0.5}. */
    static String plain(double d) {
        return BigDecimal.valueOf(d).stripTrailingZeros().toPlainString();
    }
}
