package io.hearth.expression;

import static io.hearth.expression.TokenType.*;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * Recursive-descent parser (precedence climbing for binary operators) of one {@code {{ }}} segment:
 * one expression, whose functions may hold statements. Resolves every variable to an environment
 * slot at parse time ({@link ParseScope}) and bounds nesting so that neither the parser nor the
 * evaluator can overflow the stack.
 * <p>Kept in one file: it is one grammar (expressions, functions, binding patterns, statements call
 * each other recursively), and splitting it would scatter the precedence rules.
 */
final class Parser {

    /** Maximum nesting: brackets, statements, unary operators and the length of operator and member chains. */
    static final int MAX_DEPTH = 256;

    /** An array hole ({@code [1, , 2]}): undefined as a value, skipped as a destructuring target. */
    static final Node.Literal HOLE = new Node.Literal(Undefined.INSTANCE);

    private final String src;
    private final List<Token> toks;
    /** For each LPAREN token, the index of its RPAREN (or -1): arrow detection in O(1). */
    private final int[] closingParen;

    private int p;
    private int depth;
    private int maxDepth;
    /** The innermost function or block; null at the top of the segment, where nothing is declared. */
    private ParseScope scope;
    /** References inside functions, whose environment depth is worked out at the end. */
    private List<Node.Ref> refs;
    /** {@code {a = 1}} in an object literal: only valid once turned into a destructuring pattern. */
    private List<Node> covers;
    /** Inside a for-statement head, where {@code in} starts a for-in rather than being an operator. */
    private boolean noIn;

    private FunctionContext fn = TOP;

    /** The segment's own context: no statements, so never changed. */
    private static final FunctionContext TOP = new FunctionContext(false);

    /** Where break, continue and return may appear, per function body. */
    private static final class FunctionContext {
        final boolean inFunction;
        int loops;
        int breakables;
        final ArrayDeque<String> labels = new ArrayDeque<>(2);

