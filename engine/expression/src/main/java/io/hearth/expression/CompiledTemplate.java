package io.hearth.expression;

import java.util.List;

/** A parsed template: literal text parts (String) and expression parts (Node), immutable. */
final class CompiledTemplate implements Template {

    private final String source;
    private final Object[] parts;
    private final ExpressionLimits limits;
    private final Node single;

    CompiledTemplate(String source, List<Object> parts, ExpressionLimits limits) {
        this.source = source;
        this.parts = parts.toArray();
        this.limits = limits;
        this.single = parts.size() == 1 && parts.get(0) instanceof Node n ? n : null;
    }

    @Override
    public Object evaluate(Scope scope) {
        return evaluate(scope, true);
    }

    /** The value as the expression produced it (dates stay dates): what n8n's own tests look at. */
    Object evaluateValue(Scope scope) {
        return evaluate(scope, false);
    }

    private Object evaluate(Scope scope, boolean plain) {
        EvalContext ctx = new EvalContext(limits, java.util.Objects.requireNonNull(scope, "scope"));
        try {
            if (single != null) {
                Object v = segment(single, ctx);
                return plain ? Values.toPlain(ctx, v) : v;
            }
            StringBuilder sb = new StringBuilder();
            for (Object part : parts) {
                if (part instanceof String text) {
                    sb.append(text);
                } else {
                    Values.render(ctx, sb, segment((Node) part, ctx));
                }
                ctx.checkString(sb.length());
            }
            return sb.toString();
        } catch (ExpressionException e) {
            throw e;
        } catch (StackOverflowError e) { // safety net: the call-depth budget normally fires first
            throw new ExpressionLimitException("maxCallDepth", "expression nesting exhausted the thread stack");
        } catch (RuntimeException e) { // thrown by a host object or function
            throw new ExpressionException(e.getMessage() != null ? e.getMessage() : e.toString(), e);
        }
    }

    /**
     * One {@code {{ }}}. As in n8n, a JavaScript error that escapes it (reading a property of
     * undefined, calling a non-function, a {@code throw} in the expression) makes it undefined;
     * n8n's own errors, sandbox refusals and limits are reported.
     */
    private static Object segment(Node node, EvalContext ctx) {
        try {
            return Interpreter.eval(node, ctx, null);
        } catch (JsThrow e) {
            return Undefined.INSTANCE;
        }
    }

    @Override
    public String source() {
        return source;
    }

    @Override
    public boolean isSingleExpression() {
        return single != null;
    }

    @Override
    public String toString() {
        return "=" + source;
    }
}
