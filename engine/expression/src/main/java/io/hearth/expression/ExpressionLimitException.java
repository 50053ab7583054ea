package io.hearth.expression;

/** An {@link ExpressionLimits} bound was exceeded; {@link #limit()} names which one. */
public class ExpressionLimitException extends ExpressionException {

    private final String limit;

    /** @param limit the {@link ExpressionLimits} component: timeout, maxSteps, maxCallDepth... */
    public ExpressionLimitException(String limit, String message) {
        super(message + " (limit: " + limit + ")");
        this.limit = limit;
    }

    public String limit() {
        return limit;
    }
}
