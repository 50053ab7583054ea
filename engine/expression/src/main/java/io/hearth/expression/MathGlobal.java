package io.hearth.expression;

import static io.hearth.expression.Globals.fn;
import static io.hearth.expression.Globals.num;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/** JavaScript's {@code Math}. */
final class MathGlobal {

    private MathGlobal() {}

    private interface Unary {
        double apply(double x);
    }

    static Namespace namespace() {
        Map<String, Object> m = new HashMap<>();
        m.put("PI", Math.PI);
        m.put("E", Math.E);
        m.put("LN2", Math.log(2));
        m.put("LN10", Math.log(10));
        m.put("LOG2E", 1 / Math.log(2));
        m.put("LOG10E", 1 / Math.log(10));
        m.put("SQRT2", Math.sqrt(2));
        m.put("SQRT1_2", Math.sqrt(0.5));
        unary(m, "abs", Math::abs);
        unary(m, "ceil", Math::ceil);
        unary(m, "floor", Math::floor);
        unary(m, "round", JsNumbers::round);
        unary(m, "trunc", x -> x < 0 ? Math.ceil(x) : Math.floor(x));
        unary(m, "sign", x -> Double.isNaN(x) || x == 0 ? x : Math.signum(x));
        unary(m, "sqrt", Math::sqrt);
        unary(m, "cbrt", Math::cbrt);
        unary(m, "log", Math::log);
        unary(m, "log10", Math::log10);
        unary(m, "log2", x -> {
            double r = Math.log(x) / Math.log(2);
            double rounded = Math.rint(r);
            return Math.abs(r - rounded) < 1e-12 && Math.pow(2, rounded) == x ? rounded : r;
        });
        unary(m, "log1p", Math::log1p);
        unary(m, "exp", Math::exp);
        unary(m, "expm1", Math::expm1);
        unary(m, "sin", Math::sin);
        unary(m, "cos", Math::cos);
        unary(m, "tan", Math::tan);
        unary(m, "asin", Math::asin);
        unary(m, "acos", Math::acos);
        unary(m, "atan", Math::atan);
        unary(m, "sinh", Math::sinh);
        unary(m, "cosh", Math::cosh);
        unary(m, "tanh", Math::tanh);
        unary(m, "fround", x -> (double) (float) x);
        m.put("atan2", fn("atan2", (ctx, a) -> JsNumbers.box(Math.atan2(num(a, 0), num(a, 1)))));
        m.put("pow", fn("pow", (ctx, a) -> JsNumbers.box(JsNumbers.pow(num(a, 0), num(a, 1)))));
        m.put("random", fn("random", (ctx, a) -> ThreadLocalRandom.current().nextDouble()));
        m.put("min", fn("min", (ctx, a) -> {
            double r = Double.POSITIVE_INFINITY;
            for (Object o : a) {
                r = Math.min(r, JsOps.toNumber(o));
            }
            return JsNumbers.box(r);
        }));
        m.put("max", fn("max", (ctx, a) -> {
            double r = Double.NEGATIVE_INFINITY;
            for (Object o : a) {
                r = Math.max(r, JsOps.toNumber(o));
            }
            return JsNumbers.box(r);
        }));
        m.put("hypot", fn("hypot", (ctx, a) -> {
            double sum = 0;
            for (Object o : a) {
                double d = JsOps.toNumber(o);
                if (Double.isInfinite(d)) {
                    return Double.POSITIVE_INFINITY;
                }
                sum += d * d;
            }
            return JsNumbers.box(Math.sqrt(sum));
        }));
        return new Namespace("Math", Map.copyOf(m), null);
    }

    private static void unary(Map<String, Object> m, String name, Unary f) {
        m.put(name, fn(name, (ctx, a) -> JsNumbers.box(f.apply(num(a, 0)))));
    }
}
