package io.hearth.runtime.nodes;

import io.hearth.node.ActionNode;
import io.hearth.node.ItemLoop;
import io.hearth.node.NodeExecutionContext;
import io.hearth.node.NodeOutput;
import io.hearth.node.ParameterValues;
import io.hearth.node.description.FieldGroup;
import io.hearth.node.description.NodeDescription;
import io.hearth.node.description.NodeGroup;
import io.hearth.node.description.Option;
import io.hearth.node.description.Parameter;
import io.hearth.node.description.Port;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;

/**
 * Routes each item to "true" or "false" by its conditions. Reads n8n If v2 filters, If v1's
 * typed condition lists ({@code conditions.number[{value1, operation, value2}]}) and Hearth's form.
 */
public final class IfNode implements ActionNode {

    private static final NodeDescription DESCRIPTION = NodeDescription.builder("hearth.if")
            .alias("n8n-nodes-base.if")
            .displayName("If")
            .versions(1, 2, 2.1, 2.2)
            .group(NodeGroup.TRANSFORM)
            .categories("Flow")
            .icon("fa:map-signs")
            .description("Routes items to different branches (true/false)")
            .outputs(new Port("true"), new Port("false"))
            .parameter(Parameter.fixedCollection(
                            "conditions",
                            true,
                            "Add Condition",
                            new FieldGroup("conditions", "Conditions", ConditionFields.fields()))
                    .displayName("Conditions"))
            .parameter(Parameter.options(
                            "combinator",
                            Option.of("AND", "and", "All conditions must be true"),
                            Option.of("OR", "or", "Any condition must be true"))
                    .displayName("Combine")
                    .defaultValue("and"))
            .parameter(Parameter.collection(
                            "options",
                            "Add Option",
                            Parameter.bool("caseSensitive")
                                    .displayName("Case Sensitive")
                                    .defaultValue(true)
                                    .build())
                    .displayName("Options"))
            .build();

    @Override
    public NodeDescription description() {
        return DESCRIPTION;
    }

    @Override
    public CompletionStage<NodeOutput> execute(NodeExecutionContext context) {
        boolean v1 = context.node().typeVersion() < 2;
        return ItemLoop.route(context, 2, in -> {
            ParameterValues p = in.parameters();
            boolean pass = v1
                    ? evaluateV1(p)
                    : Conditions.evaluate(
                            p.get("conditions").orElse(null),
                            p.string("combinator").isBlank() ? "and" : p.string("combinator"),
                            !p.get("options.caseSensitive").isPresent() || p.bool("options.caseSensitive"),
                            "conditions.conditions");
            return List.of(pass ? 0 : 1);
        });
    }

    // If v1: {boolean|number|string|dateTime: [{value1, operation, value2}]}, combineOperation all|any.
    private static boolean evaluateV1(ParameterValues p) {
        Map<String, Object> groups = p.map("conditions");
        boolean any = "any".equals(p.string("combineOperation"));
        boolean sawOne = false;
        for (Map.Entry<String, Object> g : groups.entrySet()) {
            if (!(g.getValue() instanceof List<?> list)) {
                continue;
            }
            for (int i = 0; i < list.size(); i++) {
                if (!(list.get(i) instanceof Map<?, ?> c)) {
                    continue;
                }
                sawOne = true;
                String type = g.getKey();
                String op =
                        v1Operation(type, String.valueOf(c.get("operation") == null ? "equal" : c.get("operation")));
                boolean ok = Conditions.compare(
                        type, op, c.get("value1"), c.get("value2"), true, "conditions." + type + "[" + i + "]");
                if (any && ok) {
                    return true;
                }
                if (!any && !ok) {
                    return false;
                }
            }
        }
        return !any || !sawOne;
    }

    private static String v1Operation(String type, String op) {
        return switch (op) {
            case "equal" -> "equals";
            case "notEqual" -> "notEquals";
            case "smaller" -> "lt";
            case "smallerEqual" -> "lte";
            case "larger" -> "gt";
            case "largerEqual" -> "gte";
            case "isEmpty" -> "empty";
            case "isNotEmpty" -> "notEmpty";
            default -> op;
        };
    }
}
