package io.hearth.expression;

import io.hearth.expression.JmesParser.And;
import io.hearth.expression.JmesParser.Call;
import io.hearth.expression.JmesParser.Comparison;
import io.hearth.expression.JmesParser.Current;
import io.hearth.expression.JmesParser.ExpRef;
import io.hearth.expression.JmesParser.Field;
import io.hearth.expression.JmesParser.FilterProjection;
import io.hearth.expression.JmesParser.Flatten;
import io.hearth.expression.JmesParser.IndexExpression;
import io.hearth.expression.JmesParser.IndexOf;
import io.hearth.expression.JmesParser.Literal;
import io.hearth.expression.JmesParser.MultiHash;
import io.hearth.expression.JmesParser.MultiList;
import io.hearth.expression.JmesParser.Node;
import io.hearth.expression.JmesParser.Not;
import io.hearth.expression.JmesParser.Or;
import io.hearth.expression.JmesParser.Pipe;
import io.hearth.expression.JmesParser.Projection;
import io.hearth.expression.JmesParser.Slice;
import io.hearth.expression.JmesParser.Sub;
import io.hearth.expression.JmesParser.ValueProjection;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * JMESPath (jmespath.org) over expression values, for n8n's {@code $jmespath(data, query)}: field
 * access, indexes and slices, projections ({@code [*]}, {@code .*}, {@code []}), filters
 * ({@code [?a > `1`]}), pipes, multi-select lists and hashes, literals and the built-in functions.
 * Queries are parsed per call (they are short); every node visited costs a step.
 */
final class JmesPath {

    private JmesPath() {}

    /** {@code $jmespath(data, query)}. */
    static Object search(EvalContext ctx, Object data, String query) {
        Node ast = new JmesParser(query).parse();
        Object result = eval(ctx, ast, data, 0);
        return result == null ? null : result;
    }

    static JsThrow error(String message) {
        return JsThrow.error(message);
    }

    // ---- evaluation

    private static Object eval(EvalContext ctx, Node node, Object value, int depth) {
        ctx.step();
        if (depth > JsOps.MAX_DATA_DEPTH) {
            throw JsOps.tooDeep();
        }
        int d = depth + 1;
        return switch (node) {
            case Field f -> value instanceof Map<?, ?> m ? plain(m.get(f.name())) : null;
            case Current c -> value;
            case Literal l -> l.value();
            case Sub s -> {
                Object left = eval(ctx, s.left(), value, d);
                yield left == null ? null : eval(ctx, s.right(), left, d);
            }
            case IndexExpression ix -> {
                Object left = eval(ctx, ix.left(), value, d);
                yield eval(ctx, ix.right(), left, d);
            }
            case IndexOf i -> {
                if (!(value instanceof List<?> list)) {
                    yield null;
                }
                long k = i.index() < 0 ? list.size() + i.index() : i.index();
                yield k >= 0 && k < list.size() ? plain(list.get((int) k)) : null;
            }
            case Slice s -> value instanceof List<?> list ? slice(ctx, list, s) : null;
            case Projection pr -> {
                Object base = eval(ctx, pr.left(), value, d);
                if (!(base instanceof List<?> list)) {
                    yield null;
                }
                yield project(ctx, list, pr.right(), d);
            }
            case ValueProjection vp -> {
                Object base = eval(ctx, vp.left(), value, d);
                if (!(base instanceof Map<?, ?> m)) {
                    yield null;
                }
                yield project(ctx, new ArrayList<>(m.values()), vp.right(), d);
            }
            case FilterProjection fp -> {
                Object base = eval(ctx, fp.left(), value, d);
                if (!(base instanceof List<?> list)) {
                    yield null;
                }
                JsArray out = new JsArray(ctx);
                for (Object e : list) {
                    if (truthy(eval(ctx, fp.condition(), e, d))) {
                        Object r = eval(ctx, fp.right(), e, d);
                        if (r != null) {
                            out.add(r);
                        }
                    }
                }
                yield out;
            }
            case Flatten f -> {
                Object base = eval(ctx, f.node(), value, d);
                if (!(base instanceof List<?> list)) {
                    yield null;
                }
                JsArray out = new JsArray(ctx);
                for (Object e : list) {
                    if (e instanceof List<?> inner) {
                        out.addAll(inner);
                    } else {
                        out.add(e);
                    }
                    ctx.checkCollection(out.size());
                }
                yield out;
            }
            case Pipe pi -> eval(ctx, pi.right(), eval(ctx, pi.left(), value, d), d);
            case Or o -> {
                Object left = eval(ctx, o.left(), value, d);
                yield truthy(left) ? left : eval(ctx, o.right(), value, d);
            }
            case And a -> {
                Object left = eval(ctx, a.left(), value, d);
                yield truthy(left) ? eval(ctx, a.right(), value, d) : left;
            }
            case Not n -> !truthy(eval(ctx, n.expression(), value, d));
            case Comparison c -> compare(c.op(), eval(ctx, c.left(), value, d), eval(ctx, c.right(), value, d));
            case MultiList ml -> {
                if (value == null) {
                    yield null;
                }
                JsArray out = new JsArray(ctx);
                for (Node e : ml.elements()) {
                    out.add(eval(ctx, e, value, d));
                }
                yield out;
            }
            case MultiHash mh -> {
                if (value == null) {
                    yield null;
                }
                JsObject out = new JsObject(ctx);
                for (int i = 0; i < mh.keys().size(); i++) {
                    out.put(mh.keys().get(i), eval(ctx, mh.values().get(i), value, d));
                }
                yield out;
            }
            case ExpRef r -> r;
            case Call c -> JmesFunctions.call(ctx, c.name(), evalArgs(ctx, c.args(), value, d), value);
        };
    }

