package io.hearth.runtime.nodes;

import io.hearth.common.Json;
import io.hearth.node.ActionNode;
import io.hearth.node.Item;
import io.hearth.node.NodeException;
import io.hearth.node.NodeExecutionContext;
import io.hearth.node.NodeOutput;
import io.hearth.node.ParameterValues;
import io.hearth.node.SubWorkflows;
import io.hearth.node.description.Condition;
import io.hearth.node.description.LocatorMode;
import io.hearth.node.description.NodeDescription;
import io.hearth.node.description.NodeGroup;
import io.hearth.node.description.Option;
import io.hearth.node.description.Parameter;
import io.hearth.runtime.conditions.TypeConversion;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * n8n's Execute Workflow (Execute Sub-workflow): runs a saved workflow (by id) or one given as JSON,
 * once with all items or once per item, waiting for its result or not. The child execution is
 * recorded with a link to this one, and this node's run lists the child executions it started.
 * A workflow given as JSON runs without stored credentials; the parent's credentials are never
 * handed to a child. "Local File" and "URL" sources of versions 1 and 1.1 are refused.
 */
public final class ExecuteWorkflowNode implements ActionNode {

    private static final Condition UP_TO_1_1 = new Condition(Condition.Operator.LTE, 1.1);
    private static final Condition FROM_1_2 = new Condition(Condition.Operator.GTE, 1.2);

    private static final NodeDescription DESCRIPTION = NodeDescription.builder("hearth.executeWorkflow")
            .alias("n8n-nodes-base.executeWorkflow")
            .displayName("Execute Workflow")
            .versions(1, 1.1, 1.2, 1.3)
            .group(NodeGroup.TRANSFORM)
            .categories("Flow", "Core Nodes")
            .keywords("Execute Sub-workflow", "Sub-workflow", "Subworkflow", "Call workflow", "Workflow")
            .icon("fa:sign-in-alt")
            .subtitle("={{\"Workflow: \" + $parameter[\"workflowId\"]}}")
            .description("Execute another workflow")
            .parameter(Parameter.options(
                            "source",
                            Option.of("Database", "database", "Load the workflow from the database by ID"),
                            Option.of("Local File", "localFile", "Not supported by Hearth"),
                            Option.of("Parameter", "parameter", "Load the workflow from a parameter"),
                            Option.of("URL", "url", "Not supported by Hearth"))
                    .displayName("Source")
                    .defaultValue("database")
                    .description("Where to get the workflow to execute from")
                    .show("@version", UP_TO_1_1))
            .parameter(Parameter.options(
                            "source",
                            Option.of("Database", "database", "Load the workflow from the database by ID"),
                            Option.of("Define Below", "parameter", "Pass the JSON code of a workflow"))
                    .displayName("Source")
                    .defaultValue("database")
                    .description("Where to get the workflow to execute from")
                    .show("@version", FROM_1_2))
            .parameter(Parameter.string("workflowId")
                    .displayName("Workflow ID")
                    .required()
                    .hint("Can be found in the URL of the workflow")
                    .show("source", "database")
                    .show("@version", 1))
            .parameter(Parameter.resourceLocator("workflowId", LocatorMode.id("By ID", null, "e.g. 2Qc4jRqvT0mHzd3v"))
                    .displayName("Workflow")
                    .required()
                    .show("source", "database")
                    .show("@version", new Condition(Condition.Operator.GTE, 1.1)))
            .parameter(Parameter.json("workflowJson")
                    .displayName("Workflow JSON")
                    .rows(10)
                    .defaultValue("\n\n\n")
                    .required()
                    .description("The workflow JSON code to execute")
                    .show("source", "parameter"))
            .parameter(Parameter.json("workflowInputs")
                    .displayName("Workflow Inputs")
                    .description("Values for the sub-workflow's inputs ({\"value\": {field: value}})")
                    .defaultValue(Map.of("mappingMode", "defineBelow"))
                    .show("source", "database")
                    .show("@version", FROM_1_2))
            .parameter(Parameter.options(
                            "mode",
                            Option.of(
                                    "Run once with all items",
                                    "once",
                                    "Pass all items into a single execution of the sub-workflow"),
                            Option.of(
                                    "Run once for each item",
                                    "each",
                                    "Call the sub-workflow individually for each item"))
                    .displayName("Mode")
                    .defaultValue("once")
                    .noDataExpression())
            .parameter(Parameter.collection(
                            "options",
                            "Add option",
                            Parameter.bool("waitForSubWorkflow")
                                    .displayName("Wait For Sub-Workflow Completion")
                                    .defaultValue(true)
                                    .description(
                                            "Whether the main workflow should wait for the sub-workflow to complete its execution before proceeding")
                                    .build())
                    .displayName("Options"))
            .build();

    @Override
    public NodeDescription description() {
        return DESCRIPTION;
    }

