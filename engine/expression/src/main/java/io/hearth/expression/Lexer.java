package io.hearth.expression;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits one {@code {{ ... }}} segment into tokens, from just after the opening braces up to and
 * including the closing {@code }}} (an {@link TokenType#END} token). A closing brace that matches
 * no opening one ends the segment, so {@code }}} inside strings, template literals and object
 * literals is handled.
 * <p>Kept in one file: one tokenizer for one grammar.
 */
final class Lexer {

    private final String src;
    private int pos;
    private final List<Token> tokens = new ArrayList<>();
    /** Open braces: TRUE for a template substitution <code>${</code>, FALSE for a plain <code>{</code>. */
    private final ArrayList<Boolean> braces = new ArrayList<>();

    private Lexer(String src, int start) {
        this.src = src;
        this.pos = start;
    }

    /** Tokens of the segment starting at {@code start}; the last one is END. */
    static List<Token> segment(String src, int start) {
        Lexer lexer = new Lexer(src, start);
        lexer.run();
        return lexer.tokens;
    }

    private void run() {
        while (true) {
            skipBlanksAndComments();
            if (pos >= src.length()) {
                throw error("missing '}}' to close the expression", pos);
            }
            char c = src.charAt(pos);
            int start = pos;
            if (c == '}') {
                if (braces.isEmpty()) {
                    if (pos + 1 < src.length() && src.charAt(pos + 1) == '}') {
                        pos += 2;
                        tokens.add(new Token(TokenType.END, start, pos, "}}"));
                        return;
                    }
                    throw error("Unexpected token '}'", pos);
                }
                if (braces.removeLast()) {
                    pos++;
                    template(start, false);
                } else {
                    pos++;
                    add(TokenType.RBRACE, start);
                }
            } else if (isIdentStart(c)) {
                identifier();
            } else if (JsNumbers.isDigit(c)
                    || (c == '.' && pos + 1 < src.length() && JsNumbers.isDigit(src.charAt(pos + 1)))) {
                number();
            } else if (c == '"' || c == '\'') {
                string(c);
            } else if (c == '`') {
                pos++;
                template(start, true);
            } else if (c == '/' && regexAllowed()) {
                regex();
            } else {
                punctuator(c);
            }
        }
    }

    private void add(TokenType type, int start) {
        tokens.add(new Token(type, start, pos, null));
    }

    private void skipBlanksAndComments() {
        while (pos < src.length()) {
            char c = src.charAt(pos);
            if (JsNumbers.isJsWhitespace(c)) {
                pos++;
            } else if (c == '/' && pos + 1 < src.length() && src.charAt(pos + 1) == '/') {
                while (pos < src.length() && src.charAt(pos) != '\n') {
                    pos++;
                }
            } else if (c == '/' && pos + 1 < src.length() && src.charAt(pos + 1) == '*') {
                int close = src.indexOf("*/", pos + 2);
                if (close < 0) {
                    throw error("unterminated comment", pos);
                }
                pos = close + 2;
            } else {
                return;
            }
        }
    }

    static boolean isIdentStart(char c) {
        return (c >= 'a' && c <= 'z')
                || (c >= 'A' && c <= 'Z')
                || c == '$'
                || c == '_'
                || (c > 127 && Character.isUnicodeIdentifierStart(c));
    }

    static boolean isIdentPart(char c) {
        return isIdentStart(c)
                || JsNumbers.isDigit(c)
                || (c > 127 && Character.isUnicodeIdentifierPart(c))
                || c == '\u200C'
                || c == '\u200D';
    }

    private void identifier() {
        int start = pos;
        while (pos < src.length() && isIdentPart(src.charAt(pos))) {
            pos++;
        }
        if (pos < src.length() && src.charAt(pos) == '\\') {
            throw error("escape sequences are not allowed in identifiers", pos);
        }
        tokens.add(new Token(TokenType.IDENT, start, pos, src.substring(start, pos)));
    }

