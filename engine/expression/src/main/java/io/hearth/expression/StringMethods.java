package io.hearth.expression;

import java.text.Collator;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;

/** String.prototype (JavaScript's methods of a string, including the regex-based ones); n8n's string extensions are in {@link StringExtensions}. A table of one family of methods, kept together. */
final class StringMethods {

    private static final Set<String> JS_NAMES = Set.of(
            "charAt",
            "charCodeAt",
            "codePointAt",
            "at",
            "concat",
            "endsWith",
            "includes",
            "indexOf",
            "lastIndexOf",
            "localeCompare",
            "match",
            "matchAll",
            "normalize",
            "padEnd",
            "padStart",
            "repeat",
            "replace",
            "replaceAll",
            "search",
            "slice",
            "split",
            "startsWith",
            "substring",
            "substr",
            "toLowerCase",
            "toUpperCase",
            "toLocaleLowerCase",
            "toLocaleUpperCase",
            "toString",
            "valueOf",
            "trim",
            "trimStart",
            "trimEnd",
            "trimLeft",
            "trimRight");

    /** String.prototype and n8n's string extensions. */
    static final Set<String> NAMES = union(JS_NAMES, StringExtensions.NAMES);

    static Set<String> union(Set<String> a, Set<String> b) {
        java.util.HashSet<String> all = new java.util.HashSet<>(a);
        all.addAll(b);
        return Set.copyOf(all);
    }

    private StringMethods() {}

