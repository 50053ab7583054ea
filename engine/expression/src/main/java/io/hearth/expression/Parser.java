package io.hearth.expression;

import static io.hearth.expression.TokenType.*;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * Recursive-descent parser (precedence climbing for binary operators) of one {@code {{ }}} segment.
 * Resolves arrow parameters to slots at parse time and bounds nesting so that neither the parser
 * nor the evaluator can overflow the stack.
 */
final class Parser {

    /** Maximum nesting: brackets, unary operators and the length of operator and member chains. */
    static final int MAX_DEPTH = 256;

    private final String src;
    private final List<Token> toks;
    /** For each LPAREN token, the index of its RPAREN (or -1): arrow detection in O(1). */
    private final int[] closingParen;

    private int p;
    private int depth;
    private int maxDepth;
    private final ArrayList<String[]> scopes = new ArrayList<>();

    private Parser(String src, List<Token> toks) {
        this.src = src;
        this.toks = toks;
        this.closingParen = new int[toks.size()];
        ArrayDeque<Integer> open = new ArrayDeque<>();
        for (int i = 0; i < toks.size(); i++) {
            closingParen[i] = -1;
            TokenType t = toks.get(i).type();
            if (t == LPAREN) {
                open.push(i);
            } else if (t == RPAREN && !open.isEmpty()) {
                closingParen[open.pop()] = i;
            }
        }
    }

    /** Parses the template (the parameter value without '='): text and {@code {{ }}} segments. */
    static CompiledTemplate parseTemplate(String source, ExpressionLimits limits) {
        List<Object> parts = new ArrayList<>();
        StringBuilder text = new StringBuilder();
        int i = 0;
        int n = source.length();
        while (i < n) {
            int open = source.indexOf("{{", i);
            if (open < 0) {
                text.append(source, i, n);
                break;
            }
            if (open > 0 && source.charAt(open - 1) == '\\') { // \{{ is a literal {{
                text.append(source, i, open - 1).append("{{");
                i = open + 2;
                continue;
            }
            text.append(source, i, open);
            if (!text.isEmpty()) {
                parts.add(text.toString());
                text.setLength(0);
            }
            List<Token> tokens = Lexer.segment(source, open + 2);
            parts.add(new Parser(source, tokens).segment());
            i = tokens.getLast().end();
        }
        if (!text.isEmpty()) {
            parts.add(text.toString());
        }
        return new CompiledTemplate(source, parts, limits);
    }

    private Node segment() {
        if (at(END)) {
            return new Node.Literal(Undefined.INSTANCE);
        }
        Node e = parseExpression();
        if (at(SEMICOLON)) {
            p++;
            if (!at(END)) {
                throw syntax(cur(), "only one expression is allowed between {{ and }}");
            }
        }
        if (!at(END)) {
            throw unexpected(cur());
        }
        return e;
    }

    // ---- token helpers

    private Token cur() {
        return toks.get(p);
    }

    private Token peek(int ahead) {
        return toks.get(Math.min(p + ahead, toks.size() - 1));
    }

    private boolean at(TokenType type) {
        return toks.get(p).type() == type;
    }

    private void expect(TokenType type) {
        if (!at(type)) {
            throw unexpected(cur());
        }
        p++;
    }

    private void enter() {
        if (++depth > MAX_DEPTH) {
            throw syntax(cur(), "expression is nested too deeply");
        }
        if (depth > maxDepth) {
            maxDepth = depth;
        }
    }

    private void leave() {
        depth--;
    }

    private ExpressionSyntaxException syntax(Token at, String message) {
        return new ExpressionSyntaxException(message, src, at.start());
    }

    private ExpressionSandboxException sandbox(Token at, String message) {
        return new ExpressionSandboxException(message + ExpressionSyntaxException.location(src, at.start()));
    }