    private void number() {
        int start = pos;
        double value;
        char c = src.charAt(pos);
        char next = pos + 1 < src.length() ? Character.toLowerCase(src.charAt(pos + 1)) : 0;
        if (c == '0' && (next == 'x' || next == 'o' || next == 'b')) {
            int radix = next == 'x' ? 16 : next == 'o' ? 8 : 2;
            pos += 2;
            int digitsStart = pos;
            value = 0;
            while (pos < src.length() && (Character.digit(src.charAt(pos), radix) >= 0 || src.charAt(pos) == '_')) {
                if (src.charAt(pos) != '_') {
                    value = value * radix + Character.digit(src.charAt(pos), radix);
                }
                pos++;
            }
            if (pos == digitsStart) {
                throw error("Invalid or unexpected token", start);
            }
        } else {
            StringBuilder digits = new StringBuilder();
            digitRun(digits);
            if (pos < src.length() && src.charAt(pos) == '.') {
                digits.append('.');
                pos++;
                digitRun(digits);
            }
            if (pos < src.length() && (src.charAt(pos) == 'e' || src.charAt(pos) == 'E')) {
                int save = pos;
                pos++;
                StringBuilder exp = new StringBuilder("e");
                if (pos < src.length() && (src.charAt(pos) == '+' || src.charAt(pos) == '-')) {
                    exp.append(src.charAt(pos++));
                }
                int expDigits = pos;
                digitRun(exp);
                if (pos == expDigits) {
                    pos = save;
                    throw error("Invalid or unexpected token", start);
                }
                digits.append(exp);
            }
            if (digits.length() > 0 && digits.charAt(0) == '.') {
                digits.insert(0, '0');
            }
            value = Double.parseDouble(digits.toString()); // only digits, '.', 'e' and a sign reach here
        }
        if (pos < src.length() && (isIdentStart(src.charAt(pos)) || JsNumbers.isDigit(src.charAt(pos)))) {
            throw error(
                    src.charAt(pos) == 'n' ? "BigInt literals are not supported" : "Invalid or unexpected token", pos);
        }
        tokens.add(new Token(TokenType.NUMBER, start, pos, value));
    }

    private void digitRun(StringBuilder out) {
        while (pos < src.length()) {
            char c = src.charAt(pos);
            if (JsNumbers.isDigit(c)) {
                out.append(c);
            } else if (c != '_' || out.isEmpty()) {
                return;
            }
            pos++;
        }
    }

    private void string(char quote) {
        int start = pos++;
        StringBuilder sb = new StringBuilder();
        while (true) {
            if (pos >= src.length() || src.charAt(pos) == '\n' || src.charAt(pos) == '\r') {
                throw error("unterminated string", start);
            }
            char c = src.charAt(pos);
            if (c == quote) {
                pos++;
                break;
            }
            if (c == '\\') {
                escape(sb);
            } else {
                sb.append(c);
                pos++;
            }
        }
        tokens.add(new Token(TokenType.STRING, start, pos, sb.toString()));
    }

    /** Scans template characters after {@code `} or a substitution's {@code }}. */
    private void template(int start, boolean head) {
        StringBuilder sb = new StringBuilder();
        while (true) {
            if (pos >= src.length()) {
                throw error("unterminated template literal", start);
            }
            char c = src.charAt(pos);
            if (c == '`') {
                pos++;
                tokens.add(
                        new Token(head ? TokenType.TEMPLATE_FULL : TokenType.TEMPLATE_TAIL, start, pos, sb.toString()));
                return;
            }
            if (c == '$' && pos + 1 < src.length() && src.charAt(pos + 1) == '{') {
                pos += 2;
                braces.add(Boolean.TRUE);
                tokens.add(new Token(
                        head ? TokenType.TEMPLATE_HEAD : TokenType.TEMPLATE_MIDDLE, start, pos, sb.toString()));
                return;
            }
            if (c == '\\') {
                escape(sb);
            } else if (c == '\r') {
                sb.append('\n');
                pos += pos + 1 < src.length() && src.charAt(pos + 1) == '\n' ? 2 : 1;
            } else {
                sb.append(c);
                pos++;
            }
        }
    }

