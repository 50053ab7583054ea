package io.hearth.expression;

import java.util.List;
import java.util.Map;

/** JSON.stringify with JavaScript's output format, bounded by the limits (JSON.parse: {@link JsonParser}). */
final class Json {

    private Json() {}

    /** JSON.stringify; returns Undefined for values JSON cannot represent (undefined, functions). */
    static Object stringify(EvalContext ctx, Object value, Object space) {
        String indent = "";
        if (space instanceof Number n) {
            indent = " ".repeat((int) Math.max(0, Math.min(10, n.doubleValue())));
        } else if (space instanceof String s) {
            indent = s.length() > 10 ? s.substring(0, 10) : s;
        }
        StringBuilder sb = new StringBuilder();
        return write(ctx, sb, value, indent, "", 0) ? sb.toString() : Undefined.INSTANCE;
    }

    /** Appends the JSON text of {@code value} ("null" when it has none). */
    static void stringify(EvalContext ctx, StringBuilder sb, Object value, String indent) {
        if (!write(ctx, sb, value, indent, "", 0)) {
            sb.append("null");
        }
    }

    private static boolean write(
            EvalContext ctx, StringBuilder sb, Object v, String indent, String current, int depth) {
        ctx.step();
        if (v == Undefined.INSTANCE || JsOps.isFunction(v)) {
            return false;
        }
        if (v == null) {
            sb.append("null");
        } else if (v instanceof Boolean b) {
            sb.append(b.booleanValue());
        } else if (v instanceof Number n) {
            double d = n.doubleValue();
            sb.append(Double.isNaN(d) || Double.isInfinite(d) ? "null" : JsNumbers.toString(n));
        } else if (v instanceof String s) {
            quote(sb, s);
        } else if (v instanceof LuxonDuration || v instanceof LuxonInterval) {
            Object text = Values.toPlain(ctx, v);
            if (text == null) {
                sb.append("null");
            } else {
                quote(sb, (String) text);
            }
        } else if (v instanceof DateTimeValue d) {
            if (d.isValid()) {
                quote(sb, d.toString());
            } else {
                sb.append("null");
            }
        } else if (v instanceof List<?> l) {
            checkDepth(depth);
            if (l.isEmpty()) {
                sb.append("[]");
                return true;
            }
            String inner = current + indent;
            sb.append('[');
            for (int i = 0; i < l.size(); i++) {
                if (i > 0) {
                    sb.append(',');
                }
                newline(sb, indent, inner);
                if (!write(ctx, sb, l.get(i), indent, inner, depth + 1)) {
                    sb.append("null");
                }
                ctx.checkString(sb.length());
            }
            newline(sb, indent, current);
            sb.append(']');
        } else if (v instanceof Map<?, ?>
                || v instanceof ExpressionObject
                || v instanceof JsRegExp
                || v instanceof JsCollection) {
            checkDepth(depth);
            String inner = current + indent;
            sb.append('{');
            boolean any = false;
            if (v instanceof Map<?, ?> m) {
                for (Map.Entry<?, ?> e : m.entrySet()) {
                    any |= member(ctx, sb, String.valueOf(e.getKey()), e.getValue(), any, indent, inner, depth);
                }
            } else if (v instanceof ExpressionObject o && !(v instanceof Namespace)) {
                for (String k : o.keys()) {
                    if (!Sandbox.isForbiddenProperty(k)) {
                        any |= member(ctx, sb, k, o.get(k), any, indent, inner, depth);
                    }
                }
            }
            if (any) {
                newline(sb, indent, current);
            }
            sb.append('}');
        } else {
            throw Sandbox.unsupportedValue();
        }
        ctx.checkString(sb.length());
        return true;
    }

    /** Writes {@code "key":value}; writes nothing and returns false when the value has no JSON form. */
    private static boolean member(
            EvalContext ctx,
            StringBuilder sb,
            String key,
            Object value,
            boolean comma,
            String indent,
            String inner,
            int depth) {
        int mark = sb.length();
        if (comma) {
            sb.append(',');
        }
        newline(sb, indent, inner);
        quote(sb, key);
        sb.append(indent.isEmpty() ? ":" : ": ");
        if (!write(ctx, sb, value, indent, inner, depth + 1)) {
            sb.setLength(mark);
            return false;
        }
        ctx.checkString(sb.length());
        return true;
    }

    private static void checkDepth(int depth) {
        if (depth > JsOps.MAX_DATA_DEPTH) {
            throw JsOps.tooDeep();
        }
    }

    private static void newline(StringBuilder sb, String indent, String current) {
        if (!indent.isEmpty()) {
            sb.append('\n').append(current);
        }
    }

    static void quote(StringBuilder sb, String s) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                case '\b' -> sb.append("\\b");
                case '\f' -> sb.append("\\f");
                default -> {
                    if (c < 0x20 || (Character.isSurrogate(c) && !isPairedSurrogate(s, i))) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        sb.append('"');
    }

    private static boolean isPairedSurrogate(String s, int i) {
        char c = s.charAt(i);
        if (Character.isHighSurrogate(c)) {
            return i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1));
        }
        return i > 0 && Character.isHighSurrogate(s.charAt(i - 1));
    }
}
