package io.hearth.expression;

/** Conversions the runtime shares with the expression language. */
public final class ExpressionValues {

    private ExpressionValues() {}

    /**
     * The value as plain JSON-like Java values: null, Undefined, Boolean, Number, String, List, Map
     * (dates as ISO-8601 strings, host objects as maps of their keys).
     *
     * @throws ExpressionException for a function or a value outside the sandbox
     */
    public static Object toJson(Object v) {
        return Values.toPlain(EvalContext.standalone(), v);
    }

    /** The text a value contributes to a mixed template: "" for null/undefined, JSON for objects. */
    public static String toDisplayString(Object v) {
        StringBuilder sb = new StringBuilder();
        Values.render(EvalContext.standalone(), sb, v);
        return sb.toString();
    }

    /** JavaScript truthiness. */
    public static boolean truthy(Object v) {
        return JsOps.truthy(v);
    }

    /** JavaScript {@code typeof}: "undefined", "string", "number", "boolean", "object" (also null, arrays, dates). */
    public static String typeOf(Object v) {
        return JsOps.typeOf(v);
    }

    /** JavaScript {@code Number(v)}: NaN for what is not a number. */
    public static double toNumber(Object v) {
        return JsOps.toNumber(v);
    }

    /** JavaScript {@code String(v)}: "null", "undefined", "1,2" for arrays, "[object Object]" for objects. */
    public static String toText(Object v) {
        return JsOps.toStr(EvalContext.standalone(), v);
    }

    /**
     * JavaScript's {@code a < b} (strings by UTF-16 code units, everything else as numbers); empty
     * when the comparison is undefined because a value is not a number (NaN).
     */
    public static java.util.Optional<Boolean> lessThan(Object a, Object b) {
        return java.util.Optional.ofNullable(JsOps.lessThan(EvalContext.standalone(), a, b));
    }

    /** Structural equality as lodash's {@code isEqual}: 1 equals 1.0, maps regardless of key order. */
    public static boolean deepEquals(Object a, Object b) {
        return JsOps.deepEquals(a, b, 0);
    }

    /** JavaScript's {@code JSON.stringify(v)} without indentation; "undefined" for undefined. */
    public static String stringify(Object v) {
        Object s = Json.stringify(EvalContext.standalone(), v, Undefined.INSTANCE);
        return s instanceof String text ? text : "undefined";
    }

    /**
     * JavaScript's {@code s.replace(new RegExp(source, flags), replacement)}: {@code $1}, {@code $&}
     * and {@code $<name>} in the replacement, the first match only unless {@code flags} has {@code g};
     * bounded by the expression limits' regex deadline.
     *
     * @throws ExpressionException for an invalid pattern or flags, or when matching takes too long
     */
    public static String regexReplace(String s, String source, String flags, String replacement) {
        return (String)
                StringMethods.replace(EvalContext.standalone(), s, JsRegExp.compile(source, flags), replacement, false);
    }

    /** JavaScript's SameValueZero ({@code Array.prototype.includes}): {@code 1} and {@code 1.0} are the same. */
    public static boolean sameValueZero(Object a, Object b) {
        return JsOps.sameValueZero(a, b);
    }

    /**
     * A JavaScript regular expression ({@code new RegExp(source, flags)}) as a Java pattern.
     *
     * @throws ExpressionException for an invalid pattern or flags
     */
    public static java.util.regex.Pattern regExp(String source, String flags) {
        return JsRegExp.compile(source, flags).pattern;
    }

    /**
     * A date-time as n8n reads one it must compare: a DateTime value as it is; text in ISO 8601 (an
     * offset in the text is kept, else {@code zone}), or in RFC 2822 / HTTP form. Empty when the
     * value is none of these.
     */
    public static java.util.Optional<java.time.ZonedDateTime> parseDateTime(Object v, java.time.ZoneId zone) {
        if (v instanceof DateTimeValue d) {
            return d.isValid() ? java.util.Optional.of(d.toZonedDateTime()) : java.util.Optional.empty();
        }
        if (!(v instanceof String s)) {
            return java.util.Optional.empty();
        }
        String text = s.strip();
        java.time.ZonedDateTime t = LuxonParse.parseIso(text, zone, true);
        if (t == null) {
            t = LuxonParse.parseRfc(text);
        }
        return java.util.Optional.ofNullable(t);
    }
}
