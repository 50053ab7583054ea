package io.hearth.expression;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/** n8n's array extensions ({@code .sum()}, {@code .unique()}, {@code .merge()}...). */
final class ArrayExtensions {

    static final Set<String> NAMES = Set.of(
            "removeDuplicates",
            "unique",
            "first",
            "last",
            "pluck",
            "randomItem",
            "sum",
            "min",
            "max",
            "average",
            "isNotEmpty",
            "isEmpty",
            "compact",
            "smartJoin",
            "chunk",
            "renameKeys",
            "merge",
            "union",
            "difference",
            "intersection",
            "append",
            "toJsonString",
            "toInt",
            "toFloat",
            "toBoolean",
            "toDateTime");

    private ArrayExtensions() {}

    static Object call(EvalContext ctx, List<?> list, String name, Object[] a) {
        Object a0 = JsOps.arg(a, 0);
        int n = list.size();
        return switch (name) {
            case "first" -> n == 0 ? Undefined.INSTANCE : list.get(0);
            case "last" -> n == 0 ? Undefined.INSTANCE : list.get(n - 1);
            case "isEmpty" -> n == 0;
            case "isNotEmpty" -> n != 0;
            case "sum" -> JsNumbers.box(sum(ctx, list, name));
            case "average" -> n == 0 ? (Object) 0L : JsNumbers.box(sum(ctx, list, name) / n);
            case "min", "max" -> {
                requireNumbers(ctx, list, name);
                boolean min = name.equals("min");
                double best = min ? Double.POSITIVE_INFINITY : Double.NEGATIVE_INFINITY;
                for (Object e : list) {
                    double d = ((Number) e).doubleValue();
                    if (Double.isNaN(d)) {
                        yield Double.NaN;
                    }
                    best = min ? Math.min(best, d) : Math.max(best, d);
                }
                yield JsNumbers.box(best);
            }
            case "unique", "removeDuplicates" -> unique(ctx, list, a);
            case "pluck" -> pluck(ctx, list, a);
            case "compact" -> {
                JsArray out = new JsArray(ctx);
                ctx.steps(n);
                for (Object e : list) {
                    boolean object = e instanceof Map<?, ?> || e instanceof List<?>;
                    if (JsOps.isNullish(e) || "nil".equals(e) || "".equals(e) || (object && isEmptyObject(e))) {
                        continue;
                    }
                    out.add(object ? ObjectMethods.call(ctx, asObject(ctx, e), "compact", new Object[0]) : e);
                }
                yield out;
            }
            case "chunk" -> {
                if (!(a0 instanceof Number size) || size.doubleValue() <= 0 || Double.isNaN(size.doubleValue())) {
                    throw new ExpressionException("chunk(): expected non-zero numeric arg, e.g. .chunk(5)");
                }
                double step = size.doubleValue();
                JsArray out = new JsArray(ctx);
                for (double i = 0; i < n; i += step) {
                    int from = (int) i;
                    out.add(new JsArray(ctx, list.subList(from, (int) Math.min(n, Math.max(from, i + step)))));
                    ctx.checkCollection(out.size());
                }
                yield out;
            }
            case "randomItem" ->
                n == 0
                        ? Undefined.INSTANCE
                        : list.get(ThreadLocalRandom.current().nextInt(n));
            case "toJsonString" -> Json.stringify(ctx, list, Undefined.INSTANCE);
            case "toInt", "toFloat", "toBoolean", "toDateTime" -> Undefined.INSTANCE;
            case "append" -> {
                JsArray out = new JsArray(ctx, ctx.checkCollection((long) n + a.length));
                out.addAll(list);
                java.util.Collections.addAll(out, a);
                yield out;
            }
            case "union" -> {
                List<?> other = requireList(a0, "union(): expected array arg, e.g. .union([1, 2, 3, 4])");
                JsArray out = new JsArray(ctx, list);
                for (Object v : other) {
                    if (!containsDeep(ctx, out, v)) {
                        out.add(v);
                    }
                }
                ctx.checkCollection(out.size());
                yield unique(ctx, out, new Object[0]);
            }
            case "difference" -> {
                List<?> other = requireList(a0, "difference(): expected array arg, e.g. .difference([1, 2, 3, 4])");
                JsArray out = new JsArray(ctx);
                for (Object v : list) {
                    if (!containsDeep(ctx, other, v)) {
                        out.add(v);
                    }
                }
                yield unique(ctx, out, new Object[0]);
            }
            case "intersection" -> {
                List<?> other = requireList(a0, "intersection(): expected array arg, e.g. .intersection([1, 2, 3, 4])");
                JsArray out = new JsArray(ctx);
                for (Object v : list) {
                    if (containsDeep(ctx, other, v)) {
                        out.add(v);
                    }
                }
                for (Object v : other) {
                    if (containsDeep(ctx, list, v)) {
                        out.add(v);
                    }
                }
                yield unique(ctx, out, new Object[0]);
            }
            case "smartJoin" -> {
                if (!(a0 instanceof String keyField)
                        || keyField.isEmpty()
                        || !(JsOps.arg(a, 1) instanceof String valueField)
                        || valueField.isEmpty()) {
                    throw new ExpressionException(
                            "smartJoin(): expected two string args, e.g. .smartJoin(\"name\", \"value\")");
                }
                JsObject out = new JsObject(ctx);
                ctx.steps(n);
                for (Object e : list) {
                    if (e instanceof Map<?, ?> m && m.containsKey(keyField) && m.containsKey(valueField)) {
                        out.put(JsOps.toKey(ctx, m.get(keyField)), m.get(valueField));
                    }
                }
                yield out;
            }
            case "renameKeys" -> {
                if (a.length == 0 || a.length % 2 != 0) {
                    throw new ExpressionException("renameKeys(): expected an even amount of args: from1, to1 [, from2,"
                            + " to2, ...]. e.g. .renameKeys(\"name\", \"title\")");
                }
                JsArray out = new JsArray(ctx, n);
                ctx.steps((long) n * a.length);
                for (Object e : list) {
                    if (!(e instanceof Map<?, ?> m)) {
                        out.add(e);
                        continue;
                    }
                    JsObject renamed = copy(ctx, m);
                    for (int i = 0; i < a.length; i += 2) {
                        String from = JsOps.toKey(ctx, a[i]);
                        if (renamed.containsKey(from)) {
                            Object v = renamed.remove(from);
                            renamed.put(JsOps.toKey(ctx, a[i + 1]), v);
                        }
                    }
                    out.add(renamed);
                }
                yield out;
            }
            case "merge" -> merge(ctx, list, a0);
            default -> Members.NOT_FOUND;
        };
    }

