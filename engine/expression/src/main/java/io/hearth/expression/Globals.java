package io.hearth.expression;

import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/** The built-in globals: the only names an expression can reach besides the Scope's. */
final class Globals {

    /** Luxon's DateTime.DATE_SHORT... presets, as Intl option objects. */
    static final Map<String, Map<String, Object>> DATE_PRESETS;

    private static final Map<String, Object> GLOBALS;

    static {
        DATE_PRESETS = datePresets();
        Map<String, Object> g = new HashMap<>();
        g.put("NaN", Double.NaN);
        g.put("Infinity", Double.POSITIVE_INFINITY);
        g.put("Math", math());
        g.put("JSON", json());
        g.put("Object", object());
        g.put("Array", array());
        g.put("String", string());
        g.put("Number", number());
        g.put(
                "Boolean",
                new Namespace(
                        "Boolean",
                        Map.of(),
                        (ctx, a) -> JsOps.truthy(JsOps.arg(a, 0)),
                        (ctx, a) -> JsOps.truthy(JsOps.arg(a, 0))));
        g.put("Map", collection("Map", false));
        g.put("Set", collection("Set", true));
        g.put("WeakMap", collection("WeakMap", false));
        g.put("WeakSet", collection("WeakSet", true));
        for (String type : JsError.TYPES) {
            g.put(type, error(type));
        }
        g.put("RegExp", regExp());
        g.put("Intl", IntlFormats.namespace());
        g.put("BigInt", new Namespace("BigInt", Map.of(), (ctx, a) -> {
            throw new ExpressionException("BigInt values are not supported in Hearth expressions");
        }));
        g.put("Date", date());
        g.put("DateTime", dateTime());
        g.put("Duration", duration());
        g.put("Interval", LuxonInterval.namespace());
        g.put("parseInt", fn("parseInt", Globals::parseInt));
        g.put(
                "parseFloat",
                fn("parseFloat", (ctx, a) -> JsNumbers.box(JsNumbers.parseFloat(JsOps.toStr(ctx, JsOps.arg(a, 0))))));
        // n8n binds the global isNaN/isFinite to Number.isNaN/Number.isFinite (no conversion of strings)
        Namespace number = (Namespace) g.get("Number");
        g.put("isNaN", number.get("isNaN"));
        g.put("isFinite", number.get("isFinite"));
        g.put(
                "encodeURIComponent",
                fn("encodeURIComponent", (ctx, a) -> Uri.encode(JsOps.toStr(ctx, JsOps.arg(a, 0)), Uri.URI_UNESCAPED)));
        g.put(
                "encodeURI",
                fn(
                        "encodeURI",
                        (ctx, a) -> Uri.encode(JsOps.toStr(ctx, JsOps.arg(a, 0)), Uri.URI_RESERVED_AND_UNESCAPED)));
        g.put(
                "decodeURIComponent",
                fn("decodeURIComponent", (ctx, a) -> Uri.decode(JsOps.toStr(ctx, JsOps.arg(a, 0)), "")));
        g.put(
                "decodeURI",
                fn("decodeURI", (ctx, a) -> Uri.decode(JsOps.toStr(ctx, JsOps.arg(a, 0)), Uri.URI_RESERVED_AND_HASH)));
        n8nHelpers(g);
        GLOBALS = Map.copyOf(g);
    }

