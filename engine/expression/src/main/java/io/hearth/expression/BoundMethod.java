package io.hearth.expression;

import java.util.List;

/** A built-in method read as a value ({@code const f = 'x'.toUpperCase}) and called later. */
final class BoundMethod implements JsCallable, ExpressionFunction {

    private final Object receiver;
    private final String name;

    BoundMethod(Object receiver, String name) {
        this.receiver = receiver;
        this.name = name;
    }

    // identity with a sentinel instance is the intent
    @SuppressWarnings("ReferenceEquality")
    @Override
    public Object call(EvalContext ctx, Object[] args) {
        Object result = Members.callBuiltinMethod(ctx, receiver, name, args);
        if (result == Members.NOT_FOUND) {
            throw JsThrow.typeError(name + " is not a function");
        }
        return result;
    }

    @Override
    public Object call(List<Object> args) {
        return call(EvalContext.standalone(), args.toArray());
    }

    @Override
    public String toString() {
        return "function " + name + "() { [native code] }";
    }
}