    private void escape(StringBuilder sb) {
        int start = pos;
        pos++;
        if (pos >= src.length()) {
            throw error("unterminated string", start);
        }
        char c = src.charAt(pos++);
        switch (c) {
            case 'n' -> sb.append('\n');
            case 't' -> sb.append('\t');
            case 'r' -> sb.append('\r');
            case 'b' -> sb.append('\b');
            case 'f' -> sb.append('\f');
            case 'v' -> sb.append('\u000B');
            case '0' -> {
                if (pos < src.length() && JsNumbers.isDigit(src.charAt(pos))) {
                    throw error("octal escape sequences are not allowed", start);
                }
                sb.append('\0');
            }
            case 'x' -> sb.append((char) hex(2, start));
            case 'u' -> {
                if (pos < src.length() && src.charAt(pos) == '{') {
                    int close = src.indexOf('}', pos);
                    if (close < 0 || close == pos + 1 || close - pos > 7) {
                        throw error("Invalid Unicode escape sequence", start);
                    }
                    int cp = 0;
                    for (int i = pos + 1; i < close; i++) {
                        int d = Character.digit(src.charAt(i), 16);
                        if (d < 0) {
                            throw error("Invalid Unicode escape sequence", start);
                        }
                        cp = cp * 16 + d;
                    }
                    if (cp > 0x10FFFF) {
                        throw error("Undefined Unicode code-point", start);
                    }
                    sb.appendCodePoint(cp);
                    pos = close + 1;
                } else {
                    sb.append((char) hex(4, start));
                }
            }
            case '\r' -> {
                if (pos < src.length() && src.charAt(pos) == '\n') {
                    pos++;
                }
            }
            case '\n', '\u2028', '\u2029' -> {} // line continuation
            default -> {
                if (c >= '1' && c <= '9') {
                    throw error("octal escape sequences are not allowed", start);
                }
                sb.append(c);
            }
        }
    }

    private int hex(int digits, int start) {
        if (pos + digits > src.length()) {
            throw error("Invalid hexadecimal escape sequence", start);
        }
        int v = 0;
        for (int i = 0; i < digits; i++) {
            int d = Character.digit(src.charAt(pos + i), 16);
            if (d < 0) {
                throw error("Invalid hexadecimal escape sequence", start);
            }
            v = v * 16 + d;
        }
        pos += digits;
        return v;
    }

    /** A '/' starts a regex unless the previous token ends an operand. */
    private boolean regexAllowed() {
        if (tokens.isEmpty()) {
            return true;
        }
        Token prev = tokens.getLast();
        return switch (prev.type()) {
            case NUMBER, STRING, REGEX, TEMPLATE_FULL, TEMPLATE_TAIL, RPAREN, RBRACKET, RBRACE -> false;
            case IDENT ->
                switch (prev.text()) {
                    case "typeof",
                            "void",
                            "in",
                            "of",
                            "instanceof",
                            "new",
                            "delete",
                            "return",
                            "case",
                            "else",
                            "do",
                            "throw" -> true;
                    default -> false;
                };
            default -> true;
        };
    }

    private void regex() {
        int start = pos++;
        boolean inClass = false;
        while (true) {
            if (pos >= src.length() || src.charAt(pos) == '\n' || src.charAt(pos) == '\r') {
                throw error("Invalid regular expression: missing /", start);
            }
            char c = src.charAt(pos);
            if (c == '\\') {
                pos += 2;
                continue;
            }
            if (c == '[') {
                inClass = true;
            } else if (c == ']') {
                inClass = false;
            } else if (c == '/' && !inClass) {
                break;
            }
            pos++;
        }
        String body = src.substring(start + 1, pos);
        pos++;
        int flagsStart = pos;
        while (pos < src.length() && isIdentPart(src.charAt(pos))) {
            pos++;
        }
        String flags = src.substring(flagsStart, pos);
        JsRegExp regex;
        try {
            regex = JsRegExp.compile(body, flags);
        } catch (ExpressionException e) {
            throw error(e.getMessage(), start);
        }
        tokens.add(new Token(TokenType.REGEX, start, pos, regex));
    }

