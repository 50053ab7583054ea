package io.hearth.expression;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.math.RoundingMode;

/** JavaScript number semantics: boxing, printing (Number::toString) and parsing (StringToNumber). */
final class JsNumbers {

    private static final double TWO_63 = 9.223372036854776E+18;

    private JsNumbers() {}

    /** Boxes a double as a Long when integral and representable (not -0), else as a Double. */
    static Object box(double d) {
        if (d >= -TWO_63 && d < TWO_63) {
            long l = (long) d;
            if (l == d && (l != 0 || Double.doubleToRawLongBits(d) == 0)) {
                return l;
            }
        }
        return d;
    }

    /** The {@code **} operator: unlike Math.pow, 1 ** Infinity and (-1) ** Infinity are NaN. */
    static double pow(double x, double y) {
        if (Double.isNaN(y) || (Math.abs(x) == 1 && Double.isInfinite(y))) {
            return Double.NaN;
        }
        return Math.pow(x, y);
    }

    static double toDouble(Number n) {
        return n.doubleValue();
    }

    /** Number::toString(10). Integral Java types print exactly. */
    static String toString(Number n) {
        if (n instanceof Long
                || n instanceof Integer
                || n instanceof Short
                || n instanceof Byte
                || n instanceof BigInteger) {
            return n.toString();
        }
        return toString(n.doubleValue());
    }

    static String toString(double d) {
        if (Double.isNaN(d)) {
            return "NaN";
        }
        if (d == 0) {
            return "0";
        }
        if (Double.isInfinite(d)) {
            return d > 0 ? "Infinity" : "-Infinity";
        }
        if (Math.abs(d) < 9.007199254740992E15 && d == Math.rint(d)) {
            return Long.toString((long) d);
        }
        // Double.toString yields the shortest round-tripping digits (JDK 19+); re-layout them the JS way.
        String java = Double.toString(Math.abs(d));
        int e = java.indexOf('E');
        String mantissa = e < 0 ? java : java.substring(0, e);
        int exp = e < 0 ? 0 : Integer.parseInt(java.substring(e + 1));
        int dot = mantissa.indexOf('.');
        StringBuilder digits = new StringBuilder(mantissa.length());
        digits.append(mantissa, 0, dot).append(mantissa, dot + 1, mantissa.length());
        int pointPos = dot + exp; // value = 0.DIGITS * 10^pointPos once leading zeros are removed
        int lead = 0;
        while (lead < digits.length() - 1 && digits.charAt(lead) == '0') {
            lead++;
        }
        digits.delete(0, lead);
        pointPos -= lead;
        int end = digits.length();
        while (end > 1 && digits.charAt(end - 1) == '0') {
            end--;
        }
        digits.setLength(end);
        if (digits.length() == 2) { // Java keeps 2 digits when closer (4.9E-324); JS wants the shortest (5e-324)
            String one = oneDigit(Math.abs(d), digits, pointPos);
            if (one != null) {
                return layout(d < 0, one, one.equals("10") ? pointPos + 1 : pointPos)
                        .replace("10", "1");
            }
        }
        return layout(d < 0, digits.toString(), pointPos);
    }

    /** A single digit that still round-trips to {@code abs}, if any (only ever true for subnormals). */
    private static String oneDigit(double abs, CharSequence twoDigits, int pointPos) {
        int first = twoDigits.charAt(0) - '0';
        int closest = (first * 10 + (twoDigits.charAt(1) - '0') + 5) / 10;
        for (int candidate : new int[] {closest, closest == first ? first + 1 : first}) {
            if (Double.parseDouble(candidate + "e" + (pointPos - 1)) == abs) {
                return candidate == 10 ? "10" : Integer.toString(candidate);
            }
        }
        return null;
    }

    /** ECMA-262 Number::toString layout of {@code 0.digits × 10^n}. */
    private static String layout(boolean negative, String digits, int n) {
        int k = digits.length();
        StringBuilder sb = new StringBuilder(k + 8);
        if (negative) {
            sb.append('-');
        }
        if (k <= n && n <= 21) {
            sb.append(digits);
            sb.repeat('0', n - k);
        } else if (0 < n && n <= 21) {
            sb.append(digits, 0, n).append('.').append(digits, n, k);
        } else if (-6 < n && n <= 0) {
            sb.append("0.");
            sb.repeat('0', -n);
            sb.append(digits);
        } else {
            int e = n - 1;
            sb.append(digits.charAt(0));
            if (k > 1) {
                sb.append('.').append(digits, 1, k);
            }
            sb.append('e').append(e < 0 ? '-' : '+').append(Math.abs(e));
        }
        return sb.toString();
    }

