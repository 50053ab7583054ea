package io.hearth.expression;

import java.util.HashMap;
import java.util.Map;

/** The built-in globals: the only names an expression can reach besides the Scope's. */
final class Globals {

    private static final Map<String, Object> GLOBALS;

    static {
        Map<String, Object> g = new HashMap<>();
        g.put("NaN", Double.NaN);
        g.put("Infinity", Double.POSITIVE_INFINITY);
        g.put("Math", MathGlobal.namespace());
        g.put("JSON", json());
        g.put("Object", ValueGlobals.object());
        g.put("Array", ValueGlobals.array());
        g.put("String", ValueGlobals.string());
        g.put("Number", ValueGlobals.number());
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
        g.put("Date", JsDateGlobal.namespace());
        g.put("DateTime", LuxonGlobals.dateTime());
        g.put("Duration", LuxonGlobals.duration());
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
        N8nGlobals.addTo(g);
        GLOBALS = Map.copyOf(g);
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

    static Builtin fn(String name, Builtin.Impl impl) {
        return new Builtin(name, impl);
    }

    static boolean isFinite(double d) {
        return !Double.isNaN(d) && !Double.isInfinite(d);
    }

    static double num(Object[] a, int i) {
        return JsOps.toNumber(JsOps.arg(a, i));
    }

    static Object parseInt(EvalContext ctx, Object[] a) {
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
                        "parse", fn("parse", (ctx, a) -> JsonParser.parse(ctx, JsOps.toStr(ctx, JsOps.arg(a, 0))))),
                null);
    }
}
