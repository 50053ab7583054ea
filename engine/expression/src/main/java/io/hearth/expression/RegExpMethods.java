package io.hearth.expression;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;

/** RegExp.prototype: a regular expression's properties, test and exec (with lastIndex for g/y). */
final class RegExpMethods {

    static final Set<String> NAMES = Set.of("test", "exec", "toString");

    private RegExpMethods() {}

    static Object regexProperty(JsRegExp r, String name) {
        return switch (name) {
            case "source" -> r.source;
            case "flags" -> r.flags;
            case "global" -> r.global;
            case "ignoreCase" -> r.flags.indexOf('i') >= 0;
            case "multiline" -> r.flags.indexOf('m') >= 0;
            case "sticky" -> r.sticky;
            case "unicode" -> r.flags.indexOf('u') >= 0;
            case "dotAll" -> r.flags.indexOf('s') >= 0;
            case "lastIndex" -> r.lastIndex;
            default -> Members.NOT_FOUND;
        };
    }

    static Object callRegex(EvalContext ctx, JsRegExp r, String name, Object[] a) {
        return switch (name) {
            case "test" -> {
                String s = JsOps.toStr(ctx, JsOps.arg(a, 0));
                yield exec(r, s, ctx) != null;
            }
            case "exec" -> {
                String s = JsOps.toStr(ctx, JsOps.arg(a, 0));
                Matcher m = exec(r, s, ctx);
                yield m != null ? execResult(ctx, r, m, s) : null;
            }
            case "toString" -> r.toString();
            default -> Members.NOT_FOUND;
        };
    }

    /** RegExpBuiltinExec: from lastIndex with g/y (updating it), else from 0; null when no match. */
    private static Matcher exec(JsRegExp r, String s, EvalContext ctx) {
        long from = r.usesLastIndex() ? r.lastIndex : 0;
        if (from > s.length()) {
            r.lastIndex = 0;
            return null;
        }
        Matcher m = r.matcher(s, ctx);
        if (!r.find(m, (int) from)) {
            if (r.usesLastIndex()) {
                r.lastIndex = 0;
            }
            return null;
        }
        if (r.usesLastIndex()) {
            r.lastIndex = m.end();
        }
        return m;
    }

    static MatchList execResult(EvalContext ctx, JsRegExp r, Matcher m, String s) {
        Map<String, Integer> names = r.pattern.namedGroups();
        Object groups = Undefined.INSTANCE;
        if (!names.isEmpty()) {
            LinkedHashMap<String, Object> g = new JsObject(ctx);
            names.entrySet().stream()
                    .sorted(Map.Entry.comparingByValue())
                    .forEach(e -> g.put(e.getKey(), group(m, e.getValue())));
            groups = g;
        }
        MatchList out = new MatchList(ctx, m.groupCount() + 1, m.start(), s, groups);
        for (int i = 0; i <= m.groupCount(); i++) {
            out.add(group(m, i));
        }
        ctx.steps(out.size());
        return out;
    }

    static Object group(Matcher m, int i) {
        String g = m.group(i);
        return g == null ? Undefined.INSTANCE : g;
    }
}