    /** n8n: sum, min, max and average accept numbers only. */
    private static void requireNumbers(EvalContext ctx, List<?> list, String method) {
        ctx.steps(list.size());
        for (Object e : list) {
            if (!(e instanceof Number)) {
                throw new ExpressionException(method + "(): all array elements must be numbers");
            }
        }
    }

    private static double sum(EvalContext ctx, List<?> list, String method) {
        requireNumbers(ctx, list, method);
        double total = 0;
        for (Object e : list) {
            total += ((Number) e).doubleValue();
        }
        return total;
    }

    private static boolean isEmptyObject(Object v) {
        return v instanceof Map<?, ?> m ? m.isEmpty() : ((List<?>) v).isEmpty();
    }

    /** An array read as an object of its indices, as JavaScript's Object.entries does. */
    private static Map<?, ?> asObject(EvalContext ctx, Object v) {
        if (v instanceof Map<?, ?> m) {
            return m;
        }
        List<?> l = (List<?>) v;
        JsObject out = new JsObject(ctx);
        for (int i = 0; i < l.size(); i++) {
            out.put(Integer.toString(i), l.get(i));
        }
        return out;
    }

    private static List<?> requireList(Object v, String message) {
        if (!(v instanceof List<?> l)) {
            throw new ExpressionException(message);
        }
        return l;
    }

