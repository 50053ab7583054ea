package io.hearth.expression;

import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * Property access and method dispatch: the single gate between an expression and a value. Only the
 * value types listed in {@link io.hearth.expression} are dispatched; anything else is refused.
 */
final class Members {

    /** Returned by the per-type method tables when the name is not a method of that type. */
    static final Object NOT_FOUND = new Object();

    /** Produced by a short-circuiting {@code ?.}; turned into undefined at the end of the chain. */
    static final Object SHORT_CIRCUIT = new Object();

    private Members() {}

    static ExpressionException cannotRead(Object target, String name) {
        return new ExpressionException(
                "Cannot read properties of " + (target == null ? "null" : "undefined") + " (reading '" + name + "')");
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
            Object v = StringMethods.regexProperty(r, name);
            return v != NOT_FOUND ? v : methodOrNothing(target, name, StringMethods.REGEX_NAMES);
        }
        if (target instanceof JsCallable || target instanceof ExpressionFunction) {
            if (Sandbox.isForbiddenOnFunction(name)) {
                throw Sandbox.forbiddenProperty(name);
            }
            return Undefined.INSTANCE;
        }
        if (JsOps.isNullish(target)) {
            throw cannotRead(target, name);
        }
        throw Sandbox.unsupportedValue();
    }

    private static Object methodOrNothing(Object target, String name, java.util.Set<String> methods) {
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
            return (i >= 0 && i < l.size()) || name.equals("length") || ArrayMethods.NAMES.contains(name);
        }
        if (target instanceof ExpressionObject o) {
            return !Sandbox.isForbiddenProperty(name) && o.get(name) != Undefined.INSTANCE;
        }
        if (target instanceof DateTimeValue
                || target instanceof JsRegExp
                || target instanceof JsCallable
                || target instanceof ExpressionFunction) {
            return getNamed(ctx, target, name) != Undefined.INSTANCE;
        }
        throw new ExpressionException(
                "Cannot use 'in' operator to search for '" + name + "' in " + JsOps.describe(target));
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
        } else if (!(target instanceof ExpressionObject)) {
            Object r = callBuiltinMethod(ctx, target, name, args);
            if (r != NOT_FOUND) {
                return r;
            }
        }
        return callValue(ctx, getNamed(ctx, target, name), args, call);
    }

    /** Runs a built-in method of the receiver's type, or returns {@link #NOT_FOUND}. */
    static Object callBuiltinMethod(EvalContext ctx, Object receiver, String name, Object[] args) {
        if (receiver instanceof String s) {
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
            return StringMethods.callRegex(ctx, r, name, args);
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
        throw new ExpressionException(calleeText + " is not a function");
    }

    /** Calls a callback passed to a built-in (map, filter, replace...). */
    static Object invoke(EvalContext ctx, Object fn, Object... args) {
        return callValue(ctx, fn, args, "callback");
    }

    static Object requireFunction(Object fn, String what) {
        if (!JsOps.isFunction(fn)) {
            throw new ExpressionException(
                    JsOps.describe(fn) + " is not a function" + (what.isEmpty() ? "" : " (" + what + ")"));
        }
        return fn;
    }
}
