package io.hearth.runtime.nodes.transform;

import io.hearth.expression.ExpressionValues;
import io.hearth.expression.Undefined;
import io.hearth.node.ActionNode;
import io.hearth.node.Item;
import io.hearth.node.NodeException;
import io.hearth.node.NodeExecutionContext;
import io.hearth.node.NodeOutput;
import io.hearth.node.ParameterValues;
import io.hearth.node.description.NodeDescription;
import io.hearth.node.description.NodeGroup;
import io.hearth.node.description.Option;
import io.hearth.node.description.Parameter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * n8n's Remove Duplicates: items repeated within the input (all fields, all except some, selected
 * fields), and from version 2 items whose value was seen in earlier executions. Also the "Remove
 * Duplicates" operation of the older Item Lists node.
 */
public final class RemoveDuplicatesNode implements ActionNode {

    static final String WITHIN_INPUT = "removeDuplicateInputItems";
    static final String PREVIOUS_EXECUTIONS = "removeItemsSeenInPreviousExecutions";
    static final String CLEAR_HISTORY = "clearDeduplicationHistory";

    private static final NodeDescription DESCRIPTION = NodeDescription.builder("hearth.removeDuplicates")
            .alias("n8n-nodes-base.removeDuplicates")
            .displayName("Remove Duplicates")
            .versions(1, 1.1, 2)
            .group(NodeGroup.TRANSFORM)
            .categories("Data Transformation", "Core Nodes")
            .keywords("Dedupe", "Deduplicate", "Duplicates", "Remove", "Unique", "Transform", "Array", "List", "Item")
            .icon("fa:clone")
            .description("Delete items with matching field values")
            .parameters(versionTwo())
            .parameters(compareParameters(Map.of(), true))
            .build();

    static final String ENTRIES = "removeItemsWithAlreadySeenKeyValues";
    static final String INCREMENTAL = "removeItemsUpToStoredIncrementalKey";
    static final String DATE = "removeItemsUpToStoredDate";

    private static List<Parameter> versionTwo() {
        return Parameter.all(
                Parameter.options(
                                "operation",
                                Option.of(
                                        "Remove Items Repeated Within Current Input",
                                        WITHIN_INPUT,
                                        "Remove duplicates from incoming items"),
                                Option.of(
                                        "Remove Items Processed in Previous Executions",
                                        PREVIOUS_EXECUTIONS,
                                        "Deduplicate items already seen in previous executions"),
                                Option.of(
                                        "Clear Deduplication History",
                                        CLEAR_HISTORY,
                                        "Wipe the store of previous items"))
                        .displayName("Operation")
                        .noDataExpression()
                        .defaultValue(WITHIN_INPUT)
                        .show("@version", 2),
                Parameter.options(
                                "logic",
                                Option.of(
                                        "Value Is New",
                                        ENTRIES,
                                        "Remove all input items with values matching those already processed"),
                                Option.of(
                                        "Value Is Higher than Any Previous Value",
                                        INCREMENTAL,
                                        "Works with incremental values, removes all input items with values up to the stored value"),
                                Option.of(
                                        "Value Is a Date Later than Any Previous Date",
                                        DATE,
                                        "Works with date values, removes all input items with values up to the stored date"))
                        .displayName("Keep Items Where")
                        .noDataExpression()
                        .defaultValue(ENTRIES)
                        .description(
                                "How to select input items to remove by comparing them with key values previously processed")
                        .show("operation", PREVIOUS_EXECUTIONS),
                Parameter.string("dedupeValue")
                        .displayName("Value to Dedupe On")
                        .required()
                        .placeholder("e.g. ID")
                        .hint("The input field value to compare between items")
                        .description("Use an input field (or a combination of fields) that has a unique ID value")
                        .show("logic", ENTRIES)
                        .show("/operation", PREVIOUS_EXECUTIONS),
                Parameter.number("incrementalDedupeValue")
                        .displayName("Value to Dedupe On")
                        .defaultValue("")
                        .placeholder("e.g. ID")
                        .hint("The input field value to compare between items, an incremental value is expected")
                        .show("logic", INCREMENTAL)
                        .show("/operation", PREVIOUS_EXECUTIONS),
                Parameter.dateTime("dateDedupeValue")
                        .displayName("Value to Dedupe On")
                        .placeholder(" e.g. 2024-08-09T13:44:16Z")
                        .hint("The input field value to compare between items, a date is expected")
                        .show("logic", DATE)
                        .show("/operation", PREVIOUS_EXECUTIONS),
                Parameter.options(
                                "mode",
                                Option.of(
                                        "Clean Database",
                                        "cleanDatabase",
                                        "Clear all values stored for a key in the database"))
                        .displayName("Mode")
                        .defaultValue("cleanDatabase")
                        .description(
                                "How you want to modify the key values stored on the database. None of these modes removes input items.")
                        .show("operation", CLEAR_HISTORY));
    }