    static Object call(EvalContext ctx, String s, String name, Object[] a) {
        Object a0 = JsOps.arg(a, 0);
        int len = s.length();
        return switch (name) {
            case "toString", "valueOf" -> s;
            case "charAt" -> {
                double i = JsOps.toInteger(a0);
                yield i >= 0 && i < len ? String.valueOf(s.charAt((int) i)) : "";
            }
            case "charCodeAt" -> {
                double i = JsOps.toInteger(a0);
                yield i >= 0 && i < len ? (Object) (long) s.charAt((int) i) : (Object) Double.NaN;
            }
            case "codePointAt" -> {
                double i = JsOps.toInteger(a0);
                yield i >= 0 && i < len ? (Object) (long) s.codePointAt((int) i) : Undefined.INSTANCE;
            }
            case "at" -> {
                double i = JsOps.toInteger(a0);
                int k = (int) (i < 0 ? len + i : i);
                yield k >= 0 && k < len && Math.abs(i) <= len ? String.valueOf(s.charAt(k)) : Undefined.INSTANCE;
            }
            case "concat" -> {
                StringBuilder sb = new StringBuilder(s);
                for (Object o : a) {
                    sb.append(JsOps.toStr(ctx, o));
                    ctx.checkString(sb.length());
                }
                yield sb.toString();
            }
            case "includes" -> {
                rejectRegex(a0, name);
                yield s.indexOf(JsOps.toStr(ctx, a0), clamp(JsOps.arg(a, 1), len, 0)) >= 0;
            }
            case "startsWith" -> {
                rejectRegex(a0, name);
                yield s.startsWith(JsOps.toStr(ctx, a0), clamp(JsOps.arg(a, 1), len, 0));
            }
            case "endsWith" -> {
                rejectRegex(a0, name);
                int end = clamp(JsOps.arg(a, 1), len, len);
                yield s.substring(0, end).endsWith(JsOps.toStr(ctx, a0));
            }
            case "indexOf" -> (long) s.indexOf(JsOps.toStr(ctx, a0), clamp(JsOps.arg(a, 1), len, 0));
            case "lastIndexOf" -> {
                Object from = JsOps.arg(a, 1);
                double f = JsOps.toNumber(from);
                int pos = Double.isNaN(f) ? len : (int) Math.max(0, Math.min(f, len));
                yield (long) s.lastIndexOf(JsOps.toStr(ctx, a0), pos);
            }
            case "localeCompare" -> {
                Collator collator = Collator.getInstance(Locale.ROOT);
                yield (long) Integer.signum(collator.compare(s, JsOps.toStr(ctx, a0)));
            }
            case "normalize" -> {
                String form = a0 == Undefined.INSTANCE ? "NFC" : JsOps.toStr(ctx, a0);
                Normalizer.Form f = switch (form) {
                    case "NFC" -> Normalizer.Form.NFC;
                    case "NFD" -> Normalizer.Form.NFD;
                    case "NFKC" -> Normalizer.Form.NFKC;
                    case "NFKD" -> Normalizer.Form.NFKD;
                    default ->
                        throw JsThrow.rangeError("The normalization form should be one of NFC, NFD, NFKC, NFKD.");
                };
                yield Normalizer.normalize(s, f);
            }
            case "padStart", "padEnd" -> pad(ctx, s, a0, JsOps.arg(a, 1), name.equals("padStart"));
            case "repeat" -> {
                double n = JsOps.toInteger(a0);
                if (n < 0 || Double.isInfinite(n)) {
                    throw JsThrow.rangeError("Invalid count value: " + JsNumbers.toString(JsOps.toNumber(a0)));
                }
                ctx.allocateString((long) (n * len));
                yield s.repeat((int) n);
            }
            case "slice" -> {
                int from = JsOps.relativeIndex(a0, len, 0);
                int to = JsOps.relativeIndex(JsOps.arg(a, 1), len, len);
                yield from < to ? s.substring(from, to) : "";
            }
            case "substring" -> {
                int from = clamp(a0, len, 0);
                int to = clamp(JsOps.arg(a, 1), len, len);
                yield s.substring(Math.min(from, to), Math.max(from, to));
            }
            case "substr" -> {
                int from = JsOps.relativeIndex(a0, len, 0);
                Object l = JsOps.arg(a, 1);
                double count =
                        l == Undefined.INSTANCE ? len - from : Math.min(Math.max(JsOps.toInteger(l), 0), len - from);
                yield count <= 0 ? "" : s.substring(from, from + (int) count);
            }
            case "toLowerCase", "toLocaleLowerCase" -> s.toLowerCase(Locale.ROOT);
            case "toUpperCase", "toLocaleUpperCase" -> {
                ctx.allocateString(len * 3L);
                yield s.toUpperCase(Locale.ROOT);
            }
            case "trim" -> trim(s, true, true);
            case "trimStart", "trimLeft" -> trim(s, true, false);
            case "trimEnd", "trimRight" -> trim(s, false, true);
            case "split" -> split(ctx, s, a0, JsOps.arg(a, 1));
            case "replace" -> replace(ctx, s, a0, JsOps.arg(a, 1), false);
            case "replaceAll" -> replace(ctx, s, a0, JsOps.arg(a, 1), true);
            case "match" -> match(ctx, s, toRegex(ctx, a0));
            case "matchAll" -> {
                JsRegExp r = toRegex(ctx, a0);
                ArrayList<Object> out = new JsArray(ctx);
                Matcher m = r.matcher(s, ctx);
                int from = 0;
                while (from <= len && r.find(m, from)) {
                    out.add(RegExpMethods.execResult(ctx, r, m, s));
                    ctx.checkCollection(out.size());
                    from = m.end() == m.start() ? m.end() + 1 : m.end();
                }
                yield out;
            }
            case "search" -> {
                JsRegExp r = toRegex(ctx, a0);
                Matcher m = r.matcher(s, ctx);
                yield r.find(m, 0) ? (long) m.start() : -1L;
            }
            default -> StringExtensions.call(ctx, s, name, a);
        };
    }

    private static void rejectRegex(Object v, String method) {
        if (v instanceof JsRegExp) {
            throw JsThrow.typeError(
                    "First argument to String.prototype." + method + " must not be a regular expression");
        }
    }

    /** ToIntegerOrInfinity clamped to [0, len]; {@code dflt} when undefined. */
    private static int clamp(Object v, int len, int dflt) {
        if (v == Undefined.INSTANCE) {
            return dflt;
        }
        double d = JsOps.toInteger(v);
        return (int) Math.max(0, Math.min(d, len));
    }

    static String trim(String s, boolean start, boolean end) {
        int from = 0;
        int to = s.length();
        if (start) {
            while (from < to && JsNumbers.isJsWhitespace(s.charAt(from))) {
                from++;
            }
        }
        if (end) {
            while (to > from && JsNumbers.isJsWhitespace(s.charAt(to - 1))) {
                to--;
            }
        }
        return s.substring(from, to);
    }