    /** n8n's convenience functions ({@code $ifEmpty}, {@code $not}, {@code min}, {@code zip}...). */
    private static void n8nHelpers(Map<String, Object> g) {
        Namespace math = (Namespace) g.get("Math");
        for (String name : new String[] {"min", "max"}) {
            g.put(name, math.get(name));
            g.put("$" + name, math.get(name));
        }
        Builtin not = fn("not", (ctx, a) -> !JsOps.truthy(JsOps.arg(a, 0)));
        g.put("not", not);
        g.put("$not", not);
        Builtin average = fn("average", (ctx, a) -> {
            for (Object o : a) {
                if (!(o instanceof Number)) {
                    throw new ExpressionException("average(): all array elements must be numbers");
                }
            }
            double total = 0;
            for (Object o : a) {
                total += ((Number) o).doubleValue();
            }
            return a.length == 0 ? (Object) 0L : JsNumbers.box(total / a.length);
        });
        g.put("average", average);
        g.put("$average", average);
        g.put("$ifEmpty", fn("$ifEmpty", (ctx, a) -> {
            if (a.length != 2) {
                throw new ExpressionException("expected two arguments (value, defaultValue) for this function");
            }
            Object v = a[0];
            boolean empty = JsOps.isNullish(v)
                    || "".equals(v)
                    || (v instanceof List<?> l && l.isEmpty())
                    || (v instanceof Map<?, ?> m && m.isEmpty());
            return empty ? a[1] : v;
        }));
        Builtin jmespath = fn("$jmespath", (ctx, a) -> {
            Object data = JsOps.arg(a, 0);
            Object query = JsOps.arg(a, 1);
            boolean object = data == null || data instanceof Map<?, ?> || data instanceof List<?>;
            if (!object || !(query instanceof String q)) {
                throw new ExpressionException("expected two arguments (Object, string) for this function");
            }
            return JmesPath.search(ctx, data, q);
        });
        g.put("$jmespath", jmespath);
        g.put("$jmesPath", jmespath);
        g.put("numberList", fn("numberList", (ctx, a) -> {
            long start = (long) JsOps.toInteger(JsOps.arg(a, 0));
            long end = (long) JsOps.toInteger(JsOps.arg(a, 1));
            int size = ctx.allocate(Math.abs(start - end) + 1);
            ArrayList<Object> out = new JsArray(ctx, size);
            long step = start < end ? 1 : -1;
            for (int i = 0; i < size; i++) {
                out.add(start + i * step);
            }
            return out;
        }));
        g.put("zip", fn("zip", (ctx, a) -> {
            if (!(JsOps.arg(a, 0) instanceof List<?> keys) || !(JsOps.arg(a, 1) instanceof List<?> values)) {
                throw new ExpressionException("keys and values must be arrays");
            }
            if (keys.size() != values.size()) {
                throw new ExpressionException("keys and values not of equal length");
            }
            ctx.steps(keys.size());
            LinkedHashMap<String, Object> out = new JsObject(ctx);
            for (int i = 0; i < keys.size(); i++) {
                out.put(JsOps.toKey(ctx, keys.get(i)), values.get(i));
            }
            return out;
        }));
    }

    private Globals() {}

    /** Forces class initialisation (done by the engine's constructor, not mid-evaluation). */
    static void init() {
        // the static initialiser above does the work
    }

    /** The built-in global, or Java null when there is none. */
    static Object get(String name) {
        return GLOBALS.get(name);
    }

    private static Builtin fn(String name, Builtin.Impl impl) {
        return new Builtin(name, impl);
    }

    private static boolean isFinite(double d) {
        return !Double.isNaN(d) && !Double.isInfinite(d);
    }

    private static double num(Object[] a, int i) {
        return JsOps.toNumber(JsOps.arg(a, i));
    }

    private static Object parseInt(EvalContext ctx, Object[] a) {
        Object radix = JsOps.arg(a, 1);
        return JsNumbers.box(JsNumbers.parseInt(
                JsOps.toStr(ctx, JsOps.arg(a, 0)),
                radix == Undefined.INSTANCE ? 0 : JsNumbers.toInt32(JsOps.toNumber(radix))));
    }

    // ---- Map, Set, Error, RegExp

    private static Namespace collection(String name, boolean isSet) {
        return new Namespace(
                name,
                Map.of(),
                (ctx, a) -> {
                    throw JsThrow.typeError("Constructor " + name + " requires 'new'");
                },
                (ctx, a) -> CollectionMethods.create(ctx, isSet, JsOps.arg(a, 0)));
    }

    private static Namespace error(String type) {
        Builtin.Impl create = (ctx, a) -> {
            Object message = JsOps.arg(a, 0);
            JsError e = new JsError(ctx, type, type, message == Undefined.INSTANCE ? "" : JsOps.toStr(ctx, message));
            if (JsOps.arg(a, 1) instanceof Map<?, ?> options && options.containsKey("cause")) {
                e.properties.put("cause", options.get("cause"));
            }
            return e;
        };
        return new Namespace(type, Map.of(), create, create);
    }

