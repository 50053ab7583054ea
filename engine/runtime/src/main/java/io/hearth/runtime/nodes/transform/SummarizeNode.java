package io.hearth.runtime.nodes.transform;

import io.hearth.node.ActionNode;
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
 * n8n's Summarize (pivot table): count, count unique, sum, average, min, max, append and
 * concatenate per field, optionally split by the values of other fields. Also the "Summarize"
 * operation of the older Item Lists node.
 */
public final class SummarizeNode implements ActionNode {

    private static final NodeDescription DESCRIPTION = NodeDescription.builder("hearth.summarize")
            .alias("n8n-nodes-base.summarize")
            .displayName("Summarize")
            .versions(1, 1.1)
            .group(NodeGroup.TRANSFORM)
            .categories("Data Transformation", "Core Nodes")
            .keywords(
                    "Append",
                    "Array",
                    "Average",
                    "Concatenate",
                    "Count",
                    "Group",
                    "Item",
                    "List",
                    "Max",
                    "Min",
                    "Pivot",
                    "Sum",
                    "Summarise",
                    "Summarize",
                    "Transform",
                    "Unique")
            .icon("fa:table")
            .description("Sum, count, max, etc. across items")
            .parameters(parameters(Map.of(), true))
            .build();

    static final List<String> NUMERICAL = List.of("average", "sum");

    static List<Parameter> parameters(Map<String, Object> extraShow, boolean continueOption) {
        List<Parameter> options = new ArrayList<>();
        if (continueOption) {
            options.add(Parameter.bool("continueIfFieldNotFound")
                    .displayName("Continue if Field Not Found")
                    .description(
                            "Whether to continue if field to summarize can't be found in any items and return single empty item, otherwise an error would be thrown")
                    .hide("@version", new Condition(Condition.Operator.GTE, 1.1))
                    .build());
        }
        options.add(Descriptions.disableDotNotation().build());
        options.add(Parameter.options(
                        "outputFormat",
                        Option.of("Each Split in a Separate Item", "separateItems"),
                        Option.of("All Splits in a Single Item", "singleItem"))
                .displayName("Output Format")
                .defaultValue("separateItems")
                .build());
        options.add(Parameter.bool("skipEmptySplitFields")
                .displayName("Ignore items without valid fields to group by")
                .build());
        return Descriptions.showing(
                extraShow,
                Parameter.fixedCollection(
                                "fieldsToSummarize",
                                true,
                                "Add Field",
                                new FieldGroup("values", "", aggregationFields()))
                        .displayName("Fields to Summarize")
                        .defaultValue(Map.of("values", List.of(Map.of("aggregation", "count", "field", "")))),
                // n8n labels it "Fields to Group By" when the output is a single item; one label here
                Parameter.string("fieldsToSplitBy")
                        .displayName("Fields to Split By")
                        .placeholder("e.g. country, city")
                        .description("The name of the input fields that you want to split the summary by")
                        .hint("Enter the name of the fields as text (separated by commas)"),
                Parameter.collection("options", "Add option", options.toArray(Parameter[]::new))
                        .displayName("Options"));
    }

