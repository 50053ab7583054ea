package io.hearth.expression;

/** A compiled template; immutable and safe to evaluate from many threads at once. */
public interface Template {

    /**
     * Evaluates the template against {@code scope}. A single expression ({@code ={{ x }}}) yields
     * its value converted to plain JSON-like Java values, or {@link Undefined#INSTANCE}; any other
     * template yields a String.
     *
     * @throws ExpressionException on any runtime error, sandbox violation or exceeded limit
     */
    Object evaluate(Scope scope);

    /** The template text, without the parameter's leading '='. */
    String source();

    /** True when the template is exactly one {@code {{ }}} with no text (not even blanks) around it. */
    boolean isSingleExpression();
}
