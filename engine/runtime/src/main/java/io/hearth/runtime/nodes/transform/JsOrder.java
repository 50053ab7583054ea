package io.hearth.runtime.nodes.transform;

import io.hearth.expression.ExpressionValues;
import io.hearth.expression.Undefined;

/** JavaScript's {@code <} as n8n's data nodes use it to order values, with a stable answer for what it cannot order. */
final class JsOrder {

    private JsOrder() {}

    /** Equal (lodash isEqual) is 0; otherwise by JavaScript's {@code <}; values {@code <} cannot order are equal. */
    static int compare(Object a, Object b) {
        if (ExpressionValues.deepEquals(a, b)) {
            return 0;
        }
        if (ExpressionValues.lessThan(a, b).orElse(false)) {
            return -1;
        }
        if (ExpressionValues.lessThan(b, a).orElse(false)) {
            return 1;
        }
        // n8n answers "after" both ways here; putting what cannot be ordered last keeps the sort stable.
        boolean aOrdered = orderable(a);
        boolean bOrdered = orderable(b);
        return aOrdered == bOrdered ? 0 : aOrdered ? -1 : 1;
    }

    private static boolean orderable(Object v) {
        return v instanceof String || !Double.isNaN(ExpressionValues.toNumber(v));
    }

    /** A total order: by kind (numbers, strings, booleans, null, objects, missing), then by value. */
    static int total(Object a, Object b) {
        int ka = kind(a);
        int kb = kind(b);
        if (ka != kb) {
            return Integer.compare(ka, kb);
        }
        return switch (a) {
            case Number n -> Double.compare(n.doubleValue(), ((Number) b).doubleValue());
            case String s -> s.compareTo((String) b);
            case Boolean x -> Boolean.compare(x, (Boolean) b);
            default -> 0;
        };
    }

    private static int kind(Object v) {
        return switch (v) {
            case Number n -> 0;
            case String s -> 1;
            case Boolean b -> 2;
            case null -> 3;
            default -> v == Undefined.INSTANCE ? 5 : 4;
        };
    }

    /** Keys in the order a JavaScript object lists them: integer-like keys first, ascending, then the rest as given. */
    static java.util.List<String> objectKeys(java.util.Collection<String> keys) {
        java.util.List<String> out = new java.util.ArrayList<>(keys);
        out.sort((a, b) -> {
            long x = arrayIndex(a);
            long y = arrayIndex(b);
            if (x >= 0 && y >= 0) {
                return Long.compare(x, y);
            }
            return x >= 0 ? -1 : y >= 0 ? 1 : 0;
        });
        return out;
    }

    /** The key as an array index (0 to 2^32-2), or -1 when it is not one. */
    static long arrayIndex(String k) {
        if (k.isEmpty() || k.length() > 10 || (k.length() > 1 && k.charAt(0) == '0')) {
            return -1;
        }
        for (int i = 0; i < k.length(); i++) {
            if (k.charAt(i) < '0' || k.charAt(i) > '9') {
                return -1;
            }
        }
        long v = Long.parseLong(k);
        return v < 4294967295L ? v : -1;
    }
}
