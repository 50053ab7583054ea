package io.hearth.expression;

/**
 * A JavaScript exception in flight: a value thrown by {@code throw}, or an error the engine raises
 * where JavaScript throws one (TypeError, RangeError...). A {@code try/catch} in the expression
 * catches it. One that escapes the expression makes its {@code {{ }}} undefined, as in n8n, whose
 * expressions swallow JavaScript errors and only report n8n's own.
 */
final class JsThrow extends ExpressionException {

    private final transient Object value;
    private final String type;

    private JsThrow(String type, String message, Object value) {
        super(message);
        this.type = type;
        this.value = value;
    }

    /** The thrown value, or null when the engine raised the error (made into an Error object on catch). */
    Object value() {
        return value;
    }

    /** The Error type the engine raised (TypeError...), for the catch block's object. */
    String type() {
        return type;
    }

    static JsThrow of(Object value) {
        String message = value instanceof JsError e ? e.toString() : "Uncaught " + JsOps.describe(value);
        return new JsThrow(null, message, value);
    }

    /** A plain Error (as Luxon raises for an invalid unit). */
    static JsThrow error(String message) {
        return new JsThrow("Error", message, null);
    }

    static JsThrow typeError(String message) {
        return new JsThrow("TypeError", message, null);
    }

    static JsThrow rangeError(String message) {
        return new JsThrow("RangeError", message, null);
    }

    static JsThrow syntaxError(String message) {
        return new JsThrow("SyntaxError", message, null);
    }

    static JsThrow uriError(String message) {
        return new JsThrow("URIError", message, null);
    }

    /** What {@code catch (e)} binds: the thrown value, or an Error object for an engine error. */
    Object caught(EvalContext ctx) {
        if (value != null || type == null) {
            return value;
        }
        return new JsError(ctx, type, type, getMessage());
    }

    @Override
    public synchronized Throwable fillInStackTrace() {
        return this; // control flow of the interpreted program, not a Java bug: no stack trace needed
    }
}
