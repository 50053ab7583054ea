package io.hearth.expression;

import java.util.List;
import java.util.Map;

/**
 * JavaScript abstract operations over expression values: conversions, equality, operators.
 * <p>Kept in one file: the spec's abstract operations call each other (ToPrimitive, ToNumber,
 * loose equality, the operators), and every other class relies on them as one table.
 */
final class JsOps {

    static final int MAX_DATA_DEPTH = 1000;

    private JsOps() {}

    static boolean isNullish(Object v) {
        return v == null || v == Undefined.INSTANCE;
    }

    static boolean truthy(Object v) {
        if (v instanceof Boolean b) {
            return b;
        }
        if (v == null || v == Undefined.INSTANCE) {
            return false;
        }
        if (v instanceof String s) {
            return !s.isEmpty();
        }
        if (v instanceof Long l) {
            return l != 0;
        }
        if (v instanceof Number n) {
            double d = n.doubleValue();
            return d != 0 && !Double.isNaN(d);
        }
        return true;
    }

    static boolean isFunction(Object v) {
        return v instanceof JsCallable c ? c.isCallable() : v instanceof ExpressionFunction;
    }

    static String typeOf(Object v) {
        if (v == Undefined.INSTANCE) {
            return "undefined";
        }
        if (v instanceof String) {
            return "string";
        }
        if (v instanceof Number) {
            return "number";
        }
        if (v instanceof Boolean) {
            return "boolean";
        }
        if (v instanceof Namespace ns) { // Math, JSON and Intl are objects; the others are classes
            return ns.name().equals("Math")
                            || ns.name().equals("JSON")
                            || ns.name().equals("Intl")
                    ? "object"
                    : "function";
        }
        return isFunction(v) ? "function" : "object";
    }

    static double toNumber(Object v) {
        if (v instanceof Number n) {
            return n.doubleValue();
        }
        if (v instanceof String s) {
            return JsNumbers.parse(s);
        }
        if (v instanceof Boolean b) {
            return b ? 1 : 0;
        }
        if (v == null) {
            return 0;
        }
        if (v instanceof DateTimeValue d) {
            return d.millis();
        }
        if (v instanceof List<?> l) {
            return l.isEmpty() ? 0 : l.size() == 1 ? toNumberOfElement(l.get(0)) : Double.NaN;
        }
        return Double.NaN;
    }

    /** ToNumber of a one-element array: ToNumber of the element's ToString. */
    private static double toNumberOfElement(Object e) {
        if (isNullish(e)) {
            return 0;
        }
        if (e instanceof Number n) {
            return n.doubleValue();
        }
        if (e instanceof String s) {
            return JsNumbers.parse(s);
        }
        return e instanceof List<?> l ? toNumber(l) : Double.NaN;
    }

    /** ToIntegerOrInfinity. */
    static double toInteger(Object v) {
        double d = toNumber(v);
        if (Double.isNaN(d)) {
            return 0;
        }
        return d < 0 ? Math.ceil(d) : Math.floor(d);
    }

    /** ToString. Arrays join recursively (bounded by the string limit). */
    static String toStr(EvalContext ctx, Object v) {
        if (v instanceof String s) {
            return s;
        }
        if (v instanceof Number n) {
            return JsNumbers.toString(n);
        }
        if (v instanceof Boolean b) {
            return b ? "true" : "false";
        }
        if (v == null) {
            return "null";
        }
        if (v == Undefined.INSTANCE) {
            return "undefined";
        }
        if (v instanceof List<?> l) {
            StringBuilder sb = new StringBuilder();
            joinInto(ctx, sb, l, ",", 0);
            return sb.toString();
        }
        if (v instanceof JsError) {
            return v.toString();
        }
        if (v instanceof Map<?, ?> || (v instanceof ExpressionObject && !(v instanceof Namespace))) {
            return "[object Object]";
        }
        if (v instanceof DateTimeValue
                || v instanceof JsRegExp
                || v instanceof Namespace
                || v instanceof JsError
                || v instanceof JsCollection) {
            return v.toString();
        }
        if (isFunction(v)) {
            return "function () { [native code] }";
        }
        throw Sandbox.unsupportedValue();
    }

