package io.hearth.expression;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Set;

/** Number.prototype, Boolean.prototype and n8n's number/boolean extensions. */
final class NumberMethods {

    static final Set<String> NAMES = Set.of(
            "toFixed",
            "toPrecision",
            "toString",
            "toLocaleString",
            "valueOf",
            "toExponential",
            // n8n extensions
            "round",
            "floor",
            "ceil",
            "abs",
            "isEven",
            "isOdd",
            "isInteger",
            "toBoolean",
            "toDateTime",
            "format");

    static final Set<String> BOOLEAN_NAMES = Set.of("toString", "valueOf", "toInt", "toNumber");

    private NumberMethods() {}

    static Object call(EvalContext ctx, Number num, String name, Object[] a) {
        double x = num.doubleValue();
        Object a0 = JsOps.arg(a, 0);
        return switch (name) {
            case "valueOf" -> num;
            case "toString" -> {
                int radix = a0 == Undefined.INSTANCE ? 10 : (int) JsOps.toInteger(a0);
                if (radix < 2 || radix > 36) {
                    throw JsThrow.rangeError("toString() radix must be between 2 and 36");
                }
                yield radix == 10 ? JsNumbers.toString(num) : JsNumbers.toRadixString(x, radix);
            }
            case "toFixed" -> {
                double digits = JsOps.toInteger(a0);
                if (digits < 0 || digits > 100) {
                    throw JsThrow.rangeError("toFixed() digits argument must be between 0 and 100");
                }
                yield JsNumbers.toFixed(x, (int) digits);
            }
            case "toPrecision" -> {
                if (a0 == Undefined.INSTANCE) {
                    yield JsNumbers.toString(x);
                }
                double p = JsOps.toInteger(a0);
                if (p < 1 || p > 100) {
                    throw JsThrow.rangeError("toPrecision() argument must be between 1 and 100");
                }
                yield JsNumbers.toPrecision(x, (int) p);
            }
            case "toExponential" -> {
                if (Double.isNaN(x) || Double.isInfinite(x)) {
                    yield JsNumbers.toString(x);
                }
                double digits = a0 == Undefined.INSTANCE ? -1 : JsOps.toInteger(a0);
                if (digits > 100) {
                    throw JsThrow.rangeError("toExponential() argument must be between 0 and 100");
                }
                if (x == 0) {
                    yield digits <= 0 ? "0e+0" : "0." + "0".repeat((int) digits) + "e+0";
                }
                BigDecimal bd = digits < 0
                        ? new BigDecimal(Double.toString(Math.abs(x))).stripTrailingZeros()
                        : new BigDecimal(Math.abs(x))
                                .round(new java.math.MathContext((int) digits + 1, RoundingMode.HALF_UP));
                yield exponential(bd, x, digits < 0 ? bd.precision() - 1 : (int) digits);
            }
            case "toLocaleString", "format" -> localeString(x, a);
            case "round" -> {
                double decimals = a0 == Undefined.INSTANCE ? 0 : JsOps.toInteger(a0);
                double factor = Math.pow(10, decimals);
                yield JsNumbers.box(JsNumbers.round(x * factor) / factor);
            }
            case "floor" -> JsNumbers.box(Math.floor(x));
            case "ceil" -> JsNumbers.box(Math.ceil(x));
            case "abs" -> JsNumbers.box(Math.abs(x));
            case "isInteger" -> !Double.isInfinite(x) && x == Math.floor(x);
            case "isEven", "isOdd" -> {
                if (Double.isInfinite(x) || x != Math.floor(x)) {
                    throw new ExpressionException(name + "() can only be used on integers");
                }
                yield (x % 2 == 0) == name.equals("isEven");
            }
            case "toBoolean" -> x != 0 && !Double.isNaN(x);
            case "toDateTime" -> {
                String format = a0 == Undefined.INSTANCE ? "ms" : JsOps.toStr(ctx, a0);
                double millis = switch (format) {
                    case "ms" -> x;
                    case "s" -> x * 1000;
                    case "us" -> x / 1000;
                    case "excel" -> (x - 25569) * 86_400_000;
                    default ->
                        throw new ExpressionException("toDateTime(): unknown format " + JsOps.describe(format)
                                + ", use 'ms', 's', 'us' or 'excel'");
                };
                if (Double.isNaN(millis) || Math.abs(millis) > 8.64e15) {
                    yield DateTimeValue.invalid("invalid input");
                }
                yield DateTimeValue.of(
                        DateTimeValue.utc(Math.round(millis)).time().withZoneSameInstant(ctx.defaultZone()));
            }
            default -> Members.NOT_FOUND;
        };
    }

    static Object callBoolean(EvalContext ctx, Boolean b, String name, Object[] a) {
        return switch (name) {
            case "toString" -> b.toString();
            case "valueOf" -> b;
            case "toInt", "toNumber" -> b ? 1L : 0L;
            default -> Members.NOT_FOUND;
        };
    }

    private static String exponential(BigDecimal d, double x, int fractionDigits) {
        BigDecimal abs = d.abs();
        int exponent = abs.precision() - abs.scale() - 1;
        BigDecimal mantissa = abs.movePointLeft(exponent).setScale(fractionDigits, RoundingMode.HALF_UP);
        return (x < 0 ? "-" : "") + mantissa.toPlainString() + "e" + (exponent < 0 ? "-" : "+") + Math.abs(exponent);
    }

    /** en-US number formatting: grouping and at most 3 fraction digits (Intl's defaults). */
    static String localeString(double x, Object[] a) {
        if (Double.isNaN(x)) {
            return "NaN";
        }
        if (Double.isInfinite(x)) {
            return x > 0 ? "∞" : "-∞";
        }
        int maxFraction = 3;
        int minFraction = 0;
        Object options = JsOps.arg(a, 1);
        if (options instanceof java.util.Map<?, ?> m) {
            if (m.get("maximumFractionDigits") instanceof Number n) {
                maxFraction = Math.max(0, Math.min(20, n.intValue()));
            }
            if (m.get("minimumFractionDigits") instanceof Number n) {
                minFraction = Math.max(0, Math.min(20, n.intValue()));
                maxFraction = Math.max(maxFraction, minFraction);
            }
        }
        BigDecimal bd = new BigDecimal(Math.abs(x))
                .setScale(maxFraction, RoundingMode.HALF_UP)
                .stripTrailingZeros();
        if (bd.scale() < minFraction) {
            bd = bd.setScale(minFraction);
        }
        String plain = bd.toPlainString();
        int dot = plain.indexOf('.');
        String intPart = dot < 0 ? plain : plain.substring(0, dot);
        StringBuilder sb = new StringBuilder();
        if (x < 0 && bd.signum() != 0) {
            sb.append('-');
        }
        for (int i = 0; i < intPart.length(); i++) {
            if (i > 0 && (intPart.length() - i) % 3 == 0) {
                sb.append(',');
            }
            sb.append(intPart.charAt(i));
        }
        if (dot >= 0) {
            sb.append(plain, dot, plain.length());
        }
        return sb.toString();
    }
}
