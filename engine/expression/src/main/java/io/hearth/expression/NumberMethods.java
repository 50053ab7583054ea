package io.hearth.expression;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.text.DecimalFormat;
import java.text.NumberFormat;
import java.util.Currency;
import java.util.List;
import java.util.Locale;
import java.util.Map;
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
            "toInt",
            "toFloat",
            "format");

    static final Set<String> BOOLEAN_NAMES =
            Set.of("toString", "valueOf", "toInt", "toNumber", "toFloat", "toBoolean", "toDateTime");

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
            case "round" -> round(x, a0 == Undefined.INSTANCE ? 0 : JsOps.toInteger(a0));
            case "toInt" -> round(x, 0);
            case "toFloat" -> num;
            case "floor" -> JsNumbers.box(Math.floor(x));
            case "ceil" -> JsNumbers.box(Math.ceil(x));
            case "abs" -> JsNumbers.box(Math.abs(x));
            case "isInteger" -> !Double.isInfinite(x) && x == Math.floor(x);
            case "isEven", "isOdd" -> {
                if (Double.isInfinite(x) || Double.isNaN(x) || x != Math.floor(x)) {
                    throw new ExpressionException(name + "() is only callable on integers");
                }
                yield (x % 2 == 0) == name.equals("isEven");
            }
            case "toBoolean" -> x != 0; // n8n: value !== 0, so NaN is true
            case "toDateTime" -> toDateTime(ctx, x, a0 == Undefined.INSTANCE ? "ms" : JsOps.toStr(ctx, a0));
            default -> Members.NOT_FOUND;
        };
    }

    static Object callBoolean(EvalContext ctx, Boolean b, String name, Object[] a) {
        return switch (name) {
            case "toString" -> b.toString();
            case "valueOf", "toBoolean" -> b;
            case "toInt", "toNumber", "toFloat" -> b ? 1L : 0L;
            case "toDateTime" -> Undefined.INSTANCE;
            default -> Members.NOT_FOUND;
        };
    }

    /** n8n's round: {@code +value.toFixed(decimals)}. */
    private static Object round(double x, double decimals) {
        if (Double.isNaN(x) || Double.isInfinite(x)) {
            return JsNumbers.box(x);
        }
        int digits = (int) Math.max(0, Math.min(100, decimals));
        return JsNumbers.box(JsNumbers.parse(JsNumbers.toFixed(x, digits)));
    }

    /** n8n's toDateTime of a number: a unix timestamp in ms, s, us, or days since 1900 (excel). */
    static DateTimeValue toDateTime(EvalContext ctx, double x, String format) {
        double millis = switch (format) {
            case "ms" -> x;
            case "s" -> x * 1000;
            case "us" -> x / 1000;
            case "excel" -> (x - 25569) * 86_400_000;
            default ->
                throw new ExpressionException(
                        "Unsupported format '" + format + "'. toDateTime() supports 'ms', 's', 'us' and 'excel'.");
        };
        if (Double.isNaN(millis) || Math.abs(millis) > 8.64e15) {
            return DateTimeValue.invalid("invalid input");
        }
        return DateTimeValue.of(DateTimeValue.utc(Math.round(millis)).time().withZoneSameInstant(ctx.defaultZone()));
    }

    private static String exponential(BigDecimal d, double x, int fractionDigits) {
        BigDecimal abs = d.abs();
        int exponent = abs.precision() - abs.scale() - 1;
        BigDecimal mantissa = abs.movePointLeft(exponent).setScale(fractionDigits, RoundingMode.HALF_UP);
        return (x < 0 ? "-" : "") + mantissa.toPlainString() + "e" + (exponent < 0 ? "-" : "+") + Math.abs(exponent);
    }

    /**
     * Intl.NumberFormat(locales, options).format(x), as toLocaleString and n8n's format() use it:
     * en-US unless a locale is given; styles decimal, percent and currency; fraction, integer and
     * significant digits; grouping. Rounds half away from zero on the shortest decimal form, as ICU.
     */
    static String localeString(double x, Object[] a) {
        Object locales = JsOps.arg(a, 0);
        Map<?, ?> options = JsOps.arg(a, 1) instanceof Map<?, ?> m ? m : Map.of();
        Object first = locales instanceof List<?> l && !l.isEmpty() ? l.get(0) : locales;
        Locale locale = first instanceof String tag && !tag.isBlank() ? Locale.forLanguageTag(tag) : Locale.US;
        if (locale.getLanguage().isEmpty()) {
            locale = Locale.US;
        }
        String style = options.get("style") instanceof String st ? st : "decimal";
        NumberFormat format;
        int minFraction;
        int maxFraction;
        double value = x;
        switch (style) {
            case "currency" -> {
                if (!(options.get("currency") instanceof String code)) {
                    throw JsThrow.typeError("Currency code is required with currency style.");
                }
                Currency currency;
                try {
                    currency = Currency.getInstance(code.toUpperCase(Locale.ROOT));
                } catch (IllegalArgumentException e) {
                    throw JsThrow.rangeError("Invalid currency code : " + code);
                }
                format = NumberFormat.getCurrencyInstance(locale);
                format.setCurrency(currency);
                minFraction = maxFraction = Math.max(0, currency.getDefaultFractionDigits());
            }
            case "percent" -> {
                format = NumberFormat.getPercentInstance(locale);
                minFraction = maxFraction = 0;
                value = x * 100;
                if (format instanceof DecimalFormat df) {
                    df.setMultiplier(1);
                }
            }
            default -> {
                format = NumberFormat.getNumberInstance(locale);
                minFraction = 0;
                maxFraction = 3;
            }
        }
        if (Double.isNaN(x)) {
            return "NaN";
        }
        if (Double.isInfinite(x)) {
            return x > 0 ? "∞" : "-∞";
        }
        if (options.get("minimumFractionDigits") instanceof Number n) {
            minFraction = Math.max(0, Math.min(20, n.intValue()));
            maxFraction = Math.max(maxFraction, minFraction);
        }
        if (options.get("maximumFractionDigits") instanceof Number n) {
            maxFraction = Math.max(0, Math.min(20, n.intValue()));
            minFraction = Math.min(minFraction, maxFraction);
        }
        BigDecimal decimal = BigDecimal.valueOf(value);
        if (options.get("maximumSignificantDigits") instanceof Number n) {
            int digits = Math.max(1, Math.min(21, n.intValue()));
            decimal = decimal.round(new MathContext(digits, RoundingMode.HALF_UP));
            minFraction = 0;
            maxFraction = Math.max(0, decimal.stripTrailingZeros().scale());
        }
        format.setRoundingMode(RoundingMode.HALF_UP);
        format.setMinimumFractionDigits(minFraction);
        format.setMaximumFractionDigits(maxFraction);
        if (options.get("minimumIntegerDigits") instanceof Number n) {
            format.setMinimumIntegerDigits(Math.max(1, Math.min(21, n.intValue())));
        }
        Object grouping = options.get("useGrouping");
        if (grouping != null && !JsOps.truthy(grouping)) {
            format.setGroupingUsed(false);
        }
        String text = format.format(decimal);
        return text.startsWith("-")
                        && decimal.setScale(maxFraction, RoundingMode.HALF_UP).signum() == 0
                ? text.substring(1)
                : text;
    }
}
