package io.hearth.expression;

import java.util.List;

/** A named built-in function (e.g. {@code Math.max}); usable as a value and by host code. */
final class Builtin implements JsCallable, ExpressionFunction {

    @FunctionalInterface
    interface Impl {
        Object call(EvalContext ctx, Object[] args);
    }

    private final String name;
    private final Impl impl;

    Builtin(String name, Impl impl) {
        this.name = name;
        this.impl = impl;
    }

    @Override
    public Object call(EvalContext ctx, Object[] args) {
        return impl.call(ctx, args);
    }

    @Override
    public Object call(List<Object> args) {
        return impl.call(EvalContext.standalone(), args.toArray());
    }

    @Override
    public String toString() {
        return "function " + name + "() { [native code] }";
    }
}
