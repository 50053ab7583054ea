package io.hearth.expression;

import java.util.ArrayList;
import java.util.List;

/**
 * JMESPath's grammar: a lexer and Pratt parser that turn a query into a tree of {@link Node}s, which
 * {@link JmesPath} evaluates. One grammar, kept together.
 */
final class JmesParser {

    // ---- AST

    sealed interface Node {}

    record Field(String name) implements Node {}

    record Current() implements Node {}

    record Literal(Object value) implements Node {}

    record Sub(Node left, Node right) implements Node {}

    record IndexOf(long index) implements Node {}

    record Slice(Long start, Long stop, Long step) implements Node {}

    /** left, then right applied to each element (nulls dropped). */
    record Projection(Node left, Node right) implements Node {}

    record ValueProjection(Node left, Node right) implements Node {}

    record FilterProjection(Node left, Node right, Node condition) implements Node {}

    record Flatten(Node node) implements Node {}

    record IndexExpression(Node left, Node right) implements Node {}

    record Pipe(Node left, Node right) implements Node {}

    record Or(Node left, Node right) implements Node {}

    record And(Node left, Node right) implements Node {}

    record Not(Node expression) implements Node {}

    record Comparison(String op, Node left, Node right) implements Node {}

    record MultiList(List<Node> elements) implements Node {}

    record MultiHash(List<String> keys, List<Node> values) implements Node {}

    record Call(String name, List<Node> args) implements Node {}

    record ExpRef(Node expression) implements Node {}

    // ---- lexer and Pratt parser

    private record Token(String type, Object value, int pos) {}

    private final String src;
    private final List<Token> tokens = new ArrayList<>();
    private int p;
    private int depth;

    JmesParser(String src) {
        this.src = src;
        lex();
    }

    Node parse() {
        Node n = expression(0);
        if (!type().equals("eof")) {
            throw error("Unexpected token '" + cur().value() + "' at position " + cur().pos() + " in " + src);
        }
        return n;
    }

    private Token cur() {
        return tokens.get(p);
    }

    private String type() {
        return tokens.get(p).type();
    }

    private String peekType(int ahead) {
        return tokens.get(Math.min(p + ahead, tokens.size() - 1)).type();
    }

    private void expect(String t) {
        if (!type().equals(t)) {
            throw error("Expected " + t + " but found '" + cur().value() + "' at position " + cur().pos());
        }
        p++;
    }

    private static int bindingPower(String t) {
        return switch (t) {
            case "pipe" -> 1;
            case "or" -> 2;
            case "and" -> 3;
            case "eq", "ne", "gt", "gte", "lt", "lte" -> 5;
            case "flatten" -> 9;
            case "star" -> 20;
            case "filter" -> 21;
            case "dot" -> 40;
            case "not" -> 45;
            case "lbrace" -> 50;
            case "lbracket" -> 55;
            case "lparen" -> 60;
            default -> 0;
        };
    }

    private Node expression(int rbp) {
        if (++depth > MAX_DEPTH) {
            throw error("JMESPath expression is nested too deeply");
        }
        Token t = cur();
        p++;
        Node left = nud(t);
        while (rbp < bindingPower(type())) {
            Token op = cur();
            p++;
            left = led(op, left);
        }
        depth--;
        return left;
    }

    private static final int MAX_DEPTH = 200;

    private Node nud(Token t) {
        return switch (t.type()) {
            case "literal" -> new Literal(t.value());
            case "unquoted_identifier" -> new Field((String) t.value());
            case "quoted_identifier" -> {
                if (type().equals("lparen")) {
                    throw error("Quoted identifier not allowed for function names");
                }
                yield new Field((String) t.value());
            }
            case "star" -> new ValueProjection(new Current(), projectionRhs(bindingPower("star")));
            case "filter" -> filter(new Current());
            case "lbrace" -> multiHash();
            case "flatten" -> new Projection(new Flatten(new Current()), projectionRhs(bindingPower("flatten")));
            case "lbracket" -> {
                if (type().equals("number") || type().equals("colon")) {
                    Node index = indexOrSlice();
                    yield index instanceof Slice
                            ? new Projection(
                                    new IndexExpression(new Current(), index), projectionRhs(bindingPower("star")))
                            : new IndexExpression(new Current(), index);
                }
                if (type().equals("star") && peekType(1).equals("rbracket")) {
                    p += 2;
                    yield new Projection(new Current(), projectionRhs(bindingPower("star")));
                }
                yield multiList();
            }
            case "current" -> new Current();
            case "expref" -> new ExpRef(expression(bindingPower("expref")));
            case "not" -> new Not(expression(bindingPower("not")));
            case "lparen" -> {
                Node inner = expression(0);
                expect("rparen");
                yield inner;
            }
            default -> throw error("Unexpected token '" + t.value() + "' at position " + t.pos());
        };
    }