    private static String pad(EvalContext ctx, String s, Object target, Object filler, boolean start) {
        double max = JsOps.toInteger(target);
        if (max <= s.length()) {
            return s;
        }
        String fill = filler == Undefined.INSTANCE ? " " : JsOps.toStr(ctx, filler);
        if (fill.isEmpty()) {
            return s;
        }
        ctx.allocateString((long) max);
        int need = (int) max - s.length();
        StringBuilder sb = new StringBuilder((int) max);
        if (!start) {
            sb.append(s);
        }
        while (need > 0) {
            int take = Math.min(need, fill.length());
            sb.append(fill, 0, take);
            need -= take;
        }
        if (start) {
            sb.append(s);
        }
        return sb.toString();
    }

    // ---- regex-based operations

    /** A regex argument: a JsRegExp, or a string compiled as a pattern (like new RegExp(s)). */
    static JsRegExp toRegex(EvalContext ctx, Object v) {
        if (v instanceof JsRegExp r) {
            return r;
        }
        String source = v == Undefined.INSTANCE ? "(?:)" : JsOps.toStr(ctx, v);
        ctx.steps(source.length());
        return JsRegExp.compile(source, "");
    }

    private static Object match(EvalContext ctx, String s, JsRegExp r) {
        Matcher m = r.matcher(s, ctx);
        if (!r.global) {
            return r.find(m, 0) ? RegExpMethods.execResult(ctx, r, m, s) : null;
        }
        ArrayList<Object> out = new JsArray(ctx);
        int from = 0;
        while (from <= s.length() && r.find(m, from)) {
            out.add(m.group());
            ctx.checkCollection(out.size());
            from = m.end() == m.start() ? m.end() + 1 : m.end();
        }
        return out.isEmpty() ? null : out;
    }

    private static Object split(EvalContext ctx, String s, Object sep, Object limitArg) {
        long limit = limitArg == Undefined.INSTANCE ? 0xFFFFFFFFL : ((long) JsOps.toInteger(limitArg)) & 0xFFFFFFFFL;
        ArrayList<Object> out = new JsArray(ctx);
        if (limit == 0) {
            return out;
        }
        if (sep == Undefined.INSTANCE) {
            out.add(s);
            return out;
        }
        if (sep instanceof JsRegExp r) {
            return regexSplit(ctx, s, r, limit);
        }
        String sepStr = JsOps.toStr(ctx, sep);
        if (sepStr.isEmpty()) {
            ctx.allocate(Math.min(s.length(), limit));
            for (int i = 0; i < s.length() && out.size() < limit; i++) {
                out.add(String.valueOf(s.charAt(i)));
            }
            return out;
        }
        int from = 0;
        while (out.size() < limit) {
            int at = s.indexOf(sepStr, from);
            if (at < 0) {
                out.add(s.substring(from));
                break;
            }
            out.add(s.substring(from, at));
            from = at + sepStr.length();
            if ((out.size() & 0xFF) == 0) {
                ctx.checkCollection(out.size());
            }
        }
        ctx.checkCollection(out.size());
        ctx.steps(out.size());
        return out;
    }

    /** ECMA-262 @@split: empty matches split between characters, capture groups are spliced in. */
    private static Object regexSplit(EvalContext ctx, String s, JsRegExp r, long limit) {
        ArrayList<Object> out = new JsArray(ctx);
        Matcher m = r.matcher(s, ctx);
        int size = s.length();
        if (size == 0) {
            if (!m.lookingAt()) {
                out.add(s);
            }
            return out;
        }
        int p = 0; // end of the last split
        int q = 0; // where to look for the next separator
        while (q < size) {
            if (!m.find(q) || m.start() >= size) {
                break;
            }
            int start = m.start();
            int e = m.end();
            if (e == p) { // an empty match right after the previous split: move on one char
                q = start + 1;
                continue;
            }
            out.add(s.substring(p, start));
            if (out.size() == limit) {
                return out;
            }
            for (int i = 1; i <= m.groupCount(); i++) {
                out.add(RegExpMethods.group(m, i));
                if (out.size() == limit) {
                    return out;
                }
            }
            ctx.checkCollection(out.size());
            p = e;
            q = p;
        }
        out.add(s.substring(p));
        return out;
    }

