package io.hearth.expression;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Tree-walking evaluator. Every visited node costs one step of the evaluation budget. */
final class Interpreter {

    private static final Object[] NO_ARGS = new Object[0];

    private Interpreter() {}

    static Object eval(Node node, EvalContext ctx, Env env) {
        ctx.step();
        return switch (node) {
            case Node.Member m -> member(m, ctx, env);
            case Node.Local l -> env.get(l.depth(), l.index());
            case Node.Literal l -> l.value();
            case Node.Global g -> global(g.name(), ctx);
            case Node.Call c -> call(c, ctx, env);
            case Node.Binary b -> binary(b, ctx, env);
            case Node.Logical l -> logical(l, ctx, env);
            case Node.Index i -> index(i, ctx, env);
            case Node.Conditional c ->
                eval(JsOps.truthy(eval(c.test(), ctx, env)) ? c.then() : c.otherwise(), ctx, env);
            case Node.OptionalChain o -> {
                Object v = eval(o.expression(), ctx, env);
                yield v == Members.SHORT_CIRCUIT ? Undefined.INSTANCE : v;
            }
            case Node.Unary u -> unary(u, ctx, env);
            case Node.TemplateLiteral t -> template(t, ctx, env);
            case Node.ArrayLiteral a -> array(a, ctx, env);
            case Node.ObjectLiteral o -> object(o, ctx, env);
            case Node.Arrow a -> new Closure(a, env, ctx);
            case Node.RegexLiteral r -> r.regex();
            case Node.NewDate d -> Globals.newDate(ctx, args(d.args(), ctx, env));
            case Node.Sequence s -> {
                Object v = Undefined.INSTANCE;
                for (Node e : s.expressions()) {
                    v = eval(e, ctx, env);
                }
                yield v;
            }
            case Node.Spread s -> throw new ExpressionException("Unexpected spread");
        };
    }

    private static Object global(String name, EvalContext ctx) {
        Object v = ctx.scope.lookup(name);
        if (v != Undefined.INSTANCE) {
            return v;
        }
        v = Globals.get(name);
        if (v != null) {
            return v;
        }
        if (Sandbox.isDeniedGlobal(name)) {
            throw Sandbox.deniedGlobal(name);
        }
        throw new ExpressionException(name + " is not defined");
    }

    private static Object member(Node.Member m, EvalContext ctx, Env env) {
        Object target = eval(m.object(), ctx, env);
        if (target == Members.SHORT_CIRCUIT) {
            return target;
        }
        if (JsOps.isNullish(target)) {
            if (m.optional()) {
                return Members.SHORT_CIRCUIT;
            }
            throw Members.cannotRead(target, m.name());
        }
        return Members.getNamed(ctx, target, m.name());
    }

    private static Object index(Node.Index ix, EvalContext ctx, Env env) {
        Object target = eval(ix.object(), ctx, env);
        if (target == Members.SHORT_CIRCUIT) {
            return target;
        }
        if (JsOps.isNullish(target) && ix.optional()) {
            return Members.SHORT_CIRCUIT;
        }
        return Members.get(ctx, target, eval(ix.key(), ctx, env));
    }

    private static Object call(Node.Call c, EvalContext ctx, Env env) {
        Node callee = c.callee();
        if (callee instanceof Node.Member m) {
            Object target = eval(m.object(), ctx, env);
            if (target == Members.SHORT_CIRCUIT) {
                return target;
            }
            if (JsOps.isNullish(target)) {
                if (m.optional()) {
                    return Members.SHORT_CIRCUIT;
                }
                throw Members.cannotRead(target, m.name());
            }
            return Members.callMethod(ctx, target, m.name(), args(c.args(), ctx, env), c);
        }
        if (callee instanceof Node.Index ix) {
            Object target = eval(ix.object(), ctx, env);
            if (target == Members.SHORT_CIRCUIT) {
                return target;
            }
            if (JsOps.isNullish(target) && ix.optional()) {
                return Members.SHORT_CIRCUIT;
            }
            Object key = eval(ix.key(), ctx, env);
            if (key instanceof Number || JsOps.isNullish(target)) {
                Object fn = Members.get(ctx, target, key);
                return Members.callValue(ctx, fn, args(c.args(), ctx, env), c);
            }
            return Members.callMethod(ctx, target, JsOps.toKey(ctx, key), args(c.args(), ctx, env), c);
        }
        Object fn = eval(callee, ctx, env);
        if (fn == Members.SHORT_CIRCUIT) {
            return fn;
        }
        return Members.callValue(ctx, fn, args(c.args(), ctx, env), c);
    }

