package io.hearth.expression;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Methods on plain objects (Maps): the safe Object.prototype ones and n8n's object extensions. */
final class ObjectMethods {

    static final Set<String> NAMES = Set.of(
            "hasOwnProperty",
            "toString",
            "valueOf",
            "toLocaleString",
            // n8n extensions
            "isEmpty",
            "isNotEmpty",
            "hasField",
            "removeField",
            "removeFieldsContaining",
            "keepFieldsContaining",
            "merge",
            "compact",
            "keys",
            "values",
            "toJsonString",
            "urlEncode",
            "toInt",
            "toFloat",
            "toBoolean",
            "toDateTime");

    /** What {@code name in {}} finds on every object in JavaScript (Object.prototype). */
    private static final Set<String> PROTOTYPE_NAMES = Set.of(
            "constructor",
            "hasOwnProperty",
            "isPrototypeOf",
            "propertyIsEnumerable",
            "toLocaleString",
            "toString",
            "valueOf",
            "__proto__",
            "__defineGetter__",
            "__defineSetter__",
            "__lookupGetter__",
            "__lookupSetter__");

    private ObjectMethods() {}

    static Object call(EvalContext ctx, Map<?, ?> m, String name, Object[] a) {
        Object a0 = JsOps.arg(a, 0);
        return switch (name) {
            case "hasOwnProperty" -> m.containsKey(JsOps.toKey(ctx, a0));
            case "hasField" -> {
                String key = JsOps.toKey(ctx, a0);
                yield m.containsKey(key) || PROTOTYPE_NAMES.contains(key);
            }
            case "toString", "toLocaleString" -> "[object Object]";
            case "valueOf" -> m;
            case "isEmpty" -> m.isEmpty();
            case "isNotEmpty" -> !m.isEmpty();
            case "keys" -> {
                JsArray out = new JsArray(ctx, ctx.allocate(m.size()));
                for (Object k : m.keySet()) {
                    out.add(String.valueOf(k));
                }
                yield out;
            }
            case "values" -> {
                ctx.allocate(m.size());
                yield new JsArray(ctx, m.values());
            }
            case "removeField" -> {
                String key = JsOps.toKey(ctx, a0);
                if (!m.containsKey(key)) {
                    yield m;
                }
                JsObject out = copy(ctx, m);
                out.remove(key);
                yield out;
            }
            case "removeFieldsContaining", "keepFieldsContaining" -> {
                if (!(a0 instanceof String needle) || needle.isEmpty()) {
                    throw new ExpressionException(
                            name.startsWith("remove")
                                    ? "removeFieldsContaining(): expected non-empty string arg"
                                    : "argument of keepFieldsContaining must be a non-empty string");
                }
                boolean keep = name.startsWith("keep");
                JsObject out = new JsObject(ctx);
                ctx.steps(m.size());
                for (Map.Entry<?, ?> e : m.entrySet()) {
                    boolean contains = e.getValue() instanceof String s && s.contains(needle);
                    if (contains == keep) {
                        out.put(String.valueOf(e.getKey()), e.getValue());
                    }
                }
                yield out;
            }
            case "merge" -> {
                if (!(a0 instanceof Map<?, ?> other)) {
                    throw new ExpressionException("merge(): expected object arg");
                }
                JsObject out = copy(ctx, m);
                for (Map.Entry<?, ?> e : other.entrySet()) {
                    out.putIfAbsent(String.valueOf(e.getKey()), e.getValue());
                }
                ctx.checkCollection(out.size());
                yield out;
            }
            case "compact" -> compact(ctx, m, 0);
            case "toJsonString" -> Json.stringify(ctx, m, Undefined.INSTANCE);
            case "urlEncode" -> {
                StringBuilder sb = new StringBuilder();
                for (Map.Entry<?, ?> e : m.entrySet()) {
                    if (!sb.isEmpty()) {
                        sb.append('&');
                    }
                    sb.append(URLEncoder.encode(String.valueOf(e.getKey()), StandardCharsets.UTF_8))
                            .append('=')
                            .append(URLEncoder.encode(JsOps.toStr(ctx, e.getValue()), StandardCharsets.UTF_8));
                    ctx.checkString(sb.length());
                }
                yield sb.toString();
            }
            case "toInt", "toFloat", "toBoolean", "toDateTime" -> Undefined.INSTANCE;
            default -> Members.NOT_FOUND;
        };
    }

    /**
     * n8n's compact: drops null, undefined, "nil", "" and empty objects, recursively; a nested array
     * is compacted as an object of its indices, as n8n does.
     */
    private static JsObject compact(EvalContext ctx, Object value, int depth) {
        if (depth > JsOps.MAX_DATA_DEPTH) {
            throw JsOps.tooDeep();
        }
        JsObject out = new JsObject(ctx);
        for (Map.Entry<String, Object> e : entries(value)) {
            Object v = e.getValue();
            if (JsOps.isNullish(v) || "nil".equals(v) || "".equals(v)) {
                continue;
            }
            if (v instanceof Map<?, ?> || v instanceof List<?>) {
                if (entries(v).isEmpty()) {
                    continue;
                }
                out.put(e.getKey(), compact(ctx, v, depth + 1));
            } else {
                out.put(e.getKey(), v);
            }
        }
        ctx.steps(out.size() + 1);
        return out;
    }

    /** An object's entries, or an array's as index keys; null values kept. */
    private static List<Map.Entry<String, Object>> entries(Object value) {
        List<Map.Entry<String, Object>> out = new ArrayList<>();
        if (value instanceof Map<?, ?> m) {
            for (Map.Entry<?, ?> e : m.entrySet()) {
                out.add(new AbstractMap.SimpleEntry<>(String.valueOf(e.getKey()), e.getValue()));
            }
        } else {
            List<?> l = (List<?>) value;
            for (int i = 0; i < l.size(); i++) {
                out.add(new AbstractMap.SimpleEntry<>(Integer.toString(i), l.get(i)));
            }
        }
        return out;
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
