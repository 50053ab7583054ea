package io.hearth.uischema;

import io.hearth.node.description.NodeDescription;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * Checks a node's saved {@code parameters} against its description, as the server does before
 * storing a workflow. Stateless and thread-safe.
 * <p>
 * Only parameters shown for the given values and type version are checked. An absent parameter
 * takes its default; a visible required parameter whose value is null, blank or empty is reported.
 * Expressions ({@code "=..."}) skip type checks, except where the parameter forbids them.
 * Top-level parameters the description does not declare are ignored: n8n workflows carry parameters
 * of other type versions, which version migrations read. In a collection ("Options"), a key no field
 * declares is refused as not supported by Hearth, and a field marked unsupported is refused when set
 * other than its default: never ignored at run time. Fixed-collection entries may hold keys they do
 * not declare (n8n adds its own, such as an assignment's {@code id} or a filter's {@code combinator}).
 */
public final class ParameterValidator {

    private final java.util.function.Function<String, java.util.Optional<String>> expressionProblem;

    /** Expressions are not looked into. */
    public ParameterValidator() {
        this(text -> java.util.Optional.empty());
    }

    /**
     * @param expressionProblem the syntax problem of an expression's text (without its '='), if any: the
     *                          expression engine's compiler, so a bad expression is an issue before it runs
     */
    public ParameterValidator(java.util.function.Function<String, java.util.Optional<String>> expressionProblem) {
        this.expressionProblem = expressionProblem;
    }

    /** Violations with paths like {@code parameters.rules.values[1].value}; empty when the parameters are valid. */
    public List<Violation> validate(NodeDescription d, Map<String, Object> parameters, double typeVersion) {
        FieldChecker checker = FieldChecker.forParameters(expressionProblem);
        checker.checkLevel(Scope.root(parameters, d.parameters(), OptionalDouble.of(typeVersion)), "parameters", false);
        return checker.violations();
    }
}