    private void punctuator(char c) {
        int start = pos;
        TokenType type = switch (c) {
            case '(' -> one(TokenType.LPAREN);
            case ')' -> one(TokenType.RPAREN);
            case '[' -> one(TokenType.LBRACKET);
            case ']' -> one(TokenType.RBRACKET);
            case '{' -> {
                braces.add(Boolean.FALSE);
                yield one(TokenType.LBRACE);
            }
            case ',' -> one(TokenType.COMMA);
            case ';' -> one(TokenType.SEMICOLON);
            case ':' -> one(TokenType.COLON);
            case '~' -> one(TokenType.TILDE);
            case '.' -> match("...") ? TokenType.ELLIPSIS : one(TokenType.DOT);
            case '?' -> {
                if (match("??=")) {
                    yield TokenType.ASSIGN;
                }
                if (match("??")) {
                    yield TokenType.NULLISH;
                }
                if (src.startsWith("?.", pos) && !(pos + 2 < src.length() && JsNumbers.isDigit(src.charAt(pos + 2)))) {
                    pos += 2;
                    yield TokenType.QUESTION_DOT;
                }
                yield one(TokenType.QUESTION);
            }
            case '=' ->
                match("===")
                        ? TokenType.STRICT_EQ
                        : match("==") ? TokenType.EQ : match("=>") ? TokenType.ARROW : one(TokenType.ASSIGN);
            case '!' -> match("!==") ? TokenType.STRICT_NE : match("!=") ? TokenType.NE : one(TokenType.NOT);
            case '+' -> match("++") ? TokenType.INCREMENT : match("+=") ? TokenType.ASSIGN : one(TokenType.PLUS);
            case '-' -> match("--") ? TokenType.DECREMENT : match("-=") ? TokenType.ASSIGN : one(TokenType.MINUS);
            case '*' ->
                match("**=") || match("*=")
                        ? TokenType.ASSIGN
                        : match("**") ? TokenType.STAR_STAR : one(TokenType.STAR);
            case '/' -> match("/=") ? TokenType.ASSIGN : one(TokenType.SLASH);
            case '%' -> match("%=") ? TokenType.ASSIGN : one(TokenType.PERCENT);
            case '<' ->
                match("<<=")
                        ? TokenType.ASSIGN
                        : match("<<") ? TokenType.SHL : match("<=") ? TokenType.LE : one(TokenType.LT);
            case '>' ->
                match(">>>=") || match(">>=")
                        ? TokenType.ASSIGN
                        : match(">>>")
                                ? TokenType.USHR
                                : match(">>") ? TokenType.SHR : match(">=") ? TokenType.GE : one(TokenType.GT);
            case '&' ->
                match("&&=") || match("&=") ? TokenType.ASSIGN : match("&&") ? TokenType.AND : one(TokenType.AMP);
            case '|' ->
                match("||=") || match("|=") ? TokenType.ASSIGN : match("||") ? TokenType.OR : one(TokenType.PIPE);
            case '^' -> match("^=") ? TokenType.ASSIGN : one(TokenType.CARET);
            case '#' -> throw error("private names are not supported", pos);
            case '\\' -> throw error("escape sequences are not allowed in identifiers", pos);
            case '@' -> throw error("decorators are not supported", pos);
            default -> throw error("Invalid or unexpected token '" + c + "'", pos);
        };
        tokens.add(new Token(type, start, pos, src.substring(start, pos)));
    }

    private TokenType one(TokenType type) {
        pos++;
        return type;
    }

    private boolean match(String s) {
        if (src.startsWith(s, pos)) {
            pos += s.length();
            return true;
        }
        return false;
    }

    private ExpressionSyntaxException error(String message, int at) {
        return new ExpressionSyntaxException(message, src, at);
    }
}
