package io.hearth.runtime.nodes.merge;

import io.hearth.node.ActionNode;
import io.hearth.node.NodeException;
import io.hearth.node.NodeExecutionContext;
import io.hearth.node.NodeOutput;
import io.hearth.node.ParameterValues;
import io.hearth.node.description.Condition;
import io.hearth.node.description.DisplayOptions;
import io.hearth.node.description.DynamicInputs;
import io.hearth.node.description.FieldGroup;
import io.hearth.node.description.NodeDescription;
import io.hearth.node.description.NodeGroup;
import io.hearth.node.description.Option;
import io.hearth.node.description.Parameter;
import io.hearth.node.description.Port;
import io.hearth.node.description.VersionMigration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Merges the items of its inputs once they have arrived: append, combine (by matching fields, by
 * position, all combinations) or choose one input's items. n8n's Merge 3.2 parameters
 * (packages/nodes-base/nodes/Merge/v3 at 5fbc8d1f); versions 1 to 3.1 are migrated to them
 * ({@link MergeMigrations}). SQL Query (n8n's AlaSQL) is not supported and is refused. This class is the node's
 * description; the modes run in {@link MergeModes} (and {@link MergeV1Modes} for version 1's).
 */
public final class MergeNode implements ActionNode {

    /** Merge v2.0 checks that each field to match is present in its input (Hearth-internal parameter). */
    static final String REQUIRE_MATCH_FIELDS = "requireMatchFieldsPresent";

    /** Merge v2's "merge by position" outputs both inputs appended when one is empty (Hearth-internal parameter). */
    static final String APPEND_WHEN_AN_INPUT_IS_EMPTY = "appendWhenAnInputIsEmpty";

    private static Parameter.Builder numberInputs() {
        return Parameter.options(
                        "numberInputs",
                        Option.of("2", 2),
                        Option.of("3", 3),
                        Option.of("4", 4),
                        Option.of("5", 5),
                        Option.of("6", 6),
                        Option.of("7", 7),
                        Option.of("8", 8),
                        Option.of("9", 9),
                        Option.of("10", 10))
                .displayName("Number of Inputs")
                .defaultValue(2)
                .noDataExpression()
                .description(
                        "The number of data inputs you want to merge. The node waits for all connected inputs to be"
                                + " executed.");
    }

    private static final List<Parameter> CLASH_VALUES = List.of(
            Parameter.options(
                            "resolveClash",
                            Option.of("Always Add Input Number to Field Names", Clash.ADD_SUFFIX),
                            Option.of("Prefer Input 1 Version", Clash.PREFER_INPUT_1),
                            Option.of("Prefer Input 2 Version", Clash.PREFER_LAST))
                    .displayName("When Field Values Clash")
                    .defaultValue("")
                    .build(),
            Parameter.options(
                            "mergeMode",
                            Option.of("Deep Merge", "deepMerge", "Merge at every level of nesting"),
                            Option.of(
                                    "Shallow Merge",
                                    "shallowMerge",
                                    "Merge at the top level only (all nested fields will come from the same input)"))
                    .displayName("Merging Nested Fields")
                    .defaultValue("deepMerge")
                    .hint("How to merge when there are sub-fields below the top-level ones")
                    .show("resolveClash", Condition.of(Condition.Operator.NOT, Clash.ADD_SUFFIX))
                    .build(),
            Parameter.bool("overrideEmpty")
                    .displayName("Minimize Empty Fields")
                    .description("Whether to override the preferred input version for a field if it is empty and the"
                            + " other version isn't. Here 'empty' means undefined, null or an empty string.")
                    .show("resolveClash", Condition.of(Condition.Operator.NOT, Clash.ADD_SUFFIX))
                    .build());

    private static Parameter.Builder clashHandling(Object defaultResolveClash) {
        return Parameter.fixedCollection(
                        "clashHandling", false, "Add Clash Handling", new FieldGroup("values", "Values", CLASH_VALUES))
                .displayName("Clash Handling")
                .defaultValue(Map.of(
                        "values",
                        Map.of("resolveClash", defaultResolveClash, "mergeMode", "deepMerge", "overrideEmpty", false)));
    }

    private static final Parameter FUZZY_COMPARE = Parameter.bool("fuzzyCompare")
            .displayName("Fuzzy Compare")
            .description("Whether to tolerate small type differences when comparing fields. E.g. the number 3 and the"
                    + " string '3' are treated as the same.")
            .build();

    private static Parameter.Builder multipleMatches() {
        return Parameter.options(
                        "multipleMatches",
                        Option.of("Include All Matches", "all", "Output multiple items if there are multiple matches"),
                        Option.of("Include First Match Only", "first", "Only ever output a single item per match"))
                .displayName("Multiple Matches")
                .defaultValue("all");
    }

    private static final NodeDescription DESCRIPTION = NodeDescription.builder("hearth.merge")
            .alias("n8n-nodes-base.merge")
            .displayName("Merge")
            .versions(1, 2, 2.1, 3, 3.1, 3.2)
            .group(NodeGroup.TRANSFORM)
            .categories("Flow")
            .icon("fa:code-branch")
            .subtitle("={{$parameter[\"mode\"]}}")
            .description("Merges data of multiple streams once data from both is available")
            .inputs(new Port("Input 1"), new Port("Input 2"))
            .dynamicInputs(new DynamicInputs("numberInputs", "Input"))
            .allInputsRequiredWhen(DisplayOptions.show("mode", "chooseBranch"))
            .parameter(Parameter.options(
                            "mode",
                            Option.of("Append", "append", "Output items of each input, one after the other"),
                            Option.of("Combine", "combine", "Merge matching items together"),
                            Option.unsupported(
                                    "SQL Query",
                                    "combineBySql",
                                    "Write a query to do the merge",
                                    "n8n runs it with AlaSQL, which Hearth does not have; combine by fields or position"
                                            + " instead"),
                            Option.of(
                                    "Choose Branch",
                                    "chooseBranch",
                                    "Output data from a specific branch, without modifying it"))
                    .displayName("Mode")
                    .defaultValue("append")
                    .noDataExpression()
                    .description("How input data should be merged"))
            .parameter(Parameter.options(
                            "combineBy",
                            Option.of("Matching Fields", "combineByFields", "Combine items with the same field values"),
                            Option.of("Position", "combineByPosition", "Combine items based on their order"),
                            Option.of(
                                    "All Possible Combinations",
                                    "combineAll",
                                    "Every pairing of every two items (cross join)"))
                    .displayName("Combine By")
                    .defaultValue("combineByFields")
                    .noDataExpression()
                    .description("How input data should be merged")
                    .show("mode", "combine"))
            // append
            .parameter(numberInputs().show("mode", "append"))
            // combine by fields
            .parameter(Parameter.bool("advanced")
                    .displayName("Fields To Match Have Different Names")
                    .description("Whether name(s) of field to match are different in input 1 and input 2")
                    .show("mode", "combine")
                    .show("combineBy", "combineByFields"))
            .parameter(Parameter.string("fieldsToMatchString")
                    .displayName("Fields to Match")
                    .placeholder("e.g. id, name")
                    .description("Specify the fields to use for matching input items")
                    .hint("Drag or type the input field name")
                    .show("mode", "combine")
                    .show("combineBy", "combineByFields")
                    .show("advanced", false))
            .parameter(Parameter.fixedCollection(
                            "mergeByFields",
                            true,
                            "Add Fields to Match",
                            new FieldGroup(
                                    "values",
                                    "Values",
                                    List.of(
                                            Parameter.string("field1")
                                                    .displayName("Input 1 Field")
                                                    .placeholder("e.g. id")
                                                    .hint("Drag or type the input field name")
                                                    .build(),
                                            Parameter.string("field2")
                                                    .displayName("Input 2 Field")
                                                    .placeholder("e.g. id")
                                                    .hint("Drag or type the input field name")
                                                    .build())))
                    .displayName("Fields to Match")
                    .defaultValue(Map.of("values", List.of(Map.of("field1", "", "field2", ""))))
                    .description("Specify the fields to use for matching input items")
                    .show("mode", "combine")
                    .show("combineBy", "combineByFields")
                    .show("advanced", true))
            .parameter(Parameter.options(
                            "joinMode",
                            Option.of("Keep Matches", "keepMatches", "Items that match, merged together (inner join)"),
                            Option.of("Keep Non-Matches", "keepNonMatches", "Items that don't match"),
                            Option.of(
                                    "Keep Everything",
                                    "keepEverything",
                                    "Items that match merged together, plus items that don't match (outer join)"),
                            Option.of(
                                    "Enrich Input 1",
                                    "enrichInput1",
                                    "All of input 1, with data from input 2 added in (left join)"),
                            Option.of(
                                    "Enrich Input 2",
                                    "enrichInput2",
                                    "All of input 2, with data from input 1 added in (right join)"))
                    .displayName("Output Type")
                    .defaultValue("keepMatches")
                    .description("How to select the items to send to output")
                    .show("mode", "combine")
                    .show("combineBy", "combineByFields"))
            .parameter(Parameter.options(
                            "outputDataFrom",
                            Option.of("Both Inputs Merged Together", "both"),
                            Option.of("Input 1", "input1"),
                            Option.of("Input 2", "input2"))
                    .displayName("Output Data From")
                    .defaultValue("both")
                    .show("mode", "combine")
                    .show("combineBy", "combineByFields")
                    .show("joinMode", "keepMatches"))
            .parameter(Parameter.options(
                            "outputDataFrom",
                            Option.of("Both Inputs Appended Together", "both"),
                            Option.of("Input 1", "input1"),
                            Option.of("Input 2", "input2"))
                    .displayName("Output Data From")
                    .defaultValue("both")
                    .show("mode", "combine")
                    .show("combineBy", "combineByFields")
                    .show("joinMode", "keepNonMatches"))
            .parameter(Parameter.collection(
                            "options",
                            "Add option",
                            clashHandling("preferLast")
                                    .hide("/joinMode", "keepMatches", "keepNonMatches")
                                    .build(),
                            clashHandling("preferLast")
                                    .show("/joinMode", "keepMatches")
                                    .show("/outputDataFrom", "both")
                                    .build(),
                            Parameter.bool("disableDotNotation")
                                    .displayName("Disable Dot Notation")
                                    .description("Whether to disallow referencing child fields using `parent.child` in"
                                            + " the field name")
                                    .build(),
                            FUZZY_COMPARE,
                            multipleMatches()
                                    .show("/joinMode", "keepMatches")
                                    .show("/outputDataFrom", "both")
                                    .build(),
                            multipleMatches()
                                    .show("/joinMode", "enrichInput1", "enrichInput2", "keepEverything")
                                    .build())
                    .displayName("Options")
                    .show("mode", "combine")
                    .show("combineBy", "combineByFields"))
            // combine by position
            .parameter(numberInputs().show("mode", "combine").show("combineBy", "combineByPosition"))
            .parameter(Parameter.collection(
                            "options",
                            "Add option",
                            clashHandling(Clash.ADD_SUFFIX)
                                    .defaultValue(Map.of("values", Map.of("resolveClash", Clash.ADD_SUFFIX)))
                                    .build(),
                            Parameter.bool("includeUnpaired")
                                    .displayName("Include Any Unpaired Items")
                                    .description("Whether unpaired items should be included in the result when there"
                                            + " are differing numbers of items among the inputs")
                                    .build())
                    .displayName("Options")
                    .show("mode", "combine")
                    .show("combineBy", "combineByPosition"))
            // all possible combinations
            .parameter(Parameter.collection(
                            "options", "Add option", clashHandling("preferLast").build(), FUZZY_COMPARE)
                    .displayName("Options")
                    .show("mode", "combine")
                    .show("combineBy", "combineAll"))
            // choose branch
            .parameter(numberInputs().show("mode", "chooseBranch"))
            .parameter(Parameter.options("chooseBranchMode", Option.of("Wait for All Inputs to Arrive", "waitForAll"))
                    .displayName("Output Type")
                    .defaultValue("waitForAll")
                    .show("mode", "chooseBranch"))
            .parameter(Parameter.options(
                            "output",
                            Option.of("Data of Specified Input", "specifiedInput"),
                            Option.of("A Single, Empty Item", "empty"))
                    .displayName("Output")
                    .defaultValue("specifiedInput")
                    .show("mode", "chooseBranch")
                    .show("chooseBranchMode", "waitForAll"))
            .parameter(Parameter.number("useDataOfInput")
                    .displayName("Use Data of Input")
                    .defaultValue(1)
                    .minValue(1)
                    .description("The number of the input to use data of")
                    .show("mode", "chooseBranch")
                    .show("output", "specifiedInput"))
            .build();

    @Override
    public NodeDescription description() {
        return DESCRIPTION;
    }

    @Override
    public List<VersionMigration> migrations() {
        return MergeMigrations.STEPS;
    }

    @Override
    public CompletionStage<NodeOutput> execute(NodeExecutionContext context) {
        ParameterValues p = context.parameters();
        String mode = p.string("mode");
        List<Entry> out = switch (mode) {
            case "append" -> MergeModes.append(MergeModes.inputs(context, p));
            case "combine" -> MergeModes.combine(context, p);
            case "chooseBranch" -> MergeModes.chooseBranch(MergeModes.inputs(context, p), p);
            case "combineBySql" ->
                throw new NodeException(
                        "Merge → Mode: 'SQL Query' is not supported by Hearth",
                        "n8n runs the query with AlaSQL, which Hearth does not have; combine by fields or position"
                                + " instead",
                        null);
            default -> MergeV1Modes.run(mode, context.input(0), context.input(1), p);
        };
        if (out == null) {
            return CompletableFuture.completedFuture(NodeOutput.of(List.of()));
        }
        return CompletableFuture.completedFuture(
                NodeOutput.of(out.stream().map(Entry::toItem).toList()));
    }
}
