package io.hearth.runtime.nodes.transform;

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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * n8n's older Item Lists node (hidden from n8n's palette since Aggregate, Split Out, Sort, Limit,
 * Remove Duplicates and Summarize replaced it). Each operation runs the node that replaced it; what
 * differed between Item Lists versions is read into those nodes' settings here:
 * <ul>
 * <li>before 3: field lists are fixed collections ({@code fields: [{fieldName}]}), "Concatenate Items"
 *     is stored as {@code aggregateItems}, min/max of Summarize are numerical;</li>
 * <li>1: one field to split out, which must be a list;</li>
 * <li>2.0: a field to split out must exist and be a list or object (2.1: missing gives nothing; 2.2: a
 *     plain value is a list of one); a field to concatenate must exist;</li>
 * <li>before 3.1: Remove Duplicates requires one type per compared field.</li>
 * </ul>
 */
public final class ItemListsNode implements ActionNode {

    private static final Condition BEFORE_3 = new Condition(Condition.Operator.LT, 3);
    private static final Condition FROM_3 = new Condition(Condition.Operator.GTE, 3);

    private static final NodeDescription DESCRIPTION = NodeDescription.builder("hearth.itemLists")
            .alias("n8n-nodes-base.itemLists")
            .displayName("Item Lists")
            .versions(1, 2, 2.1, 2.2, 3, 3.1)
            .group(NodeGroup.TRANSFORM)
            .categories("Data Transformation", "Core Nodes")
            .keywords(
                    "Item Lists",
                    "Concatenate",
                    "Aggregate",
                    "Split Out",
                    "Sort",
                    "Limit",
                    "Remove Duplicates",
                    "Summarize")
            .icon("fa:list")
            .subtitle("={{$parameter[\"operation\"] + \": \" + $parameter[\"resource\"]}}")
            .description("Helper for working with lists of items and transforming arrays")
            .parameters(parameters())
            .build();

    private static List<Parameter> parameters() {
        List<Parameter> out = new ArrayList<>();
        out.add(Parameter.options("resource", Option.of("Item List", "itemList"))
                .displayName("Resource")
                .defaultValue("itemList")
                .noDataExpression()
                .build());
        for (boolean v3 : List.of(false, true)) {
            out.add(Parameter.options(
                            "operation",
                            Option.of(
                                    "Concatenate Items",
                                    v3 ? "concatenateItems" : "aggregateItems",
                                    "Combine fields into a list in a single new item"),
                            Option.of("Limit", "limit", "Remove items if there are too many"),
                            Option.of("Remove Duplicates", "removeDuplicates", "Remove extra items that are similar"),
                            Option.of("Sort", "sort", "Change the item order"),
                            Option.of(
                                    "Split Out Items",
                                    "splitOutItems",
                                    "Turn a list or values of object's properties inside item(s) into separate items"),
                            Option.of("Summarize", "summarize", "Aggregate items together (pivot table)"))
                    .displayName("Operation")
                    .noDataExpression()
                    .defaultValue("splitOutItems")
                    .show("@version", v3 ? FROM_3 : BEFORE_3)
                    .build());
        }
        Map<String, Object> splitOut = Map.of("operation", "splitOutItems");
        out.addAll(versioned(SplitOutNode.parameters(splitOut, true), "fieldsToInclude"));
        out.add(fieldCollection("fieldsToInclude", "Fields To Include")
                .show("operation", "splitOutItems")
                .show("include", "selectedOtherFields")
                .show("@version", BEFORE_3)
                .build());
        Map<String, Object> concatenate = Map.of("operation", List.of("aggregateItems", "concatenateItems"));
        out.addAll(versioned(AggregateNode.parameters(concatenate), "fieldsToInclude", "fieldsToExclude"));
        out.add(fieldCollection("fieldsToExclude", "Fields To Exclude")
                .show("operation", "aggregateItems")
                .show("aggregate", AggregateNode.ALL)
                .show("include", "allFieldsExcept")
                .build());
        out.add(fieldCollection("fieldsToInclude", "Fields To Include")
                .show("operation", "aggregateItems")
                .show("aggregate", AggregateNode.ALL)
                .show("include", "specifiedFields")
                .build());
        Map<String, Object> removeDuplicates = Map.of("operation", "removeDuplicates");
        out.addAll(versioned(
                RemoveDuplicatesNode.compareParameters(removeDuplicates, false), "fieldsToExclude", "fieldsToCompare"));
        out.add(fieldCollection("fieldsToExclude", "Fields To Exclude")
                .show("operation", "removeDuplicates")
                .show("compare", "allFieldsExcept")
                .show("@version", BEFORE_3)
                .build());
        out.add(fieldCollection("fieldsToCompare", "Fields To Compare")
                .show("operation", "removeDuplicates")
                .show("compare", "selectedFields")
                .show("@version", BEFORE_3)
                .build());
        out.addAll(SortNode.parameters(Map.of("operation", "sort")));
        out.addAll(LimitNode.parameters(Map.of("operation", "limit")));
        out.addAll(SummarizeNode.parameters(Map.of("operation", "summarize"), false));
        return out;
    }

    /** The newer nodes' string field lists apply from version 3; before, fixed collections replace them. */
    private static List<Parameter> versioned(List<Parameter> parameters, String... fromVersion3) {
        List<String> names = List.of(fromVersion3);
        List<Parameter> out = new ArrayList<>();
        for (Parameter p : parameters) {
            out.add(
                    names.contains(p.name())
                            ? Descriptions.withDisplayOptions(
                                    p, p.displayOptions().andShow("@version", FROM_3))
                            : p);
        }
        return out;
    }

