package io.hearth.expression;

/** An error raised while compiling or evaluating an expression; messages read like JavaScript's. */
public class ExpressionException extends RuntimeException {

    public ExpressionException(String message) {
        super(message);
    }

    public ExpressionException(String message, Throwable cause) {
        super(message, cause);
    }
}