    /** Number.prototype.toFixed. */
    static String toFixed(double x, int digits) {
        if (Double.isNaN(x)) {
            return "NaN";
        }
        if (Math.abs(x) >= 1e21 || Double.isInfinite(x)) {
            return toString(x);
        }
        BigDecimal bd = new BigDecimal(x).setScale(digits, RoundingMode.HALF_UP);
        String s = bd.toPlainString();
        if (bd.signum() == 0 && (x < 0 || (x == 0 && 1 / x < 0)) && x != 0) {
            return "-" + s;
        }
        return s;
    }

    /** Number.prototype.toPrecision. */
    static String toPrecision(double x, int precision) {
        if (Double.isNaN(x) || Double.isInfinite(x)) {
            return toString(x);
        }
        if (x == 0) {
            return precision == 1 ? "0" : "0." + "0".repeat(precision - 1);
        }
        BigDecimal bd = new BigDecimal(x).round(new MathContext(precision, RoundingMode.HALF_UP));
        String digits = bd.unscaledValue().abs().toString();
        // pad/truncate the digit string to exactly `precision` digits
        int e = digits.length() - 1 - bd.scale(); // exponent of the first digit
        if (digits.length() < precision) {
            digits = digits + "0".repeat(precision - digits.length());
        } else if (digits.length() > precision) {
            digits = digits.substring(0, precision);
        }
        StringBuilder sb = new StringBuilder();
        if (x < 0) {
            sb.append('-');
        }
        if (e < -6 || e >= precision) {
            sb.append(digits.charAt(0));
            if (precision > 1) {
                sb.append('.').append(digits, 1, precision);
            }
            sb.append('e').append(e < 0 ? '-' : '+').append(Math.abs(e));
        } else if (e >= 0) {
            sb.append(digits, 0, e + 1);
            if (precision > e + 1) {
                sb.append('.').append(digits, e + 1, precision);
            }
        } else {
            sb.append("0.").repeat('0', -e - 1).append(digits);
        }
        return sb.toString();
    }

    /** Number.prototype.toString(radix) for radix != 10. */
    static String toRadixString(double x, int radix) {
        if (Double.isNaN(x) || Double.isInfinite(x)) {
            return toString(x);
        }
        boolean negative = x < 0;
        double abs = Math.abs(x);
        double intPart = Math.floor(abs);
        String intDigits = intPart < 9.2e18
                ? Long.toString((long) intPart, radix)
                : new BigDecimal(intPart).toBigInteger().toString(radix);
        StringBuilder sb = new StringBuilder(negative ? "-" : "").append(intDigits);
        double frac = abs - intPart;
        if (frac > 0) {
            sb.append('.');
            for (int i = 0; i < 52 && frac > 0; i++) {
                frac *= radix;
                int digit = (int) frac;
                sb.append(Character.forDigit(digit, radix));
                frac -= digit;
            }
        }
        return sb.toString();
    }

    /** StringToNumber: the whole (trimmed) string must be a numeric literal, "" is 0, else NaN. */
    static double parse(String s) {
        int start = 0;
        int end = s.length();
        while (start < end && isJsWhitespace(s.charAt(start))) {
            start++;
        }
        while (end > start && isJsWhitespace(s.charAt(end - 1))) {
            end--;
        }
        if (start == end) {
            return 0;
        }
        if (end - start > 2 && s.charAt(start) == '0') {
            char p = s.charAt(start + 1);
            int radix = p == 'x' || p == 'X' ? 16 : p == 'o' || p == 'O' ? 8 : p == 'b' || p == 'B' ? 2 : 0;
            if (radix != 0) {
                return parseRadixDigits(s, start + 2, end, radix);
            }
        }
        int len = decimalPrefix(s, start, end);
        return len == end - start ? parseDecimal(s, start, end) : Double.NaN;
    }

    private static double parseRadixDigits(String s, int from, int to, int radix) {
        double v = 0;
        for (int i = from; i < to; i++) {
            int digit = Character.digit(s.charAt(i), radix);
            if (digit < 0) {
                return Double.NaN;
            }
            v = v * radix + digit;
        }
        return v;
    }

