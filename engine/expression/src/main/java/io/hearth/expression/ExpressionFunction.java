package io.hearth.expression;

import java.util.List;

/** A host function callable from expressions ({@code $('Node')}, {@code $input.all()}...). */
@FunctionalInterface
public interface ExpressionFunction {

    /**
     * Calls the function. {@code args} is read-only and holds expression values; missing arguments
     * are simply absent (JavaScript {@code undefined}).
     */
    Object call(List<Object> args);
}
