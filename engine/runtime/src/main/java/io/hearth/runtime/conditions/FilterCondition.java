package io.hearth.runtime.conditions;

import java.util.Optional;

/**
 * One condition of a filter, with its values already resolved.
 *
 * @param type        the left value's type ({@code string}, {@code number}, ...)
 * @param operation   the comparison ({@code equals}, {@code gt}, ...)
 * @param rightType   the right value's type, when it differs from {@code type}
 * @param singleValue the operation reads no right value
 */
public record FilterCondition(
        Object leftValue,
        Object rightValue,
        String type,
        String operation,
        Optional<String> rightType,
        boolean singleValue) {

    public FilterCondition {
        rightType = rightType == null ? Optional.empty() : rightType;
    }

    String operatorId() {
        return type + ":" + operation;
    }
}
