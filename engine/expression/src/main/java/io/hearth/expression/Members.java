package io.hearth.expression;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Property access, method dispatch and writes: the single gate between an expression and a value.
 * Only the value types listed in {@link io.hearth.expression} are dispatched; anything else is
 * refused. Writes reach only objects and arrays the running evaluation created.
 * <p>Kept in one file: it is the one sandbox gate (reads, calls and writes), so every access rule
 * can be reviewed in one place.
 */
final class Members {

    /** Returned by the per-type method tables when the name is not a method of that type. */
    static final Object NOT_FOUND = new Object();

    /** Produced by a short-circuiting {@code ?.}; turned into undefined at the end of the chain. */
    static final Object SHORT_CIRCUIT = new Object();

    private Members() {}

    /** n8n's test for a date in a string: exactly {@code 2024-01-02T03:04:05.678Z}, a real date. */
    private static boolean isIsoDateString(String s) {
        if (s.length() != 24 || s.charAt(23) != 'Z' || s.charAt(10) != 'T' || s.charAt(4) != '-') {
            return false;
        }
        java.time.ZonedDateTime t = JsDateParser.parse(s);
        return t != null
                && LuxonFormat.iso(t.withZoneSameInstant(java.time.ZoneOffset.UTC))
                        .equals(s);
    }

    /** Reading a property of null/undefined: a TypeError, unless the name is one the sandbox refuses. */
    static RuntimeException cannotRead(Object target, String name) {
        if (Sandbox.isForbiddenProperty(name)) {
            return Sandbox.forbiddenProperty(name);
        }
        return JsThrow.typeError(
                "Cannot read properties of " + (target == null ? "null" : "undefined") + " (reading '" + name + "')");
    }

    /**
     * {@code x.name()} with x null or undefined: n8n answers isEmpty/isNotEmpty for any value and
     * reports its own error for its other extension functions.
     */
    static Object callOnNullish(Object target, String name) {
        if (name.equals("isEmpty")) {
            return true;
        }
        if (name.equals("isNotEmpty")) {
            return false;
        }
        if (N8nExtensions.isExtension(name)) {
            throw new ExpressionException(name + " can't be used on " + (target == null ? "null" : "undefined")
                    + " value (to ignore this error, add a ? before the function, e.g. my_var?." + name + "())");
        }
        throw cannotRead(target, name);
    }

    /** {@code target[key]}. */
    static Object get(EvalContext ctx, Object target, Object key) {
        if (key instanceof Number n) {
            if (target instanceof List<?> l) {
                int i = JsOps.arrayIndex(n);
                if (i >= 0) {
                    return i < l.size() ? l.get(i) : Undefined.INSTANCE;
                }
            } else if (target instanceof String s) {
                int i = JsOps.arrayIndex(n);
                if (i >= 0) {
                    return i < s.length() ? String.valueOf(s.charAt(i)) : Undefined.INSTANCE;
                }
            }
        }
        String name = JsOps.toKey(ctx, key);
        if (JsOps.isNullish(target)) {
            throw cannotRead(target, name);
        }
        return getNamed(ctx, target, name);
    }