        FunctionContext(boolean inFunction) {
            this.inFunction = inFunction;
        }
    }

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
        Node e;
        if (at(END)) {
            e = new Node.Literal(Undefined.INSTANCE);
        } else {
            e = parseExpression();
            checkCovers();
            if (at(SEMICOLON)) {
                p++;
                if (!at(END)) {
                    throw syntax(cur(), "only one expression is allowed between {{ and }}");
                }
            }
            if (!at(END)) {
                throw unexpected(cur());
            }
        }
        resolveDepths();
        return e;
    }

    /** Every reference knows its binding now; count the environments between it and the binding. */
    private void resolveDepths() {
        if (refs == null) {
            return;
        }
        for (Node.Ref r : refs) {
            ParseScope.Binding b = r.binding;
            if (b != null) {
                int d = 0;
                for (ParseScope s = r.scope; s != b.host; s = s.parent) {
                    if (s.shape.materialized) {
                        d++;
                    }
                }
                r.depth = d;
                r.slot = b.slot;
                r.constant = b.kind == Stmt.DeclKind.CONST;
            }
            r.scope = null;
            r.binding = null;
        }
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

    private boolean atIdent(String name) {
        return toks.get(p).isIdent(name);
    }

    private void expect(TokenType type) {
        if (!at(type)) {
            throw unexpected(cur());
        }
        p++;
    }

    /** A line break between the previous token and the current one (automatic semicolon insertion). */
    private boolean newlineBefore() {
        if (p == 0) {
            return false;
        }
        int from = toks.get(p - 1).end();
        int to = toks.get(p).start();
        for (int i = from; i < to; i++) {
            char c = src.charAt(i);
            if (c == '\n' || c == '\r' || c == '\u2028' || c == '\u2029') {
                return true;
            }
        }
        return false;
    }

    /** Ends a statement: a ';', or (JavaScript's automatic semicolon) a line break, '}' or the end. */
    private void semicolon() {
        if (at(SEMICOLON)) {
            p++;
        } else if (!at(RBRACE) && !at(END) && !newlineBefore()) {
            throw unexpected(cur());
        }
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
            case STRING -> syntax(t, "Unexpected string");
            case NUMBER -> syntax(t, "Unexpected number");
            case IDENT -> syntax(t, "Unexpected identifier '" + t.text() + "'");
            default -> syntax(t, "Unexpected token '" + src.substring(t.start(), t.end()) + "'");
        };
    }

    private void checkCovers() {
        if (covers != null && !covers.isEmpty()) {
            throw new ExpressionSyntaxException("Invalid shorthand property initializer", src, 0);
        }
    }

    // ---- scopes

    private Node.Ref reference(String name) {
        if (scope == null) {
            return new Node.Ref(name, null); // outside any function: always a global
        }
        Node.Ref r = new Node.Ref(name, scope);
        scope.addPending(r);
        track(r);
        return r;
    }

    private void track(Node.Ref r) {
        if (refs == null) {
            refs = new ArrayList<>();
        }
        refs.add(r);
    }

    /** Declares {@code name} and returns a reference bound to it (for the declaration's own use). */
    private Node.Ref declare(Token at, String name, Stmt.DeclKind kind) {
        ParseScope target = kind == Stmt.DeclKind.VAR ? scope.nearestFunction() : scope;
        ParseScope.Binding existing = target.declared(name);
        if (existing != null && (kind != Stmt.DeclKind.VAR || existing.kind != Stmt.DeclKind.VAR)) {
            throw syntax(at, "Identifier '" + name + "' has already been declared");
        }
        ParseScope.Binding b = existing != null ? existing : new ParseScope.Binding(name, kind);
        target.declare(b);
        Node.Ref r = new Node.Ref(name, scope);
        r.binding = b;
        track(r);
        return r;
    }

    private void pushScope(ParseScope s) {
        scope = s;
    }

    private BlockScope popScope() {
        ParseScope s = scope;
        s.close();
        scope = s.parent;
        return s.shape;
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
        Token t = cur();
        if (t.isIdent("async")
                && (peek(1).isIdent("function") || peek(1).type() == LPAREN || peek(1).type() == IDENT)) {
            throw syntax(t, "'async' is not allowed in expressions: there is nothing to await");
        }
        if (t.isIdent("yield")) {
            throw syntax(t, "'yield' is not allowed in expressions");
        }
        Node e = arrowAhead() ? parseArrow() : parseConditional();
        if (at(ASSIGN)) {
            Token op = cur();
            String text = src.substring(op.start(), op.end());
            Pattern target = text.equals("=") ? toPattern(e, op) : simpleTarget(e, op);
            p++;
            Node value = parseAssignment();
            e = new Node.Assign(target, assignOp(text), value);
        }
        leave();
        return e;
    }

    private static Node.AssignOp assignOp(String text) {
        return switch (text) {
            case "=" -> null;
            case "&&=" -> new Node.AssignOp(null, Node.LogicalOp.AND);
            case "||=" -> new Node.AssignOp(null, Node.LogicalOp.OR);
            case "??=" -> new Node.AssignOp(null, Node.LogicalOp.NULLISH);
            default ->
                new Node.AssignOp(
                        switch (text) {
                            case "+=" -> Node.BinaryOp.ADD;
                            case "-=" -> Node.BinaryOp.SUBTRACT;
                            case "*=" -> Node.BinaryOp.MULTIPLY;
                            case "/=" -> Node.BinaryOp.DIVIDE;
                            case "%=" -> Node.BinaryOp.REMAINDER;
                            case "**=" -> Node.BinaryOp.EXPONENT;
                            case "<<=" -> Node.BinaryOp.SHIFT_LEFT;
                            case ">>=" -> Node.BinaryOp.SHIFT_RIGHT;
                            case ">>>=" -> Node.BinaryOp.UNSIGNED_SHIFT_RIGHT;
                            case "&=" -> Node.BinaryOp.BIT_AND;
                            case "|=" -> Node.BinaryOp.BIT_OR;
                            default -> Node.BinaryOp.BIT_XOR;
                        },
                        null);
        };
    }

    /** A variable, member or index: the target of {@code +=} and {@code ++}. */
    private Pattern simpleTarget(Node e, Token at) {
        return new Pattern.Target(checkSimpleTarget(e, at));
    }

    private Node checkSimpleTarget(Node e, Token at) {
        if (e instanceof Node.Ref r) {
            checkAssignable(r.name, at);
            return e;
        }
        if (e instanceof Node.Member || e instanceof Node.Index) {
            return e;
        }
        throw syntax(at, "Invalid left-hand side in assignment");
    }

    private void checkAssignable(String name, Token at) {
        if (name.equals("eval") || name.equals("arguments")) {
            throw sandbox(at, "'" + name + "' is not available in expressions");
        }
    }

    /** An expression already parsed as a value, read again as an assignment target. */
    // identity with a sentinel instance is the intent
    @SuppressWarnings("ReferenceEquality")
    private Pattern toPattern(Node e, Token at) {
        if (e instanceof Node.Ref || e instanceof Node.Member || e instanceof Node.Index) {
            return simpleTarget(e, at);
        }
        if (e instanceof Node.Assign a && a.op() == null) {
            if (covers != null) {
                covers.remove(e);
            }
            return new Pattern.WithDefault(a.target(), a.value());
        }
        if (e instanceof Node.ArrayLiteral arr) {
            List<Pattern> elements = new ArrayList<>();
            Pattern rest = null;
            List<Node> list = arr.elements();
            for (int i = 0; i < list.size(); i++) {
                Node el = list.get(i);
                if (el instanceof Node.Spread s) {
                    if (i != list.size() - 1) {
                        throw syntax(at, "Rest element must be last element");
                    }
                    rest = toPattern(s.argument(), at);
                } else {
                    elements.add(el == HOLE ? null : toPattern(el, at));
                }
            }
            return new Pattern.ArrayPattern(List.copyOf(nullable(elements)), rest);
        }
        if (e instanceof Node.ObjectLiteral obj) {
            List<Pattern.Prop> props = new ArrayList<>();
            Pattern rest = null;
            List<Node.Property> list = obj.properties();
            for (int i = 0; i < list.size(); i++) {
                Node.Property prop = list.get(i);
                if (prop.spread()) {
                    if (i != list.size() - 1) {
                        throw syntax(at, "Rest element must be last element");
                    }
                    rest = toPattern(prop.value(), at);
                } else {
                    props.add(new Pattern.Prop(prop.key(), prop.computedKey(), toPattern(prop.value(), at)));
                }
            }
            return new Pattern.ObjectPattern(List.copyOf(props), rest);
        }
        throw syntax(at, "Invalid left-hand side in assignment");
    }

    /** List.copyOf refuses nulls; array holes are nulls. */
    private static List<Pattern> nullable(List<Pattern> list) {
        return java.util.Collections.unmodifiableList(new ArrayList<>(list));
    }

    private Node parseConditional() {
        Node test = parseBinary(1);
        if (!at(QUESTION)) {
            return test;
        }
        p++;
        boolean outerNoIn = noIn;
        noIn = false;
        Node then = parseAssignment();
        noIn = outerNoIn;
        expect(COLON);
        Node otherwise = parseAssignment();
        return new Node.Conditional(test, then, otherwise);
    }

    private int precedence(Token t) {
        return switch (t.type()) {
            case NULLISH -> 1;
            case OR -> 2;
            case AND -> 3;
            case PIPE -> 4;
            case CARET -> 5;
            case AMP -> 6;
            case EQ, NE, STRICT_EQ, STRICT_NE -> 7;
            case LT, GT, LE, GE -> 8;
            case IDENT -> t.isIdent("instanceof") || (t.isIdent("in") && !noIn) ? 8 : -1;
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
            case IDENT -> t.isIdent("typeof") || t.isIdent("void") || t.isIdent("delete");
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
                            default -> op.isIdent("in") ? Node.BinaryOp.IN : Node.BinaryOp.INSTANCEOF;
                        },
                        left,
                        right);
        };
    }

    private Node parseUnary() {
        Token t = cur();
        if (t.type() == INCREMENT || t.type() == DECREMENT) {
            p++;
            enter();
            Node target = checkSimpleTarget(parseUnary(), t);
            leave();
            return new Node.Update(target, t.type() == INCREMENT, true);
        }
        if (t.isIdent("delete")) {
            p++;
            enter();
            Node target = parseUnary();
            leave();
            return new Node.Delete(target);
        }
        Node.UnaryOp op = switch (t.type()) {
            case NOT -> Node.UnaryOp.NOT;
            case MINUS -> Node.UnaryOp.NEGATE;
            case PLUS -> Node.UnaryOp.PLUS;
            case TILDE -> Node.UnaryOp.BITWISE_NOT;
            case IDENT ->
                switch (t.text()) {
                    case "typeof" -> Node.UnaryOp.TYPEOF;
                    case "void" -> Node.UnaryOp.VOID;
                    case "await" -> throw syntax(t, "'await' is not allowed in expressions: there is nothing to await");
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
                    e = e instanceof Node.Ref r && r.name.equals("$if") && chain == 0
                            ? ifHelper(t, args)
                            : new Node.Call(e, args, false, callee);
                }
                case TEMPLATE_FULL, TEMPLATE_HEAD -> throw syntax(t, "tagged templates are not supported");
                case INCREMENT, DECREMENT -> {
                    if (newlineBefore()) {
                        break loop; // x \n ++y: the ++ belongs to the next statement
                    }
                    if (optional) {
                        throw syntax(t, "Invalid left-hand side expression in postfix operation");
                    }
                    p++;
                    depth -= chain;
                    return new Node.Update(checkSimpleTarget(e, t), t.type() == INCREMENT, false);
                }
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
        return new Node.Conditional(args.get(0), args.get(1), args.size() == 3 ? args.get(2) : new Node.Literal(false));
    }

    private String text(int fromToken, int toToken) {
        return src.substring(toks.get(fromToken).start(), toks.get(toToken).end());
    }

    private Node index(Node object, boolean optional) {
        expect(LBRACKET);
        boolean outerNoIn = noIn;
        noIn = false;
        Node key = parseExpression();
        noIn = outerNoIn;
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
        boolean outerNoIn = noIn;
        noIn = false;
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
        noIn = outerNoIn;
        return List.copyOf(args);
    }

    private Node parsePrimary() {
        Token t = cur();
        return switch (t.type()) {
            case NUMBER -> {
                p++;
                yield new Node.Literal(JsNumbers.box((Double) t.value()));
            }
            case STRING, TEMPLATE_FULL -> {
                p++;
                yield new Node.Literal(t.value());
            }
            case TEMPLATE_HEAD -> templateLiteral();
            case REGEX -> {
                p++;
                yield new Node.RegexLiteral((JsRegExp) t.value());
            }
            case LPAREN -> {
                if (arrowAhead()) {
                    yield parseArrow();
                }
                p++;
                if (at(RPAREN)) {
                    throw unexpected(cur());
                }
                boolean outerNoIn = noIn;
                noIn = false;
                Node e = parseExpression();
                noIn = outerNoIn;
                expect(RPAREN);
                yield e;
            }
            case LBRACKET -> arrayLiteral();
            case LBRACE -> objectLiteral();
            case IDENT -> {
                if (t.isIdent("new")) {
                    yield parseNew();
                }
                if (t.isIdent("function")) {
                    yield parseFunction(false);
                }
                if (peek(1).type() == ARROW) {
                    yield parseArrow();
                }
                p++;
                yield identifier(t);
            }
            default -> throw unexpected(t);
        };
    }

    /** An identifier used as a value: keywords, sandboxed names, then a variable or a global. */
    private Node identifier(Token t) {
        String name = t.text();
        return switch (name) {
            case "true" -> new Node.Literal(true);
            case "false" -> new Node.Literal(false);
            case "null" -> new Node.Literal(null);
            case "undefined" -> new Node.Literal(Undefined.INSTANCE);
            case "this" -> throw sandbox(t, "'this' is not available in expressions");
            case "import" -> throw sandbox(t, "import is not allowed in expressions");
            case "super" -> throw sandbox(t, "'super' is not available in expressions");
            case "class" -> throw syntax(t, "classes are not supported in expressions");
            case "with" -> throw syntax(t, "'with' is not allowed in expressions");
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
                    "enum" ->
                throw syntax(
                        t,
                        "'" + name + "' is not allowed here: a {{ }} holds a single expression;"
                                + " statements go in a function body, e.g. {{ (() => { ... })() }}");
            default -> reference(name);
        };
    }

    private Node parseNew() {
        Token newToken = cur();
        p++;
        if (at(DOT)) {
            throw sandbox(newToken, "new.target is not available in expressions");
        }
        int start = p;
        enter();
        Node callee;
        if (atIdent("new")) {
            callee = parseNew();
        } else {
            callee = parsePrimary();
            while (at(DOT) || at(LBRACKET)) {
                if (at(DOT)) {
                    p++;
                    callee = new Node.Member(callee, propertyName(), false);
                } else {
                    callee = index(callee, false);
                }
            }
        }
        leave();
        String calleeText = text(start, p - 1);
        List<Node> args = at(LPAREN) ? arguments() : List.of();
        return new Node.New(callee, args, calleeText);
    }

    private Node templateLiteral() {
        List<String> quasis = new ArrayList<>();
        List<Node> exprs = new ArrayList<>();
        quasis.add(cur().text());
        p++;
        boolean outerNoIn = noIn;
        noIn = false;
        while (true) {
            exprs.add(parseExpression());
            Token t = cur();
            if (t.type() == TEMPLATE_MIDDLE) {
                quasis.add(t.text());
                p++;
            } else if (t.type() == TEMPLATE_TAIL) {
                quasis.add(t.text());
                p++;
                noIn = outerNoIn;
                return new Node.TemplateLiteral(List.copyOf(quasis), List.copyOf(exprs));
            } else {
                throw unexpected(t);
            }
        }
    }

    private Node arrayLiteral() {
        expect(LBRACKET);
        boolean outerNoIn = noIn;
        noIn = false;
        List<Node> elements = new ArrayList<>();
        while (!at(RBRACKET)) {
            if (at(COMMA)) { // a hole
                p++;
                elements.add(HOLE);
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
        noIn = outerNoIn;
        return new Node.ArrayLiteral(List.copyOf(elements));
    }

    private Node objectLiteral() {
        expect(LBRACE);
        boolean outerNoIn = noIn;
        noIn = false;
        List<Node.Property> props = new ArrayList<>();
        while (!at(RBRACE)) {
            if (at(ELLIPSIS)) {
                p++;
                props.add(new Node.Property(null, null, parseAssignment(), true));
            } else {
                Token k = cur();
                if ((k.isIdent("get") || k.isIdent("set") || k.isIdent("async"))
                        && peek(1).type() != COLON
                        && peek(1).type() != COMMA
                        && peek(1).type() != RBRACE
                        && peek(1).type() != LPAREN) {
                    throw syntax(k, "getters, setters and async methods are not supported in object literals");
                }
                if (k.type() == STAR) {
                    throw syntax(k, "generator methods are not supported in object literals");
                }
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
                    value = identifier(k); // shorthand {a}
                } else if (k.type() == IDENT && at(ASSIGN) && "=".equals(src.substring(cur().start(), cur().end()))) {
                    Node target = identifier(k); // {a = 1}: valid only as a destructuring pattern
                    p++;
                    value = new Node.Assign(simpleTarget(target, k), null, parseAssignment());
                    if (covers == null) {
                        covers = new ArrayList<>();
                    }
                    covers.add(value);
                } else if (at(LPAREN)) {
                    value = functionRest(key, false, k); // method shorthand {f() {...}}
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
        noIn = outerNoIn;
        return new Node.ObjectLiteral(List.copyOf(props));
    }

    // ---- functions

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
        if (scope != null) {
            scope.markClosure();
        }
        pushScope(ParseScope.function(scope));
        FunctionContext outerFn = fn;
        fn = new FunctionContext(true);
        boolean outerNoIn = noIn;
        noIn = false;
        List<Pattern> params = new ArrayList<>();
        Pattern rest = null;
        boolean simple = true;
        if (at(IDENT)) {
            Token name = cur();
            p++;
            params.add(new Pattern.Target(declare(name, bindingName(name), Stmt.DeclKind.VAR)));
        } else {
            ParamList list = parameters();
            params = list.params;
            rest = list.rest;
            simple = list.simple;
        }
        if (newlineBefore()) {
            throw syntax(cur(), "Unexpected line break before '=>'");
        }
        expect(ARROW);
        int base = depth;
        int outerMax = maxDepth;
        maxDepth = depth;
        Object body = at(LBRACE) ? functionBody() : parseAssignment();
        int units = maxDepth - base + 2;
        maxDepth = Math.max(outerMax, maxDepth);
        noIn = outerNoIn;
        fn = outerFn;
        Node.Function f = new Node.Function(null, true, List.copyOf(params), rest, body, simple);
        BlockScope shape = popScope();
        f.frame = shape.size;
        f.stackUnits = units;
        return f;
    }

    /** {@code function [name](params) { body }} as an expression. */
    private Node parseFunction(boolean declaration) {
        Token fnToken = cur();
        p++;
        if (at(STAR)) {
            throw syntax(cur(), "generator functions are not supported in expressions");
        }
        String name = null;
        if (at(IDENT) && !at(LPAREN)) {
            name = bindingName(cur());
            p++;
        } else if (declaration) {
            throw unexpected(cur());
        }
        return functionRest(name, !declaration && name != null, fnToken);
    }

    /** From the parameter list on: a function expression, declaration or method. */
    private Node.Function functionRest(String name, boolean bindsOwnName, Token at) {
        if (scope != null) {
            scope.markClosure();
        }
        pushScope(ParseScope.function(scope));
        FunctionContext outerFn = fn;
        fn = new FunctionContext(true);
        boolean outerNoIn = noIn;
        noIn = false;
        ParamList list = parameters();
        int base = depth;
        int outerMax = maxDepth;
        maxDepth = depth;
        Stmt.Block body = functionBody();
        int units = maxDepth - base + 2;
        maxDepth = Math.max(outerMax, maxDepth);
        noIn = outerNoIn;
        fn = outerFn;
        Node.Function f = new Node.Function(name, false, List.copyOf(list.params), list.rest, body, list.simple);
        Node.Ref self = null;
        if (bindsOwnName && scope.declared(name) == null) {
            self = declare(at, name, Stmt.DeclKind.CONST);
        }
        BlockScope shape = popScope();
        f.frame = shape.size;
        f.stackUnits = units;
        if (self != null) {
            f.selfSlot = self.binding.slot;
        }
        return f;
    }

    private record ParamList(List<Pattern> params, Pattern rest, boolean simple) {}

    private ParamList parameters() {
        expect(LPAREN);
        List<Pattern> params = new ArrayList<>();
        Pattern rest = null;
        boolean simple = true;
        while (!at(RPAREN)) {
            if (at(ELLIPSIS)) {
                p++;
                rest = bindingPattern(Stmt.DeclKind.VAR);
                simple = false;
                if (!at(RPAREN)) {
                    throw syntax(cur(), "a rest parameter must be last");
                }
                break;
            }
            Pattern param = bindingElement(Stmt.DeclKind.VAR); // var: the body may redeclare it with var
            simple &= param instanceof Pattern.Target;
            params.add(param);
            if (!at(RPAREN)) {
                expect(COMMA);
            }
        }
        expect(RPAREN);
        return new ParamList(params, rest, simple);
    }

    private Stmt.Block functionBody() {
        expect(LBRACE);
        List<Stmt.FunctionDecl> functions = new ArrayList<>();
        List<Stmt> body = statementsUntilBrace(functions);
        expect(RBRACE);
        // the function scope is the body's scope: no block environment of its own
        return new Stmt.Block(List.copyOf(body), BlockScope.NONE, List.copyOf(functions));
    }

    // ---- binding patterns (declarations and parameters)

    /** A binding pattern with an optional default ({@code x = 1}, {@code {a} = {}}). */
    private Pattern bindingElement(Stmt.DeclKind kind) {
        Pattern target = bindingPattern(kind);
        if (at(ASSIGN) && "=".equals(src.substring(cur().start(), cur().end()))) {
            p++;
            return new Pattern.WithDefault(target, parseAssignment());
        }
        return target;
    }

    private Pattern bindingPattern(Stmt.DeclKind kind) {
        Token t = cur();
        enter();
        try {
            if (t.type() == LBRACKET) {
                p++;
                List<Pattern> elements = new ArrayList<>();
                Pattern rest = null;
                while (!at(RBRACKET)) {
                    if (at(COMMA)) {
                        p++;
                        elements.add(null);
                        continue;
                    }
                    if (at(ELLIPSIS)) {
                        p++;
                        rest = bindingPattern(kind);
                        if (!at(RBRACKET)) {
                            throw syntax(cur(), "Rest element must be last element");
                        }
                        break;
                    }
                    elements.add(bindingElement(kind));
                    if (!at(RBRACKET)) {
                        expect(COMMA);
                    }
                }
                p++;
                return new Pattern.ArrayPattern(nullable(elements), rest);
            }
            if (t.type() == LBRACE) {
                p++;
                List<Pattern.Prop> props = new ArrayList<>();
                Pattern rest = null;
                while (!at(RBRACE)) {
                    if (at(ELLIPSIS)) {
                        p++;
                        Token name = cur();
                        p++;
                        rest = new Pattern.Target(declare(name, bindingName(name), kind));
                        if (!at(RBRACE)) {
                            throw syntax(cur(), "Rest element must be last element");
                        }
                        break;
                    }
                    Token k = cur();
                    String key = null;
                    Node computed = null;
                    switch (k.type()) {
                        case IDENT, STRING -> key = k.text();
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
                    Pattern value;
                    if (at(COLON)) {
                        p++;
                        value = bindingElement(kind);
                    } else {
                        if (k.type() != IDENT) {
                            throw unexpected(cur());
                        }
                        value = new Pattern.Target(declare(k, bindingName(k), kind));
                        if (at(ASSIGN) && "=".equals(src.substring(cur().start(), cur().end()))) {
                            p++;
                            value = new Pattern.WithDefault(value, parseAssignment());
                        }
                    }
                    props.add(new Pattern.Prop(key, computed, value));
                    if (!at(RBRACE)) {
                        expect(COMMA);
                    }
                }
                p++;
                return new Pattern.ObjectPattern(List.copyOf(props), rest);
            }
            p++;
            return new Pattern.Target(declare(t, bindingName(t), kind));
        } finally {
            leave();
        }
    }

    /** A name that can be declared: not a keyword, literal or sandboxed word. */
    private String bindingName(Token t) {
        if (t.type() != IDENT) {
            throw unexpected(t);
        }
        String name = t.text();
        switch (name) {
            case "true", "false", "null", "undefined", "NaN", "Infinity" -> throw unexpected(t);
            case "eval", "arguments" -> throw sandbox(t, "'" + name + "' is not available in expressions");
            default -> {}
        }
        if (Sandbox.isReservedWord(name)) {
            throw syntax(t, "Unexpected token '" + name + "': a reserved word cannot be a variable name");
        }
        return name;
    }

    // ---- statements

    private List<Stmt> statementsUntilBrace(List<Stmt.FunctionDecl> functions) {
        List<Stmt> body = new ArrayList<>();
        while (!at(RBRACE)) {
            if (at(END)) {
                throw syntax(cur(), "Unexpected end of expression: missing '}'");
            }
            Stmt s = statement(functions);
            if (!(s instanceof Stmt.Empty)) {
                body.add(s);
            }
        }
        return body;
    }

    private Stmt statement(List<Stmt.FunctionDecl> functions) {
        enter();
        try {
            Stmt s = statementInner(functions);
            checkCovers();
            return s;
        } finally {
            leave();
        }
    }

    private Stmt statementInner(List<Stmt.FunctionDecl> functions) {
        Token t = cur();
        switch (t.type()) {
            case SEMICOLON -> {
                p++;
                return new Stmt.Empty();
            }
            case LBRACE -> {
                return block();
            }
            case IDENT -> {
                if (peek(1).type() == COLON && !Sandbox.isReservedWord(t.text())) {
                    return labeled();
                }
                switch (t.text()) {
                    case "var", "const" -> {
                        Stmt s = declaration();
                        semicolon();
                        return s;
                    }
                    case "let" -> {
                        if (peek(1).type() == IDENT || peek(1).type() == LBRACKET || peek(1).type() == LBRACE) {
                            Stmt s = declaration();
                            semicolon();
                            return s;
                        }
                    }
                    case "function" -> {
                        Node.Function f = (Node.Function) parseFunction(true);
                        Node.Ref target = declare(t, f.name, Stmt.DeclKind.LET);
                        functions.add(new Stmt.FunctionDecl(target, f));
                        return new Stmt.Empty();
                    }
                    case "if" -> {
                        return ifStatement();
                    }
                    case "for" -> {
                        return forStatement(List.of());
                    }
                    case "while" -> {
                        return whileStatement(List.of());
                    }
                    case "do" -> {
                        return doWhile(List.of());
                    }
                    case "return" -> {
                        p++;
                        if (!fn.inFunction) {
                            throw syntax(t, "Illegal return statement");
                        }
                        Node value =
                                at(SEMICOLON) || at(RBRACE) || at(END) || newlineBefore() ? null : parseExpression();
                        semicolon();
                        return new Stmt.Return(value);
                    }
                    case "throw" -> {
                        p++;
                        if (newlineBefore()) {
                            throw syntax(t, "Illegal newline after throw");
                        }
                        Node value = parseExpression();
                        semicolon();
                        return new Stmt.Throw(value);
                    }
                    case "break", "continue" -> {
                        return jump(t);
                    }
                    case "try" -> {
                        return tryStatement();
                    }
                    case "switch" -> {
                        return switchStatement();
                    }
                    case "class" -> throw syntax(t, "classes are not supported in expressions");
                    case "with" -> throw syntax(t, "'with' is not allowed in expressions");
                    case "debugger" -> {
                        p++;
                        semicolon();
                        return new Stmt.Empty();
                    }
                    case "import", "export" -> throw sandbox(t, t.text() + " is not allowed in expressions");
                    default -> {}
                }
            }
            default -> {}
        }
        Node e = parseExpression();
        semicolon();
        return new Stmt.Expression(e);
    }

    private Stmt.Block block() {
        expect(LBRACE);
        pushScope(scope.block());
        List<Stmt.FunctionDecl> functions = new ArrayList<>();
        List<Stmt> body = statementsUntilBrace(functions);
        expect(RBRACE);
        BlockScope shape = popScope();
        return new Stmt.Block(List.copyOf(body), shape, List.copyOf(functions));
    }

    private Stmt.Declaration declaration() {
        Token kw = cur();
        Stmt.DeclKind kind = switch (kw.text()) {
            case "var" -> Stmt.DeclKind.VAR;
            case "let" -> Stmt.DeclKind.LET;
            default -> Stmt.DeclKind.CONST;
        };
        p++;
        List<Stmt.Declarator> declarators = new ArrayList<>();
        do {
            if (!declarators.isEmpty()) {
                p++; // the comma
            }
            Token at = cur();
            Pattern target = bindingPattern(kind);
            Node init = null;
            if (at(ASSIGN) && "=".equals(src.substring(cur().start(), cur().end()))) {
                p++;
                init = parseAssignment();
            } else if (kind == Stmt.DeclKind.CONST && !atIdent("of") && !atIdent("in")) {
                throw syntax(at, "Missing initializer in const declaration");
            } else if (!(target instanceof Pattern.Target) && !atIdent("of") && !atIdent("in")) {
                throw syntax(at, "Missing initializer in destructuring declaration");
            }
            declarators.add(new Stmt.Declarator(target, init));
        } while (at(COMMA));
        return new Stmt.Declaration(kind, List.copyOf(declarators));
    }

    private Stmt ifStatement() {
        p++;
        expect(LPAREN);
        Node test = parseExpression();
        expect(RPAREN);
        Stmt then = substatement();
        Stmt otherwise = null;
        if (atIdent("else")) {
            p++;
            otherwise = substatement();
        }
        return new Stmt.If(test, then, otherwise);
    }

    /** The body of if/else/loops: a function declaration there gets a block of its own. */
    private Stmt substatement() {
        if (atIdent("function") || (atIdent("let") && peek(1).type() == IDENT) || atIdent("const")) {
            Token t = cur();
            pushScope(scope.block());
            List<Stmt.FunctionDecl> functions = new ArrayList<>();
            Stmt s = statement(functions);
            BlockScope shape = popScope();
            if (t.isIdent("function")) {
                return new Stmt.Block(List.of(), shape, List.copyOf(functions));
            }
            return new Stmt.Block(List.of(s), shape, List.copyOf(functions));
        }
        return statement(new ArrayList<>());
    }

    private Stmt labeled() {
        Token label = cur();
        p += 2;
        List<String> labels = new ArrayList<>();
        labels.add(label.text());
        while (at(IDENT) && peek(1).type() == COLON && !Sandbox.isReservedWord(cur().text())) {
            labels.add(cur().text());
            p += 2;
        }
        for (String l : labels) {
            if (fn.labels.contains(l)) {
                throw syntax(label, "Label '" + l + "' has already been declared");
            }
            fn.labels.push(l);
        }
        try {
            if (atIdent("for")) {
                return forStatement(List.copyOf(labels));
            }
            if (atIdent("while")) {
                return whileStatement(List.copyOf(labels));
            }
            if (atIdent("do")) {
                return doWhile(List.copyOf(labels));
            }
            fn.breakables++;
            Stmt body = statement(new ArrayList<>());
            fn.breakables--;
            Stmt result = body;
            for (int i = labels.size() - 1; i >= 0; i--) {
                result = new Stmt.Labeled(labels.get(i), result);
            }
            return result;
        } finally {
            for (int i = 0; i < labels.size(); i++) {
                fn.labels.pop();
            }
        }
    }

    private Stmt jump(Token t) {
        p++;
        boolean isBreak = t.isIdent("break");
        String label = null;
        if (at(IDENT) && !newlineBefore() && !Sandbox.isReservedWord(cur().text())) {
            label = cur().text();
            if (!fn.labels.contains(label)) {
                throw syntax(cur(), "Undefined label '" + label + "'");
            }
            p++;
        } else if (isBreak ? fn.loops + fn.breakables == 0 : fn.loops == 0) {
            throw syntax(t, "Illegal " + t.text() + " statement");
        }
        semicolon();
        if (label == null) {
            return new Stmt.Jump(isBreak ? Stmt.Completion.BREAK : Stmt.Completion.CONTINUE);
        }
        return new Stmt.Jump(new Stmt.Completion(isBreak, label));
    }

    private Stmt loopBody() {
        fn.loops++;
        try {
            return substatement();
        } finally {
            fn.loops--;
        }
    }

    private Stmt whileStatement(List<String> labels) {
        p++;
        expect(LPAREN);
        Node test = parseExpression();
        expect(RPAREN);
        return new Stmt.While(test, loopBody(), labels);
    }

    private Stmt doWhile(List<String> labels) {
        p++;
        Stmt body = loopBody();
        if (!atIdent("while")) {
            throw unexpected(cur());
        }
        p++;
        expect(LPAREN);
        Node test = parseExpression();
        expect(RPAREN);
        if (at(SEMICOLON)) {
            p++;
        }
        return new Stmt.DoWhile(body, test, labels);
    }

    private Stmt forStatement(List<String> labels) {
        p++;
        if (atIdent("await")) {
            throw syntax(cur(), "'for await' is not supported in expressions: there is nothing to await");
        }
        expect(LPAREN);
        pushScope(scope.block());
        Stmt init = null;
        boolean outerNoIn = noIn;
        noIn = true;
        if (at(SEMICOLON)) {
            // no init
        } else if (atIdent("var")
                || atIdent("const")
                || (atIdent("let")
                        && (peek(1).type() == IDENT || peek(1).type() == LBRACKET || peek(1).type() == LBRACE))) {
            Stmt.Declaration d = declaration();
            noIn = outerNoIn;
            if ((atIdent("of") || atIdent("in"))
                    && d.declarators().size() == 1
                    && d.declarators().getFirst().init() == null) {
                return forEach(d.kind(), d.declarators().getFirst().target(), labels);
            }
            init = d;
        } else {
            Token at = cur();
            Node e = parseExpression();
            noIn = outerNoIn;
            if (atIdent("of") || atIdent("in")) {
                return forEach(null, toPattern(e, at), labels);
            }
            init = new Stmt.Expression(e);
        }
        noIn = outerNoIn;
        expect(SEMICOLON);
        Node test = at(SEMICOLON) ? null : parseExpression();
        expect(SEMICOLON);
        Node update = at(RPAREN) ? null : parseExpression();
        expect(RPAREN);
        Stmt body = loopBody();
        BlockScope shape = popScope();
        return new Stmt.For(init, test, update, body, shape, labels);
    }

    private Stmt forEach(Stmt.DeclKind kind, Pattern target, List<String> labels) {
        boolean of = atIdent("of");
        p++;
        Node iterable = of ? parseAssignment() : parseExpression();
        expect(RPAREN);
        Stmt body = loopBody();
        BlockScope shape = popScope();
        return new Stmt.ForEach(of, kind, target, iterable, body, shape, labels);
    }

    private Stmt tryStatement() {
        Token t = cur();
        p++;
        Stmt.Block block = block();
        Pattern param = null;
        BlockScope catchScope = BlockScope.NONE;
        Stmt.Block handler = null;
        Stmt.Block finalizer = null;
        if (atIdent("catch")) {
            p++;
            pushScope(scope.block());
            if (at(LPAREN)) {
                p++;
                param = bindingPattern(Stmt.DeclKind.LET);
                expect(RPAREN);
            }
            handler = block();
            catchScope = popScope();
        }
        if (atIdent("finally")) {
            p++;
            finalizer = block();
        }
        if (handler == null && finalizer == null) {
            throw syntax(t, "Missing catch or finally after try");
        }
        return new Stmt.Try(block, param, catchScope, handler, finalizer);
    }

    private Stmt switchStatement() {
        p++;
        expect(LPAREN);
        Node discriminant = parseExpression();
        expect(RPAREN);
        expect(LBRACE);
        pushScope(scope.block());
        fn.breakables++;
        List<Stmt.Case> cases = new ArrayList<>();
        List<Stmt.FunctionDecl> functions = new ArrayList<>();
        boolean sawDefault = false;
        while (!at(RBRACE)) {
            Token t = cur();
            Node test = null;
            if (t.isIdent("case")) {
                p++;
                test = parseExpression();
            } else if (t.isIdent("default")) {
                if (sawDefault) {
                    throw syntax(t, "More than one default clause in switch statement");
                }
                sawDefault = true;
                p++;
            } else {
                throw unexpected(t);
            }
            expect(COLON);
            List<Stmt> body = new ArrayList<>();
            while (!at(RBRACE) && !atIdent("case") && !atIdent("default")) {
                if (at(END)) {
                    throw syntax(cur(), "Unexpected end of expression: missing '}'");
                }
                Stmt s = statement(functions);
                if (!(s instanceof Stmt.Empty)) {
                    body.add(s);
                }
            }
            cases.add(new Stmt.Case(test, List.copyOf(body)));
        }
        p++;
        fn.breakables--;
        BlockScope shape = popScope();
        return new Stmt.Switch(discriminant, List.copyOf(cases), shape, List.copyOf(functions));
    }
}
