package io.hearth.testkit;

import io.hearth.expression.ExpressionEngine;
import io.hearth.expression.ExpressionException;
import io.hearth.node.NodeType;
import io.hearth.runtime.registry.NodeRegistry;
import io.hearth.runtime.registry.ParameterMigrations;
import io.hearth.uischema.ParameterValidator;
import io.hearth.uischema.Violation;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The parameter issues the server reports for a saved workflow (and refuses to run or activate with):
 * each node's parameters brought to the current form by its version migrations and checked by
 * ui-schema's {@link ParameterValidator}, expressions compiled, as the server's WorkflowValidator does.
 */
final class SavedWorkflowIssues {

    private static final ExpressionEngine EXPRESSIONS = new ExpressionEngine();
    private static final ParameterValidator VALIDATOR = new ParameterValidator(text -> {
        try {
            EXPRESSIONS.compile(text);
            return Optional.empty();
        } catch (ExpressionException e) {
            return Optional.of(e.getMessage());
        }
    });

    private SavedWorkflowIssues() {}

    /** "Node → Options → foo: not supported by Hearth (an option Hearth does not know)", one per issue; nodes of unknown types skipped. */
    static List<String> of(NodeRegistry registry, Map<?, ?> workflow) {
        List<String> issues = new ArrayList<>();
        if (!(workflow.get("nodes") instanceof List<?> nodes)) {
            return issues;
        }
        for (Object n : nodes) {
            if (!(n instanceof Map<?, ?> node)
                    || !(node.get("type") instanceof String typeName)
                    || Boolean.TRUE.equals(node.get("disabled"))) {
                continue;
            }
            Optional<NodeType> type = registry.find(typeName);
            if (type.isEmpty()) {
                continue;
            }
            double version = node.get("typeVersion") instanceof Number v ? v.doubleValue() : 1;
            @SuppressWarnings("unchecked")
            Map<String, Object> parameters =
                    node.get("parameters") instanceof Map<?, ?> p ? (Map<String, Object>) p : Map.of();
            Map<String, Object> current = ParameterMigrations.toCurrent(type.get(), version, parameters);
            double form = ParameterMigrations.formVersion(type.get(), version);
            for (Violation v : VALIDATOR.validate(type.get().description(), current, form)) {
                issues.add(node.get("name") + " \u2192 " + v.sentence() + "  [" + v.path() + "]");
            }
        }
        return issues;
    }
}
