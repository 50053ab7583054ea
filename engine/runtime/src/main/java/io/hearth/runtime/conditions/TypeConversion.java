package io.hearth.runtime.conditions;

import io.hearth.common.Json;
import io.hearth.expression.DateTimeValue;
import io.hearth.expression.ExpressionValues;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A condition's value converted to the type its operator compares, as n8n's type validation does
 * (packages/workflow/src/type-validation.ts): strict mode accepts only values of that type; loose
 * mode converts where JavaScript would ({@code "12"} to 12, {@code "true"} to true, JSON text to an
 * array). {@code null} always passes unconverted.
 */
public final class TypeConversion {

    /** The converted value, or invalid. */
    public record Result(boolean valid, Object value) {
        static Result of(Object value) {
            return new Result(true, value);
        }

        static final Result INVALID = new Result(false, null);
    }

    private TypeConversion() {}

    static Result forFilter(Object value, String type, FilterOptions options, ZoneId zone) {
        if (type.equals("any") || value == null) {
            return Result.of(value);
        }
        boolean strict = options.strictTypes();
        if (type.equals("boolean") && !strict) {
            if (options.version() >= 2) {
                Result parsed = toBoolean(value, false);
                if (parsed.valid()) {
                    return parsed;
                }
            }
            return Result.of(ExpressionValues.truthy(value));
        }
        if (type.equals("number")) {
            if (value instanceof Double d && d.isNaN()) {
                return Result.of(value);
            }
            boolean emptyText = value instanceof String s && s.isBlank();
            boolean emptyList = value instanceof List<?> l && l.isEmpty();
            if ((emptyText || emptyList) && options.version() >= 3) {
                return Result.of(null);
            }
        }
        return switch (type) {
            case "string" -> strict && !(value instanceof String) ? Result.INVALID : Result.of(toText(value));
            case "number" -> toNumber(value, strict);
            case "boolean" -> toBoolean(value, strict);
            case "dateTime" -> toDateTime(value, zone);
            case "array" -> toArray(value, strict);
            case "object" -> toObject(value, strict);
            default -> Result.of(value);
        };
    }

    /**
     * n8n's validateFieldType without strictness, as nodes that set typed fields use it (Set v3):
     * number by JavaScript's Number(), boolean from true/false text or 0/1, array and object from JSON
     * text; {@code null} passes.
     */
    public static Result forField(Object value, String type) {
        if (value == null) {
            return Result.of(null);
        }
        return switch (type) {
            case "number" -> toNumber(value, false);
            case "boolean" -> toBoolean(value, false);
            case "array" -> toArray(value, false);
            case "object" -> toObject(value, false);
            default -> Result.of(value);
        };
    }

    /** JavaScript's {@code typeof} of a JSON value, for messages. */
    static String typeOf(Object v) {
        return switch (v) {
            case null -> "object";
            case String s -> "string";
            case Number n -> "number";
            case Boolean b -> "boolean";
            default -> "object";
        };
    }

    /** JSON.stringify for objects and lists, JavaScript's String() for the rest. */
    public static String toText(Object value) {
        if (value instanceof Map<?, ?> || value instanceof List<?>) {
            return ExpressionValues.stringify(value);
        }
        if (value instanceof DateTimeValue d) {
            return ExpressionValues.toText(d);
        }
        return ExpressionValues.toText(value);
    }

    private static Result toNumber(Object value, boolean strict) {
        if (strict && !(value instanceof Number)) {
            return Result.INVALID;
        }
        double d = ExpressionValues.toNumber(value);
        return Double.isNaN(d) ? Result.INVALID : Result.of(d);
    }

    private static Result toBoolean(Object value, boolean strict) {
        if (value instanceof Boolean b) {
            return Result.of(b);
        }
        if (strict) {
            return Result.INVALID;
        }
        if (value instanceof String s) {
            String lower = s.toLowerCase(Locale.ROOT);
            if (lower.equals("true") || lower.equals("false")) {
                return Result.of(lower.equals("true"));
            }
            if (s.isBlank()) {
                return Result.INVALID;
            }
        }
        double d = ExpressionValues.toNumber(value);
        if (d == 0) {
            return Result.of(false);
        }
        return d == 1 ? Result.of(true) : Result.INVALID;
    }

    private static Result toDateTime(Object value, ZoneId zone) {
        Optional<ZonedDateTime> parsed = ExpressionValues.parseDateTime(
                value instanceof DateTimeValue ? value : ExpressionValues.toText(value), zone);
        return parsed.map(t -> Result.of((Object) t)).orElse(Result.INVALID);
    }

    private static Result toArray(Object value, boolean strict) {
        if (value instanceof List<?>) {
            return Result.of(value);
        }
        if (strict) {
            return Result.INVALID;
        }
        String text = ExpressionValues.toText(value);
        Object parsed = parseJson(text);
        if (parsed == null) {
            parsed = parseJson(text.replace('\'', '"'));
        }
        return parsed instanceof List<?> ? Result.of(parsed) : Result.INVALID;
    }

    private static Result toObject(Object value, boolean strict) {
        if (value instanceof Map<?, ?>) {
            return Result.of(value);
        }
        if (strict && !(value instanceof List<?>)) {
            return Result.INVALID;
        }
        Object parsed = parseJson(ExpressionValues.toText(value));
        return parsed instanceof Map<?, ?> ? Result.of(parsed) : Result.INVALID;
    }

    private static Object parseJson(String text) {
        try {
            return Json.parse(text);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