    /** Array.prototype.join: nullish elements print as "". */
    static void joinInto(EvalContext ctx, StringBuilder sb, List<?> list, String sep, int depth) {
        if (depth > MAX_DATA_DEPTH) {
            throw tooDeep();
        }
        int n = list.size();
        ctx.steps(n);
        for (int i = 0; i < n; i++) {
            if (i > 0) {
                sb.append(sep);
            }
            Object e = list.get(i);
            if (e instanceof List<?> inner) {
                joinInto(ctx, sb, inner, ",", depth + 1);
            } else if (!isNullish(e)) {
                sb.append(toStr(ctx, e));
            }
            ctx.checkString(sb.length());
        }
    }

    static ExpressionLimitException tooDeep() {
        return new ExpressionLimitException("maxCallDepth", "value is nested too deeply");
    }

    /** ToPropertyKey for a computed member access. */
    static String toKey(EvalContext ctx, Object v) {
        return v instanceof String s ? s : toStr(ctx, v);
    }

    /** A canonical array index ("0", "12", not "01" or "1.0"), or -1. */
    static int arrayIndex(String s) {
        int n = s.length();
        if (n == 0 || n > 10 || (n > 1 && s.charAt(0) == '0')) {
            return -1;
        }
        long v = 0;
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (!JsNumbers.isDigit(c)) {
                return -1;
            }
            v = v * 10 + (c - '0');
        }
        return v > Integer.MAX_VALUE ? -1 : (int) v;
    }

    /** An integral number usable as an index, or -1. */
    static int arrayIndex(Number n) {
        if (n instanceof Long || n instanceof Integer) {
            long l = n.longValue();
            return l >= 0 && l <= Integer.MAX_VALUE ? (int) l : -1;
        }
        double d = n.doubleValue();
        return d >= 0 && d <= Integer.MAX_VALUE && d == Math.floor(d) ? (int) d : -1;
    }

    // JavaScript's === compares objects by identity
    @SuppressWarnings("ReferenceEquality")
    static boolean strictEquals(Object a, Object b) {
        if (a == b) {
            return !(a instanceof Double d && d.isNaN());
        }
        if (a instanceof Number x && b instanceof Number y) {
            if (x instanceof Long l && y instanceof Long m) {
                return l.longValue() == m.longValue();
            }
            return x.doubleValue() == y.doubleValue();
        }
        if (a instanceof String s && b instanceof String t) {
            return s.equals(t);
        }
        if (a instanceof Boolean p && b instanceof Boolean q) {
            return p.booleanValue() == q.booleanValue();
        }
        return false;
    }

    // JavaScript's === compares objects by identity
    @SuppressWarnings("ReferenceEquality")
    static boolean looseEquals(EvalContext ctx, Object a, Object b) {
        if (isNullish(a) || isNullish(b)) {
            return isNullish(a) && isNullish(b);
        }
        if (isPrimitive(a) && isPrimitive(b)) {
            if ((a instanceof String && b instanceof String)
                    || (a instanceof Number && b instanceof Number)
                    || (a instanceof Boolean && b instanceof Boolean)) {
                return strictEquals(a, b);
            }
            return toNumber(a) == toNumber(b);
        }
        if (!isPrimitive(a) && !isPrimitive(b)) {
            return a == b;
        }
        Object pa = isPrimitive(a) ? a : toPrimitive(ctx, a, b instanceof String);
        Object pb = isPrimitive(b) ? b : toPrimitive(ctx, b, a instanceof String);
        return looseEquals(ctx, pa, pb);
    }

    static boolean isPrimitive(Object v) {
        return v == null
                || v instanceof String
                || v instanceof Number
                || v instanceof Boolean
                || v == Undefined.INSTANCE;
    }

    /**
     * ToPrimitive. Dates become epoch millis (Luxon's valueOf) unless a string is wanted, then their
     * ISO text: {@code 'at ' + $now} reads "at 2024-...".
     */
    static Object toPrimitive(EvalContext ctx, Object v, boolean preferString) {
        if (isPrimitive(v)) {
            return v;
        }
        if (v instanceof DateTimeValue d) {
            return preferString ? d.toString() : JsNumbers.box(d.millis());
        }
        return toStr(ctx, v);
    }

    static Object add(EvalContext ctx, Object a, Object b) {
        if (a instanceof Number x && b instanceof Number y) {
            return JsNumbers.box(x.doubleValue() + y.doubleValue());
        }
        if (a instanceof String s && b instanceof String t) {
            return concat(ctx, s, t);
        }
        boolean stringy = a instanceof String || b instanceof String;
        Object pa = toPrimitive(ctx, a, stringy);
        Object pb = toPrimitive(ctx, b, stringy);
        if (pa instanceof String || pb instanceof String) {
            return concat(ctx, toStr(ctx, pa), toStr(ctx, pb));
        }
        return JsNumbers.box(toNumber(pa) + toNumber(pb));
    }

    static String concat(EvalContext ctx, String s, String t) {
        if (t.isEmpty()) {
            return s;
        }
        if (s.isEmpty()) {
            return t;
        }
        ctx.allocateString((long) s.length() + t.length());
        return s.concat(t);
    }

    /** Abstract relational comparison; {@code null} means undefined (a NaN was involved). */
    static Boolean lessThan(EvalContext ctx, Object a, Object b) {
        Object pa = toPrimitive(ctx, a, false);
        Object pb = toPrimitive(ctx, b, false);
        if (pa instanceof String s && pb instanceof String t) {
            return s.compareTo(t) < 0;
        }
        double x = toNumber(pa);
        double y = toNumber(pb);
        if (Double.isNaN(x) || Double.isNaN(y)) {
            return null;
        }
        return x < y;
    }

    /** {@code value instanceof constructor} for the built-in constructors. */
    static boolean instanceOf(Object value, Object constructor) {
        if (!(constructor instanceof Namespace ns)) {
            if (!isFunction(constructor)) {
                throw JsThrow.typeError("Right-hand side of 'instanceof' is not callable");
            }
            return false; // functions written in the expression construct nothing
        }
        String c = ns.name();
        return switch (c) {
            case "Object" -> !isPrimitive(value);
            case "Array" -> value instanceof List<?>;
            case "Date" -> value instanceof DateTimeValue d && d.isJsDate();
            case "DateTime" -> value instanceof DateTimeValue d && !d.isJsDate();
            case "Duration" -> value instanceof LuxonDuration;
            case "Interval" -> value instanceof LuxonInterval;
            case "RegExp" -> value instanceof JsRegExp;
            case "Map" -> value instanceof JsCollection col && !col.isSet;
            case "Set" -> value instanceof JsCollection col && col.isSet;
            default -> value instanceof JsError e && JsError.TYPES.contains(c) && e.isA(c);
        };
    }

    /** SameValueZero, used by includes(). */
    static boolean sameValueZero(Object a, Object b) {
        if (a instanceof Number x && b instanceof Number y) {
            double p = x.doubleValue();
            double q = y.doubleValue();
            return p == q || (Double.isNaN(p) && Double.isNaN(q));
        }
        return strictEquals(a, b);
    }

    /** Structural equality (lodash isEqual), used by unique() and friends. */
    // JavaScript's === compares objects by identity
    @SuppressWarnings("ReferenceEquality")
    static boolean deepEquals(Object a, Object b, int depth) {
        if (depth > MAX_DATA_DEPTH) {
            throw tooDeep();
        }
        if (sameValueZero(a, b) || a == b) {
            return true;
        }
        if (a instanceof List<?> x && b instanceof List<?> y) {
            if (x.size() != y.size()) {
                return false;
            }
            for (int i = 0; i < x.size(); i++) {
                if (!deepEquals(x.get(i), y.get(i), depth + 1)) {
                    return false;
                }
            }
            return true;
        }
        if (a instanceof Map<?, ?> x && b instanceof Map<?, ?> y) {
            if (x.size() != y.size()) {
                return false;
            }
            for (Map.Entry<?, ?> e : x.entrySet()) {
                if (!y.containsKey(e.getKey()) || !deepEquals(e.getValue(), y.get(e.getKey()), depth + 1)) {
                    return false;
                }
            }
            return true;
        }
        if (a instanceof DateTimeValue x && b instanceof DateTimeValue y) {
            return x.equals(y);
        }
        return false;
    }

    static Object arg(Object[] args, int i) {
        return i < args.length ? args[i] : Undefined.INSTANCE;
    }

    /** Describes a value in an error message the way JavaScript does (undefined, null, 'x', 1). */
    static String describe(Object v) {
        if (v instanceof String s) {
            return "'" + (s.length() > 40 ? s.substring(0, 40) + "…" : s) + "'";
        }
        if (v == null) {
            return "null";
        }
        if (isPrimitive(v)) {
            return v.toString();
        }
        return v instanceof List<?> ? "array" : typeOf(v);
    }

    /** Relative index as used by slice/at: negative counts from the end, clamped to [0, len]. */
    static int relativeIndex(Object v, int len, int dflt) {
        if (v == Undefined.INSTANCE) {
            return dflt;
        }
        double rel = toInteger(v);
        if (rel < 0) {
            return (int) Math.max(len + rel, 0);
        }
        return (int) Math.min(rel, len);
    }
}
