package io.hearth.runtime.nodes;

import io.hearth.node.ParameterException;
import io.hearth.node.description.Option;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Comparisons for If, Switch and friends. Understands n8n's filter format (If v2, Switch v3:
 * {@code {conditions: [{leftValue, rightValue, operator: {type, operation}}], combinator}}),
 * Hearth's flat form ({@code operator: "number:gt"}) and If v1's typed lists.
 */
final class Conditions {

    private Conditions() {}

    /** The operators offered in forms, as {@code type:operation}. */
    static final List<Option> OPERATORS = List.of(
            Option.of("String: is equal to", "string:equals"),
            Option.of("String: is not equal to", "string:notEquals"),
            Option.of("String: contains", "string:contains"),
            Option.of("String: does not contain", "string:notContains"),
            Option.of("String: starts with", "string:startsWith"),
            Option.of("String: ends with", "string:endsWith"),
            Option.of("String: matches regex", "string:regex"),
            Option.of("String: is empty", "string:empty"),
            Option.of("String: is not empty", "string:notEmpty"),
            Option.of("Number: is equal to", "number:equals"),
            Option.of("Number: is not equal to", "number:notEquals"),
            Option.of("Number: is greater than", "number:gt"),
            Option.of("Number: is greater than or equal to", "number:gte"),
            Option.of("Number: is less than", "number:lt"),
            Option.of("Number: is less than or equal to", "number:lte"),
            Option.of("Boolean: is true", "boolean:true"),
            Option.of("Boolean: is false", "boolean:false"),
            Option.of("Date & Time: is after", "dateTime:after"),
            Option.of("Date & Time: is before", "dateTime:before"),
            Option.of("Array: contains", "array:contains"),
            Option.of("Array: length greater than", "array:lengthGt"),
            Option.of("Array: is empty", "array:empty"),
            Option.of("Array: is not empty", "array:notEmpty"),
            Option.of("Value: exists", "any:exists"),
            Option.of("Value: does not exist", "any:notExists"));

    /**
     * Evaluates a filter value: the n8n filter object, or a list of flat conditions.
     *
     * @param combinatorFallback used when the filter does not name its own combinator
     */
    static boolean evaluate(Object filter, String combinatorFallback, boolean caseSensitive, String parameter) {
        List<?> conditions;
        String combinator = combinatorFallback;
        boolean sensitive = caseSensitive;
        if (filter instanceof Map<?, ?> m) {
            conditions = m.get("conditions") instanceof List<?> l ? l : List.of();
            if (m.get("combinator") instanceof String c) {
                combinator = c;
            }
            if (m.get("options") instanceof Map<?, ?> o && o.get("caseSensitive") instanceof Boolean b) {
                sensitive = b;
            }
        } else if (filter instanceof List<?> l) {
            conditions = l;
        } else {
            conditions = List.of();
        }
        if (conditions.isEmpty()) {
            return true;
        }
        boolean any = "or".equalsIgnoreCase(combinator) || "any".equalsIgnoreCase(combinator);
        for (int i = 0; i < conditions.size(); i++) {
            if (!(conditions.get(i) instanceof Map<?, ?> c)) {
                throw new ParameterException(parameter + "[" + i + "]", "must be a condition object");
            }
            boolean ok = test(c, sensitive, parameter + "[" + i + "]");
            if (any && ok) {
                return true;
            }
            if (!any && !ok) {
                return false;
            }
        }
        return !any;
    }

    static boolean test(Map<?, ?> condition, boolean caseSensitive, String path) {
        String type;
        String operation;
        Object op = condition.get("operator");
        if (op instanceof Map<?, ?> om) {
            type = String.valueOf(om.get("type"));
            operation = String.valueOf(om.get("operation"));
        } else if (op instanceof String s && s.contains(":")) {
            type = s.substring(0, s.indexOf(':'));
            operation = s.substring(s.indexOf(':') + 1);
        } else {
            throw new ParameterException(path + ".operator", "must be like 'number:gt' or {type, operation}");
        }
        return compare(type, operation, condition.get("leftValue"), condition.get("rightValue"), caseSensitive, path);
    }

