package io.hearth.expression;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Tree-walking evaluator of expressions ({@link #eval}) and statements ({@link #exec}). Every visited
 * node and statement costs one step of the evaluation budget, so no loop runs unbounded.
 * <p>Kept in one file: one evaluator over one tree, whose expression and statement cases call each
 * other recursively and share the step budget.
 */
final class Interpreter {

    private static final Object[] NO_ARGS = new Object[0];

    private Interpreter() {}

    // identity with a sentinel instance is the intent
    @SuppressWarnings("ReferenceEquality")
    static Object eval(Node node, EvalContext ctx, Env env) {
        ctx.step();
        return switch (node) {
            case Node.Member m -> member(m, ctx, env);
            case Node.Ref r -> r.slot >= 0 ? env.get(r.depth, r.slot) : global(r.name, ctx);
            case Node.Literal l -> l.value();
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
            case Node.Function f -> new Closure(f, env, ctx);
            default -> evalRarer(node, ctx, env);
        };
    }

    /** Kept out of {@link #eval} so that the hot cases there stay small enough for the JIT to inline. */
    private static Object evalRarer(Node node, EvalContext ctx, Env env) {
        return switch (node) {
            case Node.RegexLiteral r -> r.regex().fresh(ctx);
            case Node.Assign a -> assign(a, ctx, env);
            case Node.Update u -> update(u, ctx, env);
            case Node.New n -> Members.construct(ctx, eval(n.callee(), ctx, env), args(n.args(), ctx, env), n);
            case Node.Sequence s -> {
                Object v = Undefined.INSTANCE;
                for (Node e : s.expressions()) {
                    v = eval(e, ctx, env);
                }
                yield v;
            }
            case Node.Delete d -> delete(d, ctx, env);
            case Node.Spread s -> throw new ExpressionException("Unexpected spread");
            default -> throw new IllegalStateException(node.getClass().getSimpleName());
        };
    }

    /** An identifier no variable declares: the expression's own globals, the Scope, the built-ins. */
    // identity with a sentinel instance is the intent
    @SuppressWarnings("ReferenceEquality")
    private static Object global(String name, EvalContext ctx) {
        Object v = ctx.global(name);
        if (v != null) {
            return v == EvalContext.NULL_GLOBAL ? null : v;
        }
        v = ctx.scope.lookup(name);
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
        return Undefined.INSTANCE; // n8n: an unknown name is undefined, not a ReferenceError
    }

    // identity with a sentinel instance is the intent
    @SuppressWarnings("ReferenceEquality")
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

    // identity with a sentinel instance is the intent
    @SuppressWarnings("ReferenceEquality")
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

    // identity with a sentinel instance is the intent
    @SuppressWarnings("ReferenceEquality")
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
                return Members.callOnNullish(target, m.name());
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
        } else if (value instanceof JsCollection c) {
            List<Object> items = c.iteration(ctx);
            ctx.checkCollection((long) out.size() + items.size());
            out.addAll(items);
        } else {
            throw notIterable(value);
        }
    }

    static JsThrow notIterable(Object value) {
        return JsThrow.typeError((value instanceof Map<?, ?> ? "object" : JsOps.describe(value)) + " is not iterable");
    }

    /** The values a for-of loop visits; a live list for arrays (elements pushed meanwhile are visited). */
    static List<?> iterate(EvalContext ctx, Object value) {
        if (value instanceof List<?> l) {
            return l;
        }
        if (value instanceof String s) {
            List<Object> out = new ArrayList<>();
            spreadInto(ctx, out, s);
            return out;
        }
        if (value instanceof JsCollection c) {
            return c.iteration(ctx);
        }
        throw notIterable(value);
    }

    private static Object binary(Node.Binary b, EvalContext ctx, Env env) {
        Object l = eval(b.left(), ctx, env);
        Object r = eval(b.right(), ctx, env);
        return operate(ctx, b.op(), l, r);
    }

    static Object operate(EvalContext ctx, Node.BinaryOp op, Object l, Object r) {
        return switch (op) {
            case ADD -> JsOps.add(ctx, l, r);
            case SUBTRACT -> JsNumbers.box(JsOps.toNumber(l) - JsOps.toNumber(r));
            case MULTIPLY -> JsNumbers.box(JsOps.toNumber(l) * JsOps.toNumber(r));
            case DIVIDE -> JsNumbers.box(JsOps.toNumber(l) / JsOps.toNumber(r));
            case REMAINDER -> JsNumbers.box(JsOps.toNumber(l) % JsOps.toNumber(r));
            case STRICT_EQUAL -> JsOps.strictEquals(l, r);
            case STRICT_NOT_EQUAL -> !JsOps.strictEquals(l, r);
            case EQUAL -> JsOps.looseEquals(ctx, l, r);
            case NOT_EQUAL -> !JsOps.looseEquals(ctx, l, r);
            case LESS -> Boolean.TRUE.equals(JsOps.lessThan(ctx, l, r));
            case GREATER -> Boolean.TRUE.equals(JsOps.lessThan(ctx, r, l));
            case LESS_EQUAL -> Boolean.FALSE.equals(JsOps.lessThan(ctx, r, l));
            case GREATER_EQUAL -> Boolean.FALSE.equals(JsOps.lessThan(ctx, l, r));
            default -> rarer(ctx, op, l, r);
        };
    }

    /** Kept apart so that {@link #operate} stays small enough for the JIT to inline. */
    private static Object rarer(EvalContext ctx, Node.BinaryOp op, Object l, Object r) {
        return switch (op) {
            case EXPONENT -> JsNumbers.box(JsNumbers.pow(JsOps.toNumber(l), JsOps.toNumber(r)));
            case IN -> Members.has(ctx, r, l);
            case INSTANCEOF -> JsOps.instanceOf(l, r);
            case BIT_AND -> (long) (JsNumbers.toInt32(JsOps.toNumber(l)) & JsNumbers.toInt32(JsOps.toNumber(r)));
            case BIT_OR -> (long) (JsNumbers.toInt32(JsOps.toNumber(l)) | JsNumbers.toInt32(JsOps.toNumber(r)));
            case BIT_XOR -> (long) (JsNumbers.toInt32(JsOps.toNumber(l)) ^ JsNumbers.toInt32(JsOps.toNumber(r)));
            case SHIFT_LEFT -> (long) (JsNumbers.toInt32(JsOps.toNumber(l)) << JsNumbers.toInt32(JsOps.toNumber(r)));
            case SHIFT_RIGHT -> (long) (JsNumbers.toInt32(JsOps.toNumber(l)) >> JsNumbers.toInt32(JsOps.toNumber(r)));
            case UNSIGNED_SHIFT_RIGHT ->
                (JsNumbers.toInt32(JsOps.toNumber(l)) >>> JsNumbers.toInt32(JsOps.toNumber(r))) & 0xFFFFFFFFL;
            default -> throw new IllegalStateException(op.name());
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

    // identity with a sentinel instance is the intent
    @SuppressWarnings("ReferenceEquality")
    private static Object unary(Node.Unary u, EvalContext ctx, Env env) {
        if (u.op() == Node.UnaryOp.TYPEOF && u.operand() instanceof Node.Ref r && r.isGlobal()) {
            Object g = ctx.global(r.name); // typeof never fails, not even for denied names
            if (g != null) {
                return JsOps.typeOf(g == EvalContext.NULL_GLOBAL ? null : g);
            }
            Object v = ctx.scope.lookup(r.name);
            if (v == Undefined.INSTANCE) {
                v = Globals.get(r.name);
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
        JsArray out = new JsArray(ctx, elements.size());
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
        JsObject out = new JsObject(ctx);
        for (Node.Property p : o.properties()) {
            if (p.spread()) {
                spreadProperties(ctx, out, eval(p.value(), ctx, env));
                continue;
            }
            String key = p.key() != null ? p.key() : JsOps.toKey(ctx, eval(p.computedKey(), ctx, env));
            out.put(key, eval(p.value(), ctx, env));
        }
        ctx.checkCollection(out.size());
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

    // ---- assignment

    private static Object assign(Node.Assign a, EvalContext ctx, Env env) {
        Pattern target = a.target();
        Node.AssignOp op = a.op();
        if (!(target instanceof Pattern.Target t)) {
            Object value = eval(a.value(), ctx, env);
            bindPattern(target, value, ctx, env, false);
            return value;
        }
        Node node = t.target();
        if (node instanceof Node.Ref r) {
            if (op == null) {
                Object value = eval(a.value(), ctx, env);
                setRef(r, value, ctx, env);
                return value;
            }
            Object old = eval(r, ctx, env);
            if (op.logical() != null && !assigns(op.logical(), old)) {
                return old;
            }
            Object rhs = eval(a.value(), ctx, env);
            Object value = op.logical() != null ? rhs : operate(ctx, op.binary(), old, rhs);
            setRef(r, value, ctx, env);
            return value;
        }
        Object object;
        String key;
        if (node instanceof Node.Member m) {
            object = eval(m.object(), ctx, env);
            key = m.name();
        } else {
            Node.Index ix = (Node.Index) node;
            object = eval(ix.object(), ctx, env);
            Object k = eval(ix.key(), ctx, env);
            if (op == null && k instanceof Number n && object instanceof List<?>) {
                Object value = eval(a.value(), ctx, env);
                Members.putIndex(ctx, object, n, value);
                return value;
            }
            key = JsOps.toKey(ctx, k);
        }
        if (JsOps.isNullish(object)) {
            throw JsThrow.typeError("Cannot set properties of " + object + " (setting '" + key + "')");
        }
        if (op == null) {
            Object value = eval(a.value(), ctx, env);
            Members.put(ctx, object, key, value);
            return value;
        }
        Object old = Members.getNamed(ctx, object, key);
        if (op.logical() != null && !assigns(op.logical(), old)) {
            return old;
        }
        Object rhs = eval(a.value(), ctx, env);
        Object value = op.logical() != null ? rhs : operate(ctx, op.binary(), old, rhs);
        Members.put(ctx, object, key, value);
        return value;
    }

    /** Whether {@code a &&= b}, {@code a ||= b} or {@code a ??= b} assigns, given a's value. */
    private static boolean assigns(Node.LogicalOp op, Object current) {
        return switch (op) {
            case AND -> JsOps.truthy(current);
            case OR -> !JsOps.truthy(current);
            case NULLISH -> JsOps.isNullish(current);
        };
    }

    private static void setRef(Node.Ref r, Object value, EvalContext ctx, Env env) {
        if (r.slot >= 0) {
            if (r.constant) {
                throw JsThrow.typeError("Assignment to constant variable.");
            }
            env.set(r.depth, r.slot, value);
            return;
        }
        if (Sandbox.isDeniedGlobal(r.name)) {
            throw Sandbox.deniedGlobal(r.name);
        }
        ctx.setGlobal(r.name, value);
    }

    private static Object update(Node.Update u, EvalContext ctx, Env env) {
        Node node = u.target();
        double delta = u.increment() ? 1 : -1;
        if (node instanceof Node.Ref r) {
            double old = JsOps.toNumber(eval(r, ctx, env));
            Object value = JsNumbers.box(old + delta);
            setRef(r, value, ctx, env);
            return u.prefix() ? value : JsNumbers.box(old);
        }
        Object object;
        String key;
        if (node instanceof Node.Member m) {
            object = eval(m.object(), ctx, env);
            key = m.name();
        } else {
            Node.Index ix = (Node.Index) node;
            object = eval(ix.object(), ctx, env);
            key = JsOps.toKey(ctx, eval(ix.key(), ctx, env));
        }
        if (JsOps.isNullish(object)) {
            throw Members.cannotRead(object, key);
        }
        double old = JsOps.toNumber(Members.getNamed(ctx, object, key));
        Object value = JsNumbers.box(old + delta);
        Members.put(ctx, object, key, value);
        return u.prefix() ? value : JsNumbers.box(old);
    }

    // identity with a sentinel instance is the intent
    @SuppressWarnings("ReferenceEquality")
    private static Object delete(Node.Delete d, EvalContext ctx, Env env) {
        Node node = d.target();
        if (node instanceof Node.OptionalChain o) {
            node = o.expression();
        }
        if (node instanceof Node.Member m) {
            Object object = eval(m.object(), ctx, env);
            if (object == Members.SHORT_CIRCUIT || (JsOps.isNullish(object) && m.optional())) {
                return true;
            }
            return Members.delete(ctx, object, m.name());
        }
        if (node instanceof Node.Index ix) {
            Object object = eval(ix.object(), ctx, env);
            if (object == Members.SHORT_CIRCUIT || (JsOps.isNullish(object) && ix.optional())) {
                return true;
            }
            return Members.delete(ctx, object, JsOps.toKey(ctx, eval(ix.key(), ctx, env)));
        }
        if (node instanceof Node.Ref) {
            return false; // variables cannot be deleted
        }
        eval(node, ctx, env);
        return true;
    }

    /**
     * Binds {@code value} to a pattern: declares (parameters, let/const/var, catch) or assigns
     * (destructuring assignment, for-of without declaration).
     */
    static void bindPattern(Pattern pattern, Object value, EvalContext ctx, Env env, boolean declare) {
        ctx.step();
        switch (pattern) {
            case Pattern.Target t -> {
                Node node = t.target();
                if (node instanceof Node.Ref r) {
                    if (declare) {
                        env.set(r.depth, r.slot, value);
                    } else {
                        setRef(r, value, ctx, env);
                    }
                } else if (node instanceof Node.Member m) {
                    Object object = eval(m.object(), ctx, env);
                    if (JsOps.isNullish(object)) {
                        throw JsThrow.typeError("Cannot set properties of " + object + " (setting '" + m.name() + "')");
                    }
                    Members.put(ctx, object, m.name(), value);
                } else {
                    Node.Index ix = (Node.Index) node;
                    Object object = eval(ix.object(), ctx, env);
                    Object key = eval(ix.key(), ctx, env);
                    if (JsOps.isNullish(object)) {
                        throw JsThrow.typeError("Cannot set properties of " + object);
                    }
                    if (key instanceof Number n && object instanceof List<?>) {
                        Members.putIndex(ctx, object, n, value);
                    } else {
                        Members.put(ctx, object, JsOps.toKey(ctx, key), value);
                    }
                }
            }
            case Pattern.WithDefault w ->
                bindPattern(
                        w.target(), value == Undefined.INSTANCE ? eval(w.init(), ctx, env) : value, ctx, env, declare);
            case Pattern.ObjectPattern o -> {
                if (JsOps.isNullish(value)) {
                    throw JsThrow.typeError("Cannot destructure '" + value + "' as it is " + value + ".");
                }
                List<String> used = o.rest() == null ? null : new ArrayList<>();
                for (Pattern.Prop p : o.properties()) {
                    String key = p.key() != null ? p.key() : JsOps.toKey(ctx, eval(p.computedKey(), ctx, env));
                    if (used != null) {
                        used.add(key);
                    }
                    bindPattern(p.value(), Members.getNamed(ctx, value, key), ctx, env, declare);
                }
                if (o.rest() != null) {
                    JsObject rest = new JsObject(ctx);
                    spreadProperties(ctx, rest, value);
                    used.forEach(rest::remove);
                    bindPattern(o.rest(), rest, ctx, env, declare);
                }
            }
            case Pattern.ArrayPattern a -> {
                if (JsOps.isNullish(value)) {
                    throw JsThrow.typeError(value + " is not iterable");
                }
                List<?> items = iterate(ctx, value);
                List<Pattern> elements = a.elements();
                for (int i = 0; i < elements.size(); i++) {
                    Pattern p = elements.get(i);
                    if (p != null) {
                        bindPattern(p, i < items.size() ? items.get(i) : Undefined.INSTANCE, ctx, env, declare);
                    }
                }
                if (a.rest() != null) {
                    int from = Math.min(elements.size(), items.size());
                    JsArray rest = new JsArray(ctx, items.subList(from, items.size()));
                    bindPattern(a.rest(), rest, ctx, env, declare);
                }
            }
        }
    }

    // ---- statements

    /** Runs a statement; null when it completes normally, else how it ended (break, continue, return). */
    static Stmt.Completion exec(Stmt stmt, EvalContext ctx, Env env) {
        ctx.step();
        return switch (stmt) {
            case Stmt.Expression e -> {
                eval(e.expression(), ctx, env);
                yield null;
            }
            case Stmt.Declaration d -> {
                for (Stmt.Declarator decl : d.declarators()) {
                    if (decl.init() != null) {
                        bindPattern(decl.target(), eval(decl.init(), ctx, env), ctx, env, true);
                    } else if (d.kind() != Stmt.DeclKind.VAR) {
                        bindPattern(decl.target(), Undefined.INSTANCE, ctx, env, true);
                    }
                }
                yield null;
            }
            case Stmt.Block b -> block(b.body(), b.scope(), b.functions(), ctx, env);
            case Stmt.If i -> {
                if (JsOps.truthy(eval(i.test(), ctx, env))) {
                    yield exec(i.then(), ctx, env);
                }
                yield i.otherwise() == null ? null : exec(i.otherwise(), ctx, env);
            }
            case Stmt.Return r -> {
                ctx.returnValue = r.value() == null ? Undefined.INSTANCE : eval(r.value(), ctx, env);
                yield Stmt.Completion.RETURN;
            }
            case Stmt.For f -> forLoop(f, ctx, env);
            case Stmt.ForEach f -> forEach(f, ctx, env);
            case Stmt.While w -> {
                while (JsOps.truthy(eval(w.test(), ctx, env))) {
                    Stmt.Completion c = exec(w.body(), ctx, env);
                    if (c != null) {
                        int control = loopControl(c, w.labels());
                        if (control == BREAK_LOOP) {
                            break;
                        }
                        if (control == PROPAGATE) {
                            yield c;
                        }
                    }
                }
                yield null;
            }
            case Stmt.DoWhile w -> {
                do {
                    Stmt.Completion c = exec(w.body(), ctx, env);
                    if (c != null) {
                        int control = loopControl(c, w.labels());
                        if (control == BREAK_LOOP) {
                            break;
                        }
                        if (control == PROPAGATE) {
                            yield c;
                        }
                    }
                } while (JsOps.truthy(eval(w.test(), ctx, env)));
                yield null;
            }
            case Stmt.Jump j -> j.completion();
            case Stmt.Throw t -> throw JsThrow.of(eval(t.value(), ctx, env));
            case Stmt.Try t -> tryStatement(t, ctx, env);
            case Stmt.Switch s -> switchStatement(s, ctx, env);
            case Stmt.Labeled l -> {
                Stmt.Completion c = exec(l.body(), ctx, env);
                yield c != null && c.isBreak && l.label().equals(c.label) ? null : c;
            }
            case Stmt.FunctionDecl f -> null; // hoisted: created when its block was entered
            case Stmt.Empty e -> null;
        };
    }

    private static Stmt.Completion block(
            List<Stmt> body, BlockScope scope, List<Stmt.FunctionDecl> functions, EvalContext ctx, Env env) {
        Env inner = scope.enter(env);
        hoist(functions, ctx, inner);
        for (Stmt s : body) {
            Stmt.Completion c = exec(s, ctx, inner);
            if (c != null) {
                return c;
            }
        }
        return null;
    }

    private static void hoist(List<Stmt.FunctionDecl> functions, EvalContext ctx, Env env) {
        for (Stmt.FunctionDecl f : functions) {
            Node.Ref r = f.target();
            env.set(r.depth, r.slot, new Closure(f.function(), env, ctx));
        }
    }

    private static final int NEXT_ITERATION = 0;
    private static final int BREAK_LOOP = 1;
    private static final int PROPAGATE = 2;

    /** What a loop does with its body's abrupt completion. */
    private static int loopControl(Stmt.Completion c, List<String> labels) {
        if (c == Stmt.Completion.RETURN) {
            return PROPAGATE;
        }
        boolean mine = c.label == null || labels.contains(c.label);
        if (!mine) {
            return PROPAGATE;
        }
        return c.isBreak ? BREAK_LOOP : NEXT_ITERATION;
    }

    private static Stmt.Completion forLoop(Stmt.For f, EvalContext ctx, Env env) {
        Env loopEnv = f.scope().enter(env);
        if (f.init() != null) {
            exec(f.init(), ctx, loopEnv);
        }
        boolean perIteration = f.scope().materialized;
        if (perIteration) {
            loopEnv = loopEnv.copy();
        }
        while (true) {
            if (f.test() != null && !JsOps.truthy(eval(f.test(), ctx, loopEnv))) {
                return null;
            }
            Stmt.Completion c = exec(f.body(), ctx, loopEnv);
            if (c != null) {
                int control = loopControl(c, f.labels());
                if (control == BREAK_LOOP) {
                    return null;
                }
                if (control == PROPAGATE) {
                    return c;
                }
            }
            if (perIteration) {
                loopEnv = loopEnv.copy();
            }
            if (f.update() != null) {
                eval(f.update(), ctx, loopEnv);
            } else {
                ctx.step();
            }
        }
    }

    private static Stmt.Completion forEach(Stmt.ForEach f, EvalContext ctx, Env env) {
        Object source = eval(f.iterable(), ctx, env);
        List<?> items;
        if (f.of()) {
            items = iterate(ctx, source);
        } else {
            items = Members.enumerableKeys(ctx, source);
        }
        boolean declare = f.kind() != null;
        for (int i = 0; i < items.size(); i++) {
            Env iterEnv = f.scope().enter(env);
            bindPattern(f.target(), items.get(i), ctx, iterEnv, declare);
            Stmt.Completion c = exec(f.body(), ctx, iterEnv);
            if (c != null) {
                int control = loopControl(c, f.labels());
                if (control == BREAK_LOOP) {
                    return null;
                }
                if (control == PROPAGATE) {
                    return c;
                }
            }
        }
        return null;
    }

    /** Limits and sandbox refusals end the evaluation: no try/catch in the expression can stop them. */
    static boolean catchable(ExpressionException e) {
        return !(e instanceof ExpressionLimitException
                || e instanceof ExpressionSandboxException
                || e instanceof ExpressionSyntaxException);
    }

    private static Stmt.Completion tryStatement(Stmt.Try t, EvalContext ctx, Env env) {
        Stmt.Completion result;
        try {
            result = exec(t.block(), ctx, env);
        } catch (ExpressionException e) {
            if (!catchable(e)) {
                throw e;
            }
            if (t.handler() == null) {
                Stmt.Completion f = runFinally(t, ctx, env);
                if (f != null) {
                    return f;
                }
                throw e;
            }
            try {
                Env catchEnv = t.catchScope().enter(env);
                if (t.param() != null) {
                    bindPattern(t.param(), caught(e, ctx), ctx, catchEnv, true);
                }
                result = exec(t.handler(), ctx, catchEnv);
            } catch (ExpressionException inCatch) {
                if (!catchable(inCatch) || t.finalizer() == null) {
                    throw inCatch;
                }
                Stmt.Completion f = runFinally(t, ctx, env);
                if (f != null) {
                    return f;
                }
                throw inCatch;
            }
        }
        Stmt.Completion f = runFinally(t, ctx, env);
        return f != null ? f : result;
    }

    /** Runs the finally block; the pending return value survives calls made in it. */
    private static Stmt.Completion runFinally(Stmt.Try t, EvalContext ctx, Env env) {
        if (t.finalizer() == null) {
            return null;
        }
        Object pending = ctx.returnValue;
        Stmt.Completion f = exec(t.finalizer(), ctx, env);
        if (f == null) {
            ctx.returnValue = pending;
        }
        return f;
    }

    /** What {@code catch (e)} receives. */
    static Object caught(ExpressionException e, EvalContext ctx) {
        if (e instanceof JsThrow js) {
            return js.caught(ctx);
        }
        return new JsError(ctx, "Error", "ExpressionError", e.getMessage());
    }

    private static Stmt.Completion switchStatement(Stmt.Switch s, EvalContext ctx, Env env) {
        Object d = eval(s.discriminant(), ctx, env);
        Env inner = s.scope().enter(env);
        hoist(s.functions(), ctx, inner);
        List<Stmt.Case> cases = s.cases();
        int start = -1;
        for (int i = 0; i < cases.size(); i++) {
            Node test = cases.get(i).test();
            if (test != null && JsOps.strictEquals(d, eval(test, ctx, inner))) {
                start = i;
                break;
            }
        }
        if (start < 0) {
            for (int i = 0; i < cases.size(); i++) {
                if (cases.get(i).test() == null) {
                    start = i;
                    break;
                }
            }
        }
        if (start < 0) {
            return null;
        }
        for (int i = start; i < cases.size(); i++) {
            for (Stmt st : cases.get(i).body()) {
                Stmt.Completion c = exec(st, ctx, inner);
                if (c != null) {
                    return c == Stmt.Completion.BREAK ? null : c;
                }
            }
        }
        return null;
    }
}
