package io.hearth.expression;

import java.util.List;

/**
 * The AST of one {@code {{ }}} expression. Immutable once the parser returns it: the few mutable
 * fields ({@link Ref}'s resolution, {@link Function}'s frame size) are written while parsing only.
 */
sealed interface Node {

    record Literal(Object value) implements Node {}

    /** A template literal: {@code quasis.size() == expressions.size() + 1}. */
    record TemplateLiteral(List<String> quasis, List<Node> expressions) implements Node {}

    /** Elements may be {@link Spread}. */
    record ArrayLiteral(List<Node> elements) implements Node {}

    record ObjectLiteral(List<Property> properties) implements Node {}

    /** {@code key: value}, {@code [computedKey]: value} or {@code ...value} (spread). */
    record Property(String key, Node computedKey, Node value, boolean spread) {}

    /** Evaluates to a fresh RegExp object each time (its {@code lastIndex} is per object). */
    record RegexLiteral(JsRegExp regex) implements Node {}

    /**
     * An identifier used as a value or assignment target. The parser resolves it once its scope is
     * closed: a variable {@code depth} environments up at {@code slot}, or a global ({@code slot < 0}):
     * the evaluation's own globals, then the Scope, then the built-ins.
     */
    final class Ref implements Node {
        final String name;
        int depth;
        int slot = -1;
        /** A const binding (assignment fails at run time, as in JavaScript). */
        boolean constant;
        /** Parse-time only: the scope the reference appears in and the binding it resolved to. */
        ParseScope scope;

        ParseScope.Binding binding;

        Ref(String name, ParseScope scope) {
            this.name = name;
            this.scope = scope;
        }

        boolean isGlobal() {
            return slot < 0;
        }

        @Override
        public String toString() {
            return name;
        }
    }

    record Member(Node object, String name, boolean optional) implements Node {}

    record Index(Node object, Node key, boolean optional) implements Node {}

    /** {@code calleeText} is the callee's source, for "x.y is not a function". Args may be {@link Spread}. */
    record Call(Node callee, List<Node> args, boolean optional, String calleeText) implements Node {}

    /** Bounds an optional chain: a short-circuit inside becomes {@code undefined} here. */
    record OptionalChain(Node expression) implements Node {}

    /** {@code new X(...)}: only the standard built-ins construct. */
    record New(Node callee, List<Node> args, String calleeText) implements Node {}

    record Unary(UnaryOp op, Node operand) implements Node {}

    record Binary(BinaryOp op, Node left, Node right) implements Node {}

    record Logical(LogicalOp op, Node left, Node right) implements Node {}

    record Conditional(Node test, Node then, Node otherwise) implements Node {}

    record Sequence(List<Node> expressions) implements Node {}

    /** {@code target = value} and the compound forms; {@code op} is null for plain {@code =}. */
    record Assign(Pattern target, AssignOp op, Node value) implements Node {}

    /** {@code ++x}, {@code x--}... on a variable, member or index. */
    record Update(Node target, boolean increment, boolean prefix) implements Node {}

    /** {@code delete obj.key}. */
    record Delete(Node target) implements Node {}

    /**
     * A function: arrow, function expression or declaration. {@code frame} is the size of its
     * environment (parameters and the variables declared in its body); {@code stackUnits}
     * approximates the AST depth of the body, charged per call so deep recursion fails with a limit
     * error before the JVM stack runs out. {@code simpleParams} means every parameter is a plain
     * name in slot order (the fast path).
     */
    final class Function implements Node {
        final String name;
        final boolean arrow;
        final List<Pattern> params;
        /** The rest parameter, or null. */
        final Pattern rest;
        /** The body of a concise arrow ({@code x => x * 2}), or null. */
        final Node expressionBody;
        /** The body in braces, or null. */
        final Stmt.Block blockBody;

        final boolean simpleParams;
        /** Slot of the function's own name inside it (a named function expression), or -1. */
        int selfSlot = -1;

        int frame;
        int stackUnits;

        Function(String name, boolean arrow, List<Pattern> params, Pattern rest, Object body, boolean simpleParams) {
            this.name = name;
            this.arrow = arrow;
            this.params = params;
            this.rest = rest;
            this.expressionBody = body instanceof Node n ? n : null;
            this.blockBody = body instanceof Stmt.Block b ? b : null;
            this.simpleParams = simpleParams;
        }
    }

    record Spread(Node argument) implements Node {}

    enum UnaryOp {
        NOT,
        NEGATE,
        PLUS,
        BITWISE_NOT,
        TYPEOF,
        VOID
    }

    enum BinaryOp {
        ADD,
        SUBTRACT,
        MULTIPLY,
        DIVIDE,
        REMAINDER,
        EXPONENT,
        LESS,
        GREATER,
        LESS_EQUAL,
        GREATER_EQUAL,
        IN,
        INSTANCEOF,
        EQUAL,
        NOT_EQUAL,
        STRICT_EQUAL,
        STRICT_NOT_EQUAL,
        BIT_AND,
        BIT_OR,
        BIT_XOR,
        SHIFT_LEFT,
        SHIFT_RIGHT,
        UNSIGNED_SHIFT_RIGHT
    }

    enum LogicalOp {
        AND,
        OR,
        NULLISH
    }

    /** Compound assignment: an arithmetic operator, or a logical one that assigns only when needed. */
    record AssignOp(BinaryOp binary, LogicalOp logical) {}
}