    @Override
    public CompletionStage<NodeOutput> execute(NodeExecutionContext context) {
        List<Item> items = inputItems(context);
        if ("each".equals(context.parameters().string("mode"))) {
            return eachItem(context, items);
        }
        ParameterValues p = context.parameters();
        boolean wait = waits(p);
        SubWorkflows.Call call = new SubWorkflows.Call(source(p, context), items, wait);
        return context.subWorkflows().run(call).thenApply(result -> {
            if (!wait) {
                return NodeOutput.of(paired(items));
            }
            List<List<Item>> outputs = new ArrayList<>();
            for (List<Item> output : result.outputs()) {
                List<Item> out = new ArrayList<>(output.size());
                for (int i = 0; i < output.size(); i++) {
                    Item item = output.get(i);
                    // the child's items trace back inside the child: pair them with this node's input
                    out.add(
                            output.size() == items.size()
                                    ? item.pairedWith(i)
                                    : new Item(item.json(), item.binary(), allPaired(items.size())));
                }
                outputs.add(out);
            }
            return outputs.isEmpty() ? NodeOutput.of(List.of()) : new NodeOutput(outputs);
        });
    }

    private CompletionStage<NodeOutput> eachItem(NodeExecutionContext context, List<Item> items) {
        List<List<Item>> outputs = new ArrayList<>();
        outputs.add(new ArrayList<>());
        CompletableFuture<Void> chain = CompletableFuture.completedFuture(null);
        for (int i = 0; i < items.size(); i++) {
            final int index = i;
            chain = chain.thenCompose(v -> {
                ParameterValues p = context.parameters(index);
                boolean wait = waits(p);
                CompletionStage<SubWorkflows.Result> run;
                try {
                    run = context.subWorkflows()
                            .run(new SubWorkflows.Call(source(p, context), List.of(items.get(index)), wait));
                } catch (RuntimeException e) {
                    run = CompletableFuture.failedFuture(e);
                }
                return run.handle((result, failure) -> {
                    if (failure != null) {
                        Throwable cause = failure instanceof java.util.concurrent.CompletionException
                                        && failure.getCause() != null
                                ? failure.getCause()
                                : failure;
                        if (!context.continueOnFail()) {
                            throw new NodeException(
                                    "Error executing workflow with item at index " + index,
                                    String.valueOf(cause.getMessage()),
                                    cause);
                        }
                        outputs.getFirst()
                                .add(Item.of(Map.of("error", String.valueOf(cause.getMessage())))
                                        .pairedWith(index));
                        return null;
                    }
                    if (!wait) {
                        outputs.getFirst().add(items.get(index).pairedWith(index));
                        return null;
                    }
                    for (int o = 0; o < result.outputs().size(); o++) {
                        while (outputs.size() <= o) {
                            outputs.add(new ArrayList<>());
                        }
                        for (Item item : result.outputs().get(o)) {
                            outputs.get(o).add(item.pairedWith(index));
                        }
                    }
                    return null;
                });
            });
        }
        return chain.thenApply(v -> new NodeOutput(outputs));
    }

    private static boolean waits(ParameterValues p) {
        return p.get("options.waitForSubWorkflow").isEmpty() || p.bool("options.waitForSubWorkflow");
    }

    private static SubWorkflows.Source source(ParameterValues p, NodeExecutionContext context) {
        String source = p.string("source").isEmpty() ? "database" : p.string("source");
        return switch (source) {
            case "database" -> {
                Object id = p.get("workflowId").orElse("");
                String value = id instanceof Map<?, ?> locator
                        ? String.valueOf(locator.get("value") == null ? "" : locator.get("value"))
                        : String.valueOf(id);
                if (value.isBlank()) {
                    throw new NodeException(context.node().name() + " → Workflow: no workflow selected");
                }
                yield new SubWorkflows.Source.Stored(value.strip());
            }
            case "parameter" -> {
                Object json = p.get("workflowJson").orElse("");
                Object parsed;
                try {
                    parsed = json instanceof String s ? Json.parse(s) : json;
                } catch (RuntimeException e) {
                    throw new NodeException(
                            context.node().name() + " → Workflow JSON: not valid JSON (" + e.getMessage() + ")");
                }
                if (!(parsed instanceof Map<?, ?> m)) {
                    throw new NodeException(context.node().name()
                            + " → Workflow JSON: must be a workflow object with nodes and connections");
                }
                @SuppressWarnings("unchecked")
                Map<String, Object> workflow = (Map<String, Object>) m;
                yield new SubWorkflows.Source.Definition(workflow);
            }
            case "localFile", "url" ->
                throw new NodeException(
                        context.node().name() + " → Source: '" + (source.equals("url") ? "URL" : "Local File")
                                + "' is not supported by Hearth",
                        "Save the workflow in Hearth and choose it by ID, or paste its JSON with the 'Parameter' source",
                        null);
            default -> throw new NodeException(context.node().name() + " → Source: '" + source + "' is not known");
        };
    }

