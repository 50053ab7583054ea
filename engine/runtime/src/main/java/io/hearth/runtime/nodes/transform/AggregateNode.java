package io.hearth.runtime.nodes.transform;

import io.hearth.expression.Undefined;
import io.hearth.node.ActionNode;
import io.hearth.node.BinaryData;
import io.hearth.node.Item;
import io.hearth.node.NodeException;
import io.hearth.node.NodeExecutionContext;
import io.hearth.node.NodeOutput;
import io.hearth.node.ParameterValues;
import io.hearth.node.description.FieldGroup;
import io.hearth.node.description.NodeDescription;
import io.hearth.node.description.NodeGroup;
import io.hearth.node.description.Option;
import io.hearth.node.description.Parameter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * n8n's Aggregate: many items into one, either a list per field ("Individual Fields") or all item
 * data in one list. Also the "Concatenate Items" operation of the older Item Lists node.
 */
public final class AggregateNode implements ActionNode {

    static final String INDIVIDUAL = "aggregateIndividualFields";
    static final String ALL = "aggregateAllItemData";

    private static final NodeDescription DESCRIPTION = NodeDescription.builder("hearth.aggregate")
            .alias("n8n-nodes-base.aggregate")
            .displayName("Aggregate")
            .versions(1)
            .group(NodeGroup.TRANSFORM)
            .categories("Data Transformation", "Core Nodes")
            .keywords("Aggregate", "Combine", "Flatten", "Transform", "Array", "List", "Item")
            .icon("fa:object-group")
            .description("Combine a field from many items into a list in a single item")
            .parameters(parameters(Map.of()))
            .build();

    /** The parameters, each shown under {@code extraShow} as well (Item Lists' operation selector). */
    static List<Parameter> parameters(Map<String, Object> extraShow) {
        return Descriptions.showing(
                extraShow,
                Parameter.options(
                                "aggregate",
                                Option.of("Individual Fields", INDIVIDUAL),
                                Option.of("All Item Data (Into a Single List)", ALL))
                        .displayName("Aggregate")
                        .defaultValue(INDIVIDUAL),
                Parameter.fixedCollection(
                                "fieldsToAggregate",
                                true,
                                "Add Field To Aggregate",
                                new FieldGroup(
                                        "fieldToAggregate",
                                        "",
                                        Parameter.all(
                                                Parameter.string("fieldToAggregate")
                                                        .displayName("Input Field Name")
                                                        .placeholder("e.g. id")
                                                        .hint("Enter the field name as text")
                                                        .description(
                                                                "The name of a field in the input items to aggregate together"),
                                                Parameter.bool("renameField")
                                                        .displayName("Rename Field")
                                                        .description(
                                                                "Whether to give the field a different name in the output"),
                                                Parameter.string("outputFieldName")
                                                        .displayName("Output Field Name")
                                                        .show("renameField", true)
                                                        .description(
                                                                "The name of the field to put the aggregated data in. Leave blank to use the input field name."))))
                        .displayName("Fields To Aggregate")
                        .defaultValue(Map.of(
                                "fieldToAggregate", List.of(Map.of("fieldToAggregate", "", "renameField", false))))
                        .show("aggregate", INDIVIDUAL),
                Parameter.string("destinationFieldName")
                        .displayName("Put Output in Field")
                        .defaultValue("data")
                        .description("The name of the output field to put the data in")
                        .show("aggregate", ALL),
                Parameter.options(
                                "include",
                                Option.of("All Fields", "allFields"),
                                Option.of("Specified Fields", "specifiedFields"),
                                Option.of("All Fields Except", "allFieldsExcept"))
                        .displayName("Include")
                        .defaultValue("allFields")
                        .show("aggregate", ALL),
                Parameter.string("fieldsToExclude")
                        .fieldNames()
                        .displayName("Fields To Exclude")
                        .placeholder("e.g. email, name")
                        .show("aggregate", ALL)
                        .show("include", "allFieldsExcept"),
                Parameter.string("fieldsToInclude")
                        .fieldNames()
                        .displayName("Fields To Include")
                        .placeholder("e.g. email, name")
                        .show("aggregate", ALL)
                        .show("include", "specifiedFields"),
                Parameter.collection(
                                "options",
                                "Add Field",
                                Descriptions.disableDotNotation()
                                        .hide("/aggregate", ALL)
                                        .build(),
                                Parameter.bool("mergeLists")
                                        .displayName("Merge Lists")
                                        .description(
                                                "Whether to merge the output into a single flat list (rather than a list of lists), if the field to aggregate is a list")
                                        .hide("/aggregate", ALL)
                                        .build(),
                                Parameter.bool("includeBinaries")
                                        .displayName("Include Binaries")
                                        .description("Whether to include the binary data in the new item")
                                        .build(),
                                Parameter.bool("keepOnlyUnique")
                                        .displayName("Keep Only Unique Binaries")
                                        .description(
                                                "Whether to keep only unique binaries by comparing mime types, file types, file sizes and file extensions")
                                        .show("includeBinaries", true)
                                        .build(),
                                Parameter.bool("keepMissing")
                                        .displayName("Keep Missing And Null Values")
                                        .description(
                                                "Whether to add a null entry to the aggregated list when there is a missing or null value")
                                        .hide("/aggregate", ALL)
                                        .build())
                        .displayName("Options"));
    }

