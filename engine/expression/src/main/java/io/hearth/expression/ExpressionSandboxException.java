package io.hearth.expression;

/** The expression tried to reach something outside the sandbox ({@code constructor}, {@code this}...). */
public class ExpressionSandboxException extends ExpressionException {

    public ExpressionSandboxException(String message) {
        super(message);
    }
}