    private ExpressionSyntaxException unexpected(Token t) {
        return switch (t.type()) {
            case END -> syntax(t, "Unexpected end of expression");
            case ASSIGN -> syntax(t, "assignment is not allowed in expressions");
            case INCREMENT, DECREMENT ->
                syntax(t, "assignment (" + src.substring(t.start(), t.end()) + ") is not allowed in expressions");
            case STRING -> syntax(t, "Unexpected string");
            case NUMBER -> syntax(t, "Unexpected number");
            case IDENT -> syntax(t, "Unexpected identifier '" + t.text() + "'");
            default -> syntax(t, "Unexpected token '" + src.substring(t.start(), t.end()) + "'");
        };
    }

    // ---- expressions

    private Node parseExpression() {
        Node first = parseAssignment();
        if (!at(COMMA)) {
            return first;
        }
        List<Node> list = new ArrayList<>();
        list.add(first);
        while (at(COMMA)) {
            p++;
            list.add(parseAssignment());
        }
        return new Node.Sequence(List.copyOf(list));
    }

    private Node parseAssignment() {
        enter();
        Node e = arrowAhead() ? parseArrow() : parseConditional();
        if (at(ASSIGN)) {
            throw syntax(cur(), "assignment is not allowed in expressions");
        }
        leave();
        return e;
    }

    private Node parseConditional() {
        Node test = parseBinary(1);
        if (!at(QUESTION)) {
            return test;
        }
        p++;
        Node then = parseAssignment();
        expect(COLON);
        Node otherwise = parseAssignment();
        return new Node.Conditional(test, then, otherwise);
    }

    private static int precedence(Token t) {
        return switch (t.type()) {
            case NULLISH -> 1;
            case OR -> 2;
            case AND -> 3;
            case PIPE -> 4;
            case CARET -> 5;
            case AMP -> 6;
            case EQ, NE, STRICT_EQ, STRICT_NE -> 7;
            case LT, GT, LE, GE -> 8;
            case IDENT -> t.isIdent("in") || t.isIdent("instanceof") ? 8 : -1;
            case SHL, SHR, USHR -> 9;
            case PLUS, MINUS -> 10;
            case STAR, SLASH, PERCENT -> 11;
            case STAR_STAR -> 12;
            default -> -1;
        };
    }

    private Node parseBinary(int minPrecedence) {
        int start = p;
        Node left = parseUnary();
        int chain = 0;
        while (true) {
            Token op = cur();
            int prec = precedence(op);
            if (prec < minPrecedence) {
                break;
            }
            if (op.isIdent("instanceof")) {
                throw syntax(op, "instanceof is not supported in expressions; use Array.isArray() or typeof");
            }
            if (op.type() == STAR_STAR && chain == 0 && isUnaryOperator(toks.get(start))) {
                throw syntax(op, "Unary operator used immediately before exponentiation expression; add parentheses");
            }
            p++;
            enter();
            chain++;
            Node right = parseBinary(op.type() == STAR_STAR ? prec : prec + 1);
            left = combine(op, left, right);
        }
        depth -= chain;
        return left;
    }

    private static boolean isUnaryOperator(Token t) {
        return switch (t.type()) {
            case NOT, MINUS, PLUS, TILDE -> true;
            case IDENT -> t.isIdent("typeof") || t.isIdent("void");
            default -> false;
        };
    }

