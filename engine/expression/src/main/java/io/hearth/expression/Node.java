package io.hearth.expression;

import java.util.List;

/** The immutable AST of one {@code {{ }}} expression. */
sealed interface Node {

    record Literal(Object value) implements Node {}

    /** A template literal: {@code quasis.size() == expressions.size() + 1}. */
    record TemplateLiteral(List<String> quasis, List<Node> expressions) implements Node {}

    /** Elements may be {@link Spread}. */
    record ArrayLiteral(List<Node> elements) implements Node {}

    record ObjectLiteral(List<Property> properties) implements Node {}

    /** {@code key: value}, {@code [computedKey]: value} or {@code ...value} (spread). */
    record Property(String key, Node computedKey, Node value, boolean spread) {}

    record RegexLiteral(JsRegExp regex) implements Node {}

    /** A root identifier: looked up in the Scope, then in the built-in globals. */
    record Global(String name) implements Node {}

    /** An arrow-function parameter, {@code depth} environments up. */
    record Local(int depth, int index, String name) implements Node {}

    record Member(Node object, String name, boolean optional) implements Node {}

    record Index(Node object, Node key, boolean optional) implements Node {}

    /** {@code calleeText} is the callee's source, for "x.y is not a function". Args may be {@link Spread}. */
    record Call(Node callee, List<Node> args, boolean optional, String calleeText) implements Node {}

    /** Bounds an optional chain: a short-circuit inside becomes {@code undefined} here. */
    record OptionalChain(Node expression) implements Node {}

    record NewDate(List<Node> args) implements Node {}

    record Unary(UnaryOp op, Node operand) implements Node {}

    record Binary(BinaryOp op, Node left, Node right) implements Node {}

    record Logical(LogicalOp op, Node left, Node right) implements Node {}

    record Conditional(Node test, Node then, Node otherwise) implements Node {}

    record Sequence(List<Node> expressions) implements Node {}

    /**
     * An arrow function. {@code stackUnits} approximates the AST depth of the body, charged per call
     * so deep recursion fails with a limit error before the JVM stack runs out.
     */
    record Arrow(List<Param> params, int slotCount, Node body, int stackUnits) implements Node {}

    /**
     * A parameter bound to {@code slot}, or a destructuring pattern binding {@code keys} (object) or
     * positions (array) to {@code slots} (-1 for an array hole), or a rest parameter.
     */
    record Param(int slot, List<String> keys, List<Integer> slots, boolean array, boolean rest) {}

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
}
