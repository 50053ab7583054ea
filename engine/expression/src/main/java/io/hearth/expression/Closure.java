package io.hearth.expression;

import java.util.Arrays;
import java.util.List;

/** A function value: the function's AST plus the environment it was created in. */
final class Closure implements JsCallable, ExpressionFunction {

    private final Node.Function function;
    private final Env env;
    private final EvalContext creator;

    Closure(Node.Function function, Env env, EvalContext creator) {
        this.function = function;
        this.env = env;
        this.creator = creator;
    }

    String name() {
        return function.name == null ? "" : function.name;
    }

    @Override
    public Object call(EvalContext ctx, Object[] args) {
        int units = function.stackUnits;
        ctx.enterCall(units);
        try {
            Env activation = bind(ctx, args);
            Node expression = function.expressionBody;
            if (expression != null) {
                return Interpreter.eval(expression, ctx, activation);
            }
            Stmt.Completion c = Interpreter.exec(function.blockBody, ctx, activation);
            if (c == Stmt.Completion.RETURN) {
                Object v = ctx.returnValue;
                ctx.returnValue = null;
                return v;
            }
            return Undefined.INSTANCE;
        } finally {
            ctx.exitCall(units);
        }
    }

    /** Host code calling a function it received runs it under the creating evaluation's budget. */
    @Override
    public Object call(List<Object> args) {
        return call(creator, args.toArray());
    }

    private Env bind(EvalContext ctx, Object[] args) {
        Object[] slots = new Object[function.frame];
        List<Pattern> params = function.params;
        int n = params.size();
        if (function.simpleParams) {
            int given = Math.min(n, args.length);
            for (int i = 0; i < slots.length; i++) {
                slots[i] = i < given ? args[i] : Undefined.INSTANCE;
            }
            if (function.selfSlot >= 0) {
                slots[function.selfSlot] = this;
            }
            return new Env(slots, env);
        }
        Arrays.fill(slots, Undefined.INSTANCE);
        Env activation = new Env(slots, env);
        if (function.selfSlot >= 0) {
            slots[function.selfSlot] = this;
        }
        for (int i = 0; i < n; i++) {
            Interpreter.bindPattern(
                    params.get(i), i < args.length ? args[i] : Undefined.INSTANCE, ctx, activation, true);
        }
        if (function.rest != null) {
            Interpreter.bindPattern(function.rest, rest(ctx, args, n), ctx, activation, true);
        }
        return activation;
    }

    private static JsArray rest(EvalContext ctx, Object[] args, int from) {
        int count = Math.max(0, args.length - from);
        JsArray rest = new JsArray(ctx, ctx.checkCollection(count));
        for (int j = from; j < args.length; j++) {
            rest.add(args[j]);
        }
        return rest;
    }

    @Override
    public String toString() {
        return function.arrow ? "() => { [code] }" : "function " + name() + "() { [code] }";
    }
}