    /** {@code target.name}; the target is not nullish. */
    static Object getNamed(EvalContext ctx, Object target, String name) {
        if (target instanceof Map<?, ?> m) {
            Object v = m.get(name);
            if (v != null || m.containsKey(name)) {
                return v;
            }
            return methodOrNothing(target, name, ObjectMethods.NAMES);
        }
        if (target instanceof ExpressionObject o) {
            if (Sandbox.isForbiddenProperty(name)) {
                throw Sandbox.forbiddenProperty(name);
            }
            return o.get(name);
        }
        if (target instanceof List<?> l) {
            if (name.equals("length")) {
                return (long) l.size();
            }
            int i = JsOps.arrayIndex(name);
            if (i >= 0) {
                return i < l.size() ? l.get(i) : Undefined.INSTANCE;
            }
            if (l instanceof JsArray a && a.hasProperty(name)) {
                return a.property(name);
            }
            if (l instanceof MatchList match) {
                Object v = match.property(name);
                if (v != NOT_FOUND) {
                    return v;
                }
            }
            return methodOrNothing(target, name, ArrayMethods.NAMES);
        }
        if (target instanceof String s) {
            if (name.equals("length")) {
                return (long) s.length();
            }
            int i = JsOps.arrayIndex(name);
            if (i >= 0) {
                return i < s.length() ? String.valueOf(s.charAt(i)) : Undefined.INSTANCE;
            }
            return methodOrNothing(target, name, StringMethods.NAMES);
        }
        if (target instanceof Number) {
            return methodOrNothing(target, name, NumberMethods.NAMES);
        }
        if (target instanceof Boolean) {
            return methodOrNothing(target, name, NumberMethods.BOOLEAN_NAMES);
        }
        if (target instanceof DateTimeValue d) {
            Object v = DateTimeMethods.property(d, name);
            return v != NOT_FOUND ? v : methodOrNothing(target, name, DateTimeMethods.NAMES);
        }
        if (target instanceof JsRegExp r) {
            Object v = RegExpMethods.regexProperty(r, name);
            return v != NOT_FOUND ? v : methodOrNothing(target, name, RegExpMethods.NAMES);
        }
        if (target instanceof JsCollection c) {
            if (name.equals("size")) {
                return (long) c.size();
            }
            return methodOrNothing(target, name, c.isSet ? CollectionMethods.SET_NAMES : CollectionMethods.MAP_NAMES);
        }
        if (target instanceof JsCallable || target instanceof ExpressionFunction) {
            if (Sandbox.isForbiddenOnFunction(name)) {
                throw Sandbox.forbiddenProperty(name);
            }
            if (name.equals("name")) {
                return target instanceof Closure c ? c.name() : "";
            }
            return Undefined.INSTANCE;
        }
        if (JsOps.isNullish(target)) {
            throw cannotRead(target, name);
        }
        throw Sandbox.unsupportedValue();
    }

    private static Object methodOrNothing(Object target, String name, Set<String> methods) {
        if (methods.contains(name)) {
            return new BoundMethod(target, name);
        }
        if (Sandbox.isForbiddenProperty(name)) {
            throw Sandbox.forbiddenProperty(name);
        }
        return Undefined.INSTANCE;
    }

    /** {@code name in target}. */
    static boolean has(EvalContext ctx, Object target, Object key) {
        String name = JsOps.toKey(ctx, key);
        if (target instanceof Map<?, ?> m) {
            return m.containsKey(name) || ObjectMethods.NAMES.contains(name);
        }
        if (target instanceof List<?> l) {
            int i = JsOps.arrayIndex(name);
            return (i >= 0 && i < l.size())
                    || name.equals("length")
                    || ArrayMethods.NAMES.contains(name)
                    || (l instanceof JsArray a && a.hasProperty(name));
        }
        if (target instanceof ExpressionObject o) {
            return !Sandbox.isForbiddenProperty(name) && o.get(name) != Undefined.INSTANCE;
        }
        if (target instanceof DateTimeValue
                || target instanceof JsRegExp
                || target instanceof JsCollection
                || target instanceof JsCallable
                || target instanceof ExpressionFunction) {
            return getNamed(ctx, target, name) != Undefined.INSTANCE;
        }
        throw JsThrow.typeError("Cannot use 'in' operator to search for '" + name + "' in " + JsOps.describe(target));
    }

    /** {@code target.name(args)}; the target is not nullish. */
    static Object callMethod(EvalContext ctx, Object target, String name, Object[] args, Node.Call call) {
        if (target instanceof Map<?, ?> m) {
            Object v = m.get(name);
            if (v != null || m.containsKey(name)) {
                return callValue(ctx, v, args, call);
            }
            Object r = ObjectMethods.call(ctx, m, name, args);
            if (r != NOT_FOUND) {
                return r;
            }
        } else if (target instanceof JsArray a && a.hasProperty(name)) {
            return callValue(ctx, a.property(name), args, call);
        } else if (target instanceof JsError e) {
            if (name.equals("toString") && !e.properties.containsKey("toString")) {
                return e.toString();
            }
        } else if (!(target instanceof ExpressionObject)) {
            Object r = callBuiltinMethod(ctx, target, name, args);
            if (r != NOT_FOUND) {
                return r;
            }
        }
        Object fn = getNamed(ctx, target, name);
        if (fn == Undefined.INSTANCE && (name.equals("isEmpty") || name.equals("isNotEmpty"))) {
            return name.equals("isEmpty") != JsOps.truthy(target); // n8n's generic isEmpty: !value
        }
        if (fn == Undefined.INSTANCE && !(target instanceof ExpressionObject)) {
            ExpressionException wrongType = N8nExtensions.notCallableOn(name);
            if (wrongType != null) {
                throw wrongType; // n8n: "sum() is only callable on type \"Array\""
            }
        }
        return callValue(ctx, fn, args, call);
    }

