package io.hearth.runtime.nodes.transform;

import io.hearth.common.Json;
import io.hearth.expression.ExpressionValues;
import io.hearth.expression.Undefined;
import java.util.List;
import java.util.function.BiPredicate;

/**
 * n8n's {@code fuzzyCompare} (nodes-base utils), shared by the nodes whose "Fuzzy Compare" option it
 * implements (Merge, Compare Datasets): lodash {@code isEqual}, or with fuzzy compare on, 3 equals
 * "3", "" equals [] and null, a missing field equals a falsy one, "true" and 1 equal true, an object
 * equals its JSON text. From compare version 2, null also equals 0 and "0".
 */
public final class FuzzyCompare {

    private FuzzyCompare() {}

    /** The equality the option selects; {@code compareVersion} is 1 unless the node passes its own. */
    public static BiPredicate<Object, Object> of(boolean fuzzy, double compareVersion) {
        if (!fuzzy) {
            return ExpressionValues::deepEquals;
        }
        return (x, y) -> fuzzyEquals(x, y, compareVersion);
    }

    private static boolean fuzzyEquals(Object x, Object y, double version) {
        String tx = ExpressionValues.typeOf(x);
        String ty = ExpressionValues.typeOf(y);
        if (x != null && y != null && tx.equals(ty)) {
            return ExpressionValues.deepEquals(x, y);
        }
        if (version >= 2) {
            if (x == null && (y == null || isZero(y))) {
                return true;
            }
            if (y == null && (x == null || isZero(x))) {
                return true;
            }
        }
        if (falsy(x) && falsy(y)) {
            return true;
        }
        if ((falsy(x) && y == Undefined.INSTANCE) || (x == Undefined.INSTANCE && falsy(y))) {
            return true;
        }
        if (x instanceof Number && y instanceof String t) {
            return ExpressionValues.toText(x).equals(t);
        }
        if (x instanceof String t && y instanceof Number) {
            return t.equals(ExpressionValues.toText(y));
        }
        if (x != null && tx.equals("object") && y instanceof String t) {
            return parsedEquals(t, x);
        }
        if (y != null && x instanceof String t && ty.equals("object")) {
            return parsedEquals(t, y);
        }
        if (x instanceof Boolean b && y instanceof String t) {
            return b ? t.equalsIgnoreCase("true") || t.equals("1") : t.equalsIgnoreCase("false") || t.equals("0");
        }
        if (y instanceof Boolean b && x instanceof String t) {
            return b ? t.equalsIgnoreCase("true") || t.equals("1") : t.equalsIgnoreCase("false") || t.equals("0");
        }
        if (x instanceof Boolean b && y instanceof Number n) {
            return n.doubleValue() == (b ? 1 : 0);
        }
        if (y instanceof Boolean b && x instanceof Number n) {
            return n.doubleValue() == (b ? 1 : 0);
        }
        return ExpressionValues.deepEquals(x, y);
    }

    private static boolean isZero(Object v) {
        return (v instanceof Number n && n.doubleValue() == 0) || "0".equals(v);
    }

    private static boolean falsy(Object v) {
        return v == null || "".equals(v) || (v instanceof List<?> l && l.isEmpty());
    }

    private static boolean parsedEquals(String text, Object value) {
        try {
            return ExpressionValues.deepEquals(Json.parse(text), value);
        } catch (RuntimeException e) {
            return false;
        }
    }
}
