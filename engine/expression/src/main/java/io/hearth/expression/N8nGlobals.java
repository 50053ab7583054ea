package io.hearth.expression;

import static io.hearth.expression.Globals.fn;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** n8n's convenience functions ({@code $ifEmpty}, {@code $not}, {@code min}, {@code zip}...). */
final class N8nGlobals {

    private N8nGlobals() {}

    /** n8n's convenience functions ({@code $ifEmpty}, {@code $not}, {@code min}, {@code zip}...). */
    static void addTo(Map<String, Object> g) {
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
}