    private static List<Object> evalArgs(EvalContext ctx, List<Node> args, Object value, int depth) {
        List<Object> out = new ArrayList<>(args.size());
        for (Node a : args) {
            out.add(a instanceof ExpRef r ? r : eval(ctx, a, value, depth));
        }
        return out;
    }

    /** Applies an expression reference ({@code &field}) to a value, for sort_by, map... */
    static Object apply(EvalContext ctx, Object expref, Object value) {
        if (!(expref instanceof ExpRef r)) {
            throw error("expected an expression reference (&...), got " + typeName(expref));
        }
        return eval(ctx, r.expression(), value, 0);
    }

    static boolean isExpRef(Object v) {
        return v instanceof ExpRef;
    }

    private static Object project(EvalContext ctx, List<?> list, Node right, int depth) {
        JsArray out = new JsArray(ctx);
        for (Object e : list) {
            Object r = eval(ctx, right, e, depth);
            if (r != null) {
                out.add(r);
            }
        }
        return out;
    }

    private static Object slice(EvalContext ctx, List<?> list, Slice s) {
        long len = list.size();
        long step = s.step() == null ? 1 : s.step();
        long start;
        long stop;
        if (step > 0) {
            start = s.start() == null ? 0 : clamp(s.start(), len, 0, len);
            stop = s.stop() == null ? len : clamp(s.stop(), len, 0, len);
        } else {
            start = s.start() == null ? len - 1 : clamp(s.start(), len, -1, len - 1);
            stop = s.stop() == null ? -1 : clamp(s.stop(), len, -1, len - 1);
        }
        JsArray out = new JsArray(ctx);
        for (long i = start; step > 0 ? i < stop : i > stop; i += step) {
            out.add(list.get((int) i));
        }
        return out;
    }

    private static long clamp(long v, long len, long min, long max) {
        long x = v < 0 ? v + len : v;
        return Math.max(min, Math.min(max, x));
    }

    /** A value as JMESPath sees it: Hearth's undefined is null. */
    private static Object plain(Object v) {
        return v == Undefined.INSTANCE ? null : v;
    }

    static boolean truthy(Object v) {
        if (v == null || v == Undefined.INSTANCE || Boolean.FALSE.equals(v)) {
            return false;
        }
        if (v instanceof String s) {
            return !s.isEmpty();
        }
        if (v instanceof List<?> l) {
            return !l.isEmpty();
        }
        if (v instanceof Map<?, ?> m) {
            return !m.isEmpty();
        }
        return true;
    }

    private static Object compare(String op, Object a, Object b) {
        return switch (op) {
            case "eq" -> equal(a, b);
            case "ne" -> !equal(a, b);
            default -> {
                if (!(a instanceof Number x) || !(b instanceof Number y)) {
                    yield null;
                }
                double p = x.doubleValue();
                double q = y.doubleValue();
                yield switch (op) {
                    case "gt" -> p > q;
                    case "gte" -> p >= q;
                    case "lt" -> p < q;
                    default -> p <= q;
                };
            }
        };
    }

    static boolean equal(Object a, Object b) {
        return JsOps.deepEquals(plain(a), plain(b), 0);
    }

    static String typeName(Object v) {
        if (v == null || v == Undefined.INSTANCE) {
            return "null";
        }
        if (v instanceof String) {
            return "string";
        }
        if (v instanceof Number) {
            return "number";
        }
        if (v instanceof Boolean) {
            return "boolean";
        }
        if (v instanceof List<?>) {
            return "array";
        }
        if (v instanceof ExpRef) {
            return "expref";
        }
        return "object";
    }

    /** JMESPath's ordering of numbers or strings (for sort, max, min). */
    static final Comparator<Object> ORDER = (x, y) -> x instanceof Number a && y instanceof Number b
            ? Double.compare(a.doubleValue(), b.doubleValue())
            : String.valueOf(x).compareTo(String.valueOf(y));
}