    /** Runs a built-in method of the receiver's type, or returns {@link #NOT_FOUND}. */
    static Object callBuiltinMethod(EvalContext ctx, Object receiver, String name, Object[] args) {
        if (receiver instanceof String s) {
            if (N8nExtensions.DATE.contains(name) && isIsoDateString(s)) {
                return DateTimeMethods.call(ctx, JsDateGlobal.newDate(ctx, new Object[] {s}), name, args);
            }
            return StringMethods.call(ctx, s, name, args);
        }
        if (receiver instanceof List<?> l) {
            return ArrayMethods.call(ctx, l, name, args);
        }
        if (receiver instanceof Map<?, ?> m) {
            return ObjectMethods.call(ctx, m, name, args);
        }
        if (receiver instanceof Number n) {
            return NumberMethods.call(ctx, n, name, args);
        }
        if (receiver instanceof Boolean b) {
            return NumberMethods.callBoolean(ctx, b, name, args);
        }
        if (receiver instanceof DateTimeValue d) {
            return DateTimeMethods.call(ctx, d, name, args);
        }
        if (receiver instanceof JsRegExp r) {
            return RegExpMethods.callRegex(ctx, r, name, args);
        }
        if (receiver instanceof JsCollection c) {
            return CollectionMethods.call(ctx, c, name, args);
        }
        return NOT_FOUND;
    }

    static Object callValue(EvalContext ctx, Object fn, Object[] args, Node.Call call) {
        if (call != null && call.optional() && JsOps.isNullish(fn)) {
            return SHORT_CIRCUIT;
        }
        return callValue(ctx, fn, args, call == null ? "value" : call.calleeText());
    }

    static Object callValue(EvalContext ctx, Object fn, Object[] args, String calleeText) {
        if (fn instanceof JsCallable c && c.isCallable()) {
            return c.call(ctx, args);
        }
        if (fn instanceof ExpressionFunction f) {
            List<Object> list = args.length == 0 ? List.of() : Collections.unmodifiableList(Arrays.asList(args));
            return f.call(list);
        }
        throw JsThrow.typeError(calleeText + " is not a function");
    }

    /** Calls a callback passed to a built-in (map, filter, replace...). */
    static Object invoke(EvalContext ctx, Object fn, Object... args) {
        return callValue(ctx, fn, args, "callback");
    }

    static Object requireFunction(Object fn, String what) {
        if (!JsOps.isFunction(fn)) {
            throw JsThrow.typeError(
                    JsOps.describe(fn) + " is not a function" + (what.isEmpty() ? "" : " (" + what + ")"));
        }
        return fn;
    }

    /** {@code new callee(args)}: the standard built-ins construct; nothing else does. */
    static Object construct(EvalContext ctx, Object callee, Object[] args, Node.New node) {
        if (callee instanceof Namespace ns && ns.isConstructor()) {
            return ns.construct(ctx, args);
        }
        if (callee instanceof Closure) {
            throw new ExpressionSandboxException(node.calleeText()
                    + " cannot be constructed: in expressions only the standard built-ins work with 'new'"
                    + " (Date, Map, Set, Error, RegExp...); return an object literal from the function instead");
        }
        throw JsThrow.typeError(node.calleeText() + " is not a constructor");
    }

    // ---- writes

    /** The expression may change this object or array: it created it in this evaluation. */
    private static void checkWritable(EvalContext ctx, Object target, Object owner, String key) {
        if (!ctx.owns(owner)) {
            throw readOnly(target, key);
        }
    }

    private static RuntimeException readOnly(Object target, String key) {
        if (target instanceof Map<?, ?> || target instanceof List<?>) {
            return new ExpressionSandboxException("cannot set '" + key + "': data the expression did not create"
                    + " (items, other nodes' output) is read-only; copy it first, e.g. {...$json} or [...list]");
        }
        if (JsOps.isPrimitive(target)) {
            return JsThrow.typeError(
                    "Cannot create property '" + key + "' on " + JsOps.typeOf(target) + " " + JsOps.describe(target));
        }
        return new ExpressionSandboxException("cannot set '" + key + "' on " + JsOps.describe(target)
                + ": built-in and host objects are read-only in expressions");
    }

