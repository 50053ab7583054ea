package io.hearth.expression;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** JMESPath's built-in functions, with its argument type checks ("invalid-type" errors). */
final class JmesFunctions {

    private JmesFunctions() {}

    static Object call(EvalContext ctx, String name, List<Object> args, Object current) {
        ctx.step();
        return switch (name) {
            case "abs" -> JsNumbers.box(Math.abs(number(name, args, 0, 1)));
            case "ceil" -> JsNumbers.box(Math.ceil(number(name, args, 0, 1)));
            case "floor" -> JsNumbers.box(Math.floor(number(name, args, 0, 1)));
            case "avg" -> {
                List<?> l = array(name, args, 0, 1);
                if (l.isEmpty()) {
                    yield null;
                }
                double sum = 0;
                for (Object o : l) {
                    sum += numberValue(name, o);
                }
                yield JsNumbers.box(sum / l.size());
            }
            case "sum" -> {
                double sum = 0;
                for (Object o : array(name, args, 0, 1)) {
                    sum += numberValue(name, o);
                }
                yield JsNumbers.box(sum);
            }
            case "contains" -> {
                arity(name, args, 2);
                Object subject = args.get(0);
                if (subject instanceof String s) {
                    yield args.get(1) instanceof String needle && s.contains(needle);
                }
                if (subject instanceof List<?> l) {
                    yield l.stream().anyMatch(e -> JmesPath.equal(e, args.get(1)));
                }
                throw invalidType(name, subject);
            }
            case "starts_with", "ends_with" -> {
                arity(name, args, 2);
                String s = string(name, args.get(0));
                String affix = string(name, args.get(1));
                yield name.equals("starts_with") ? s.startsWith(affix) : s.endsWith(affix);
            }
            case "join" -> {
                arity(name, args, 2);
                String glue = string(name, args.get(0));
                List<?> l = array(name, args, 1, 2);
                StringBuilder sb = new StringBuilder();
                for (int i = 0; i < l.size(); i++) {
                    if (i > 0) {
                        sb.append(glue);
                    }
                    sb.append(string(name, l.get(i)));
                    ctx.checkString(sb.length());
                }
                yield sb.toString();
            }
            case "keys", "values" -> {
                arity(name, args, 1);
                if (!(args.get(0) instanceof Map<?, ?> m)) {
                    throw invalidType(name, args.get(0));
                }
                JsArray out = new JsArray(ctx);
                if (name.equals("keys")) {
                    m.keySet().forEach(k -> out.add(String.valueOf(k)));
                } else {
                    out.addAll(m.values());
                }
                yield out;
            }
            case "length" -> {
                arity(name, args, 1);
                Object v = args.get(0);
                if (v instanceof String s) {
                    yield (long) s.codePointCount(0, s.length());
                }
                if (v instanceof List<?> l) {
                    yield (long) l.size();
                }
                if (v instanceof Map<?, ?> m) {
                    yield (long) m.size();
                }
                throw invalidType(name, v);
            }
            case "map" -> {
                arity(name, args, 2);
                JsArray out = new JsArray(ctx);
                for (Object e : array(name, args, 1, 2)) {
                    out.add(JmesPath.apply(ctx, args.get(0), e));
                }
                yield out;
            }
            case "max", "min" -> {
                List<?> l = array(name, args, 0, 1);
                if (l.isEmpty()) {
                    yield null;
                }
                sameSortableType(name, l);
                Object best = l.get(0);
                for (Object o : l) {
                    int c = JmesPath.ORDER.compare(o, best);
                    if (name.equals("max") ? c > 0 : c < 0) {
                        best = o;
                    }
                }
                yield best;
            }
            case "max_by", "min_by" -> {
                arity(name, args, 2);
                List<?> l = array(name, args, 0, 2);
                if (l.isEmpty()) {
                    yield null;
                }
                Object best = null;
                Object bestKey = null;
                for (Object o : l) {
                    Object key = JmesPath.apply(ctx, args.get(1), o);
                    if (!(key instanceof Number) && !(key instanceof String)) {
                        throw invalidType(name, key);
                    }
                    int c = bestKey == null ? 0 : JmesPath.ORDER.compare(key, bestKey);
                    if (bestKey == null || (name.equals("max_by") ? c > 0 : c < 0)) {
                        best = o;
                        bestKey = key;
                    }
                }
                yield best;
            }
            case "merge" -> {
                JsObject out = new JsObject(ctx);
                for (Object o : args) {
                    if (!(o instanceof Map<?, ?> m)) {
                        throw invalidType(name, o);
                    }
                    m.forEach((k, v) -> out.put(String.valueOf(k), v));
                }
                yield out;
            }
            case "not_null" -> {
                for (Object o : args) {
                    if (o != null && o != Undefined.INSTANCE) {
                        yield o;
                    }
                }
                yield null;
            }
            case "reverse" -> {
                arity(name, args, 1);
                Object v = args.get(0);
                if (v instanceof String s) {
                    yield new StringBuilder(s).reverse().toString();
                }
                if (v instanceof List<?> l) {
                    JsArray out = new JsArray(ctx, l);
                    java.util.Collections.reverse(out);
                    yield out;
                }
                throw invalidType(name, v);
            }
            case "sort" -> {
                List<?> l = array(name, args, 0, 1);
                sameSortableType(name, l);
                JsArray out = new JsArray(ctx, l);
                out.sort(JmesPath.ORDER);
                yield out;
            }
            case "sort_by" -> {
                arity(name, args, 2);
                List<?> l = array(name, args, 0, 2);
                List<Object[]> keyed = new ArrayList<>();
                for (Object o : l) {
                    Object key = JmesPath.apply(ctx, args.get(1), o);
                    if (!(key instanceof Number) && !(key instanceof String)) {
                        throw invalidType(name, key);
                    }
                    keyed.add(new Object[] {key, o});
                }
                keyed.sort((x, y) -> JmesPath.ORDER.compare(x[0], y[0]));
                JsArray out = new JsArray(ctx);
                keyed.forEach(k -> out.add(k[1]));
                yield out;
            }
            case "to_array" -> {
                arity(name, args, 1);
                Object v = args.get(0);
                if (v instanceof List<?>) {
                    yield v;
                }
                JsArray out = new JsArray(ctx);
                out.add(v);
                yield out;
            }
            case "to_string" -> {
                arity(name, args, 1);
                Object v = args.get(0);
                yield v instanceof String ? v : Json.stringify(ctx, v, Undefined.INSTANCE);
            }
            case "to_number" -> {
                arity(name, args, 1);
                Object v = args.get(0);
                if (v instanceof Number) {
                    yield v;
                }
                if (v instanceof String s) {
                    double d = JsNumbers.parse(s);
                    yield Double.isNaN(d) || s.isBlank() ? null : JsNumbers.box(d);
                }
                yield null;
            }
            case "type" -> {
                arity(name, args, 1);
                yield JmesPath.typeName(args.get(0));
            }
            default -> throw JmesPath.error("Unknown function: " + name + "()");
        };
    }