    static boolean containsDeep(EvalContext ctx, List<?> list, Object e) {
        ctx.steps(list.size());
        for (Object x : list) {
            if (JsOps.deepEquals(x, e, 0)) {
                return true;
            }
        }
        return false;
    }

    /** lodash's uniqWith(isEqual), comparing only {@code fields} of objects when given. */
    private static Object unique(EvalContext ctx, List<?> list, Object[] fields) {
        JsArray out = new JsArray(ctx);
        List<Object> keys = new ArrayList<>();
        for (Object e : list) {
            Object key = e;
            if (fields.length > 0 && e instanceof Map<?, ?> m) {
                JsObject k = new JsObject(ctx);
                for (Object f : fields) {
                    String field = JsOps.toKey(ctx, f);
                    k.put(field, m.containsKey(field) ? m.get(field) : Undefined.INSTANCE);
                }
                key = k;
            }
            if (!containsDeep(ctx, keys, key)) {
                keys.add(key);
                out.add(e);
            }
        }
        return out;
    }

    /** n8n's pluck: per object, the values of the given fields in the object's key order. */
    private static Object pluck(EvalContext ctx, List<?> list, Object[] fields) {
        if (fields.length == 0) {
            return list;
        }
        JsArray out = new JsArray(ctx);
        for (Object e : list) {
            if (e instanceof Map<?, ?> m) {
                JsArray values = new JsArray(ctx);
                for (Map.Entry<?, ?> entry : m.entrySet()) {
                    for (Object f : fields) {
                        if (JsOps.toKey(ctx, f).equals(String.valueOf(entry.getKey()))) {
                            values.add(entry.getValue());
                        }
                    }
                }
                if (!values.isEmpty()) {
                    out.add(values.size() == 1 ? values.get(0) : values);
                }
            }
        }
        return out;
    }

    /**
     * n8n's merge: without an argument, the objects of the array merged (first value of a key wins);
     * with an array, each object merged with the other array's object at the same index.
     */
    private static Object merge(EvalContext ctx, List<?> list, Object others) {
        if (others == Undefined.INSTANCE) {
            JsObject merged = new JsObject(ctx);
            for (Object current : list) {
                if (current instanceof Map<?, ?> m) {
                    mergeInto(ctx, merged, m);
                }
            }
            return merged;
        }
        if (!(others instanceof List<?> other)) {
            throw new ExpressionException("merge(): expected array arg, e.g. .merge([{ id: 1, otherValue: 3 }])");
        }
        JsObject merged = new JsObject(ctx);
        int length = Math.max(list.size(), other.size());
        for (int i = 0; i < length; i++) {
            Object value = i < list.size() ? list.get(i) : Undefined.INSTANCE;
            Object with = i < other.size() ? other.get(i) : Undefined.INSTANCE;
            if (value != Undefined.INSTANCE && isObject(value) && isObject(with)) {
                JsObject one = copy(ctx, value instanceof Map<?, ?> m ? m : asObject(ctx, value));
                if (JsOps.truthy(with)) {
                    mergeInto(ctx, one, with instanceof Map<?, ?> m ? m : asObject(ctx, with));
                }
                merged.putAll(one);
            }
        }
        return merged;
    }

    /** typeof x === 'object' (null included). */
    private static boolean isObject(Object v) {
        return v == null || v instanceof Map<?, ?> || v instanceof List<?>;
    }

    private static void mergeInto(EvalContext ctx, JsObject target, Map<?, ?> source) {
        ctx.steps(source.size());
        for (Map.Entry<?, ?> e : source.entrySet()) {
            target.putIfAbsent(String.valueOf(e.getKey()), e.getValue());
        }
        ctx.checkCollection(target.size());
    }

    private static JsObject copy(EvalContext ctx, Map<?, ?> m) {
        ctx.steps(m.size());
        JsObject out = new JsObject(ctx);
        for (Map.Entry<?, ?> e : m.entrySet()) {
            out.put(String.valueOf(e.getKey()), e.getValue());
        }
        return out;
    }
}