    private static Parameter.Builder fieldCollection(String name, String displayName) {
        return Parameter.fixedCollection(
                        name,
                        true,
                        "Add Field",
                        new FieldGroup(
                                "fields",
                                "",
                                Parameter.all(Parameter.string("fieldName")
                                        .displayName("Field Name")
                                        .hint("Enter the field name as text"))))
                .displayName(displayName);
    }

    @Override
    public NodeDescription description() {
        return DESCRIPTION;
    }

    @Override
    public CompletionStage<NodeOutput> execute(NodeExecutionContext context) {
        double version = context.node().typeVersion();
        List<Item> items = context.items();
        ParameterValues first = context.parameters();
        String operation = first.string("operation").isEmpty() ? "splitOutItems" : first.string("operation");
        List<Item> out = switch (operation) {
            case "splitOutItems" -> {
                List<Item> split = new ArrayList<>();
                for (int i = 0; i < items.size(); i++) {
                    SplitOutNode.split(items.get(i), i, splitOut(context.parameters(i), version), split, context);
                }
                yield split;
            }
            case "aggregateItems", "concatenateItems" ->
                List.of(AggregateNode.aggregate(items, aggregate(first, version)));
            case "removeDuplicates" -> RemoveDuplicatesNode.withinInput(items, removeDuplicates(first, version));
            case "sort" -> SortNode.sort(items, first, context.node().name());
            case "limit" -> LimitNode.limit(items, first);
            case "summarize" -> PivotTable.summarize(items, summarize(first, version));
            default -> throw new NodeException("Operation '" + operation + "' is not recognized");
        };
        return CompletableFuture.completedFuture(NodeOutput.of(out));
    }

    private static SplitOutNode.Settings splitOut(ParameterValues p, double version) {
        String text = p.string("fieldToSplitOut");
        List<String> fields = new ArrayList<>();
        if (version < 2) {
            fields.add(text);
        } else {
            for (String f : text.split(",", -1)) {
                fields.add(version >= 3 ? f.strip().replaceFirst("^\\$json\\.", "") : f.strip());
            }
        }
        String destination = p.string("options.destinationFieldName");
        SplitOutNode.Leniency leniency = version < 2
                ? SplitOutNode.Leniency.ARRAY_ONLY
                : version < 2.1
                        ? SplitOutNode.Leniency.STRICT
                        : version < 2.2 ? SplitOutNode.Leniency.MISSING_IS_EMPTY : SplitOutNode.Leniency.LENIENT;
        return new SplitOutNode.Settings(
                fields,
                p.string("include").isEmpty() ? "noOtherFields" : p.string("include"),
                version < 3
                        ? Descriptions.fieldCollection(p, "fieldsToInclude")
                        : Descriptions.fieldList(p, "fieldsToInclude"),
                version < 2 ? (destination.isEmpty() ? List.of() : List.of(destination)) : FieldPath.list(destination),
                !p.bool("options.disableDotNotation"),
                version >= 3 && p.bool("options.includeBinary"),
                leniency);
    }

    private static AggregateNode.Settings aggregate(ParameterValues p, double version) {
        AggregateNode.Settings s = AggregateNode.Settings.read(p);
        String include = p.string("include");
        List<String> includeFields = version < 3 ? Descriptions.fieldCollection(p, "fieldsToInclude") : s.include();
        List<String> excludeFields = version < 3 ? Descriptions.fieldCollection(p, "fieldsToExclude") : s.exclude();
        return new AggregateNode.Settings(
                s.mode(),
                s.fields(),
                s.destination(),
                include.equals("specifiedFields") ? includeFields : List.of(),
                include.equals("allFieldsExcept") ? excludeFields : List.of(),
                s.dotNotation(),
                s.mergeLists(),
                s.keepMissing(),
                version >= 3 && s.includeBinaries(),
                s.uniqueBinaries(),
                version < 2.1);
    }

    private static RemoveDuplicatesNode.Settings removeDuplicates(ParameterValues p, double version) {
        RemoveDuplicatesNode.Settings s = RemoveDuplicatesNode.Settings.read(p, version);
        List<String> fields = version >= 3
                ? s.fields()
                : switch (s.compare()) {
                    case "allFieldsExcept" -> Descriptions.fieldCollection(p, "fieldsToExclude");
                    case "selectedFields" -> Descriptions.fieldCollection(p, "fieldsToCompare");
                    default -> List.of();
                };
        return new RemoveDuplicatesNode.Settings(
                s.compare(),
                fields,
                s.dotNotation(),
                s.removeOtherFields(),
                version >= 3.1 ? RemoveDuplicatesNode.TypeCheck.NONE : RemoveDuplicatesNode.TypeCheck.STRICT);
    }

    private static SummarizeNode.Settings summarize(ParameterValues p, double version) {
        return new SummarizeNode.Settings(
                SummarizeNode.Settings.aggregations(p),
                FieldPath.list(p.string("fieldsToSplitBy")),
                !p.bool("options.disableDotNotation"),
                "singleItem".equals(p.string("options.outputFormat")),
                p.bool("options.skipEmptySplitFields"),
                version < 3,
                true,
                true,
                version < 2.1,
                false,
                version >= 2);
    }
}