    private static List<Parameter> aggregationFields() {
        return Parameter.all(
                Parameter.options(
                                "aggregation",
                                Option.of("Append", "append"),
                                Option.of("Average", "average"),
                                Option.of("Concatenate", "concatenate"),
                                Option.of("Count", "count"),
                                Option.of("Count Unique", "countUnique"),
                                Option.of("Max", "max"),
                                Option.of("Min", "min"),
                                Option.of("Sum", "sum"))
                        .displayName("Aggregation")
                        .defaultValue("count")
                        .description("How to combine the values of the field you want to summarize"),
                Parameter.string("field")
                        .displayName("Field")
                        .placeholder("e.g. cost")
                        .hint("Enter the field name as text")
                        .description("The name of an input field that you want to summarize")
                        .hide("aggregation", "average", "sum", "countUnique", "count", "max", "min"),
                Parameter.string("field")
                        .displayName("Field")
                        .placeholder("e.g. cost")
                        .hint("Enter the field name as text")
                        .description(
                                "The name of an input field that you want to summarize. The field should contain numerical values; null, undefined, empty strings would be ignored.")
                        .show("aggregation", "average", "sum"),
                Parameter.string("field")
                        .displayName("Field")
                        .placeholder("e.g. cost")
                        .hint("Enter the field name as text")
                        .description(
                                "The name of an input field that you want to summarize; null, undefined, empty strings would be ignored")
                        .show("aggregation", "countUnique", "count", "max", "min"),
                Parameter.bool("includeEmpty")
                        .displayName("Include Empty Values")
                        .show("aggregation", "append", "concatenate", "count", "countUnique"),
                Parameter.options(
                                "separateBy",
                                Option.of("Comma", ","),
                                Option.of("Comma and Space", ", "),
                                Option.of("New Line", "\n"),
                                Option.of("None", ""),
                                Option.of("Space", " "),
                                Option.of("Other", "other"))
                        .displayName("Separator")
                        .defaultValue(",")
                        .hint("What to insert between values")
                        .show("aggregation", "concatenate"),
                Parameter.string("customSeparator")
                        .displayName("Custom Separator")
                        .show("aggregation", "concatenate")
                        .show("separateBy", "other"));
    }

    /** One entry of "Fields to Summarize". */
    record Aggregation(String aggregation, String field, boolean includeEmpty, String separator) {}

    /**
     * Summarize 1.1's behaviour, and the flags older versions differ by.
     *
     * @param numericMinMax     Item Lists before 3: min/max are numerical (Math.min over the numbers)
     * @param stringSplitKeys   Summarize 1.0 and Item Lists: split values are compared as text ("1" and 1 are one group)
     * @param objectKeyOrder    Item Lists: groups are a JavaScript object's keys, integer-like ones first and ascending
     * @param missingFieldFails a field no item has is an error (Summarize 1.0 without "continue", Item Lists before 2.1)
     * @param countsAllowEmpty  count and count unique honour "Include Empty Values" (not in Item Lists)
     * @param normalizeNames    output names have brackets and quotes removed, spaces and dots as "_" (not in Item Lists 1)
     */
    record Settings(
            List<Aggregation> aggregations,
            List<String> splitBy,
            boolean dotNotation,
            boolean singleItem,
            boolean skipEmptySplitFields,
            boolean numericMinMax,
            boolean stringSplitKeys,
            boolean objectKeyOrder,
            boolean missingFieldFails,
            boolean countsAllowEmpty,
            boolean normalizeNames) {

        static Settings read(ParameterValues p, double version) {
            return new Settings(
                    aggregations(p),
                    FieldPath.list(p.string("fieldsToSplitBy")),
                    !p.bool("options.disableDotNotation"),
                    "singleItem".equals(p.string("options.outputFormat")),
                    p.bool("options.skipEmptySplitFields"),
                    false,
                    version < 1.1,
                    false,
                    version < 1.1 && !p.bool("options.continueIfFieldNotFound"),
                    true,
                    true);
        }

        static List<Aggregation> aggregations(ParameterValues p) {
            List<Aggregation> out = new ArrayList<>();
            for (Map<String, Object> v : p.group("fieldsToSummarize", "values")) {
                String aggregation = v.get("aggregation") == null ? "count" : Descriptions.text(v.get("aggregation"));
                String separateBy = v.containsKey("separateBy") ? Descriptions.text(v.get("separateBy")) : ",";
                out.add(new Aggregation(
                        aggregation,
                        Descriptions.text(v.get("field")),
                        Boolean.TRUE.equals(v.get("includeEmpty")),
                        separateBy.equals("other") ? Descriptions.text(v.get("customSeparator")) : separateBy));
            }
            return out;
        }
    }

    @Override
    public NodeDescription description() {
        return DESCRIPTION;
    }

    @Override
    public CompletionStage<NodeOutput> execute(NodeExecutionContext context) {
        return CompletableFuture.completedFuture(NodeOutput.of(PivotTable.summarize(
                context.items(),
                Settings.read(context.parameters(), context.node().typeVersion()))));
    }
}