    /**
     * The items sent: each input item with the values of "Workflow Inputs" (version 1.2) merged in,
     * minus the inputs the user removed.
     */
    private static List<Item> inputItems(NodeExecutionContext context) {
        List<Item> items = context.items();
        List<Item> out = new ArrayList<>(items.size());
        for (int i = 0; i < items.size(); i++) {
            ParameterValues p = context.parameters(i);
            Map<String, Object> mapping = context.node().typeVersion() >= 1.2 ? p.map("workflowInputs") : Map.of();
            Map<String, Object> json = new LinkedHashMap<>(items.get(i).json());
            if (mapping.get("value") instanceof Map<?, ?> values) {
                for (Map.Entry<?, ?> e : values.entrySet()) {
                    String key = String.valueOf(e.getKey());
                    json.put(key, checkedInput(mapping, key, e.getValue(), i));
                }
            }
            if (mapping.get("schema") instanceof List<?> schema) {
                Set<String> removed = new java.util.HashSet<>();
                for (Object field : schema) {
                    if (field instanceof Map<?, ?> f && Boolean.TRUE.equals(f.get("removed"))) {
                        removed.add(String.valueOf(f.get("displayName")));
                    }
                }
                json.keySet().removeAll(removed);
            }
            out.add(new Item(json, items.get(i).binary(), List.of(new Item.PairedItem(i, 0))));
        }
        return out;
    }

    /**
     * A mapped input checked against the type the sub-workflow's trigger declares for it, as n8n
     * validates resource-mapper values (validate-value-against-schema.ts, with its type options on):
     * without "Attempt to Convert Types" a number must be a number, a boolean a boolean, an array an
     * array and an object an object; with it, {@code "5"} becomes 5, {@code "true"} true and JSON text
     * an array or object. Strings pass as they are unless "Convert Fields to String" is on.
     */
    static Object checkedInput(Map<String, Object> mapping, String key, Object value, int itemIndex) {
        String type = null;
        if (mapping.get("schema") instanceof List<?> schema) {
            for (Object field : schema) {
                if (field instanceof Map<?, ?> f && key.equals(String.valueOf(f.get("id")))) {
                    type = f.get("type") instanceof String t ? t : null;
                    break;
                }
            }
        }
        if (type == null || value == null) {
            return value;
        }
        boolean strict = !Boolean.TRUE.equals(mapping.get("attemptToConvertTypes"));
        boolean toText = Boolean.TRUE.equals(mapping.get("convertFieldsToString"));
        boolean valid = switch (type) {
            case "string" -> !toText || !strict || value instanceof String;
            case "number" -> !strict || value instanceof Number;
            case "boolean" -> !strict || value instanceof Boolean;
            case "array" -> !strict || value instanceof List<?>;
            case "object" -> !strict || value instanceof Map<?, ?> || value instanceof List<?>;
            default -> true;
        };
        boolean ofType = switch (type) {
            case "string" -> value instanceof String;
            case "number" -> value instanceof Number;
            case "boolean" -> value instanceof Boolean;
            case "array" -> value instanceof List<?>;
            case "object" -> value instanceof Map<?, ?>;
            default -> true;
        };
        Object converted = value;
        if (valid && !ofType && type.equals("string")) {
            converted = toText ? TypeConversion.toText(value) : value;
        } else if (valid && !ofType) {
            TypeConversion.Result r = TypeConversion.forField(value, type);
            valid = r.valid() && !(type.equals("object") && r.value() instanceof List<?>);
            converted = r.value() instanceof Double d && d == Math.rint(d) && Math.abs(d) < 1e15
                    ? (Object) d.longValue()
                    : r.value();
        }
        if (!valid) {
            throw new NodeException(
                    "Invalid input for '" + key + "' [item " + itemIndex + "]",
                    "'" + key + "' expects a " + type + " but we got " + describe(value)
                            + (strict ? " (turn on 'Attempt to Convert Types' to convert it)" : ""),
                    null);
        }
        return converted;
    }

    private static String describe(Object value) {
        if (value instanceof List<?>) {
            return "array";
        }
        if (value instanceof Map<?, ?>) {
            return "object";
        }
        return "'" + TypeConversion.toText(value) + "'";
    }

    private static List<Item> paired(List<Item> items) {
        List<Item> out = new ArrayList<>(items.size());
        for (int i = 0; i < items.size(); i++) {
            out.add(items.get(i).pairedWith(i));
        }
        return out;
    }

    private static List<Item.PairedItem> allPaired(int n) {
        List<Item.PairedItem> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(new Item.PairedItem(i, 0));
        }
        return out;
    }
}