    private static void arity(String name, List<Object> args, int n) {
        if (args.size() != n) {
            throw JmesPath.error("ArgumentError: " + name + "() takes " + n + " arguments but received " + args.size());
        }
    }

    private static double number(String name, List<Object> args, int i, int arity) {
        arity(name, args, arity);
        return numberValue(name, args.get(i));
    }

    private static double numberValue(String name, Object v) {
        if (!(v instanceof Number n)) {
            throw invalidType(name, v);
        }
        return n.doubleValue();
    }

    private static String string(String name, Object v) {
        if (!(v instanceof String s)) {
            throw invalidType(name, v);
        }
        return s;
    }

    private static List<?> array(String name, List<Object> args, int i, int arity) {
        arity(name, args, arity);
        if (!(args.get(i) instanceof List<?> l)) {
            throw invalidType(name, args.get(i));
        }
        return l;
    }

    private static void sameSortableType(String name, List<?> l) {
        boolean numbers = !l.isEmpty() && l.get(0) instanceof Number;
        for (Object o : l) {
            if (numbers ? !(o instanceof Number) : !(o instanceof String)) {
                throw invalidType(name, o);
            }
        }
    }

    private static JsThrow invalidType(String name, Object v) {
        return JmesPath.error("TypeError: " + name + "() received an invalid type: " + JmesPath.typeName(v));
    }
}
