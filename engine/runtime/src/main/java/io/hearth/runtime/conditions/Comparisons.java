package io.hearth.runtime.conditions;

import io.hearth.expression.ExpressionException;
import io.hearth.expression.ExpressionValues;
import io.hearth.node.description.FilterOperator;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** One condition evaluated as n8n does (packages/workflow/src/node-parameters/filter-parameter.ts). */
final class Comparisons {

    private static final Pattern REGEX_LITERAL = Pattern.compile("^/(.*?)/([gimusy]*)$", Pattern.DOTALL);

    private Comparisons() {}

    static String unknownOperator(String type, String operation) {
        if (!FilterOperator.TYPES.contains(type)) {
            return "has an unknown type '" + type + "' (one of " + String.join(", ", FilterOperator.TYPES) + ")";
        }
        return "has an unknown operation '" + operation + "' for " + type + " (one of "
                + String.join(", ", FilterOperator.operations(type)) + ")";
    }

    static boolean evaluate(FilterCondition c, FilterOptions options, int index, int itemIndex, ZoneId zone) {
        String rightType = c.rightType().orElse(c.type());
        TypeConversion.Result left = TypeConversion.forFilter(c.leftValue(), c.type(), options, zone);
        TypeConversion.Result right = TypeConversion.forFilter(c.rightValue(), rightType, options, zone);
        if (!left.valid()
                && !right.valid()
                && !c.singleValue()
                && TypeConversion.typeOf(c.leftValue()).equals(TypeConversion.typeOf(c.rightValue()))) {
            throw new FilterException(
                    "Comparison type expects " + article(c.type()) + " but both fields are "
                            + article(TypeConversion.typeOf(c.leftValue())),
                    typeDescription(options.strictTypes()));
        }
        if (!left.valid()) {
            throw invalid(c.type(), c.leftValue(), options.strictTypes(), suffix(index, itemIndex));
        }
        if (!right.valid() && !c.singleValue()) {
            throw invalid(rightType, c.rightValue(), options.strictTypes(), suffix(index, itemIndex));
        }
        Object l = left.value();
        Object r = right.valid() ? right.value() : null;
        boolean exists = l != null && !(l instanceof Double d && d.isNaN());
        switch (c.operation()) {
            case "exists" -> {
                return exists;
            }
            case "notExists" -> {
                return !exists;
            }
            default -> {}
        }
        return switch (c.type()) {
            case "string" -> strings(c.operation(), l, r, !options.caseSensitive());
            case "number" -> numbers(c.operation(), l, r, exists);
            case "dateTime" -> dates(c.operation(), (ZonedDateTime) l, (ZonedDateTime) r, exists);
            case "boolean" -> booleans(c.operation(), l, r, exists);
            case "array" -> arrays(c.operation(), l, r, !options.caseSensitive());
            case "object" -> objects(c.operation(), l);
            default -> throw new FilterException("Unknown operator '" + c.operatorId() + "'", "");
        };
    }

    private static String suffix(int index, int itemIndex) {
        return "[condition " + index + ", item " + itemIndex + "]";
    }

    private static boolean strings(String op, Object leftValue, Object rightValue, boolean ignoreCase) {
        String left = leftValue == null ? "" : (String) leftValue;
        String right = rightValue == null ? "" : (String) rightValue;
        boolean regex = op.equals("regex") || op.equals("notRegex");
        if (ignoreCase) {
            left = left.toLowerCase(Locale.ROOT);
            if (!regex) {
                right = right.toLowerCase(Locale.ROOT);
            }
        }
        return switch (op) {
            case "empty" -> left.isEmpty();
            case "notEmpty" -> !left.isEmpty();
            case "equals" -> left.equals(right);
            case "notEquals" -> !left.equals(right);
            case "contains" -> left.contains(right);
            case "notContains" -> !left.contains(right);
            case "startsWith" -> left.startsWith(right);
            case "notStartsWith" -> !left.startsWith(right);
            case "endsWith" -> left.endsWith(right);
            case "notEndsWith" -> !left.endsWith(right);
            case "regex" -> regex(right).matcher(left).find();
            case "notRegex" -> !regex(right).matcher(left).find();
            default -> throw unknown("string", op);
        };
    }

    /** n8n reads {@code /pattern/flags} as a regular expression literal, anything else as the pattern. */
    static Pattern regex(String pattern) {
        Matcher literal = REGEX_LITERAL.matcher(pattern);
        try {
            return literal.matches()
                    ? ExpressionValues.regExp(literal.group(1), literal.group(2))
                    : ExpressionValues.regExp(pattern, "");
        } catch (ExpressionException e) {
            throw new FilterException(e.getMessage(), "Check the regular expression of the condition");
        }
    }

