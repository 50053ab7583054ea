package io.hearth.runtime.nodes.transform;

import io.hearth.expression.Undefined;
import io.hearth.node.ActionNode;
import io.hearth.node.BinaryData;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * n8n's Split Out: a list (or an object's values) inside each item becomes one item per entry.
 * Also the "Split Out Items" operation of the older Item Lists node.
 */
public final class SplitOutNode implements ActionNode {

    private static final NodeDescription DESCRIPTION = NodeDescription.builder("hearth.splitOut")
            .alias("n8n-nodes-base.splitOut")
            .displayName("Split Out")
            .versions(1)
            .group(NodeGroup.TRANSFORM)
            .categories("Data Transformation", "Core Nodes")
            .keywords("Split", "Nested", "Transform", "Array", "List", "Item")
            .icon("fa:sitemap")
            .description("Turn a list inside item(s) into separate items")
            .parameters(parameters(Map.of(), true))
            .build();

    static List<Parameter> parameters(Map<String, Object> extraShow, boolean includeBinaryOption) {
        List<Parameter> options = new ArrayList<>(List.of(
                Descriptions.disableDotNotation().build(),
                Parameter.string("destinationFieldName")
                        .displayName("Destination Field Name")
                        .description("The field in the output under which to put the split field contents")
                        .build()));
        if (includeBinaryOption) {
            options.add(Parameter.bool("includeBinary")
                    .displayName("Include Binary")
                    .description("Whether to include the binary data in the new items")
                    .build());
        }
        return Descriptions.showing(
                extraShow,
                Parameter.string("fieldToSplitOut")
                        .displayName("Fields To Split Out")
                        .required()
                        .placeholder("Drag fields from the left or type their names")
                        .description(
                                "The name of the input fields to break out into separate items. Separate multiple field names by commas. For binary data, use $binary.")
                        .hint("Use $binary to split out the input item by binary data"),
                Parameter.options(
                                "include",
                                Option.of("No Other Fields", "noOtherFields"),
                                Option.of("All Other Fields", "allOtherFields"),
                                Option.of("Selected Other Fields", "selectedOtherFields"))
                        .displayName("Include")
                        .defaultValue("noOtherFields")
                        .description("Whether to copy any other fields into the new items"),
                Parameter.string("fieldsToInclude")
                        .fieldNames()
                        .displayName("Fields To Include")
                        .placeholder("e.g. email, name")
                        .description("Fields in the input items to aggregate together")
                        .show("include", "selectedOtherFields"),
                Parameter.collection("options", "Add Field", options.toArray(Parameter[]::new))
                        .displayName("Options"));
    }

    /** How strictly older Item Lists versions treat what is not a list. */
    enum Leniency {
        /** Item Lists 1: one field, an array only; a missing field is an error. */
        ARRAY_ONLY,
        /** Item Lists 2.0: a missing field or a plain value is an error. */
        STRICT,
        /** Item Lists 2.1: a missing field gives no items; a plain value is an error. */
        MISSING_IS_EMPTY,
        /** Item Lists 2.2+, Split Out: a plain value is a list of one. */
        LENIENT
    }

    /**
     * @param includeFields  "Selected Other Fields", read per item (may depend on the item)
     */
    record Settings(
            List<String> fields,
            String include,
            List<String> includeFields,
            List<String> destinations,
            boolean dotNotation,
            boolean includeBinary,
            Leniency leniency) {

        static Settings read(ParameterValues p) {
            List<String> fields = new ArrayList<>();
            for (String f : p.string("fieldToSplitOut").split(",", -1)) {
                fields.add(f.strip().replaceFirst("^\\$json\\.", ""));
            }
            return new Settings(
                    fields,
                    p.string("include").isEmpty() ? "noOtherFields" : p.string("include"),
                    Descriptions.fieldList(p, "fieldsToInclude"),
                    FieldPath.list(p.string("options.destinationFieldName")),
                    !p.bool("options.disableDotNotation"),
                    p.bool("options.includeBinary"),
                    Leniency.LENIENT);
        }
    }

    @Override
    public NodeDescription description() {
        return DESCRIPTION;
    }

    // identity tells whether a value was replaced: copy only on change
    @SuppressWarnings("ReferenceEquality")
    @Override
    public CompletionStage<NodeOutput> execute(NodeExecutionContext context) {
        List<Item> items = context.items();
        List<Item> out = new ArrayList<>();
        ParameterValues read = null;
        Settings settings = null;
        for (int i = 0; i < items.size(); i++) {
            ParameterValues p = context.parameters(i);
            if (p != read) { // the same object for every item where the parameters hold no expression
                settings = Settings.read(p);
                read = p;
            }
            split(items.get(i), i, settings, out, context);
        }
        return CompletableFuture.completedFuture(NodeOutput.of(out));
    }