    private static Namespace regExp() {
        Builtin.Impl create = (ctx, a) -> {
            Object pattern = JsOps.arg(a, 0);
            Object flags = JsOps.arg(a, 1);
            if (pattern instanceof JsRegExp r) {
                return flags == Undefined.INSTANCE
                        ? r.fresh(ctx)
                        : JsRegExp.compile(r.source, JsOps.toStr(ctx, flags)).fresh(ctx);
            }
            String source = pattern == Undefined.INSTANCE ? "(?:)" : JsOps.toStr(ctx, pattern);
            ctx.steps(source.length());
            return JsRegExp.compile(source, flags == Undefined.INSTANCE ? "" : JsOps.toStr(ctx, flags))
                    .fresh(ctx);
        };
        return new Namespace("RegExp", Map.of(), create, create);
    }

    // ---- Math

    private interface Unary {
        double apply(double x);
    }

    private static Namespace math() {
        Map<String, Object> m = new HashMap<>();
        m.put("PI", Math.PI);
        m.put("E", Math.E);
        m.put("LN2", Math.log(2));
        m.put("LN10", Math.log(10));
        m.put("LOG2E", 1 / Math.log(2));
        m.put("LOG10E", 1 / Math.log(10));
        m.put("SQRT2", Math.sqrt(2));
        m.put("SQRT1_2", Math.sqrt(0.5));
        unary(m, "abs", Math::abs);
        unary(m, "ceil", Math::ceil);
        unary(m, "floor", Math::floor);
        unary(m, "round", JsNumbers::round);
        unary(m, "trunc", x -> x < 0 ? Math.ceil(x) : Math.floor(x));
        unary(m, "sign", x -> Double.isNaN(x) || x == 0 ? x : Math.signum(x));
        unary(m, "sqrt", Math::sqrt);
        unary(m, "cbrt", Math::cbrt);
        unary(m, "log", Math::log);
        unary(m, "log10", Math::log10);
        unary(m, "log2", x -> {
            double r = Math.log(x) / Math.log(2);
            double rounded = Math.rint(r);
            return Math.abs(r - rounded) < 1e-12 && Math.pow(2, rounded) == x ? rounded : r;
        });
        unary(m, "log1p", Math::log1p);
        unary(m, "exp", Math::exp);
        unary(m, "expm1", Math::expm1);
        unary(m, "sin", Math::sin);
        unary(m, "cos", Math::cos);
        unary(m, "tan", Math::tan);
        unary(m, "asin", Math::asin);
        unary(m, "acos", Math::acos);
        unary(m, "atan", Math::atan);
        unary(m, "sinh", Math::sinh);
        unary(m, "cosh", Math::cosh);
        unary(m, "tanh", Math::tanh);
        unary(m, "fround", x -> (double) (float) x);
        m.put("atan2", fn("atan2", (ctx, a) -> JsNumbers.box(Math.atan2(num(a, 0), num(a, 1)))));
        m.put("pow", fn("pow", (ctx, a) -> JsNumbers.box(JsNumbers.pow(num(a, 0), num(a, 1)))));
        m.put("random", fn("random", (ctx, a) -> ThreadLocalRandom.current().nextDouble()));
        m.put("min", fn("min", (ctx, a) -> {
            double r = Double.POSITIVE_INFINITY;
            for (Object o : a) {
                r = Math.min(r, JsOps.toNumber(o));
            }
            return JsNumbers.box(r);
        }));
        m.put("max", fn("max", (ctx, a) -> {
            double r = Double.NEGATIVE_INFINITY;
            for (Object o : a) {
                r = Math.max(r, JsOps.toNumber(o));
            }
            return JsNumbers.box(r);
        }));
        m.put("hypot", fn("hypot", (ctx, a) -> {
            double sum = 0;
            for (Object o : a) {
                double d = JsOps.toNumber(o);
                if (Double.isInfinite(d)) {
                    return Double.POSITIVE_INFINITY;
                }
                sum += d * d;
            }
            return JsNumbers.box(Math.sqrt(sum));
        }));
        return new Namespace("Math", Map.copyOf(m), null);
    }

    private static void unary(Map<String, Object> m, String name, Unary f) {
        m.put(name, fn(name, (ctx, a) -> JsNumbers.box(f.apply(num(a, 0)))));
    }