    private static Node combine(Token op, Node left, Node right) {
        return switch (op.type()) {
            case NULLISH -> new Node.Logical(Node.LogicalOp.NULLISH, left, right);
            case OR -> new Node.Logical(Node.LogicalOp.OR, left, right);
            case AND -> new Node.Logical(Node.LogicalOp.AND, left, right);
            default ->
                new Node.Binary(
                        switch (op.type()) {
                            case PIPE -> Node.BinaryOp.BIT_OR;
                            case CARET -> Node.BinaryOp.BIT_XOR;
                            case AMP -> Node.BinaryOp.BIT_AND;
                            case EQ -> Node.BinaryOp.EQUAL;
                            case NE -> Node.BinaryOp.NOT_EQUAL;
                            case STRICT_EQ -> Node.BinaryOp.STRICT_EQUAL;
                            case STRICT_NE -> Node.BinaryOp.STRICT_NOT_EQUAL;
                            case LT -> Node.BinaryOp.LESS;
                            case GT -> Node.BinaryOp.GREATER;
                            case LE -> Node.BinaryOp.LESS_EQUAL;
                            case GE -> Node.BinaryOp.GREATER_EQUAL;
                            case SHL -> Node.BinaryOp.SHIFT_LEFT;
                            case SHR -> Node.BinaryOp.SHIFT_RIGHT;
                            case USHR -> Node.BinaryOp.UNSIGNED_SHIFT_RIGHT;
                            case PLUS -> Node.BinaryOp.ADD;
                            case MINUS -> Node.BinaryOp.SUBTRACT;
                            case STAR -> Node.BinaryOp.MULTIPLY;
                            case SLASH -> Node.BinaryOp.DIVIDE;
                            case PERCENT -> Node.BinaryOp.REMAINDER;
                            case STAR_STAR -> Node.BinaryOp.EXPONENT;
                            default -> Node.BinaryOp.IN; // the 'in' identifier
                        },
                        left,
                        right);
        };
    }

    private Node parseUnary() {
        Token t = cur();
        Node.UnaryOp op = switch (t.type()) {
            case NOT -> Node.UnaryOp.NOT;
            case MINUS -> Node.UnaryOp.NEGATE;
            case PLUS -> Node.UnaryOp.PLUS;
            case TILDE -> Node.UnaryOp.BITWISE_NOT;
            case INCREMENT, DECREMENT -> throw unexpected(t);
            case IDENT ->
                switch (t.text()) {
                    case "typeof" -> Node.UnaryOp.TYPEOF;
                    case "void" -> Node.UnaryOp.VOID;
                    case "delete" -> throw syntax(t, "delete is not allowed in expressions");
                    case "await" -> throw syntax(t, "await is not supported in expressions");
                    default -> null;
                };
            default -> null;
        };
        if (op == null) {
            return parsePostfix();
        }
        p++;
        enter();
        Node operand = parseUnary();
        leave();
        if (op == Node.UnaryOp.NEGATE && operand instanceof Node.Literal l && l.value() instanceof Number n) {
            return new Node.Literal(JsNumbers.box(-n.doubleValue()));
        }
        return new Node.Unary(op, operand);
    }

    private Node parsePostfix() {
        int start = p;
        Node e = parsePrimary();
        boolean optional = false;
        int chain = 0;
        loop:
        while (true) {
            Token t = cur();
            switch (t.type()) {
                case DOT -> {
                    p++;
                    e = new Node.Member(e, propertyName(), false);
                }
                case QUESTION_DOT -> {
                    p++;
                    optional = true;
                    if (at(LPAREN)) {
                        String callee = text(start, p - 2);
                        e = new Node.Call(e, arguments(), true, callee);
                    } else if (at(LBRACKET)) {
                        e = index(e, true);
                    } else if (at(TEMPLATE_FULL) || at(TEMPLATE_HEAD)) {
                        throw syntax(cur(), "tagged templates are not supported");
                    } else {
                        e = new Node.Member(e, propertyName(), true);
                    }
                }
                case LBRACKET -> e = index(e, false);
                case LPAREN -> {
                    String callee = text(start, p - 1);
                    List<Node> args = arguments();
                    e = e instanceof Node.Global g && g.name().equals("$if") && chain == 0
                            ? ifHelper(t, args)
                            : new Node.Call(e, args, false, callee);
                }
                case TEMPLATE_FULL, TEMPLATE_HEAD -> throw syntax(t, "tagged templates are not supported");
                case INCREMENT, DECREMENT -> throw unexpected(t);
                default -> {
                    break loop;
                }
            }
            enter();
            chain++;
        }
        depth -= chain;
        return optional ? new Node.OptionalChain(e) : e;
    }

