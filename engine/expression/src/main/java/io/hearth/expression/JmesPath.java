package io.hearth.expression;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * JMESPath (jmespath.org) over expression values, for n8n's {@code $jmespath(data, query)}: field
 * access, indexes and slices, projections ({@code [*]}, {@code .*}, {@code []}), filters
 * ({@code [?a > `1`]}), pipes, multi-select lists and hashes, literals and the built-in functions.
 * Queries are parsed per call (they are short); every node visited costs a step.
 */
final class JmesPath {

    private JmesPath() {}

    /** {@code $jmespath(data, query)}. */
    static Object search(EvalContext ctx, Object data, String query) {
        Node ast = new Parser(query).parse();
        Object result = eval(ctx, ast, data, 0);
        return result == null ? null : result;
    }

    static JsThrow error(String message) {
        return JsThrow.error(message);
    }

    // ---- AST

    private sealed interface Node {}

    private record Field(String name) implements Node {}

    private record Current() implements Node {}

    private record Literal(Object value) implements Node {}

    private record Sub(Node left, Node right) implements Node {}

    private record IndexOf(long index) implements Node {}

    private record Slice(Long start, Long stop, Long step) implements Node {}

    /** left, then right applied to each element (nulls dropped). */
    private record Projection(Node left, Node right) implements Node {}

    private record ValueProjection(Node left, Node right) implements Node {}

    private record FilterProjection(Node left, Node right, Node condition) implements Node {}

    private record Flatten(Node node) implements Node {}

    private record IndexExpression(Node left, Node right) implements Node {}

    private record Pipe(Node left, Node right) implements Node {}

    private record Or(Node left, Node right) implements Node {}

    private record And(Node left, Node right) implements Node {}

    private record Not(Node expression) implements Node {}

    private record Comparison(String op, Node left, Node right) implements Node {}

    private record MultiList(List<Node> elements) implements Node {}

    private record MultiHash(List<String> keys, List<Node> values) implements Node {}

    private record Call(String name, List<Node> args) implements Node {}

    private record ExpRef(Node expression) implements Node {}

    // ---- lexer and Pratt parser

    private record Token(String type, Object value, int pos) {}

    private static final class Parser {
        private final String src;
        private final List<Token> tokens = new ArrayList<>();
        private int p;
        private int depth;