    /** Compare / fields / options of the within-input operation (v1, v1.1, Item Lists 3); Remove Duplicates 2's options too. */
    static List<Parameter> compareParameters(Map<String, Object> extraShow, boolean standalone) {
        Map<String, Object> show = new LinkedHashMap<>(extraShow);
        List<Parameter> options = new java.util.ArrayList<>(List.of(
                withinInput(standalone, Descriptions.disableDotNotation().hide("/compare", "allFields"))
                        .build(),
                withinInput(
                                standalone,
                                Parameter.bool("removeOtherFields")
                                        .displayName("Remove Other Fields")
                                        .description(
                                                "Whether to remove any fields that are not being compared. If disabled, will keep the values from the first of the duplicates.")
                                        .hide("/compare", "allFields"))
                        .build()));
        if (standalone) {
            options.add(Parameter.options(
                            "scope",
                            Option.of(
                                    "Workflow",
                                    "workflow",
                                    "Deduplication info will be shared by all the nodes in the workflow"),
                            Option.of("Node", "node", "Deduplication info will be stored only for this node"))
                    .displayName("Scope")
                    .defaultValue("node")
                    .description("Whether key values are shared by all nodes in the workflow or kept for this node")
                    .show("/operation", CLEAR_HISTORY, PREVIOUS_EXECUTIONS)
                    .build());
            options.add(Parameter.number("historySize")
                    .displayName("History Size")
                    .defaultValue(10000)
                    .hint("The max number of past items to store for deduplication")
                    .show("/logic", ENTRIES)
                    .show("/operation", PREVIOUS_EXECUTIONS)
                    .build());
        }
        return Descriptions.showing(
                show,
                withinInput(
                        standalone,
                        Parameter.options(
                                        "compare",
                                        Option.of("All Fields", "allFields"),
                                        Option.of("All Fields Except", "allFieldsExcept"),
                                        Option.of("Selected Fields", "selectedFields"))
                                .displayName("Compare")
                                .defaultValue("allFields")
                                .description("The fields of the input items to compare to see if they are the same")),
                Parameter.string("fieldsToExclude")
                        .fieldNames()
                        .displayName("Fields To Exclude")
                        .placeholder("e.g. email, name")
                        .description("Fields in the input to exclude from the comparison")
                        .show("compare", "allFieldsExcept"),
                Parameter.string("fieldsToCompare")
                        .fieldNames()
                        .displayName("Fields To Compare")
                        .placeholder("e.g. email, name")
                        .description("Fields in the input to add to the comparison")
                        .show("compare", "selectedFields"),
                Parameter.collection("options", "Add Field", options.toArray(Parameter[]::new))
                        .displayName("Options"));
    }

    private static Parameter.Builder withinInput(boolean standalone, Parameter.Builder b) {
        return standalone ? b.show("/operation", WITHIN_INPUT) : b;
    }

    /** Whether a compared field must have one type in every item. */
    enum TypeCheck {
        /** Version 1 and Item Lists before 3.1: null counts as a type of its own. */
        STRICT,
        /** Version 1.1 and 2: nulls are skipped. */
        SKIP_NULLS,
        /** Item Lists 3.1: no check. */
        NONE
    }

    record Settings(
            String compare, List<String> fields, boolean dotNotation, boolean removeOtherFields, TypeCheck typeCheck) {

        static Settings read(ParameterValues p, double version) {
            String compare = p.string("compare").isEmpty() ? "allFields" : p.string("compare");
            List<String> fields = switch (compare) {
                case "allFieldsExcept" -> Descriptions.fieldList(p, "fieldsToExclude");
                case "selectedFields" -> Descriptions.fieldList(p, "fieldsToCompare");
                default -> List.of();
            };
            return new Settings(
                    compare,
                    fields,
                    !p.bool("options.disableDotNotation"),
                    p.bool("options.removeOtherFields"),
                    version <= 1 ? TypeCheck.STRICT : TypeCheck.SKIP_NULLS);
        }
    }

    @Override
    public NodeDescription description() {
        return DESCRIPTION;
    }

    @Override
    public CompletionStage<NodeOutput> execute(NodeExecutionContext context) {
        double version = context.node().typeVersion();
        String operation = version >= 2 ? context.parameters().string("operation") : WITHIN_INPUT;
        return switch (operation.isEmpty() ? WITHIN_INPUT : operation) {
            case WITHIN_INPUT ->
                CompletableFuture.completedFuture(
                        NodeOutput.of(withinInput(context.items(), Settings.read(context.parameters(), version))));
            case PREVIOUS_EXECUTIONS -> PreviousExecutions.remove(context);
            case CLEAR_HISTORY -> PreviousExecutions.clear(context);
            default ->
                throw new NodeException(context.node().name() + " → Operation: '" + operation
                        + "' is not a Remove Duplicates operation");
        };
    }

