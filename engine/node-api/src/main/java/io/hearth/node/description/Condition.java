package io.hearth.node.description;

import java.math.BigDecimal;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A comparison used inside {@link DisplayOptions} instead of a literal value, like n8n's
 * {@code {"_cnd": {"gte": 2}}}.
 */
public record Condition(Operator operator, Object operand) {

    public enum Operator {
        EQ("eq"),
        NOT("not"),
        GT("gt"),
        GTE("gte"),
        LT("lt"),
        LTE("lte"),
        STARTS_WITH("startsWith"),
        ENDS_WITH("endsWith"),
        INCLUDES("includes"),
        REGEX("regex"),
        EXISTS("exists");

        private final String wireName;

        Operator(String wireName) {
            this.wireName = wireName;
        }

        public String wireName() {
            return wireName;
        }

        public static Operator fromWireName(String name) {
            for (Operator op : values()) {
                if (op.wireName.equals(name)) {
                    return op;
                }
            }
            throw new IllegalArgumentException("unknown display condition '" + name + "'");
        }
    }

    public static Condition of(Operator operator, Object operand) {
        return new Condition(operator, operand);
    }

    /** True when {@code actual} (null if the parameter has no value) satisfies this condition. */
    public boolean test(Object actual) {
        return switch (operator) {
            case EQ -> DisplayOptions.sameValue(actual, operand);
            case NOT -> !DisplayOptions.sameValue(actual, operand);
            case GT -> compare(actual).map(c -> c > 0).orElse(false);
            case GTE -> compare(actual).map(c -> c >= 0).orElse(false);
            case LT -> compare(actual).map(c -> c < 0).orElse(false);
            case LTE -> compare(actual).map(c -> c <= 0).orElse(false);
            case STARTS_WITH -> actual instanceof String s && s.startsWith(String.valueOf(operand));
            case ENDS_WITH -> actual instanceof String s && s.endsWith(String.valueOf(operand));
            case INCLUDES -> actual instanceof String s && s.contains(String.valueOf(operand));
            case REGEX ->
                actual != null
                        && Pattern.compile(String.valueOf(operand))
                                .matcher(String.valueOf(actual))
                                .find();
            case EXISTS -> actual != null && !Objects.equals(actual, "");
        };
    }

    private java.util.Optional<Integer> compare(Object actual) {
        if (actual instanceof Number a && operand instanceof Number b) {
            return java.util.Optional.of(new BigDecimal(a.toString()).compareTo(new BigDecimal(b.toString())));
        }
        return java.util.Optional.empty();
    }
}
