package io.hearth.expression;

import java.util.ArrayList;
import java.util.LinkedHashMap;

/** JSON.parse: JSON text to expression values, bounded by the limits. */
final class JsonParser {

    private JsonParser() {}

    static Object parse(EvalContext ctx, String text) {
        ctx.steps(text.length() >>> 4);
        Reader r = new Reader(ctx, text);
        r.blanks();
        Object v = r.value(0);
        r.blanks();
        if (r.pos < text.length()) {
            throw r.unexpected();
        }
        return v;
    }

    private static final class Reader {
        private final EvalContext ctx;
        private final String s;
        private int pos;

        Reader(EvalContext ctx, String s) {
            this.ctx = ctx;
            this.s = s;
        }

        ExpressionException unexpected() {
            if (pos >= s.length()) {
                return JsThrow.syntaxError("Unexpected end of JSON input");
            }
            return JsThrow.syntaxError("Unexpected token '" + s.charAt(pos) + "' in JSON at position " + pos);
        }

        void blanks() {
            while (pos < s.length()) {
                char c = s.charAt(pos);
                if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
                    return;
                }
                pos++;
            }
        }

        Object value(int depth) {
            if (depth > JsOps.MAX_DATA_DEPTH) {
                throw JsOps.tooDeep();
            }
            if (pos >= s.length()) {
                throw unexpected();
            }
            char c = s.charAt(pos);
            return switch (c) {
                case '{' -> {
                    pos++;
                    LinkedHashMap<String, Object> map = new JsObject(ctx);
                    blanks();
                    if (peek('}')) {
                        yield map;
                    }
                    do {
                        blanks();
                        if (pos >= s.length() || s.charAt(pos) != '"') {
                            throw unexpected();
                        }
                        String key = string();
                        blanks();
                        if (!peek(':')) {
                            throw unexpected();
                        }
                        blanks();
                        map.put(key, value(depth + 1));
                        ctx.checkCollection(map.size());
                        blanks();
                    } while (peek(','));
                    if (!peek('}')) {
                        throw unexpected();
                    }
                    yield map;
                }
                case '[' -> {
                    pos++;
                    ArrayList<Object> list = new JsArray(ctx);
                    blanks();
                    if (peek(']')) {
                        yield list;
                    }
                    do {
                        blanks();
                        list.add(value(depth + 1));
                        ctx.checkCollection(list.size());
                        blanks();
                    } while (peek(','));
                    if (!peek(']')) {
                        throw unexpected();
                    }
                    yield list;
                }
                case '"' -> string();
                case 't' -> literal("true", true);
                case 'f' -> literal("false", false);
                case 'n' -> literal("null", null);
                default -> number();
            };
        }

        private boolean peek(char c) {
            if (pos < s.length() && s.charAt(pos) == c) {
                pos++;
                return true;
            }
            return false;
        }

        private Object literal(String word, Object value) {
            if (!s.startsWith(word, pos)) {
                throw unexpected();
            }
            pos += word.length();
            return value;
        }

        private Object number() {
            int start = pos;
            if (peek('-')) {
                // sign consumed
            }
            if (pos >= s.length() || !JsNumbers.isDigit(s.charAt(pos))) {
                throw unexpected();
            }
            if (s.charAt(pos) == '0') {
                pos++;
            } else {
                digits();
            }
            if (peek('.')) {
                if (pos >= s.length() || !JsNumbers.isDigit(s.charAt(pos))) {
                    throw unexpected();
                }
                digits();
            }
            if (pos < s.length() && (s.charAt(pos) == 'e' || s.charAt(pos) == 'E')) {
                pos++;
                if (pos < s.length() && (s.charAt(pos) == '+' || s.charAt(pos) == '-')) {
                    pos++;
                }
                if (pos >= s.length() || !JsNumbers.isDigit(s.charAt(pos))) {
                    throw unexpected();
                }
                digits();
            }
            return JsNumbers.box(Double.parseDouble(s.substring(start, pos)));
        }

        private void digits() {
            while (pos < s.length() && JsNumbers.isDigit(s.charAt(pos))) {
                pos++;
            }
        }

        private String string() {
            int start = pos++;
            StringBuilder sb = null;
            int runStart = pos;
            while (true) {
                if (pos >= s.length()) {
                    throw JsThrow.syntaxError("Unterminated string in JSON at position " + start);
                }
                char c = s.charAt(pos);
                if (c == '"') {
                    String result = sb == null
                            ? s.substring(runStart, pos)
                            : sb.append(s, runStart, pos).toString();
                    pos++;
                    return result;
                }
                if (c < 0x20) {
                    throw JsThrow.syntaxError("Bad control character in string literal in JSON at position " + pos);
                }
                if (c == '\\') {
                    if (sb == null) {
                        sb = new StringBuilder();
                    }
                    sb.append(s, runStart, pos);
                    pos++;
                    if (pos >= s.length()) {
                        throw unexpected();
                    }
                    char e = s.charAt(pos++);
                    switch (e) {
                        case '"', '\\', '/' -> sb.append(e);
                        case 'b' -> sb.append('\b');
                        case 'f' -> sb.append('\f');
                        case 'n' -> sb.append('\n');
                        case 'r' -> sb.append('\r');
                        case 't' -> sb.append('\t');
                        case 'u' -> {
                            if (pos + 4 > s.length()) {
                                throw JsThrow.syntaxError("Bad Unicode escape in JSON at position " + (pos - 2));
                            }
                            int cp = 0;
                            for (int i = 0; i < 4; i++) {
                                int d = Character.digit(s.charAt(pos + i), 16);
                                if (d < 0) {
                                    throw JsThrow.syntaxError("Bad Unicode escape in JSON at position " + (pos - 2));
                                }
                                cp = cp * 16 + d;
                            }
                            pos += 4;
                            sb.append((char) cp);
                        }
                        default -> throw JsThrow.syntaxError("Bad escaped character in JSON at position " + (pos - 1));
                    }
                    runStart = pos;
                } else {
                    pos++;
                }
            }
        }
    }
}