    private static boolean numbers(String op, Object leftValue, Object rightValue, boolean exists) {
        // null compares like undefined (an expression that found nothing): every comparison is false
        double left = leftValue instanceof Number n ? n.doubleValue() : Double.NaN;
        double right = rightValue instanceof Number n ? n.doubleValue() : Double.NaN;
        return switch (op) {
            case "empty" -> !exists;
            case "notEmpty" -> exists;
            case "equals" -> left == right;
            case "notEquals" -> left != right;
            case "gt" -> left > right;
            case "lt" -> left < right;
            case "gte" -> left >= right;
            case "lte" -> left <= right;
            default -> throw unknown("number", op);
        };
    }

    private static boolean dates(String op, ZonedDateTime left, ZonedDateTime right, boolean exists) {
        if (op.equals("empty")) {
            return !exists;
        }
        if (op.equals("notEmpty")) {
            return exists;
        }
        if (left == null || right == null) {
            return false;
        }
        long l = left.toInstant().toEpochMilli();
        long r = right.toInstant().toEpochMilli();
        return switch (op) {
            case "equals" -> l == r;
            case "notEquals" -> l != r;
            case "after" -> l > r;
            case "before" -> l < r;
            case "afterOrEquals" -> l >= r;
            case "beforeOrEquals" -> l <= r;
            default -> throw unknown("dateTime", op);
        };
    }

    private static boolean booleans(String op, Object left, Object right, boolean exists) {
        return switch (op) {
            case "empty" -> !exists;
            case "notEmpty" -> exists;
            case "true" -> Boolean.TRUE.equals(left);
            case "false" -> !Boolean.TRUE.equals(left);
            case "equals" -> left != null && left.equals(right);
            case "notEquals" -> left == null ? right != null : !left.equals(right);
            default -> throw unknown("boolean", op);
        };
    }

    private static boolean arrays(String op, Object leftValue, Object rightValue, boolean ignoreCase) {
        List<?> left = leftValue instanceof List<?> l ? l : List.of();
        double n = rightValue instanceof Number x ? x.doubleValue() : Double.NaN;
        return switch (op) {
            case "contains" -> contains(left, rightValue, ignoreCase);
            case "notContains" -> !contains(left, rightValue, ignoreCase);
            case "lengthEquals" -> left.size() == n;
            case "lengthNotEquals" -> left.size() != n;
            case "lengthGt" -> left.size() > n;
            case "lengthLt" -> left.size() < n;
            case "lengthGte" -> left.size() >= n;
            case "lengthLte" -> left.size() <= n;
            case "empty" -> left.isEmpty();
            case "notEmpty" -> !left.isEmpty();
            default -> throw unknown("array", op);
        };
    }

    private static boolean contains(List<?> array, Object value, boolean ignoreCase) {
        if (ignoreCase && value instanceof String s) {
            return array.stream().anyMatch(item -> item instanceof String t && t.equalsIgnoreCase(s));
        }
        return array.stream().anyMatch(item -> ExpressionValues.sameValueZero(item, value));
    }

    private static boolean objects(String op, Object left) {
        boolean empty = left == null
                || (left instanceof Map<?, ?> m && m.isEmpty())
                || (left instanceof Collection<?> c && c.isEmpty());
        return switch (op) {
            case "empty" -> empty;
            case "notEmpty" -> !empty;
            default -> throw unknown("object", op);
        };
    }

    private static FilterException unknown(String type, String op) {
        return new FilterException("The operator " + type + ":" + op + " " + unknownOperator(type, op), "");
    }

    private static FilterException invalid(String type, Object value, boolean strict, String suffix) {
        String from = TypeConversion.typeOf(value);
        String text = ExpressionValues.toText(value);
        String message = strict
                ? "Wrong type: '" + text + "' is " + article(from) + " but was expecting " + article(type) + " "
                        + suffix
                : "Conversion error: the " + from + " '" + text + "' can't be converted to " + article(type) + " "
                        + suffix;
        return new FilterException(message, typeDescription(strict));
    }

    private static String typeDescription(boolean strict) {
        return strict
                ? "Try changing the type of comparison. Alternatively you can enable 'Convert types where required'."
                : "Try changing the type of the comparison.";
    }

    private static String article(String noun) {
        return ("aeiou".indexOf(noun.isEmpty() ? 'x' : noun.charAt(0)) >= 0 ? "an " : "a ") + noun;
    }
}