    static boolean compare(
            String type, String operation, Object left, Object right, boolean caseSensitive, String path) {
        switch (operation) {
            case "exists":
                return left != null;
            case "notExists":
                return left == null;
            case "empty":
                return isEmpty(left);
            case "notEmpty":
                return !isEmpty(left);
            default:
                break;
        }
        return switch (type) {
            case "string" -> compareStrings(operation, text(left), text(right), caseSensitive, path);
            case "number" ->
                compareNumbers(operation, number(left, path + ".leftValue"), number(right, path + ".rightValue"), path);
            case "boolean" ->
                switch (operation) {
                    case "true" -> truthy(left);
                    case "false" -> !truthy(left);
                    case "equals" -> truthy(left) == truthy(right);
                    case "notEquals" -> truthy(left) != truthy(right);
                    default -> throw unknown(type, operation, path);
                };
            case "dateTime" ->
                compareDates(operation, date(left, path + ".leftValue"), date(right, path + ".rightValue"), path);
            case "array" -> compareArrays(operation, left, right, path);
            case "object", "any" ->
                switch (operation) {
                    case "equals" -> Objects.equals(left, right);
                    case "notEquals" -> !Objects.equals(left, right);
                    default -> throw unknown(type, operation, path);
                };
            default -> throw new ParameterException(path + ".operator", "unknown type '" + type + "'");
        };
    }

    private static boolean compareStrings(String op, String l, String r, boolean caseSensitive, String path) {
        String a = caseSensitive ? l : l.toLowerCase(Locale.ROOT);
        String b = caseSensitive ? r : r.toLowerCase(Locale.ROOT);
        return switch (op) {
            case "equals" -> a.equals(b);
            case "notEquals" -> !a.equals(b);
            case "contains" -> a.contains(b);
            case "notContains" -> !a.contains(b);
            case "startsWith" -> a.startsWith(b);
            case "notStartsWith" -> !a.startsWith(b);
            case "endsWith" -> a.endsWith(b);
            case "notEndsWith" -> !a.endsWith(b);
            case "regex", "notRegex" -> {
                boolean found;
                try {
                    found = Pattern.compile(r, caseSensitive ? 0 : Pattern.CASE_INSENSITIVE)
                            .matcher(l)
                            .find();
                } catch (PatternSyntaxException e) {
                    throw new ParameterException(
                            path + ".rightValue", "is not a valid regular expression: " + e.getDescription());
                }
                yield op.equals("regex") == found;
            }
            default -> throw unknown("string", op, path);
        };
    }

    private static boolean compareNumbers(String op, BigDecimal l, BigDecimal r, String path) {
        if (l == null || r == null) {
            return op.equals("notEquals") && (l != null || r != null);
        }
        int c = l.compareTo(r);
        return switch (op) {
            case "equals" -> c == 0;
            case "notEquals" -> c != 0;
            case "gt" -> c > 0;
            case "gte" -> c >= 0;
            case "lt" -> c < 0;
            case "lte" -> c <= 0;
            default -> throw unknown("number", op, path);
        };
    }

    private static boolean compareDates(String op, ZonedDateTime l, ZonedDateTime r, String path) {
        if (l == null || r == null) {
            return false;
        }
        return switch (op) {
            case "after" -> l.isAfter(r);
            case "before" -> l.isBefore(r);
            case "afterOrEquals" -> !l.isBefore(r);
            case "beforeOrEquals" -> !l.isAfter(r);
            case "equals" -> l.isEqual(r);
            case "notEquals" -> !l.isEqual(r);
            default -> throw unknown("dateTime", op, path);
        };
    }