    private Node led(Token op, Node left) {
        return switch (op.type()) {
            case "dot" -> {
                if (type().equals("star")) {
                    p++;
                    yield new ValueProjection(left, projectionRhs(bindingPower("dot")));
                }
                yield new Sub(left, dotRhs());
            }
            case "pipe" -> new Pipe(left, expression(bindingPower("pipe")));
            case "or" -> new Or(left, expression(bindingPower("or")));
            case "and" -> new And(left, expression(bindingPower("and")));
            case "eq", "ne", "gt", "gte", "lt", "lte" ->
                new Comparison(op.type(), left, expression(bindingPower(op.type())));
            case "flatten" -> new Projection(new Flatten(left), projectionRhs(bindingPower("flatten")));
            case "filter" -> filter(left);
            case "lparen" -> {
                if (!(left instanceof Field f)) {
                    throw error("Invalid function name at position " + op.pos());
                }
                List<Node> args = new ArrayList<>();
                while (!type().equals("rparen")) {
                    args.add(expression(0));
                    if (type().equals("comma")) {
                        p++;
                    }
                }
                expect("rparen");
                yield new Call(f.name(), args);
            }
            case "lbracket" -> {
                if (type().equals("star") && peekType(1).equals("rbracket")) {
                    p += 2;
                    yield new Projection(left, projectionRhs(bindingPower("star")));
                }
                Node index = indexOrSlice();
                yield index instanceof Slice
                        ? new Projection(new IndexExpression(left, index), projectionRhs(bindingPower("star")))
                        : new IndexExpression(left, index);
            }
            default -> throw error("Unexpected token '" + op.value() + "' at position " + op.pos());
        };
    }

    private Node filter(Node left) {
        Node condition = expression(0);
        expect("rbracket");
        Node right = type().equals("flatten") ? new Current() : projectionRhs(bindingPower("filter"));
        return new FilterProjection(left, right, condition);
    }

    private Node projectionRhs(int rbp) {
        String t = type();
        if (bindingPower(t) < 10) {
            return new Current();
        }
        if (t.equals("lbracket") || t.equals("filter")) {
            return expression(rbp);
        }
        if (t.equals("dot")) {
            p++;
            return dotRhs();
        }
        throw error("Unexpected token '" + cur().value() + "' at position " + cur().pos());
    }

    private Node dotRhs() {
        String t = type();
        if (t.equals("unquoted_identifier") || t.equals("quoted_identifier") || t.equals("star")) {
            return expression(bindingPower("dot"));
        }
        if (t.equals("lbracket")) {
            p++;
            return multiList();
        }
        if (t.equals("lbrace")) {
            p++;
            return multiHash();
        }
        throw error("Unexpected token '" + cur().value() + "' after '.' at position " + cur().pos());
    }

    private Node indexOrSlice() {
        Long[] parts = new Long[3];
        int part = 0;
        boolean slice = false;
        while (!type().equals("rbracket")) {
            if (type().equals("colon")) {
                part++;
                slice = true;
                if (part > 2) {
                    throw error("Too many colons in slice at position " + cur().pos());
                }
                p++;
            } else if (type().equals("number")) {
                parts[part] = ((Number) cur().value()).longValue();
                p++;
            } else {
                throw error("Unexpected token '" + cur().value() + "' in index at position " + cur().pos());
            }
        }
        p++;
        if (!slice) {
            return new IndexOf(parts[0]);
        }
        if (parts[2] != null && parts[2] == 0) {
            throw error("Invalid slice, step cannot be 0");
        }
        return new Slice(parts[0], parts[1], parts[2]);
    }

    private Node multiList() {
        List<Node> elements = new ArrayList<>();
        while (true) {
            elements.add(expression(0));
            if (type().equals("rbracket")) {
                p++;
                return new MultiList(elements);
            }
            expect("comma");
        }
    }