    static Object replace(EvalContext ctx, String s, Object pattern, Object replacement, boolean all) {
        StringBuilder sb = new StringBuilder(s.length());
        boolean fn = JsOps.isFunction(replacement);
        String template = fn ? null : JsOps.toStr(ctx, replacement);
        if (pattern instanceof JsRegExp r) {
            boolean global = r.global || all;
            Matcher m = r.matcher(s, ctx);
            int last = 0;
            int from = 0;
            while (from <= s.length() && r.find(m, from)) {
                sb.append(s, last, m.start());
                if (fn) {
                    int groups = m.groupCount();
                    Object[] args = new Object[groups + 3];
                    for (int i = 0; i <= groups; i++) {
                        args[i] = RegExpMethods.group(m, i);
                    }
                    args[groups + 1] = (long) m.start();
                    args[groups + 2] = s;
                    sb.append(JsOps.toStr(ctx, Members.invoke(ctx, replacement, args)));
                } else {
                    expand(sb, template, s, m.start(), m.end(), m, r.pattern.namedGroups());
                }
                ctx.checkString(sb.length());
                last = m.end();
                if (!global) {
                    break;
                }
                from = m.end() == m.start() ? m.end() + 1 : m.end();
            }
            sb.append(s, Math.min(last, s.length()), s.length());
            ctx.checkString(sb.length());
            return sb.toString();
        }
        String needle = JsOps.toStr(ctx, pattern);
        int from = 0;
        int last = 0;
        while (true) {
            int at = s.indexOf(needle, from);
            if (at < 0) {
                break;
            }
            sb.append(s, last, at);
            if (fn) {
                sb.append(JsOps.toStr(ctx, Members.invoke(ctx, replacement, needle, (long) at, s)));
            } else {
                expand(sb, template, s, at, at + needle.length(), null, Map.of());
            }
            ctx.checkString(sb.length());
            last = at + needle.length();
            if (!all) {
                break;
            }
            from = needle.isEmpty() ? at + 1 : last;
            if (from > s.length()) {
                break;
            }
        }
        sb.append(s, Math.min(last, s.length()), s.length());
        ctx.checkString(sb.length());
        return sb.toString();
    }

    /** GetSubstitution: $$, $&, $`, $', $1..$99, $<name>. */
    private static void expand(
            StringBuilder sb, String t, String s, int start, int end, Matcher m, Map<String, Integer> names) {
        int n = t.length();
        for (int i = 0; i < n; i++) {
            char c = t.charAt(i);
            if (c != '$' || i + 1 >= n) {
                sb.append(c);
                continue;
            }
            char d = t.charAt(i + 1);
            if (d == '$') {
                sb.append('$');
                i++;
            } else if (d == '&') {
                sb.append(s, start, end);
                i++;
            } else if (d == '`') {
                sb.append(s, 0, start);
                i++;
            } else if (d == '\'') {
                sb.append(s, end, s.length());
                i++;
            } else if (JsNumbers.isDigit(d) && m != null) {
                int groups = m.groupCount();
                int one = d - '0';
                int two = i + 2 < n && JsNumbers.isDigit(t.charAt(i + 2)) ? one * 10 + (t.charAt(i + 2) - '0') : -1;
                if (two >= 1 && two <= groups) {
                    String g = m.group(two);
                    sb.append(g == null ? "" : g);
                    i += 2;
                } else if (one >= 1 && one <= groups) {
                    String g = m.group(one);
                    sb.append(g == null ? "" : g);
                    i++;
                } else {
                    sb.append(c);
                }
            } else if (d == '<' && m != null && !names.isEmpty()) {
                int close = t.indexOf('>', i + 2);
                if (close < 0) {
                    sb.append(c);
                } else {
                    Integer g = names.get(t.substring(i + 2, close));
                    if (g != null && m.group(g) != null) {
                        sb.append(m.group(g));
                    }
                    i = close;
                }
            } else {
                sb.append(c);
            }
        }
    }
}