    private static boolean compareArrays(String op, Object left, Object right, String path) {
        List<?> list = left instanceof List<?> l ? l : List.of();
        BigDecimal n = right instanceof Number || right instanceof String ? number(right, path + ".rightValue") : null;
        return switch (op) {
            case "contains" -> list.stream().anyMatch(v -> looselyEqual(v, right));
            case "notContains" -> list.stream().noneMatch(v -> looselyEqual(v, right));
            case "lengthEquals" -> n != null && list.size() == n.intValue();
            case "lengthNotEquals" -> n != null && list.size() != n.intValue();
            case "lengthGt" -> n != null && list.size() > n.intValue();
            case "lengthLt" -> n != null && list.size() < n.intValue();
            case "lengthGte" -> n != null && list.size() >= n.intValue();
            case "lengthLte" -> n != null && list.size() <= n.intValue();
            default -> throw unknown("array", op, path);
        };
    }

    private static boolean looselyEqual(Object a, Object b) {
        if (a instanceof Number x && b instanceof Number y) {
            return new BigDecimal(x.toString()).compareTo(new BigDecimal(y.toString())) == 0;
        }
        return Objects.equals(a, b) || (a != null && b != null && a.toString().equals(b.toString()));
    }

    static boolean isEmpty(Object v) {
        return v == null
                || (v instanceof String s && s.isEmpty())
                || (v instanceof Collection<?> c && c.isEmpty())
                || (v instanceof Map<?, ?> m && m.isEmpty());
    }

    static boolean truthy(Object v) {
        if (v instanceof Boolean b) {
            return b;
        }
        if (v instanceof String s) {
            return s.equalsIgnoreCase("true") || s.equals("1") || s.equalsIgnoreCase("yes") || s.equalsIgnoreCase("on");
        }
        if (v instanceof Number n) {
            return n.doubleValue() != 0;
        }
        return v != null;
    }

    static String text(Object v) {
        if (v == null) {
            return "";
        }
        if (v instanceof Double d && d == Math.rint(d) && Math.abs(d) < 1e15) {
            return Long.toString(d.longValue());
        }
        if (v instanceof Map || v instanceof List) {
            return io.hearth.node.support.MiniJson.write(v);
        }
        return v.toString();
    }

    static BigDecimal number(Object v, String path) {
        if (v == null || (v instanceof String s && s.isBlank())) {
            return null;
        }
        if (v instanceof Number n) {
            if (n instanceof Double d && (d.isNaN() || d.isInfinite())) {
                return null;
            }
            return new BigDecimal(n.toString());
        }
        if (v instanceof Boolean b) {
            return b ? BigDecimal.ONE : BigDecimal.ZERO;
        }
        try {
            return new BigDecimal(v.toString().trim());
        } catch (NumberFormatException e) {
            throw new ParameterException(path, "must be a number, got '" + v + "'");
        }
    }

    private static ZonedDateTime date(Object v, String path) {
        if (v == null || "".equals(v)) {
            return null;
        }
        if (v instanceof Number n) {
            return java.time.Instant.ofEpochMilli(n.longValue()).atZone(java.time.ZoneOffset.UTC);
        }
        String s = v.toString();
        try {
            return ZonedDateTime.parse(s);
        } catch (DateTimeParseException e) {
            try {
                return OffsetDateTime.parse(s).toZonedDateTime();
            } catch (DateTimeParseException e2) {
                try {
                    return java.time.LocalDateTime.parse(s).atZone(java.time.ZoneOffset.UTC);
                } catch (DateTimeParseException e3) {
                    try {
                        return java.time.LocalDate.parse(s).atStartOfDay(java.time.ZoneOffset.UTC);
                    } catch (DateTimeParseException e4) {
                        throw new ParameterException(path, "must be an ISO-8601 date-time, got '" + s + "'");
                    }
                }
            }
        }
    }

    private static ParameterException unknown(String type, String op, String path) {
        return new ParameterException(path + ".operator", "unknown operation '" + op + "' for type " + type);
    }
}