    /**
     * Appends the items {@code item} (input index {@code index}) splits into; a split that would
     * take the output past the execution's item limit stops as it gets there.
     */
    static void split(Item item, int index, Settings s, List<Item> out, NodeExecutionContext context) {
        if (!s.destinations().isEmpty() && s.destinations().size() != s.fields().size()) {
            throw new NodeException(
                    "If multiple fields to split out are given, the same number of destination fields must be given");
        }
        boolean multi = s.fields().size() > 1;
        Map<String, Object> json = item.json();
        List<Map<String, Object>> entries = new ArrayList<>();
        List<Map<String, BinaryData>> binaries = new ArrayList<>();
        for (int f = 0; f < s.fields().size(); f++) {
            String field = s.fields().get(f);
            String destination = f < s.destinations().size() ? s.destinations().get(f) : "";
            String name = destination.isEmpty() ? field : destination;
            if (field.equals("$binary")) {
                int e = 0;
                for (Map.Entry<String, BinaryData> b : item.binary().entrySet()) {
                    grow(entries, binaries, e);
                    if (binaries.get(e) == null) {
                        binaries.set(e, new LinkedHashMap<>());
                    }
                    binaries.get(e++).put(b.getKey(), b.getValue());
                }
                continue;
            }
            List<?> values = values(FieldPath.get(json, field, !s.dotNotation()), field, s);
            // An object split out on its own becomes the item as it is: items are never changed once
            // output, so the new item shares it instead of copying it.
            boolean asItem = s.include().equals("noOtherFields") && destination.isEmpty() && !multi;
            for (int e = 0; e < values.size(); e++) {
                context.checkOutputSize((long) out.size() + e + 1);
                Object element = values.get(e);
                if (asItem && element instanceof Map<?, ?> m && entries.size() == e) {
                    entries.add(stringKeyed(m));
                    binaries.add(null);
                    continue;
                }
                grow(entries, binaries, e);
                entries.get(e).put(name, element);
            }
        }
        List<Item.PairedItem> paired = List.of(new Item.PairedItem(index, 0));
        for (int e = 0; e < entries.size(); e++) {
            Map<String, Object> entry = entries.get(e);
            Map<String, Object> result = switch (s.include()) {
                case "allOtherFields" -> {
                    Map<String, Object> copy = new LinkedHashMap<>(json);
                    for (String field : s.fields()) {
                        FieldPath.unset(copy, field, !s.dotNotation());
                    }
                    copy.putAll(entry);
                    yield copy;
                }
                case "selectedOtherFields" -> {
                    if (s.includeFields().isEmpty()) {
                        throw new NodeException("No fields specified", "Please add a field to include", null);
                    }
                    for (String field : s.includeFields()) {
                        Object v = FieldPath.get(json, field, !s.dotNotation());
                        // Item Lists 1 never copied the split field itself back in
                        boolean splitField = s.leniency() == Leniency.ARRAY_ONLY
                                && s.fields().contains(field);
                        if (v != Undefined.INSTANCE && !splitField) {
                            entry.put(field, v);
                        }
                    }
                    yield entry;
                }
                default -> entry;
            };
            Map<String, BinaryData> binary = binaries.get(e) == null ? Map.of() : binaries.get(e);
            if (binary.isEmpty() && s.includeBinary()) {
                binary = item.binary();
            }
            out.add(new Item(result, binary, paired));
        }
    }

    // Attachments are rare: an item's map of them is made when it gets one.
    private static void grow(List<Map<String, Object>> entries, List<Map<String, BinaryData>> binaries, int index) {
        while (entries.size() <= index) {
            entries.add(new LinkedHashMap<>());
            binaries.add(null);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> stringKeyed(Map<?, ?> m) {
        for (Object key : m.keySet()) {
            if (!(key instanceof String)) {
                Map<String, Object> copy = new LinkedHashMap<>();
                m.forEach((k, v) -> copy.put(String.valueOf(k), v));
                return copy;
            }
        }
        return (Map<String, Object>) m;
    }

    private static List<?> values(Object value, String field, Settings s) {
        if (value == Undefined.INSTANCE) {
            if (s.leniency() == Leniency.ARRAY_ONLY || s.leniency() == Leniency.STRICT) {
                throw new NodeException(
                        "Couldn't find the field '" + field + "' in the input data",
                        field.contains(".") && !s.dotNotation()
                                ? "If you're trying to use a nested field, make sure you turn off 'disable dot notation' in the node options"
                                : null,
                        null);
            }
            return List.of();
        }
        if (value instanceof List<?> l) {
            return l;
        }
        if (s.leniency() == Leniency.ARRAY_ONLY) {
            throw new NodeException("The provided field '" + field + "' is not an array");
        }
        if (value instanceof Map<?, ?> m) {
            return java.util.Collections.unmodifiableList(new ArrayList<>(m.values()));
        }
        if (s.leniency() != Leniency.LENIENT) {
            throw new NodeException("The provided field '" + field + "' is not an array or object");
        }
        return java.util.Collections.singletonList(value);
    }
}