    private Node multiHash() {
        List<String> keys = new ArrayList<>();
        List<Node> values = new ArrayList<>();
        while (true) {
            Token key = cur();
            if (!key.type().equals("unquoted_identifier") && !key.type().equals("quoted_identifier")) {
                throw error("Expected a key in a multi-select hash at position " + key.pos());
            }
            p++;
            expect("colon");
            keys.add((String) key.value());
            values.add(expression(0));
            if (type().equals("rbrace")) {
                p++;
                return new MultiHash(keys, values);
            }
            expect("comma");
        }
    }

    // ---- lexer

    private void lex() {
        int i = 0;
        int n = src.length();
        while (i < n) {
            char c = src.charAt(i);
            int start = i;
            if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
                i++;
            } else if (Character.isLetter(c) || c == '_') {
                while (i < n && (Character.isLetterOrDigit(src.charAt(i)) || src.charAt(i) == '_')) {
                    i++;
                }
                add("unquoted_identifier", src.substring(start, i), start);
            } else if (Character.isDigit(c) || (c == '-' && i + 1 < n && Character.isDigit(src.charAt(i + 1)))) {
                i++;
                while (i < n && Character.isDigit(src.charAt(i))) {
                    i++;
                }
                add("number", Long.parseLong(src.substring(start, i)), start);
            } else if (c == '"') {
                int end = closing(i, '"');
                String json = src.substring(i, end + 1);
                add("quoted_identifier", JsonParser.parse(EvalContext.standalone(), json), start);
                i = end + 1;
            } else if (c == '\'') {
                int end = closing(i, '\'');
                add("literal", src.substring(i + 1, end).replace("\\'", "'"), start);
                i = end + 1;
            } else if (c == '`') {
                int end = closing(i, '`');
                String json = src.substring(i + 1, end).replace("\\`", "`").strip();
                Object value;
                try {
                    value = JsonParser.parse(EvalContext.standalone(), json);
                } catch (JsThrow e) {
                    value = JsonParser.parse(EvalContext.standalone(), "\"" + json + "\""); // legacy literal
                }
                add("literal", value, start);
                i = end + 1;
            } else {
                i++;
                String two = i < n ? src.substring(start, i + 1) : "";
                switch (c) {
                    case '.' -> add("dot", ".", start);
                    case '*' -> add("star", "*", start);
                    case ',' -> add("comma", ",", start);
                    case ':' -> add("colon", ":", start);
                    case '@' -> add("current", "@", start);
                    case '(' -> add("lparen", "(", start);
                    case ')' -> add("rparen", ")", start);
                    case '{' -> add("lbrace", "{", start);
                    case '}' -> add("rbrace", "}", start);
                    case ']' -> add("rbracket", "]", start);
                    case '[' -> {
                        if (two.equals("[]")) {
                            add("flatten", "[]", start);
                            i++;
                        } else if (two.equals("[?")) {
                            add("filter", "[?", start);
                            i++;
                        } else {
                            add("lbracket", "[", start);
                        }
                    }
                    case '|' -> {
                        if (two.equals("||")) {
                            add("or", "||", start);
                            i++;
                        } else {
                            add("pipe", "|", start);
                        }
                    }
                    case '&' -> {
                        if (two.equals("&&")) {
                            add("and", "&&", start);
                            i++;
                        } else {
                            add("expref", "&", start);
                        }
                    }
                    case '!' -> {
                        if (two.equals("!=")) {
                            add("ne", "!=", start);
                            i++;
                        } else {
                            add("not", "!", start);
                        }
                    }
                    case '=' -> {
                        if (!two.equals("==")) {
                            throw error("Unknown token '=' at position " + start + ", did you mean '=='?");
                        }
                        add("eq", "==", start);
                        i++;
                    }
                    case '<', '>' -> {
                        boolean eq = two.endsWith("=");
                        add(c == '<' ? (eq ? "lte" : "lt") : (eq ? "gte" : "gt"), c + (eq ? "=" : ""), start);
                        if (eq) {
                            i++;
                        }
                    }
                    default -> throw error("Unknown character '" + c + "' at position " + start + " in " + src);
                }
            }
        }
        add("eof", "", n);
    }

    private int closing(int open, char quote) {
        int i = open + 1;
        while (i < src.length()) {
            char c = src.charAt(i);
            if (c == '\\') {
                i += 2;
                continue;
            }
            if (c == quote) {
                return i;
            }
            i++;
        }
        throw error("Unterminated " + quote + " at position " + open + " in " + src);
    }

    private void add(String type, Object value, int pos) {
        tokens.add(new Token(type, value, pos));
    }

    private static JsThrow error(String message) {
        return JmesPath.error(message);
    }
}
