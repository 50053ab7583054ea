package io.hearth.expression;

import java.util.List;

/** The left side of a declaration, assignment, parameter or for-of: a target or a destructuring. */
sealed interface Pattern {

    /** A variable ({@link Node.Ref}), or in assignments also a member or index expression. */
    record Target(Node target) implements Pattern {}

    /** {@code {a, b: c, [k]: d, ...rest}}; {@code rest} may be null. */
    record ObjectPattern(List<Prop> properties, Pattern rest) implements Pattern {}

    /** One property of an object pattern: a key or a computed key, and the pattern it binds. */
    record Prop(String key, Node computedKey, Pattern value) {}

    /** {@code [a, , b, ...rest]}: null elements are holes; {@code rest} may be null. */
    record ArrayPattern(List<Pattern> elements, Pattern rest) implements Pattern {}

    /** {@code target = init}: init is evaluated when the value is undefined. */
    record WithDefault(Pattern target, Node init) implements Pattern {}
}