    /** n8n's {@code $if(test, then[, else])}: a conditional that evaluates one branch (else defaults to false). */
    private Node ifHelper(Token at, List<Node> args) {
        if (args.size() < 2 || args.size() > 3 || args.stream().anyMatch(a -> a instanceof Node.Spread)) {
            throw new ExpressionException(
                    "$if requires at least 2 parameters: test, value_if_true[, and value_if_false]"
                            + ExpressionSyntaxException.location(src, at.start()));
        }
        return new Node.Conditional(
                args.get(0), args.get(1), args.size() == 3 ? args.get(2) : new Node.Literal(Boolean.FALSE));
    }

    private String text(int fromToken, int toToken) {
        return src.substring(toks.get(fromToken).start(), toks.get(toToken).end());
    }

    private Node index(Node object, boolean optional) {
        expect(LBRACKET);
        Node key = parseExpression();
        expect(RBRACKET);
        if (key instanceof Node.Literal l && l.value() instanceof String s) {
            return new Node.Member(object, s, optional);
        }
        return new Node.Index(object, key, optional);
    }

    private String propertyName() {
        Token t = cur();
        if (t.type() != IDENT) {
            throw unexpected(t);
        }
        p++;
        return t.text();
    }

    private List<Node> arguments() {
        expect(LPAREN);
        List<Node> args = new ArrayList<>();
        while (!at(RPAREN)) {
            if (at(ELLIPSIS)) {
                p++;
                args.add(new Node.Spread(parseAssignment()));
            } else {
                args.add(parseAssignment());
            }
            if (!at(RPAREN)) {
                expect(COMMA);
            }
        }
        p++;
        return List.copyOf(args);
    }

    private Node parsePrimary() {
        Token t = cur();
        switch (t.type()) {
            case NUMBER -> {
                p++;
                return new Node.Literal(JsNumbers.box((Double) t.value()));
            }
            case STRING, TEMPLATE_FULL -> {
                p++;
                return new Node.Literal(t.value());
            }
            case TEMPLATE_HEAD -> {
                return templateLiteral();
            }
            case REGEX -> {
                p++;
                return new Node.RegexLiteral((JsRegExp) t.value());
            }
            case LPAREN -> {
                if (arrowAhead()) {
                    return parseArrow();
                }
                p++;
                if (at(RPAREN)) {
                    throw unexpected(cur());
                }
                Node e = parseExpression();
                expect(RPAREN);
                return e;
            }
            case LBRACKET -> {
                return arrayLiteral();
            }
            case LBRACE -> {
                return objectLiteral();
            }
            case IDENT -> {
                if (t.isIdent("new")) {
                    return parseNew();
                }
                if (peek(1).type() == ARROW) {
                    return parseArrow();
                }
                p++;
                return reference(t);
            }
            default -> throw unexpected(t);
        }
    }

    /** An identifier used as a value: keywords, sandboxed names, then arrow parameters or a global. */
    private Node reference(Token t) {
        String name = t.text();
        switch (name) {
            case "true" -> {
                return new Node.Literal(Boolean.TRUE);
            }
            case "false" -> {
                return new Node.Literal(Boolean.FALSE);
            }
            case "null" -> {
                return new Node.Literal(null);
            }
            case "undefined" -> {
                return new Node.Literal(Undefined.INSTANCE);
            }
            case "this" -> throw sandbox(t, "'this' is not available in expressions");
            case "import" -> throw sandbox(t, "import is not allowed in expressions");
            case "super" -> throw sandbox(t, "'super' is not available in expressions");
            case "function" ->
                throw syntax(t, "function expressions are not supported; use an arrow function (x => ...)");
            case "class" -> throw syntax(t, "classes are not supported in expressions");
            case "var",
                    "let",
                    "const",
                    "if",
                    "else",
                    "for",
                    "while",
                    "do",
                    "return",
                    "throw",
                    "try",
                    "catch",
                    "finally",
                    "switch",
                    "case",
                    "default",
                    "break",
                    "continue",
                    "with",
                    "debugger",
                    "export",
                    "yield",
                    "async",
                    "await",
                    "delete",
                    "typeof",
                    "void",
                    "in",
                    "instanceof",
                    "enum" -> throw syntax(t, "'" + name + "' is not allowed here: a {{ }} holds a single expression");
            default -> {}
        }
        for (int d = 0; d < scopes.size(); d++) {
            String[] names = scopes.get(scopes.size() - 1 - d);
            for (int i = names.length - 1; i >= 0; i--) {
                if (names[i].equals(name)) {
                    return new Node.Local(d, i, name);
                }
            }
        }
        return new Node.Global(name);
    }