    private static Object[] args(List<Node> nodes, EvalContext ctx, Env env) {
        int n = nodes.size();
        if (n == 0) {
            return NO_ARGS;
        }
        Object[] out = new Object[n];
        for (int i = 0; i < n; i++) {
            Node a = nodes.get(i);
            if (a instanceof Node.Spread) {
                ArrayList<Object> list = new ArrayList<>(n + 8);
                for (int j = 0; j < i; j++) {
                    list.add(out[j]);
                }
                for (int j = i; j < n; j++) {
                    Node b = nodes.get(j);
                    if (b instanceof Node.Spread s) {
                        spreadInto(ctx, list, eval(s.argument(), ctx, env));
                    } else {
                        list.add(eval(b, ctx, env));
                    }
                }
                return list.toArray();
            }
            out[i] = eval(a, ctx, env);
        }
        return out;
    }

    /** {@code ...value} in an array literal or argument list. */
    static void spreadInto(EvalContext ctx, List<Object> out, Object value) {
        if (value instanceof List<?> l) {
            ctx.checkCollection((long) out.size() + l.size());
            ctx.steps(l.size());
            out.addAll(l);
        } else if (value instanceof String s) {
            ctx.checkCollection((long) out.size() + s.length());
            ctx.steps(s.length());
            s.codePoints().forEach(cp -> out.add(Character.toString(cp)));
        } else {
            throw new ExpressionException(JsOps.describe(value) + " is not iterable");
        }
    }

    private static Object binary(Node.Binary b, EvalContext ctx, Env env) {
        Object l = eval(b.left(), ctx, env);
        Object r = eval(b.right(), ctx, env);
        return switch (b.op()) {
            case ADD -> JsOps.add(ctx, l, r);
            case SUBTRACT -> JsNumbers.box(JsOps.toNumber(l) - JsOps.toNumber(r));
            case MULTIPLY -> JsNumbers.box(JsOps.toNumber(l) * JsOps.toNumber(r));
            case DIVIDE -> JsNumbers.box(JsOps.toNumber(l) / JsOps.toNumber(r));
            case REMAINDER -> JsNumbers.box(JsOps.toNumber(l) % JsOps.toNumber(r));
            case EXPONENT -> JsNumbers.box(Math.pow(JsOps.toNumber(l), JsOps.toNumber(r)));
            case STRICT_EQUAL -> JsOps.strictEquals(l, r);
            case STRICT_NOT_EQUAL -> !JsOps.strictEquals(l, r);
            case EQUAL -> JsOps.looseEquals(ctx, l, r);
            case NOT_EQUAL -> !JsOps.looseEquals(ctx, l, r);
            case LESS -> JsOps.lessThan(ctx, l, r) == Boolean.TRUE;
            case GREATER -> JsOps.lessThan(ctx, r, l) == Boolean.TRUE;
            case LESS_EQUAL -> JsOps.lessThan(ctx, r, l) == Boolean.FALSE;
            case GREATER_EQUAL -> JsOps.lessThan(ctx, l, r) == Boolean.FALSE;
            case IN -> Members.has(ctx, r, l);
            case BIT_AND -> (long) (JsNumbers.toInt32(JsOps.toNumber(l)) & JsNumbers.toInt32(JsOps.toNumber(r)));
            case BIT_OR -> (long) (JsNumbers.toInt32(JsOps.toNumber(l)) | JsNumbers.toInt32(JsOps.toNumber(r)));
            case BIT_XOR -> (long) (JsNumbers.toInt32(JsOps.toNumber(l)) ^ JsNumbers.toInt32(JsOps.toNumber(r)));
            case SHIFT_LEFT -> (long) (JsNumbers.toInt32(JsOps.toNumber(l)) << JsNumbers.toInt32(JsOps.toNumber(r)));
            case SHIFT_RIGHT -> (long) (JsNumbers.toInt32(JsOps.toNumber(l)) >> JsNumbers.toInt32(JsOps.toNumber(r)));
            case UNSIGNED_SHIFT_RIGHT ->
                (JsNumbers.toInt32(JsOps.toNumber(l)) >>> JsNumbers.toInt32(JsOps.toNumber(r))) & 0xFFFFFFFFL;
        };
    }

