package io.hearth.expression;

import java.time.Duration;
import java.util.Objects;

/**
 * Resource bounds of one evaluation of a template.
 *
 * @param timeout wall-clock budget of one {@link Template#evaluate} call, regex matching included
 * @param maxSteps evaluation steps (AST nodes visited, plus elements touched by built-ins)
 * @param maxCallDepth nesting of arrow-function calls
 * @param maxStringLength longest string an expression may produce
 * @param maxCollectionSize largest array or object an expression may produce
 */
public record ExpressionLimits(
        Duration timeout, long maxSteps, int maxCallDepth, int maxStringLength, int maxCollectionSize) {

    public ExpressionLimits {
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive");
        }
        if (maxSteps <= 0 || maxCallDepth <= 0 || maxStringLength <= 0 || maxCollectionSize <= 0) {
            throw new IllegalArgumentException("limits must be positive");
        }
    }

    /** 1 s, 5M steps, call depth 200, 10M characters, 1M elements. */
    public static ExpressionLimits defaults() {
        return new ExpressionLimits(Duration.ofSeconds(1), 5_000_000, 200, 10_000_000, 1_000_000);
    }
}