    /** One field of "Individual Fields". */
    record Field(String input, boolean rename, String output) {}

    /**
     * What to aggregate.
     *
     * @param requireFields Item Lists before 2.1: a field no item has is an error
     */
    record Settings(
            String mode,
            List<Field> fields,
            String destination,
            List<String> include,
            List<String> exclude,
            boolean dotNotation,
            boolean mergeLists,
            boolean keepMissing,
            boolean includeBinaries,
            boolean uniqueBinaries,
            boolean requireFields) {

        static Settings read(ParameterValues p) {
            List<Field> fields = new ArrayList<>();
            for (Map<String, Object> f : p.group("fieldsToAggregate", "fieldToAggregate")) {
                fields.add(new Field(
                        Descriptions.text(f.get("fieldToAggregate")),
                        Boolean.TRUE.equals(f.get("renameField")),
                        Descriptions.text(f.get("outputFieldName"))));
            }
            String include = p.string("include");
            return new Settings(
                    p.string("aggregate").isEmpty() ? INDIVIDUAL : p.string("aggregate"),
                    fields,
                    p.get("destinationFieldName").map(Descriptions::text).orElse("data"),
                    include.equals("specifiedFields") ? Descriptions.fieldList(p, "fieldsToInclude") : List.of(),
                    include.equals("allFieldsExcept") ? Descriptions.fieldList(p, "fieldsToExclude") : List.of(),
                    !p.bool("options.disableDotNotation"),
                    p.bool("options.mergeLists"),
                    p.bool("options.keepMissing"),
                    p.bool("options.includeBinaries"),
                    p.bool("options.keepOnlyUnique"),
                    false);
        }
    }

    @Override
    public NodeDescription description() {
        return DESCRIPTION;
    }

    @Override
    public CompletionStage<NodeOutput> execute(NodeExecutionContext context) {
        return CompletableFuture.completedFuture(
                NodeOutput.of(List.of(aggregate(context.items(), Settings.read(context.parameters())))));
    }

    static Item aggregate(List<Item> items, Settings s) {
        Item out = s.mode().equals(ALL) ? allItemData(items, s) : individualFields(items, s);
        return s.includeBinaries() ? withBinaries(out, items, s.uniqueBinaries()) : out;
    }