    static List<Item> withinInput(List<Item> items, Settings s) {
        if (items.isEmpty()) {
            return items;
        }
        boolean dots = s.dotNotation();
        List<String> keys;
        switch (s.compare()) {
            case "allFieldsExcept" -> {
                if (s.fields().isEmpty()) {
                    throw new NodeException("No fields specified. Please add a field to exclude from comparison");
                }
                keys = new ArrayList<>(dots ? flattenKeys(items.getFirst().json()) : allKeys(items, false));
                keys.removeAll(s.fields());
            }
            case "selectedFields" -> {
                if (s.fields().isEmpty()) {
                    throw new NodeException("No fields specified. Please add a field to compare on");
                }
                keys = s.fields().stream().map(String::strip).toList();
            }
            default -> keys = allKeys(items, dots);
        }
        validate(items, keys, s);
        Set<String> seen = new HashSet<>();
        List<Item> out = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            Map<String, Object> json = items.get(i).json();
            List<Object> values = new ArrayList<>(keys.size());
            for (String key : keys) {
                values.add(FieldPath.get(json, key, !dots));
            }
            if (!seen.add(canonical(values))) {
                continue;
            }
            if (s.removeOtherFields()) {
                Map<String, Object> picked = new LinkedHashMap<>();
                for (String key : keys) {
                    Object v = FieldPath.get(json, key, !dots);
                    if (v != Undefined.INSTANCE) {
                        FieldPath.set(picked, key, v, !dots);
                    }
                }
                out.add(new Item(picked, Map.of(), List.of(new Item.PairedItem(i, 0))));
            } else {
                out.add(items.get(i).pairedWith(i));
            }
        }
        return out;
    }

    private static List<String> allKeys(List<Item> items, boolean dots) {
        Set<String> keys = new LinkedHashSet<>();
        for (Item item : items) {
            keys.addAll(dots ? flattenKeys(item.json()) : item.json().keySet());
        }
        return new ArrayList<>(keys);
    }

    /** The dotted paths of every leaf value: {@code {a: {b: 1}, c: [2]}} gives {@code a.b, c.0}. */
    static List<String> flattenKeys(Map<String, Object> json) {
        List<String> out = new ArrayList<>();
        flatten(json, "", out);
        return out;
    }

    private static void flatten(Object value, String prefix, List<String> out) {
        if (value instanceof Map<?, ?> m) {
            m.forEach((k, v) -> flatten(v, prefix.isEmpty() ? String.valueOf(k) : prefix + "." + k, out));
        } else if (value instanceof List<?> l) {
            for (int i = 0; i < l.size(); i++) {
                flatten(l.get(i), prefix.isEmpty() ? String.valueOf(i) : prefix + "." + i, out);
            }
        } else {
            out.add(prefix);
        }
    }

    private static void validate(List<Item> items, List<String> keys, Settings s) {
        for (String key : keys) {
            String type = null;
            int previous = -1;
            for (int i = 0; i < items.size(); i++) {
                if (key.isEmpty()) {
                    throw new NodeException("Name of field to compare is blank");
                }
                Object v = FieldPath.get(items.get(i).json(), key, !s.dotNotation());
                if (v == null && s.typeCheck() == TypeCheck.SKIP_NULLS) {
                    continue;
                }
                if (v == Undefined.INSTANCE) {
                    throw new NodeException(
                            "'" + key + "' field is missing from some input items",
                            !s.dotNotation() && key.contains(".")
                                    ? "If you're trying to use a nested field, make sure you turn off 'disable dot notation' in the node options"
                                    : null,
                            null);
                }
                String t = ExpressionValues.typeOf(v);
                if (type != null && !type.equals(t) && s.typeCheck() != TypeCheck.NONE) {
                    throw new NodeException(
                            "'" + key + "' isn't always the same type",
                            "The type of this field varies between items"
                                    + (s.typeCheck() == TypeCheck.STRICT
                                            ? ""
                                            : ", in item [" + previous + "] it's a " + type + " and in item [" + i
                                                    + "] it's a " + t + " "),
                            null);
                }
                type = t;
                previous = i;
            }
        }
    }

    /** A text equal for values lodash's isEqual finds equal: map keys sorted, numbers as JavaScript prints them. */
    static String canonical(Object v) {
        if (v instanceof Map<?, ?> m) {
            Map<String, Object> sorted = new TreeMap<>();
            m.forEach((k, x) -> sorted.put(String.valueOf(k), x));
            StringBuilder sb = new StringBuilder("{");
            sorted.forEach((k, x) -> sb.append(ExpressionValues.stringify(k))
                    .append(':')
                    .append(canonical(x))
                    .append(','));
            return sb.append('}').toString();
        }
        if (v instanceof List<?> l) {
            StringBuilder sb = new StringBuilder("[");
            for (Object x : l) {
                sb.append(canonical(x)).append(',');
            }
            return sb.append(']').toString();
        }
        if (v == Undefined.INSTANCE) {
            return "u";
        }
        return ExpressionValues.stringify(v);
    }
}
