package io.hearth.expression;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** Methods on plain objects (Maps): the few safe Object.prototype ones and n8n's object extensions. */
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
            "urlEncode");

    private ObjectMethods() {}

    static Object call(EvalContext ctx, Map<?, ?> m, String name, Object[] a) {
        Object a0 = JsOps.arg(a, 0);
        return switch (name) {
            case "hasOwnProperty", "hasField" -> m.containsKey(JsOps.toKey(ctx, a0));
            case "toString", "toLocaleString" -> "[object Object]";
            case "valueOf" -> m;
            case "isEmpty" -> m.isEmpty();
            case "isNotEmpty" -> !m.isEmpty();
            case "keys" -> {
                ctx.allocate(m.size());
                ArrayList<Object> out = new ArrayList<>(m.size());
                for (Object k : m.keySet()) {
                    out.add(String.valueOf(k));
                }
                yield out;
            }
            case "values" -> {
                ctx.allocate(m.size());
                yield new ArrayList<Object>(m.values());
            }
            case "removeField" -> {
                LinkedHashMap<Object, Object> out = copy(ctx, m);
                out.remove(JsOps.toKey(ctx, a0));
                yield out;
            }
            case "removeFieldsContaining", "keepFieldsContaining" -> {
                String needle = JsOps.toStr(ctx, a0);
                boolean keep = name.startsWith("keep");
                LinkedHashMap<Object, Object> out = new LinkedHashMap<>();
                for (Map.Entry<?, ?> e : m.entrySet()) {
                    boolean contains = e.getValue() instanceof String s && s.contains(needle);
                    if (contains == keep) {
                        out.put(e.getKey(), e.getValue());
                    }
                }
                yield out;
            }
            case "merge" -> {
                if (!(a0 instanceof Map<?, ?> other)) {
                    throw new ExpressionException("merge(): the argument must be an object");
                }
                LinkedHashMap<Object, Object> out = copy(ctx, m);
                for (Map.Entry<?, ?> e : other.entrySet()) {
                    out.putIfAbsent(e.getKey(), e.getValue());
                }
                ctx.checkCollection(out.size());
                yield out;
            }
            case "compact" -> {
                LinkedHashMap<Object, Object> out = new LinkedHashMap<>();
                for (Map.Entry<?, ?> e : m.entrySet()) {
                    Object v = e.getValue();
                    if (!JsOps.isNullish(v) && !"".equals(v) && !(v instanceof Map<?, ?> inner && inner.isEmpty())) {
                        out.put(e.getKey(), v);
                    }
                }
                yield out;
            }
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
            default -> Members.NOT_FOUND;
        };
    }

    private static LinkedHashMap<Object, Object> copy(EvalContext ctx, Map<?, ?> m) {
        ctx.steps(m.size());
        return new LinkedHashMap<>(m);
    }
}
