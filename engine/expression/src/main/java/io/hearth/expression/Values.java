package io.hearth.expression;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Converts expression values into what the runtime gets back. */
final class Values {

    private Values() {}

    /**
     * Plain JSON-like Java values: dates become ISO strings, host objects maps, undefined/functions
     * inside containers are dropped like JSON.stringify does. Containers that are already plain are
     * returned as they are (no copy); every node visited costs a step, which also bounds a shared
     * sub-structure (a DAG) that would expand exponentially.
     */
    static Object toPlain(EvalContext ctx, Object v) {
        if (JsOps.isFunction(v)) {
            throw new ExpressionException("expression returned a function; call it, e.g. x() instead of x");
        }
        return plain(ctx, v, 0);
    }

    // identity tells whether a value was replaced: copy only on change
    @SuppressWarnings("ReferenceEquality")
    private static Object plain(EvalContext ctx, Object v, int depth) {
        if (v instanceof Double d && Double.doubleToRawLongBits(d) == Long.MIN_VALUE) {
            return 0L; // -0 prints as 0 in JSON
        }
        if (v == null
                || v instanceof String
                || v instanceof Boolean
                || v instanceof Number
                || v == Undefined.INSTANCE) {
            return v;
        }
        if (depth > JsOps.MAX_DATA_DEPTH) {
            throw JsOps.tooDeep();
        }
        if (v instanceof List<?> l) {
            int n = l.size();
            ctx.steps(n + 1);
            ArrayList<Object> copy = null;
            for (int i = 0; i < n; i++) {
                Object e = l.get(i);
                Object p = e == Undefined.INSTANCE || JsOps.isFunction(e) ? null : plain(ctx, e, depth + 1);
                if (p != e && copy == null) {
                    copy = new ArrayList<>(n);
                    copy.addAll(l.subList(0, i));
                }
                if (copy != null) {
                    copy.add(p);
                }
            }
            return copy == null ? l : copy;
        }
        if (v instanceof Map<?, ?> m) {
            ctx.steps(m.size() + 1);
            LinkedHashMap<Object, Object> copy = null;
            int i = 0;
            for (Map.Entry<?, ?> e : m.entrySet()) {
                Object value = e.getValue();
                boolean drop = value == Undefined.INSTANCE || JsOps.isFunction(value);
                Object p = drop ? null : plain(ctx, value, depth + 1);
                if ((drop || p != value) && copy == null) {
                    copy = new LinkedHashMap<>();
                    int j = 0;
                    for (Map.Entry<?, ?> f : m.entrySet()) {
                        if (j++ == i) {
                            break;
                        }
                        copy.put(f.getKey(), f.getValue());
                    }
                }
                if (copy != null && !drop) {
                    copy.put(e.getKey(), p);
                }
                i++;
            }
            return copy == null ? m : copy;
        }
        if (v instanceof DateTimeValue d) {
            return d.isValid() ? d.toString() : null;
        }
        if (v instanceof LuxonDuration d) {
            return Luxon.durationIso(d.values());
        }
        if (v instanceof LuxonInterval i) {
            return i.isValid() ? i.get("toISO") instanceof Builtin b ? b.call(ctx, new Object[0]) : null : null;
        }
        if (v instanceof Namespace || v instanceof JsRegExp || v instanceof JsCollection) {
            return new LinkedHashMap<String, Object>();
        }
        if (v instanceof ExpressionObject o) {
            LinkedHashMap<String, Object> map = new LinkedHashMap<>();
            for (String k : o.keys()) {
                if (Sandbox.isForbiddenProperty(k)) {
                    continue;
                }
                Object value = o.get(k);
                if (value != Undefined.INSTANCE && !JsOps.isFunction(value)) {
                    map.put(k, plain(ctx, value, depth + 1));
                }
            }
            ctx.checkCollection(map.size());
            return map;
        }
        throw Sandbox.unsupportedValue();
    }

    /** Appends a {@code {{ }}} result inside a mixed template the way n8n prints it. */
    static void render(EvalContext ctx, StringBuilder sb, Object v) {
        if (v instanceof String s) {
            sb.append(s);
        } else if (v == null || v == Undefined.INSTANCE) {
            // nothing: "Hello {{ $json.missing }}" renders "Hello "
        } else if (v instanceof Number n) {
            sb.append(JsNumbers.toString(n));
        } else if (v instanceof Boolean || v instanceof DateTimeValue) {
            sb.append(v);
        } else if (JsOps.isFunction(v)) {
            throw new ExpressionException("expression returned a function; call it, e.g. x() instead of x");
        } else {
            Json.stringify(ctx, sb, v, "");
        }
    }
}
