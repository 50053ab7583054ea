package io.hearth.expression;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** An arrow function value: the AST node plus the environment it was created in. */
final class Closure implements JsCallable, ExpressionFunction {

    private final Node.Arrow arrow;
    private final Env env;
    private final EvalContext creator;

    Closure(Node.Arrow arrow, Env env, EvalContext creator) {
        this.arrow = arrow;
        this.env = env;
        this.creator = creator;
    }

    @Override
    public Object call(EvalContext ctx, Object[] args) {
        int units = arrow.stackUnits();
        ctx.enterCall(units);
        try {
            return Interpreter.eval(arrow.body(), ctx, bind(ctx, args));
        } finally {
            ctx.exitCall(units);
        }
    }

    /** Host code calling an arrow it received runs it under the creating evaluation's budget. */
    @Override
    public Object call(List<Object> args) {
        return call(creator, args.toArray());
    }

    private Env bind(EvalContext ctx, Object[] args) {
        Object[] slots = new Object[arrow.slotCount()];
        List<Node.Param> params = arrow.params();
        if (params.size() != slots.length || args.length < params.size()) {
            Arrays.fill(slots, Undefined.INSTANCE);
        }
        for (int i = 0; i < params.size(); i++) {
            Node.Param p = params.get(i);
            if (p.rest()) {
                int n = Math.max(0, args.length - i);
                ArrayList<Object> rest = new ArrayList<>(ctx.checkCollection(n));
                for (int j = i; j < args.length; j++) {
                    rest.add(args[j]);
                }
                slots[p.slot()] = rest;
                break;
            }
            Object arg = i < args.length ? args[i] : Undefined.INSTANCE;
            if (p.keys() == null) {
                slots[p.slot()] = arg;
            } else {
                destructure(ctx, p, arg, slots);
            }
        }
        return new Env(slots, env);
    }

    private static void destructure(EvalContext ctx, Node.Param p, Object arg, Object[] slots) {
        if (arg == null || arg == Undefined.INSTANCE) {
            throw new ExpressionException("Cannot destructure '" + arg + "' as it is " + arg + ".");
        }
        List<String> keys = p.keys();
        List<Integer> targets = p.slots();
        for (int k = 0; k < keys.size(); k++) {
            int target = targets.get(k);
            if (target >= 0) {
                slots[target] = p.array() ? Members.get(ctx, arg, (long) k) : Members.getNamed(ctx, arg, keys.get(k));
            }
        }
    }

    @Override
    public String toString() {
        return "(arrow function)";
    }
}
