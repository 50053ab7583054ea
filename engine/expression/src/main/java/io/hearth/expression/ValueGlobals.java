package io.hearth.expression;

import static io.hearth.expression.Globals.fn;
import static io.hearth.expression.Globals.isFinite;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The constructors of the value types and their static methods: {@code Object}, {@code Array}, {@code String}, {@code Number}. */
final class ValueGlobals {

    private ValueGlobals() {}

    // ---- Object

    static Namespace object() {
        return new Namespace(
                "Object",
                Map.of(
                        "keys", fn("keys", (ctx, a) -> entries(ctx, JsOps.arg(a, 0), 0)),
                        "values", fn("values", (ctx, a) -> entries(ctx, JsOps.arg(a, 0), 1)),
                        "entries", fn("entries", (ctx, a) -> entries(ctx, JsOps.arg(a, 0), 2)),
                        "assign", fn("assign", ValueGlobals::assign),
                        "fromEntries", fn("fromEntries", ValueGlobals::fromEntries),
                        "hasOwn",
                                fn("hasOwn", (ctx, a) -> {
                                    Object o = JsOps.arg(a, 0);
                                    String k = JsOps.toKey(ctx, JsOps.arg(a, 1));
                                    return o instanceof Map<?, ?> m
                                            ? m.containsKey(k)
                                            : entries(ctx, o, 0).contains(k);
                                }),
                        "is",
                                fn("is", (ctx, a) -> {
                                    Object x = JsOps.arg(a, 0);
                                    Object y = JsOps.arg(a, 1);
                                    if (x instanceof Number p && y instanceof Number q) {
                                        return Double.valueOf(p.doubleValue()).equals(q.doubleValue());
                                    }
                                    return JsOps.strictEquals(x, y);
                                })),
                ValueGlobals::objectCall,
                ValueGlobals::objectCall);
    }

    private static Object objectCall(EvalContext ctx, Object[] a) {
        Object v = JsOps.arg(a, 0);
        return JsOps.isNullish(v) ? new JsObject(ctx) : v;
    }

    /** Object.keys (0), values (1), entries (2). */
    private static List<Object> entries(EvalContext ctx, Object o, int kind) {
        if (JsOps.isNullish(o)) {
            throw JsThrow.typeError("Cannot convert undefined or null to object");
        }
        ArrayList<Object> out = new JsArray(ctx);
        if (o instanceof Map<?, ?> m) {
            ctx.allocate(m.size());
            for (Map.Entry<?, ?> e : m.entrySet()) {
                out.add(entry(ctx, String.valueOf(e.getKey()), e.getValue(), kind));
            }
        } else if (o instanceof List<?> l) {
            ctx.allocate(l.size());
            for (int i = 0; i < l.size(); i++) {
                out.add(entry(ctx, Integer.toString(i), l.get(i), kind));
            }
        } else if (o instanceof String s) {
            ctx.allocate(s.length());
            for (int i = 0; i < s.length(); i++) {
                out.add(entry(ctx, Integer.toString(i), String.valueOf(s.charAt(i)), kind));
            }
        } else if (o instanceof ExpressionObject h && !(o instanceof Namespace)) {
            for (String k : h.keys()) {
                if (!Sandbox.isForbiddenProperty(k)) {
                    out.add(entry(ctx, k, h.get(k), kind));
                }
            }
            ctx.checkCollection(out.size());
        }
        return out;
    }

    private static Object entry(EvalContext ctx, String key, Object value, int kind) {
        if (kind == 0) {
            return key;
        }
        if (kind == 1) {
            return value;
        }
        ArrayList<Object> pair = new JsArray(ctx, 2);
        pair.add(key);
        pair.add(value);
        return pair;
    }

    /** Object.assign: copies the sources' properties into the target and returns it. */
    private static Object assign(EvalContext ctx, Object[] a) {
        Object target = JsOps.arg(a, 0);
        if (JsOps.isNullish(target)) {
            throw JsThrow.typeError("Cannot convert undefined or null to object");
        }
        for (int i = 1; i < a.length; i++) {
            JsObject props = new JsObject(ctx);
            Interpreter.spreadProperties(ctx, props, a[i]);
            for (Map.Entry<String, Object> e : props.entrySet()) {
                Members.put(ctx, target, e.getKey(), e.getValue());
            }
        }
        return target;
    }

    /** A plain map; a "__proto__" entry is just a key like any other. */
    private static Object fromEntries(EvalContext ctx, Object[] a) {
        Object it = JsOps.arg(a, 0);
        if (it instanceof Map<?, ?> m && m.isEmpty()) {
            return new JsObject(ctx);
        }
        List<?> list = Interpreter.iterate(ctx, it);
        ctx.allocate(list.size());
        JsObject out = new JsObject(ctx);
        for (Object e : list) {
            if (!(e instanceof List<?> pair)) {
                throw JsThrow.typeError("Iterator value " + JsOps.describe(e) + " is not an entry object");
            }
            Object k = pair.isEmpty() ? Undefined.INSTANCE : pair.get(0);
            Object v = pair.size() < 2 ? Undefined.INSTANCE : pair.get(1);
            out.put(JsOps.toKey(ctx, k), v);
        }
        return out;
    }

    // ---- Array

    static Namespace array() {
        return new Namespace(
                "Array",
                Map.of(
                        "isArray", fn("isArray", (ctx, a) -> JsOps.arg(a, 0) instanceof List<?>),
                        "of",
                                fn("of", (ctx, a) -> {
                                    JsArray out = new JsArray(ctx, a.length);
                                    Collections.addAll(out, a);
                                    return out;
                                }),
                        "from", fn("from", ValueGlobals::arrayFrom)),
                ValueGlobals::arrayCall,
                ValueGlobals::arrayCall);
    }