    private Node parseNew() {
        Token newToken = cur();
        p++;
        Token target = cur();
        TokenType after = peek(1).type();
        if (target.isIdent("Date") && after != DOT && after != LBRACKET && after != QUESTION_DOT) {
            p++;
            return new Node.NewDate(at(LPAREN) ? arguments() : List.of());
        }
        throw sandbox(newToken, "'new' is only allowed with Date (new Date(...))");
    }

    private Node templateLiteral() {
        List<String> quasis = new ArrayList<>();
        List<Node> exprs = new ArrayList<>();
        quasis.add(cur().text());
        p++;
        while (true) {
            exprs.add(parseExpression());
            Token t = cur();
            if (t.type() == TEMPLATE_MIDDLE) {
                quasis.add(t.text());
                p++;
            } else if (t.type() == TEMPLATE_TAIL) {
                quasis.add(t.text());
                p++;
                return new Node.TemplateLiteral(List.copyOf(quasis), List.copyOf(exprs));
            } else {
                throw unexpected(t);
            }
        }
    }

    private Node arrayLiteral() {
        expect(LBRACKET);
        List<Node> elements = new ArrayList<>();
        while (!at(RBRACKET)) {
            if (at(COMMA)) { // a hole
                p++;
                elements.add(new Node.Literal(Undefined.INSTANCE));
                continue;
            }
            if (at(ELLIPSIS)) {
                p++;
                elements.add(new Node.Spread(parseAssignment()));
            } else {
                elements.add(parseAssignment());
            }
            if (!at(RBRACKET)) {
                expect(COMMA);
            }
        }
        p++;
        return new Node.ArrayLiteral(List.copyOf(elements));
    }

    private Node objectLiteral() {
        expect(LBRACE);
        List<Node.Property> props = new ArrayList<>();
        while (!at(RBRACE)) {
            if (at(ELLIPSIS)) {
                p++;
                props.add(new Node.Property(null, null, parseAssignment(), true));
            } else {
                Token k = cur();
                String key = null;
                Node computed = null;
                switch (k.type()) {
                    case IDENT -> key = k.text();
                    case STRING -> key = k.text();
                    case NUMBER -> key = JsNumbers.toString((Double) k.value());
                    case LBRACKET -> {
                        p++;
                        computed = parseAssignment();
                        if (!at(RBRACKET)) {
                            throw unexpected(cur());
                        }
                    }
                    default -> throw unexpected(k);
                }
                p++;
                Node value;
                if (k.type() == IDENT && (at(COMMA) || at(RBRACE))) {
                    value = reference(k); // shorthand {a}
                } else if (at(LPAREN) || (k.type() == IDENT && (key.equals("get") || key.equals("set")) && at(IDENT))) {
                    throw syntax(
                            k,
                            "methods, getters and setters are not supported in object literals; use an arrow function");
                } else {
                    expect(COLON);
                    value = parseAssignment();
                }
                props.add(new Node.Property(key, computed, value, false));
            }
            if (!at(RBRACE)) {
                expect(COMMA);
            }
        }
        p++;
        return new Node.ObjectLiteral(List.copyOf(props));
    }

    // ---- arrow functions

    private boolean arrowAhead() {
        Token t = cur();
        if (t.type() == IDENT) {
            return peek(1).type() == ARROW;
        }
        if (t.type() != LPAREN) {
            return false;
        }
        int close = closingParen[p];
        return close > 0 && close + 1 < toks.size() && toks.get(close + 1).type() == ARROW;
    }