    private static Item individualFields(List<Item> items, Settings s) {
        if (s.fields().isEmpty()) {
            throw new NodeException("No fields specified", "Please add a field to aggregate", null);
        }
        if (s.requireFields()) {
            requireFields(items, s);
        }
        Set<String> outputs = new HashSet<>();
        Map<String, List<Object>> values = new LinkedHashMap<>();
        for (Field f : s.fields()) {
            String named = f.rename() ? f.output() : f.input();
            if (!outputs.add(named)) {
                throw new NodeException(
                        "The '" + named + "' output field is used more than once",
                        "Please make sure each output field name is unique",
                        null);
            }
            if (f.input().isEmpty()) {
                continue;
            }
            String target = !f.output().isEmpty() ? f.output() : lastSegment(f.input(), s.dotNotation());
            List<Object> list = new ArrayList<>();
            values.put(target, list);
            for (Item item : items) {
                Object v = FieldPath.get(item.json(), f.input(), !s.dotNotation());
                if (!s.keepMissing()) {
                    if (v instanceof List<?> l) {
                        v = l.stream().filter(Objects::nonNull).toList();
                    } else if (v == null || v == Undefined.INSTANCE) {
                        continue;
                    }
                }
                if (v instanceof List<?> l && s.mergeLists()) {
                    list.addAll(l);
                } else {
                    list.add(v == Undefined.INSTANCE ? null : v);
                }
            }
        }
        Map<String, Object> json = new LinkedHashMap<>();
        values.forEach((k, v) -> FieldPath.set(json, k, v, !s.dotNotation()));
        return new Item(json, Map.of(), allPaired(items.size()));
    }

    private static void requireFields(List<Item> items, Settings s) {
        for (Field f : s.fields()) {
            if (f.input().isEmpty()) {
                throw new NodeException("Field to aggregate is blank", "Please add a field to aggregate", null);
            }
            boolean found = items.stream()
                    .anyMatch(i -> FieldPath.get(i.json(), f.input(), !s.dotNotation()) != Undefined.INSTANCE);
            if (!found && !s.dotNotation() && f.input().contains(".")) {
                throw new NodeException(
                        "Couldn't find the field '" + f.input() + "' in the input data",
                        "If you're trying to use a nested field, make sure you turn off 'disable dot notation' in the node options",
                        null);
            }
            if (!found && !s.keepMissing()) {
                throw new NodeException("Couldn't find the field '" + f.input() + "' in the input data");
            }
        }
    }

    private static String lastSegment(String field, boolean dotNotation) {
        return dotNotation && field.contains(".") ? field.substring(field.lastIndexOf('.') + 1) : field;
    }

    private static Item allItemData(List<Item> items, Settings s) {
        List<Object> list = new ArrayList<>(items.size());
        List<Item.PairedItem> paired = new ArrayList<>(items.size());
        boolean filter = !s.include().isEmpty() || !s.exclude().isEmpty();
        for (int i = 0; i < items.size(); i++) {
            Map<String, Object> json = items.get(i).json();
            if (filter) {
                Map<String, Object> kept = new LinkedHashMap<>();
                json.forEach((k, v) -> {
                    if (!s.exclude().contains(k)
                            && (s.include().isEmpty() || s.include().contains(k))) {
                        kept.put(k, v);
                    }
                });
                if (kept.isEmpty()) {
                    continue;
                }
                json = kept;
            }
            list.add(json);
            paired.add(new Item.PairedItem(i, 0));
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put(s.destination(), list);
        return new Item(out, Map.of(), paired);
    }

    private static List<Item.PairedItem> allPaired(int n) {
        List<Item.PairedItem> paired = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            paired.add(new Item.PairedItem(i, 0));
        }
        return paired;
    }

    /** n8n's addBinariesToItem: every binary of the aggregated items, a repeated key gets _1, _2... */
    private static Item withBinaries(Item out, List<Item> items, boolean uniqueOnly) {
        Map<String, BinaryData> binaries = new LinkedHashMap<>();
        List<String> seen = new ArrayList<>();
        for (Item.PairedItem p : out.pairedItems()) {
            for (Map.Entry<String, BinaryData> e : items.get(p.item()).binary().entrySet()) {
                BinaryData b = e.getValue();
                if (uniqueOnly) {
                    String signature =
                            b.mimeType() + "\u0000" + b.fileType() + "\u0000" + b.size() + "\u0000" + b.fileExtension();
                    if (seen.contains(signature)) {
                        continue;
                    }
                    seen.add(signature);
                }
                String key = e.getKey();
                for (int i = 1; binaries.containsKey(key); i++) {
                    key = e.getKey() + "_" + i;
                }
                binaries.put(key, b);
            }
        }
        return new Item(out.json(), binaries, out.pairedItems());
    }
}
