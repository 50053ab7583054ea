package io.hearth.expression;

/** Conversions the runtime shares with the expression language. */
public final class ExpressionValues {

    private ExpressionValues() {}

    /**
     * The value as plain JSON-like Java values: null, Undefined, Boolean, Number, String, List, Map
     * (dates as ISO-8601 strings, host objects as maps of their keys).
     *
     * @throws ExpressionException for a function or a value outside the sandbox
     */
    public static Object toJson(Object v) {
        return Values.toPlain(EvalContext.standalone(), v);
    }

    /** The text a value contributes to a mixed template: "" for null/undefined, JSON for objects. */
    public static String toDisplayString(Object v) {
        StringBuilder sb = new StringBuilder();
        Values.render(EvalContext.standalone(), sb, v);
        return sb.toString();
    }

    /** JavaScript truthiness. */
    public static boolean truthy(Object v) {
        return JsOps.truthy(v);
    }
}