    private Node parseArrow() {
        List<Node.Param> params = new ArrayList<>();
        List<String> names = new ArrayList<>();
        if (at(IDENT)) {
            names.add(bindingName());
            params.add(new Node.Param(0, null, null, false, false));
        } else {
            expect(LPAREN);
            while (!at(RPAREN)) {
                if (at(ELLIPSIS)) {
                    p++;
                    params.add(new Node.Param(names.size(), null, null, false, true));
                    names.add(bindingName());
                    if (!at(RPAREN)) {
                        throw syntax(cur(), "a rest parameter must be last");
                    }
                    break;
                } else if (at(LBRACE) || at(LBRACKET)) {
                    params.add(pattern(names));
                } else {
                    params.add(new Node.Param(names.size(), null, null, false, false));
                    names.add(bindingName());
                }
                if (!at(RPAREN)) {
                    expect(COMMA);
                }
            }
            expect(RPAREN);
        }
        expect(ARROW);
        scopes.add(names.toArray(String[]::new));
        int base = depth;
        int outerMax = maxDepth;
        maxDepth = depth;
        Node body = at(LBRACE) ? blockBody() : parseAssignment();
        int units = maxDepth - base + 2;
        maxDepth = Math.max(outerMax, maxDepth);
        scopes.removeLast();
        return new Node.Arrow(List.copyOf(params), names.size(), body, units);
    }

    /** {@code {a, b: c}} or {@code [a, , b]} (one level, no defaults). */
    private Node.Param pattern(List<String> names) {
        boolean array = at(LBRACKET);
        TokenType close = array ? RBRACKET : RBRACE;
        p++;
        List<String> keys = new ArrayList<>();
        List<Integer> slots = new ArrayList<>();
        while (!at(close)) {
            if (array && at(COMMA)) {
                p++;
                keys.add("");
                slots.add(-1);
                continue;
            }
            if (array) {
                keys.add(Integer.toString(keys.size()));
                slots.add(names.size());
                names.add(bindingName());
            } else {
                Token k = cur();
                if (k.type() != IDENT && k.type() != STRING) {
                    throw syntax(k, "only simple destructuring ({a, b: c} or [a, b]) is supported in parameters");
                }
                p++;
                keys.add(k.text());
                slots.add(names.size());
                if (at(COLON)) {
                    p++;
                    names.add(bindingName());
                } else {
                    names.add(checkBindable(k));
                }
            }
            if (at(ASSIGN)) {
                throw syntax(cur(), "default parameter values are not supported");
            }
            if (!at(close)) {
                expect(COMMA);
            }
        }
        p++;
        return new Node.Param(-1, List.copyOf(keys), List.copyOf(slots), array, false);
    }

    private String bindingName() {
        Token t = cur();
        if (t.type() != IDENT) {
            throw syntax(t, "only simple destructuring ({a, b: c} or [a, b]) is supported in parameters");
        }
        p++;
        return checkBindable(t);
    }

    private String checkBindable(Token t) {
        reference(t); // rejects keywords and sandboxed words
        return switch (t.text()) {
            case "true", "false", "null", "undefined" -> throw unexpected(t);
            default -> t.text();
        };
    }

    /** Only {@code { return expr; }} and {@code {}} are accepted as block bodies. */
    private Node blockBody() {
        expect(LBRACE);
        if (at(RBRACE)) {
            p++;
            return new Node.Literal(Undefined.INSTANCE);
        }
        if (!cur().isIdent("return")) {
            throw syntax(cur(), "arrow function bodies must be an expression or { return expression }");
        }
        p++;
        Node e = at(SEMICOLON) || at(RBRACE) ? new Node.Literal(Undefined.INSTANCE) : parseExpression();
        if (at(SEMICOLON)) {
            p++;
        }
        if (!at(RBRACE)) {
            throw syntax(cur(), "arrow function bodies must be an expression or { return expression }");
        }
        p++;
        return e;
    }
}