    /** {@code target.key = value}; the target is not nullish. */
    static void put(EvalContext ctx, Object target, String key, Object value) {
        if (Sandbox.isForbiddenProperty(key)) {
            throw Sandbox.forbiddenProperty(key);
        }
        ctx.step();
        if (target instanceof JsObject o) {
            checkWritable(ctx, target, o.owner, key);
            o.put(key, value);
            ctx.checkCollection(o.size());
            return;
        }
        if (target instanceof JsArray a) {
            checkWritable(ctx, target, a.owner, key);
            int i = JsOps.arrayIndex(key);
            if (i >= 0) {
                putIndex(ctx, a, i, value);
            } else if (key.equals("length")) {
                setLength(ctx, a, value);
            } else {
                a.setProperty(key, value);
            }
            return;
        }
        if (target instanceof JsError e) {
            checkWritable(ctx, target, e.owner, key);
            e.properties.put(key, value);
            return;
        }
        if (target instanceof JsRegExp r && key.equals("lastIndex")) {
            checkWritable(ctx, target, r.owner, key);
            r.lastIndex = (long) Math.max(0, Math.min(JsOps.toInteger(value), Integer.MAX_VALUE));
            return;
        }
        throw readOnly(target, key);
    }

    /** {@code list[index] = value}. */
    static void putIndex(EvalContext ctx, Object target, Number index, Object value) {
        int i = JsOps.arrayIndex(index);
        if (i < 0) {
            put(ctx, target, JsOps.toKey(ctx, index), value);
            return;
        }
        if (!(target instanceof JsArray a)) {
            throw readOnly(target, JsOps.toKey(ctx, index));
        }
        checkWritable(ctx, target, a.owner, JsOps.toKey(ctx, index));
        putIndex(ctx, a, i, value);
    }

    private static void putIndex(EvalContext ctx, JsArray a, int i, Object value) {
        if (i < a.size()) {
            a.set(i, value);
            return;
        }
        ctx.checkCollection((long) i + 1);
        ctx.steps(i - a.size());
        while (a.size() < i) {
            a.add(Undefined.INSTANCE);
        }
        a.add(value);
    }

    private static void setLength(EvalContext ctx, JsArray a, Object value) {
        double len = JsOps.toNumber(value);
        if (len < 0 || len != Math.floor(len) || len > 4294967295.0) {
            throw JsThrow.rangeError("Invalid array length");
        }
        int n = ctx.checkCollection((long) len);
        if (n < a.size()) {
            a.subList(n, a.size()).clear();
        } else {
            ctx.steps(n - a.size());
            while (a.size() < n) {
                a.add(Undefined.INSTANCE);
            }
        }
    }

    /** {@code delete target.key}. */
    static boolean delete(EvalContext ctx, Object target, String key) {
        if (JsOps.isNullish(target)) {
            throw JsThrow.typeError("Cannot convert undefined or null to object");
        }
        if (Sandbox.isForbiddenProperty(key)) {
            throw Sandbox.forbiddenProperty(key);
        }
        if (target instanceof JsObject o) {
            checkWritable(ctx, target, o.owner, key);
            o.remove(key);
            return true;
        }
        if (target instanceof JsArray a) {
            checkWritable(ctx, target, a.owner, key);
            int i = JsOps.arrayIndex(key);
            if (i >= 0 && i < a.size()) {
                a.set(i, Undefined.INSTANCE);
            } else {
                a.deleteProperty(key);
            }
            return true;
        }
        if (target instanceof JsError e) {
            checkWritable(ctx, target, e.owner, key);
            e.properties.remove(key);
            return true;
        }
        if (JsOps.isPrimitive(target)) {
            return true;
        }
        throw readOnly(target, key);
    }

    /** The keys a for-in loop visits: own enumerable string keys. */
    static List<Object> enumerableKeys(EvalContext ctx, Object value) {
        List<Object> out = new ArrayList<>();
        if (value instanceof Map<?, ?> m) {
            ctx.steps(m.size());
            for (Object k : m.keySet()) {
                out.add(String.valueOf(k));
            }
        } else if (value instanceof List<?> l) {
            ctx.steps(l.size());
            for (int i = 0; i < l.size(); i++) {
                out.add(Integer.toString(i));
            }
        } else if (value instanceof String s) {
            ctx.steps(s.length());
            for (int i = 0; i < s.length(); i++) {
                out.add(Integer.toString(i));
            }
        } else if (value instanceof ExpressionObject o && !(value instanceof Namespace)) {
            for (String k : o.keys()) {
                if (!Sandbox.isForbiddenProperty(k)) {
                    out.add(k);
                }
            }
        }
        return out;
    }
}