    private static Object logical(Node.Logical l, EvalContext ctx, Env env) {
        Object left = eval(l.left(), ctx, env);
        return switch (l.op()) {
            case AND -> JsOps.truthy(left) ? eval(l.right(), ctx, env) : left;
            case OR -> JsOps.truthy(left) ? left : eval(l.right(), ctx, env);
            case NULLISH -> JsOps.isNullish(left) ? eval(l.right(), ctx, env) : left;
        };
    }

    private static Object unary(Node.Unary u, EvalContext ctx, Env env) {
        if (u.op() == Node.UnaryOp.TYPEOF && u.operand() instanceof Node.Global g) {
            Object v = ctx.scope.lookup(g.name());
            if (v == Undefined.INSTANCE) {
                v = Globals.get(g.name());
            }
            return v == null ? "undefined" : JsOps.typeOf(v);
        }
        Object v = eval(u.operand(), ctx, env);
        return switch (u.op()) {
            case NOT -> !JsOps.truthy(v);
            case NEGATE -> JsNumbers.box(-JsOps.toNumber(v));
            case PLUS -> JsNumbers.box(JsOps.toNumber(v));
            case BITWISE_NOT -> (long) ~JsNumbers.toInt32(JsOps.toNumber(v));
            case TYPEOF -> JsOps.typeOf(v);
            case VOID -> Undefined.INSTANCE;
        };
    }

    private static Object template(Node.TemplateLiteral t, EvalContext ctx, Env env) {
        List<String> quasis = t.quasis();
        List<Node> exprs = t.expressions();
        StringBuilder sb = new StringBuilder(quasis.get(0));
        for (int i = 0; i < exprs.size(); i++) {
            sb.append(JsOps.toStr(ctx, eval(exprs.get(i), ctx, env))).append(quasis.get(i + 1));
            ctx.checkString(sb.length());
        }
        return sb.toString();
    }

    private static Object array(Node.ArrayLiteral a, EvalContext ctx, Env env) {
        List<Node> elements = a.elements();
        ArrayList<Object> out = new ArrayList<>(elements.size());
        for (Node e : elements) {
            if (e instanceof Node.Spread s) {
                spreadInto(ctx, out, eval(s.argument(), ctx, env));
            } else {
                out.add(eval(e, ctx, env));
            }
        }
        return out;
    }

    private static Object object(Node.ObjectLiteral o, EvalContext ctx, Env env) {
        LinkedHashMap<String, Object> out = new LinkedHashMap<>();
        for (Node.Property p : o.properties()) {
            if (p.spread()) {
                spreadProperties(ctx, out, eval(p.value(), ctx, env));
                continue;
            }
            String key = p.key() != null ? p.key() : JsOps.toKey(ctx, eval(p.computedKey(), ctx, env));
            out.put(key, eval(p.value(), ctx, env));
        }
        return out;
    }

    /** {@code {...value}}: own enumerable properties; primitives other than strings add nothing. */
    static void spreadProperties(EvalContext ctx, Map<String, Object> out, Object value) {
        if (value instanceof Map<?, ?> m) {
            ctx.checkCollection((long) out.size() + m.size());
            ctx.steps(m.size());
            for (Map.Entry<?, ?> e : m.entrySet()) {
                out.put(String.valueOf(e.getKey()), e.getValue());
            }
        } else if (value instanceof List<?> l) {
            ctx.checkCollection((long) out.size() + l.size());
            ctx.steps(l.size());
            for (int i = 0; i < l.size(); i++) {
                out.put(Integer.toString(i), l.get(i));
            }
        } else if (value instanceof String s) {
            ctx.checkCollection((long) out.size() + s.length());
            ctx.steps(s.length());
            for (int i = 0; i < s.length(); i++) {
                out.put(Integer.toString(i), String.valueOf(s.charAt(i)));
            }
        } else if (value instanceof ExpressionObject h && !(value instanceof Namespace)) {
            for (String k : h.keys()) {
                if (!Sandbox.isForbiddenProperty(k)) {
                    out.put(k, h.get(k));
                }
            }
            ctx.checkCollection(out.size());
        }
    }
}