    /** parseFloat: the longest decimal prefix after leading blanks. */
    static double parseFloat(String s) {
        int start = 0;
        while (start < s.length() && isJsWhitespace(s.charAt(start))) {
            start++;
        }
        int len = decimalPrefix(s, start, s.length());
        return len == 0 ? Double.NaN : parseDecimal(s, start, start + len);
    }

    /** parseInt(string, radix). */
    static double parseInt(String s, int radix) {
        int i = 0;
        int n = s.length();
        while (i < n && isJsWhitespace(s.charAt(i))) {
            i++;
        }
        boolean negative = false;
        if (i < n && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
            negative = s.charAt(i) == '-';
            i++;
        }
        boolean stripPrefix = radix == 0 || radix == 16;
        if (radix == 0) {
            radix = 10;
        }
        if (radix < 2 || radix > 36) {
            return Double.NaN;
        }
        if (stripPrefix && i + 1 < n && s.charAt(i) == '0' && (s.charAt(i + 1) == 'x' || s.charAt(i + 1) == 'X')) {
            i += 2;
            radix = 16;
        }
        int begin = i;
        double v = 0;
        while (i < n) {
            int digit = Character.digit(s.charAt(i), radix);
            if (digit < 0 || s.charAt(i) > 'z') {
                break;
            }
            v = v * radix + digit;
            i++;
        }
        if (i == begin) {
            return Double.NaN;
        }
        if (radix == 10 && i - begin > 15) {
            v = Double.parseDouble(s.substring(begin, i)); // correctly rounded for long digit strings
        }
        return negative ? -v : v;
    }

    /** Length of the StrDecimalLiteral at {@code start}: [+-] (Infinity | digits[.digits][e[+-]digits] | .digits[...]). */
    static int decimalPrefix(String s, int start, int end) {
        int i = start;
        if (i < end && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
            i++;
        }
        if (s.startsWith("Infinity", i) && i + 8 <= end) {
            return i + 8 - start;
        }
        int digitsStart = i;
        while (i < end && isDigit(s.charAt(i))) {
            i++;
        }
        int intDigits = i - digitsStart;
        int fracDigits = 0;
        if (i < end && s.charAt(i) == '.') {
            int j = i + 1;
            while (j < end && isDigit(s.charAt(j))) {
                j++;
            }
            fracDigits = j - i - 1;
            if (intDigits > 0 || fracDigits > 0) {
                i = j;
            }
        }
        if (intDigits == 0 && fracDigits == 0) {
            return 0;
        }
        if (i < end && (s.charAt(i) == 'e' || s.charAt(i) == 'E')) {
            int j = i + 1;
            if (j < end && (s.charAt(j) == '+' || s.charAt(j) == '-')) {
                j++;
            }
            int expStart = j;
            while (j < end && isDigit(s.charAt(j))) {
                j++;
            }
            if (j > expStart) {
                i = j;
            }
        }
        return i - start;
    }

    private static double parseDecimal(String s, int start, int end) {
        String t = s.substring(start, end);
        if (t.endsWith("Infinity")) {
            return t.charAt(0) == '-' ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
        }
        return Double.parseDouble(t); // the prefix was validated, so this never throws
    }

    static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    static boolean isJsWhitespace(char c) {
        return c == ' '
                || c == '\t'
                || c == '\n'
                || c == '\r'
                || c == '\u000B'
                || c == '\f'
                || c == '\u00A0'
                || c == '\uFEFF'
                || c == '\u2028'
                || c == '\u2029'
                || (c > 127 && Character.getType(c) == Character.SPACE_SEPARATOR);
    }

    /** ToInt32. */
    static int toInt32(double d) {
        if (Double.isNaN(d) || Double.isInfinite(d)) {
            return 0;
        }
        if (Math.abs(d) < 2147483648.0) {
            return (int) d;
        }
        return (int) (long) (Math.signum(d) * Math.floor(Math.abs(d)) % 4294967296.0);
    }

    /** Math.round: rounds half up towards +Infinity. */
    static double round(double x) {
        if (Double.isNaN(x) || Double.isInfinite(x)) {
            return x;
        }
        double floor = Math.floor(x);
        return x - floor >= 0.5 ? floor + 1 : floor;
    }
}