    // ---- JSON

    private static Namespace json() {
        return new Namespace(
                "JSON",
                Map.of(
                        "stringify",
                                fn("stringify", (ctx, a) -> {
                                    Object replacer = JsOps.arg(a, 1);
                                    if (!JsOps.isNullish(replacer)) {
                                        throw new ExpressionException(
                                                "JSON.stringify: replacer arguments are not supported; pass null");
                                    }
                                    return Json.stringify(ctx, JsOps.arg(a, 0), JsOps.arg(a, 2));
                                }),
                        "parse", fn("parse", (ctx, a) -> Json.parse(ctx, JsOps.toStr(ctx, JsOps.arg(a, 0))))),
                null);
    }

    // ---- Object

    private static Namespace object() {
        return new Namespace(
                "Object",
                Map.of(
                        "keys", fn("keys", (ctx, a) -> entries(ctx, JsOps.arg(a, 0), 0)),
                        "values", fn("values", (ctx, a) -> entries(ctx, JsOps.arg(a, 0), 1)),
                        "entries", fn("entries", (ctx, a) -> entries(ctx, JsOps.arg(a, 0), 2)),
                        "assign", fn("assign", Globals::assign),
                        "fromEntries", fn("fromEntries", Globals::fromEntries),
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
                Globals::objectCall,
                Globals::objectCall);
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

    /** Object.assign without mutation: a new object with the target's and sources' properties. */
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

    private static Namespace array() {
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
                        "from", fn("from", Globals::arrayFrom)),
                Globals::arrayCall,
                Globals::arrayCall);
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
            int size = ctx.allocate((long) Math.max(0, Math.min(len, Long.MAX_VALUE / 2)));
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

    private static Namespace string() {
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
                Globals::stringCall,
                Globals::stringCall);
    }

    /** String(x); {@code new String(x)} gives the primitive too (there are no wrapper objects here). */
    private static Object stringCall(EvalContext ctx, Object[] a) {
        return a.length == 0 ? "" : JsOps.toStr(ctx, a[0]);
    }

