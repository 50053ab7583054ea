package io.hearth.expression;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A JavaScript regular expression, translated to a {@link Pattern} once. A regex literal in the AST
 * is a template: each evaluation gets a {@link #fresh} object, whose {@code lastIndex} drives
 * {@code exec}/{@code test} with the {@code g} and {@code y} flags as in JavaScript.
 */
final class JsRegExp {

    final Pattern pattern;
    final String source;
    final String flags;
    final boolean global;
    final boolean sticky;
    /** The evaluation that created this object (it may set lastIndex), or null for the AST's template. */
    final Object owner;

    long lastIndex;

    private JsRegExp(Pattern pattern, String source, String flags, Object owner) {
        this.pattern = pattern;
        this.source = source;
        this.flags = flags;
        this.global = flags.indexOf('g') >= 0;
        this.sticky = flags.indexOf('y') >= 0;
        this.owner = owner;
    }

    /** A new RegExp object with this pattern, for one evaluation. */
    JsRegExp fresh(EvalContext ctx) {
        return new JsRegExp(pattern, source, flags, ctx.owner());
    }

    /** exec/test: where to start, and (g/y) remember where the match ended. */
    boolean usesLastIndex() {
        return global || sticky;
    }

    static JsRegExp compile(String source, String flags) {
        int javaFlags = 0;
        for (int i = 0; i < flags.length(); i++) {
            char f = flags.charAt(i);
            if ("dgimsuyv".indexOf(f) < 0 || flags.indexOf(f, i + 1) >= 0) {
                throw JsThrow.syntaxError("Invalid regular expression flags '" + flags + "'");
            }
            javaFlags |= switch (f) {
                case 'i' -> Pattern.CASE_INSENSITIVE | (flags.indexOf('u') >= 0 ? Pattern.UNICODE_CASE : 0);
                case 'm' -> Pattern.MULTILINE;
                case 's' -> Pattern.DOTALL;
                default -> 0;
            };
        }
        try {
            return new JsRegExp(
                    Pattern.compile(translate(source, flags.indexOf('m') >= 0), javaFlags), source, flags, null);
        } catch (PatternSyntaxException e) {
            throw JsThrow.syntaxError("Invalid regular expression: /" + source + "/: " + e.getDescription());
        }
    }

    /** Rewrites the JavaScript constructs java.util.regex reads differently. */
    private static String translate(String js, boolean multiline) {
        StringBuilder out = new StringBuilder(js.length() + 8);
        boolean inClass = false;
        int n = js.length();
        for (int i = 0; i < n; i++) {
            char c = js.charAt(i);
            if (c == '\\' && i + 1 < n) {
                char e = js.charAt(++i);
                switch (e) {
                    case '0' -> out.append("\\x00");
                    case 'b' -> out.append(inClass ? "\\x08" : "\\b");
                    case '/' -> out.append('/');
                    case 'v' -> out.append("\\x0B");
                    case 'u', 'p', 'P' -> {
                        out.append('\\').append(e == 'u' && i + 1 < n && js.charAt(i + 1) == '{' ? 'x' : e);
                        int close = i + 1 < n && js.charAt(i + 1) == '{' ? js.indexOf('}', i + 1) : -1;
                        if (close > 0) { // u{1F600} and p{L} escapes: copy the braces verbatim
                            out.append(js, i + 1, close + 1);
                            i = close;
                        }
                    }
                    case 'x', 'c' -> out.append('\\').append(e);
                    default -> out.append('\\').append(e); // \d \w \s \1 \k<name> \. ...
                }
                continue;
            }
            if (inClass) {
                if (c == ']') {
                    inClass = false;
                    out.append(']');
                } else if (c == '[' || c == '&' || c == '~') {
                    out.append('\\').append(c);
                } else {
                    out.append(c);
                }
                continue;
            }
            switch (c) {
                case '[' -> {
                    if (js.startsWith("[^]", i)) {
                        out.append("[\\s\\S]");
                        i += 2;
                    } else if (js.startsWith("[]", i)) {
                        out.append("(?!)");
                        i += 1;
                    } else {
                        inClass = true;
                        out.append('[');
                        if (i + 1 < n && js.charAt(i + 1) == '^') {
                            out.append('^');
                            i++;
                        }
                    }
                }
                case '$' -> out.append(multiline ? "$" : "\\z"); // JS '$' ignores a final line break
                case '{' -> out.append(isQuantifier(js, i) ? "{" : "\\{");
                case '}' -> out.append(isQuantifierEnd(js, i) ? "}" : "\\}");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    private static boolean isQuantifier(String js, int open) {
        int i = open + 1;
        int digits = 0;
        while (i < js.length() && JsNumbers.isDigit(js.charAt(i))) {
            i++;
            digits++;
        }
        if (digits == 0) {
            return false;
        }
        if (i < js.length() && js.charAt(i) == ',') {
            i++;
            while (i < js.length() && JsNumbers.isDigit(js.charAt(i))) {
                i++;
            }
        }
        return i < js.length() && js.charAt(i) == '}';
    }

    private static boolean isQuantifierEnd(String js, int close) {
        int open = js.lastIndexOf('{', close);
        return open >= 0 && isQuantifier(js, open) && js.indexOf('}', open) == close;
    }

    Matcher matcher(String s, EvalContext ctx) {
        return pattern.matcher(new DeadlineCharSequence(s, ctx));
    }

    /** Finds the first match at or after {@code from} (exactly at {@code from} when sticky). */
    boolean find(Matcher m, int from) {
        if (sticky) {
            m.region(from, m.regionEnd());
            return m.lookingAt();
        }
        return m.find(from);
    }

    @Override
    public String toString() {
        return "/" + source + "/" + flags;
    }
}