        Parser(String src) {
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
            if (++depth > Parser.MAX_DEPTH) {
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
                    add("quoted_identifier", Json.parse(EvalContext.standalone(), json), start);
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
                        value = Json.parse(EvalContext.standalone(), json);
                    } catch (JsThrow e) {
                        value = Json.parse(EvalContext.standalone(), "\"" + json + "\""); // legacy literal
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
    }

    // ---- evaluation

    private static Object eval(EvalContext ctx, Node node, Object value, int depth) {
        ctx.step();
        if (depth > JsOps.MAX_DATA_DEPTH) {
            throw JsOps.tooDeep();
        }
        int d = depth + 1;
        return switch (node) {
            case Field f -> value instanceof Map<?, ?> m ? plain(m.get(f.name())) : null;
            case Current c -> value;
            case Literal l -> l.value();
            case Sub s -> {
                Object left = eval(ctx, s.left(), value, d);
                yield left == null ? null : eval(ctx, s.right(), left, d);
            }
            case IndexExpression ix -> {
                Object left = eval(ctx, ix.left(), value, d);
                yield eval(ctx, ix.right(), left, d);
            }
            case IndexOf i -> {
                if (!(value instanceof List<?> list)) {
                    yield null;
                }
                long k = i.index() < 0 ? list.size() + i.index() : i.index();
                yield k >= 0 && k < list.size() ? plain(list.get((int) k)) : null;
            }
            case Slice s -> value instanceof List<?> list ? slice(ctx, list, s) : null;
            case Projection pr -> {
                Object base = eval(ctx, pr.left(), value, d);
                if (!(base instanceof List<?> list)) {
                    yield null;
                }
                yield project(ctx, list, pr.right(), d);
            }
            case ValueProjection vp -> {
                Object base = eval(ctx, vp.left(), value, d);
                if (!(base instanceof Map<?, ?> m)) {
                    yield null;
                }
                yield project(ctx, new ArrayList<>(m.values()), vp.right(), d);
            }
            case FilterProjection fp -> {
                Object base = eval(ctx, fp.left(), value, d);
                if (!(base instanceof List<?> list)) {
                    yield null;
                }
                JsArray out = new JsArray(ctx);
                for (Object e : list) {
                    if (truthy(eval(ctx, fp.condition(), e, d))) {
                        Object r = eval(ctx, fp.right(), e, d);
                        if (r != null) {
                            out.add(r);
                        }
                    }
                }
                yield out;
            }
            case Flatten f -> {
                Object base = eval(ctx, f.node(), value, d);
                if (!(base instanceof List<?> list)) {
                    yield null;
                }
                JsArray out = new JsArray(ctx);
                for (Object e : list) {
                    if (e instanceof List<?> inner) {
                        out.addAll(inner);
                    } else {
                        out.add(e);
                    }
                    ctx.checkCollection(out.size());
                }
                yield out;
            }
            case Pipe pi -> eval(ctx, pi.right(), eval(ctx, pi.left(), value, d), d);
            case Or o -> {
                Object left = eval(ctx, o.left(), value, d);
                yield truthy(left) ? left : eval(ctx, o.right(), value, d);
            }
            case And a -> {
                Object left = eval(ctx, a.left(), value, d);
                yield truthy(left) ? eval(ctx, a.right(), value, d) : left;
            }
            case Not n -> !truthy(eval(ctx, n.expression(), value, d));
            case Comparison c -> compare(c.op(), eval(ctx, c.left(), value, d), eval(ctx, c.right(), value, d));
            case MultiList ml -> {
                if (value == null) {
                    yield null;
                }
                JsArray out = new JsArray(ctx);
                for (Node e : ml.elements()) {
                    out.add(eval(ctx, e, value, d));
                }
                yield out;
            }
            case MultiHash mh -> {
                if (value == null) {
                    yield null;
                }
                JsObject out = new JsObject(ctx);
                for (int i = 0; i < mh.keys().size(); i++) {
                    out.put(mh.keys().get(i), eval(ctx, mh.values().get(i), value, d));
                }
                yield out;
            }
            case ExpRef r -> r;
            case Call c -> JmesFunctions.call(ctx, c.name(), evalArgs(ctx, c.args(), value, d), value);
        };
    }

    private static List<Object> evalArgs(EvalContext ctx, List<Node> args, Object value, int depth) {
        List<Object> out = new ArrayList<>(args.size());
        for (Node a : args) {
            out.add(a instanceof ExpRef r ? r : eval(ctx, a, value, depth));
        }
        return out;
    }

    /** Applies an expression reference ({@code &field}) to a value, for sort_by, map... */
    static Object apply(EvalContext ctx, Object expref, Object value) {
        if (!(expref instanceof ExpRef r)) {
            throw error("expected an expression reference (&...), got " + typeName(expref));
        }
        return eval(ctx, r.expression(), value, 0);
    }

    static boolean isExpRef(Object v) {
        return v instanceof ExpRef;
    }

    private static Object project(EvalContext ctx, List<?> list, Node right, int depth) {
        JsArray out = new JsArray(ctx);
        for (Object e : list) {
            Object r = eval(ctx, right, e, depth);
            if (r != null) {
                out.add(r);
            }
        }
        return out;
    }

    private static Object slice(EvalContext ctx, List<?> list, Slice s) {
        long len = list.size();
        long step = s.step() == null ? 1 : s.step();
        long start;
        long stop;
        if (step > 0) {
            start = s.start() == null ? 0 : clamp(s.start(), len, 0, len);
            stop = s.stop() == null ? len : clamp(s.stop(), len, 0, len);
        } else {
            start = s.start() == null ? len - 1 : clamp(s.start(), len, -1, len - 1);
            stop = s.stop() == null ? -1 : clamp(s.stop(), len, -1, len - 1);
        }
        JsArray out = new JsArray(ctx);
        for (long i = start; step > 0 ? i < stop : i > stop; i += step) {
            out.add(list.get((int) i));
        }
        return out;
    }

    private static long clamp(long v, long len, long min, long max) {
        long x = v < 0 ? v + len : v;
        return Math.max(min, Math.min(max, x));
    }

    /** A value as JMESPath sees it: Hearth's undefined is null. */
    private static Object plain(Object v) {
        return v == Undefined.INSTANCE ? null : v;
    }

    static boolean truthy(Object v) {
        if (v == null || v == Undefined.INSTANCE || Boolean.FALSE.equals(v)) {
            return false;
        }
        if (v instanceof String s) {
            return !s.isEmpty();
        }
        if (v instanceof List<?> l) {
            return !l.isEmpty();
        }
        if (v instanceof Map<?, ?> m) {
            return !m.isEmpty();
        }
        return true;
    }

    private static Object compare(String op, Object a, Object b) {
        switch (op) {
            case "eq" -> {
                return equal(a, b);
            }
            case "ne" -> {
                return !equal(a, b);
            }
            default -> {
                if (!(a instanceof Number x) || !(b instanceof Number y)) {
                    return null;
                }
                double p = x.doubleValue();
                double q = y.doubleValue();
                return switch (op) {
                    case "gt" -> p > q;
                    case "gte" -> p >= q;
                    case "lt" -> p < q;
                    default -> p <= q;
                };
            }
        }
    }

    static boolean equal(Object a, Object b) {
        return JsOps.deepEquals(plain(a), plain(b), 0);
    }

    static String typeName(Object v) {
        if (v == null || v == Undefined.INSTANCE) {
            return "null";
        }
        if (v instanceof String) {
            return "string";
        }
        if (v instanceof Number) {
            return "number";
        }
        if (v instanceof Boolean) {
            return "boolean";
        }
        if (v instanceof List<?>) {
            return "array";
        }
        if (v instanceof ExpRef) {
            return "expref";
        }
        return "object";
    }

    /** JMESPath's ordering of numbers or strings (for sort, max, min). */
    static final Comparator<Object> ORDER = (x, y) -> x instanceof Number a && y instanceof Number b
            ? Double.compare(a.doubleValue(), b.doubleValue())
            : String.valueOf(x).compareTo(String.valueOf(y));
}
