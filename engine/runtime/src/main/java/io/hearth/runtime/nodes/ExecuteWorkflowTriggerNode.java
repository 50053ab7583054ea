package io.hearth.runtime.nodes;

import io.hearth.common.Json;
import io.hearth.node.ActionNode;
import io.hearth.node.Item;
import io.hearth.node.NodeException;
import io.hearth.node.NodeExecutionContext;
import io.hearth.node.NodeOutput;
import io.hearth.node.ParameterValues;
import io.hearth.node.description.Condition;
import io.hearth.node.description.FieldGroup;
import io.hearth.node.description.NodeDescription;
import io.hearth.node.description.NodeGroup;
import io.hearth.node.description.Option;
import io.hearth.node.description.Parameter;
import io.hearth.node.description.TriggerRole;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * n8n's Execute Workflow Trigger ("When Executed by Another Workflow"): where a sub-workflow starts.
 * It outputs the items the calling Execute Workflow node sent — all of them ("Accept all data",
 * version 1), or only the fields of its input schema, missing ones as null (version 1.1, fields
 * defined below or inferred from a JSON example).
 */
public final class ExecuteWorkflowTriggerNode implements ActionNode {

    public static final String TYPE = "hearth.executeWorkflowTrigger";

    private static final Condition FROM_1_1 = new Condition(Condition.Operator.GTE, 1.1);

    private static final NodeDescription DESCRIPTION = NodeDescription.builder(TYPE)
            .alias("n8n-nodes-base.executeWorkflowTrigger")
            .displayName("When Executed by Another Workflow")
            .versions(1, 1.1)
            .group(NodeGroup.TRIGGER)
            .triggerRole(TriggerRole.SUB_WORKFLOW)
            .categories("Triggers", "Core Nodes")
            .keywords("Execute Workflow Trigger", "Sub-workflow", "Subworkflow", "Called by")
            .icon("fa:sign-in-alt")
            .description("Runs the workflow when another workflow's Execute Workflow node calls it")
            .parameter(Parameter.notice(
                            "notice",
                            "When an 'Execute Workflow' node calls this workflow, the execution starts here with the data it passed.")
                    .show("@version", new Condition(Condition.Operator.EQ, 1)))
            .parameter(Parameter.options(
                            "inputSource",
                            Option.of("Define using fields below", "workflowInputs", "Provide input fields via UI"),
                            Option.of(
                                    "Define using JSON example",
                                    "jsonExample",
                                    "Generate a schema from an example JSON object"),
                            Option.of(
                                    "Accept all data", "passthrough", "Use all incoming data from the parent workflow"))
                    .displayName("Input data mode")
                    .defaultValue("workflowInputs")
                    .noDataExpression()
                    .show("@version", FROM_1_1))
            .parameter(Parameter.json("jsonExample")
                    .displayName("JSON Example")
                    .defaultValue(
                            "{\n  \"aField\": \"a string\",\n  \"aNumber\": 123,\n  \"thisFieldAcceptsAnyType\": null,\n  \"anArray\": []\n}")
                    .noDataExpression()
                    .show("@version", FROM_1_1)
                    .show("inputSource", "jsonExample"))
            .parameter(Parameter.fixedCollection(
                            "workflowInputs",
                            true,
                            "Add field",
                            new FieldGroup(
                                    "values",
                                    "Values",
                                    Parameter.all(
                                            Parameter.string("name")
                                                    .displayName("Name")
                                                    .required()
                                                    .noDataExpression()
                                                    .placeholder("e.g. fieldName"),
                                            Parameter.options(
                                                            "type",
                                                            Option.of("Allow Any Type", "any"),
                                                            Option.of("String", "string"),
                                                            Option.of("Number", "number"),
                                                            Option.of("Boolean", "boolean"),
                                                            Option.of("Array", "array"),
                                                            Option.of("Object", "object"))
                                                    .displayName("Type")
                                                    .defaultValue("string")
                                                    .required()
                                                    .noDataExpression())))
                    .displayName("Workflow Input Schema")
                    .description("The input fields the workflow expects")
                    .show("@version", FROM_1_1)
                    .show("inputSource", "workflowInputs"))
            .build();

    @Override
    public NodeDescription description() {
        return DESCRIPTION;
    }

    @Override
    public CompletionStage<NodeOutput> execute(NodeExecutionContext context) {
        return CompletableFuture.completedFuture(
                NodeOutput.of(inputItems(context.parameters(), context.node().typeVersion(), context.items())));
    }

    /** The items the sub-workflow starts with, given the caller's items. */
    public static List<Item> inputItems(ParameterValues p, double version, List<Item> items) {
        String source = version < 1.1
                ? "passthrough"
                : p.string("inputSource").isEmpty() ? "workflowInputs" : p.string("inputSource");
        List<String> fields = switch (source) {
            case "passthrough" -> null;
            case "workflowInputs" -> {
                List<String> names = new ArrayList<>();
                for (Map<String, Object> v : p.group("workflowInputs", "values")) {
                    names.add(String.valueOf(v.getOrDefault("name", "")));
                }
                yield names;
            }
            case "jsonExample" -> exampleFields(p.get("jsonExample").orElse("{}"));
            default -> throw new NodeException("Input data mode '" + source + "' is not known");
        };
        if (fields == null) {
            return items;
        }
        List<Item> out = new ArrayList<>(items.size());
        for (int i = 0; i < items.size(); i++) {
            Map<String, Object> json = new LinkedHashMap<>();
            Map<String, Object> in = items.get(i).json();
            for (String f : fields) {
                json.put(f, in.get(f));
            }
            out.add(new Item(json, items.get(i).binary(), List.of(new Item.PairedItem(i, 0))));
        }
        return out;
    }

    private static List<String> exampleFields(Object example) {
        Object parsed = example instanceof String s ? Json.parse(s.isBlank() ? "{}" : s) : example;
        if (!(parsed instanceof Map<?, ?> m)) {
            throw new NodeException("The JSON example must be an object: its fields are the workflow's inputs");
        }
        List<String> names = new ArrayList<>();
        m.keySet().forEach(k -> names.add(String.valueOf(k)));
        return names;
    }
}