    private static Namespace number() {
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

    // ---- Date (JavaScript)

    private static Namespace date() {
        return new Namespace(
                "Date",
                Map.of(
                        "now", fn("now", (ctx, a) -> ctx.now().toInstant().toEpochMilli()),
                        "parse",
                                fn("parse", (ctx, a) -> {
                                    DateTimeValue d = parseJsDate(ctx, JsOps.toStr(ctx, JsOps.arg(a, 0)));
                                    return d.isValid()
                                            ? (Object) d.time().toInstant().toEpochMilli()
                                            : (Object) Double.NaN;
                                }),
                        "UTC",
                                fn("UTC", (ctx, a) -> {
                                    DateTimeValue d = fromComponents(a);
                                    return d.isValid()
                                            ? (Object) d.time().toInstant().toEpochMilli()
                                            : (Object) Double.NaN;
                                })),
                (ctx, a) -> DateTimeFormatter.ofPattern("EEE MMM dd yyyy HH:mm:ss 'GMT'xx", Locale.US)
                                .format(ctx.now().withZoneSameInstant(ZoneOffset.UTC))
                        + " (Coordinated Universal Time)",
                Globals::newDate);
    }

    /** {@code new Date(...)}: JavaScript dates live in UTC here (their "local" time zone). */
    static DateTimeValue newDate(EvalContext ctx, Object[] a) {
        if (a.length == 0) {
            return DateTimeValue.jsDate(ctx.now());
        }
        if (a.length == 1) {
            Object v = a[0];
            if (v instanceof DateTimeValue d) {
                return d.isValid() ? DateTimeValue.jsDate(d.time()) : DateTimeValue.invalidJsDate();
            }
            if (v instanceof String s) {
                return parseJsDate(ctx, s);
            }
            double ms = JsOps.toNumber(v);
            if (Double.isNaN(ms) || Math.abs(ms) > 8.64e15) {
                return DateTimeValue.invalidJsDate();
            }
            return DateTimeValue.jsDate(DateTimeValue.utc((long) ms).time());
        }
        return fromComponents(a);
    }

    private static DateTimeValue parseJsDate(EvalContext ctx, String s) {
        ZonedDateTime t = JsDateParser.parse(s);
        return t == null ? DateTimeValue.invalidJsDate() : DateTimeValue.jsDate(t);
    }

    /** Date.UTC / new Date(y, m, d, h, mi, s, ms): month is 0-based and values overflow. */
    private static DateTimeValue fromComponents(Object[] a) {
        double[] v = {0, 0, 1, 0, 0, 0, 0};
        for (int i = 0; i < Math.min(7, a.length); i++) {
            v[i] = JsOps.toNumber(a[i]);
            if (!isFinite(v[i])) {
                return DateTimeValue.invalidJsDate();
            }
        }
        double year = v[0];
        if (year >= 0 && year <= 99 && year == Math.floor(year)) {
            year += 1900;
        }
        try {
            ZonedDateTime t = ZonedDateTime.of((int) year, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC)
                    .plusMonths((long) v[1])
                    .plusDays((long) v[2] - 1)
                    .plusHours((long) v[3])
                    .plusMinutes((long) v[4])
                    .plusSeconds((long) v[5])
                    .plusNanos((long) v[6] * 1_000_000);
            return DateTimeValue.jsDate(t);
        } catch (java.time.DateTimeException | ArithmeticException e) {
            return DateTimeValue.invalidJsDate();
        }
    }

    // ---- DateTime (Luxon)

    private static Namespace dateTime() {
        Map<String, Object> m = new HashMap<>(DATE_PRESETS);
        m.put("now", fn("now", (ctx, a) -> DateTimeValue.of(ctx.now())));
        m.put(
                "local",
                fn(
                        "local",
                        (ctx, a) ->
                                a.length == 0 ? DateTimeValue.of(ctx.now()) : luxonComponents(a, ctx.defaultZone())));
        m.put(
                "utc",
                fn(
                        "utc",
                        (ctx, a) -> a.length == 0
                                ? DateTimeValue.of(ctx.now().withZoneSameInstant(ZoneOffset.UTC))
                                : luxonComponents(a, ZoneOffset.UTC)));
        m.put("fromISO", fn("fromISO", (ctx, a) -> {
            ZoneOpts o = zoneOpts(ctx, JsOps.arg(a, 1));
            if (o.zone == null) {
                return DateTimeValue.invalid("unsupported zone");
            }
            ZonedDateTime t = LuxonFormat.parseIso(JsOps.toStr(ctx, JsOps.arg(a, 0)), o.zone, o.setZone);
            return t == null ? DateTimeValue.invalid("unparsable") : DateTimeValue.of(t);
        }));
        m.put("fromSQL", m.get("fromISO"));
        m.put("fromRFC2822", fn("fromRFC2822", (ctx, a) -> rfc(ctx, a)));
        m.put("fromHTTP", fn("fromHTTP", (ctx, a) -> rfc(ctx, a)));
        m.put("fromFormat", fn("fromFormat", (ctx, a) -> {
            ZoneOpts o = zoneOpts(ctx, JsOps.arg(a, 2));
            if (o.zone == null) {
                return DateTimeValue.invalid("unsupported zone");
            }
            ZonedDateTime t = LuxonFormat.parse(
                    JsOps.toStr(ctx, JsOps.arg(a, 0)), JsOps.toStr(ctx, JsOps.arg(a, 1)), o.zone, o.setZone);
            return t == null ? DateTimeValue.invalid("unparsable") : DateTimeValue.of(t);
        }));
        m.put("fromMillis", fn("fromMillis", (ctx, a) -> fromMillis(ctx, num(a, 0), JsOps.arg(a, 1))));
        m.put("fromSeconds", fn("fromSeconds", (ctx, a) -> fromMillis(ctx, num(a, 0) * 1000, JsOps.arg(a, 1))));
        m.put("fromJSDate", fn("fromJSDate", (ctx, a) -> {
            if (!(JsOps.arg(a, 0) instanceof DateTimeValue d) || !d.isValid()) {
                return DateTimeValue.invalid("invalid input");
            }
            ZoneOpts o = zoneOpts(ctx, JsOps.arg(a, 1));
            return o.zone == null
                    ? DateTimeValue.invalid("unsupported zone")
                    : DateTimeValue.of(d.time().withZoneSameInstant(o.zone));
        }));
        m.put("fromObject", fn("fromObject", (ctx, a) -> {
            if (!(JsOps.arg(a, 0) instanceof Map<?, ?> spec)) {
                throw new ExpressionException("DateTime.fromObject expects an object");
            }
            ZoneOpts o = zoneOpts(ctx, JsOps.arg(a, 1));
            if (o.zone == null) {
                return DateTimeValue.invalid("unsupported zone");
            }
            ZonedDateTime now = ctx.now().withZoneSameInstant(o.zone);
            Object[] parts = new Object[7];
            String[] units = {"year", "month", "day", "hour", "minute", "second", "millisecond"};
            boolean seen = false;
            for (int i = 0; i < units.length; i++) {
                Object v = spec.containsKey(units[i]) ? spec.get(units[i]) : spec.get(units[i] + "s");
                if (v != null) {
                    seen = true;
                    parts[i] = v;
                } else {
                    // Luxon: units above the largest given default to now, below it to their minimum
                    parts[i] = seen
                            ? (i <= 2 ? 1L : 0L)
                            : switch (i) {
                                case 0 -> (long) now.getYear();
                                case 1 -> spec.isEmpty() ? (long) now.getMonthValue() : 1L;
                                case 2 -> spec.isEmpty() ? (long) now.getDayOfMonth() : 1L;
                                default -> 0L;
                            };
                }
            }
            return luxonComponents(parts, o.zone);
        }));
        m.put("isDateTime", fn("isDateTime", (ctx, a) -> JsOps.arg(a, 0) instanceof DateTimeValue));
        m.put("invalid", fn("invalid", (ctx, a) -> DateTimeValue.invalid(JsOps.toStr(ctx, JsOps.arg(a, 0)))));
        m.put("max", fn("max", (ctx, a) -> extreme(a, true)));
        m.put("min", fn("min", (ctx, a) -> extreme(a, false)));
        return new Namespace("DateTime", Map.copyOf(m), null);
    }

    private record ZoneOpts(ZoneId zone, boolean setZone) {}

    /** Luxon options {zone, setZone}. A null zone means the zone was not understood. */
    private static ZoneOpts zoneOpts(EvalContext ctx, Object opts) {
        if (!(opts instanceof Map<?, ?> m)) {
            return new ZoneOpts(ctx.defaultZone(), false);
        }
        Object zone = m.get("zone");
        ZoneId z = zone instanceof String s ? LuxonFormat.zone(s, ctx.defaultZone()) : ctx.defaultZone();
        boolean setZone = JsOps.truthy(m.get("setZone"));
        return new ZoneOpts(z, setZone && zone == null);
    }

    private static Object rfc(EvalContext ctx, Object[] a) {
        ZonedDateTime t = LuxonFormat.parseRfc(JsOps.toStr(ctx, JsOps.arg(a, 0)));
        ZoneOpts o = zoneOpts(ctx, JsOps.arg(a, 1));
        if (t == null || o.zone == null) {
            return DateTimeValue.invalid("unparsable");
        }
        return DateTimeValue.of(o.setZone ? t : t.withZoneSameInstant(o.zone));
    }

    private static Object fromMillis(EvalContext ctx, double ms, Object opts) {
        ZoneOpts o = zoneOpts(ctx, opts);
        if (Double.isNaN(ms) || Math.abs(ms) > 8.64e15 || o.zone == null) {
            return DateTimeValue.invalid("invalid input");
        }
        return DateTimeValue.of(DateTimeValue.utc(Math.round(ms)).time().withZoneSameInstant(o.zone));
    }

    /** DateTime.local(y, m, d, h, mi, s, ms) with a 1-based month. */
    private static DateTimeValue luxonComponents(Object[] a, ZoneId zone) {
        long[] v = {0, 1, 1, 0, 0, 0, 0};
        for (int i = 0; i < Math.min(7, a.length); i++) {
            if (a[i] instanceof Map<?, ?>) {
                break; // trailing options object
            }
            double d = JsOps.toNumber(a[i]);
            if (!isFinite(d)) {
                return DateTimeValue.invalid("invalid input");
            }
            v[i] = (long) d;
        }
        try {
            java.time.LocalDateTime local = java.time.LocalDateTime.of((int) v[0], 1, 1, 0, 0)
                    .plusMonths(v[1] - 1)
                    .plusDays(v[2] - 1)
                    .plusHours(v[3])
                    .plusMinutes(v[4])
                    .plusSeconds(v[5])
                    .plusNanos(v[6] * 1_000_000);
            return DateTimeValue.of(ZonedDateTime.of(local, zone));
        } catch (java.time.DateTimeException | ArithmeticException e) {
            return DateTimeValue.invalid("invalid input");
        }
    }

    private static Object extreme(Object[] a, boolean max) {
        DateTimeValue best = null;
        for (Object o : a) {
            if (o instanceof DateTimeValue d
                    && d.isValid()
                    && (best == null || (max ? d.millis() > best.millis() : d.millis() < best.millis()))) {
                best = d;
            }
        }
        return best == null ? Undefined.INSTANCE : best;
    }

    private static Map<String, Map<String, Object>> datePresets() {
        Map<String, Map<String, Object>> p = new LinkedHashMap<>();
        p.put("DATE_SHORT", Map.of("year", "numeric", "month", "numeric", "day", "numeric"));
        p.put("DATE_MED", Map.of("year", "numeric", "month", "short", "day", "numeric"));
        p.put("DATE_FULL", Map.of("year", "numeric", "month", "long", "day", "numeric"));
        p.put("DATE_HUGE", Map.of("year", "numeric", "month", "long", "day", "numeric", "weekday", "long"));
        p.put("TIME_SIMPLE", Map.of("hour", "numeric", "minute", "2-digit"));
        p.put("TIME_WITH_SECONDS", Map.of("hour", "numeric", "minute", "2-digit", "second", "2-digit"));
        p.put("TIME_24_SIMPLE", Map.of("hour", "numeric", "minute", "2-digit", "hourCycle", "h23"));
        p.put(
                "TIME_24_WITH_SECONDS",
                Map.of("hour", "numeric", "minute", "2-digit", "second", "2-digit", "hourCycle", "h23"));
        p.put(
                "DATETIME_SHORT",
                Map.of(
                        "year", "numeric", "month", "numeric", "day", "numeric", "hour", "numeric", "minute",
                        "2-digit"));
        p.put(
                "DATETIME_MED",
                Map.of("year", "numeric", "month", "short", "day", "numeric", "hour", "numeric", "minute", "2-digit"));
        p.put(
                "DATETIME_FULL",
                Map.of(
                        "year",
                        "numeric",
                        "month",
                        "long",
                        "day",
                        "numeric",
                        "hour",
                        "numeric",
                        "minute",
                        "2-digit",
                        "timeZoneName",
                        "short"));
        p.put(
                "DATETIME_HUGE",
                Map.of(
                        "year",
                        "numeric",
                        "month",
                        "long",
                        "day",
                        "numeric",
                        "weekday",
                        "long",
                        "hour",
                        "numeric",
                        "minute",
                        "2-digit",
                        "timeZoneName",
                        "long"));
        return Collections.unmodifiableMap(p);
    }

    // ---- Duration (Luxon)

    private static Namespace duration() {
        return new Namespace(
                "Duration",
                Map.of(
                        "fromObject",
                        fn("fromObject", (ctx, a) -> {
                            if (!(JsOps.arg(a, 0) instanceof Map<?, ?> m)) {
                                throw JsThrow.error("Duration.fromObject: argument expected to be an object, got "
                                        + JsOps.typeOf(JsOps.arg(a, 0)));
                            }
                            return LuxonDuration.fromObject(m);
                        }),
                        "fromMillis",
                        fn("fromMillis", (ctx, a) -> LuxonDuration.from(JsNumbers.box(num(a, 0)))),
                        "fromDurationLike",
                        fn("fromDurationLike", (ctx, a) -> LuxonDuration.from(JsOps.arg(a, 0))),
                        "fromISO",
                        fn("fromISO", (ctx, a) -> LuxonDuration.fromIso(JsOps.toStr(ctx, JsOps.arg(a, 0)))),
                        "isDuration",
                        fn("isDuration", (ctx, a) -> JsOps.arg(a, 0) instanceof LuxonDuration)),
                null);
    }
}