    private static Object arrayCall(EvalContext ctx, Object[] a) {
        if (a.length == 1 && a[0] instanceof Number n) {
            double len = n.doubleValue();
            if (len < 0 || len != Math.floor(len) || len > 4294967295.0) {
                throw JsThrow.rangeError("Invalid array length");
            }
            int size = ctx.allocate((long) len);
            return new JsArray(ctx, Collections.nCopies(size, Undefined.INSTANCE));
        }
        JsArray out = new JsArray(ctx, a.length);
        Collections.addAll(out, a);
        return out;
    }

    private static Object arrayFrom(EvalContext ctx, Object[] a) {
        Object source = JsOps.arg(a, 0);
        Object mapFn = JsOps.arg(a, 1);
        if (mapFn != Undefined.INSTANCE) {
            Members.requireFunction(mapFn, "Array.from");
        }
        JsArray out;
        if (source instanceof List<?> l) {
            out = new JsArray(ctx, ctx.allocate(l.size()));
            out.addAll(l);
        } else if (source instanceof String || source instanceof JsCollection) {
            out = new JsArray(ctx);
            Interpreter.spreadInto(ctx, out, source);
        } else if (source instanceof Map<?, ?> m) {
            double len = JsOps.toInteger(m.containsKey("length") ? m.get("length") : 0L);
            int size = ctx.allocate((long) Math.max(0, Math.min(len, Long.MAX_VALUE / 2.0)));
            out = new JsArray(ctx, size);
            for (int i = 0; i < size; i++) {
                Object v = m.get(Integer.toString(i));
                out.add(v == null && !m.containsKey(Integer.toString(i)) ? Undefined.INSTANCE : v);
            }
        } else if (JsOps.isNullish(source)) {
            throw JsThrow.typeError(source + " is not iterable (cannot read property Symbol(Symbol.iterator))");
        } else {
            out = new JsArray(ctx);
        }
        if (mapFn != Undefined.INSTANCE) {
            for (int i = 0; i < out.size(); i++) {
                out.set(i, Members.invoke(ctx, mapFn, out.get(i), (long) i));
            }
        }
        return out;
    }

    // ---- String, Number

    static Namespace string() {
        return new Namespace(
                "String",
                Map.of(
                        "fromCharCode",
                                fn("fromCharCode", (ctx, a) -> {
                                    StringBuilder sb = new StringBuilder(a.length);
                                    for (Object o : a) {
                                        sb.append((char) JsNumbers.toInt32(JsOps.toNumber(o)));
                                    }
                                    return sb.toString();
                                }),
                        "fromCodePoint",
                                fn("fromCodePoint", (ctx, a) -> {
                                    StringBuilder sb = new StringBuilder(a.length);
                                    for (Object o : a) {
                                        double cp = JsOps.toNumber(o);
                                        if (cp < 0 || cp > 0x10FFFF || cp != Math.floor(cp)) {
                                            throw JsThrow.rangeError("Invalid code point " + JsNumbers.toString(cp));
                                        }
                                        sb.appendCodePoint((int) cp);
                                    }
                                    return sb.toString();
                                })),
                ValueGlobals::stringCall,
                ValueGlobals::stringCall);
    }

    /** String(x); {@code new String(x)} gives the primitive too (there are no wrapper objects here). */
    private static Object stringCall(EvalContext ctx, Object[] a) {
        return a.length == 0 ? "" : JsOps.toStr(ctx, a[0]);
    }

    static Namespace number() {
        Map<String, Object> m = new HashMap<>();
        m.put("MAX_SAFE_INTEGER", 9007199254740991L);
        m.put("MIN_SAFE_INTEGER", -9007199254740991L);
        m.put("EPSILON", Math.ulp(1.0));
        m.put("MAX_VALUE", Double.MAX_VALUE);
        m.put("MIN_VALUE", Double.MIN_VALUE);
        m.put("POSITIVE_INFINITY", Double.POSITIVE_INFINITY);
        m.put("NEGATIVE_INFINITY", Double.NEGATIVE_INFINITY);
        m.put("NaN", Double.NaN);
        m.put(
                "isInteger",
                fn(
                        "isInteger",
                        (ctx, a) -> JsOps.arg(a, 0) instanceof Number n
                                && isFinite(n.doubleValue())
                                && n.doubleValue() == Math.floor(n.doubleValue())));
        m.put(
                "isSafeInteger",
                fn(
                        "isSafeInteger",
                        (ctx, a) -> JsOps.arg(a, 0) instanceof Number n
                                && isFinite(n.doubleValue())
                                && n.doubleValue() == Math.floor(n.doubleValue())
                                && Math.abs(n.doubleValue()) <= 9007199254740991.0));
        m.put("isFinite", fn("isFinite", (ctx, a) -> JsOps.arg(a, 0) instanceof Number n && isFinite(n.doubleValue())));
        m.put("isNaN", fn("isNaN", (ctx, a) -> JsOps.arg(a, 0) instanceof Number n && Double.isNaN(n.doubleValue())));
        m.put(
                "parseFloat",
                fn("parseFloat", (ctx, a) -> JsNumbers.box(JsNumbers.parseFloat(JsOps.toStr(ctx, JsOps.arg(a, 0))))));
        m.put("parseInt", fn("parseInt", Globals::parseInt));
        Builtin.Impl call = (ctx, a) -> a.length == 0 ? (Object) 0L : JsNumbers.box(JsOps.toNumber(a[0]));
        return new Namespace("Number", Map.copyOf(m), call, call);
    }
}
