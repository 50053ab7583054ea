package io.hearth.runtime.nodes.transform;

import io.hearth.expression.Undefined;
import io.hearth.node.ActionNode;
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
import io.hearth.node.description.Port;
import io.hearth.runtime.nodes.transform.DatasetComparison.Indexed;
import io.hearth.runtime.nodes.transform.DatasetComparison.Pair;
import io.hearth.runtime.nodes.transform.DatasetComparison.Settings;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * n8n's Compare Datasets: pairs items of input A and input B by matching fields, then sends each to
 * "In A only", "Same", "Different" or "In B only". Versions differ in the default for differences
 * (2.3: include both), fuzzy comparison (a parameter from 2, comparing keys of either side from
 * 2.1), "inputA"/"inputB" names (from 2), nullish values (2: only undefined becomes null) and the
 * check that the match fields exist (before 2.2).
 */
public final class CompareDatasetsNode implements ActionNode {

    private static final Option[] RESOLVE = {
        Option.of("Use Input A Version", "preferInput1"),
        Option.of("Use Input B Version", "preferInput2"),
        Option.of("Use a Mix of Versions", "mix", "Output uses different inputs for different fields"),
        Option.of("Include Both Versions", "includeBoth", "Output contains all data (but structure more complex)")
    };

    private static final NodeDescription DESCRIPTION = NodeDescription.builder("hearth.compareDatasets")
            .alias("n8n-nodes-base.compareDatasets")
            .displayName("Compare Datasets")
            .versions(1, 2, 2.1, 2.2, 2.3)
            .group(NodeGroup.TRANSFORM)
            .categories("Flow", "Core Nodes")
            .keywords("Join", "Concatenate", "Compare", "Dataset", "Split", "Sync", "Syncing")
            .icon("fa:equals")
            .description("Compare two inputs for changes")
            .inputs(new Port("Input A"), new Port("Input B"))
            .outputs(new Port("In A only"), new Port("Same"), new Port("Different"), new Port("In B only"))
            .parameter(Parameter.fixedCollection(
                            "mergeByFields",
                            true,
                            "Add Fields to Match",
                            new FieldGroup(
                                    "values",
                                    "Values",
                                    Parameter.all(
                                            Parameter.string("field1")
                                                    .displayName("Input A Field")
                                                    .placeholder("e.g. id")
                                                    .hint("Enter the field name as text"),
                                            Parameter.string("field2")
                                                    .displayName("Input B Field")
                                                    .placeholder("e.g. id")
                                                    .hint("Enter the field name as text"))))
                    .displayName("Fields to Match")
                    .defaultValue(Map.of("values", List.of(Map.of("field1", "", "field2", "")))))
            .parameter(Parameter.options("resolve", RESOLVE)
                    .displayName("When There Are Differences")
                    .defaultValue("preferInput2")
                    .show("@version", 1, 2))
            .parameter(Parameter.options("resolve", RESOLVE)
                    .displayName("When There Are Differences")
                    .defaultValue("includeBoth")
                    .hide("@version", 1, 2))
            .parameter(Parameter.bool("fuzzyCompare")
                    .displayName("Fuzzy Compare")
                    .description(
                            "Whether to tolerate small type differences when comparing fields. E.g. the number 3 and the string '3' are treated as the same.")
                    .hide("@version", 1))
            .parameter(Parameter.options(
                            "preferWhenMix",
                            Option.of("Input A Version", "input1"),
                            Option.of("Input B Version", "input2"))
                    .displayName("Prefer")
                    .defaultValue("input1")
                    .show("resolve", "mix"))
            .parameter(Parameter.string("exceptWhenMix")
                    .displayName("For Everything Except")
                    .placeholder("e.g. id, country")
                    .hint("Enter the names of the input fields as text, separated by commas")
                    .show("resolve", "mix"))
            .parameter(Parameter.collection(
                            "options",
                            "Add option",
                            Parameter.string("skipFields")
                                    .displayName("Fields to Skip Comparing")
                                    .placeholder("e.g. updated_at, updated_by")
                                    .hint("Enter the field names as text, separated by commas")
                                    .build(),
                            Parameter.bool("fuzzyCompare")
                                    .displayName("Fuzzy Compare")
                                    .show("@version", 1)
                                    .build(),
                            Descriptions.disableDotNotation().build(),
                            Parameter.options(
                                            "multipleMatches",
                                            Option.of(
                                                    "Include First Match Only",
                                                    "first",
                                                    "Only ever output a single item per match"),
                                            Option.of(
                                                    "Include All Matches",
                                                    "all",
                                                    "Output multiple items if there are multiple matches"))
                                    .displayName("Multiple Matches")
                                    .defaultValue("first")
                                    .build())
                    .displayName("Options"))
            .build();

    @Override
    public NodeDescription description() {
        return DESCRIPTION;
    }

    @Override
    public CompletionStage<NodeOutput> execute(NodeExecutionContext context) {
        ParameterValues p = context.parameters();
        double version = context.node().typeVersion();
        Settings s = new Settings(
                version,
                pairs(p.group("mergeByFields", "values")),
                p.string("resolve"),
                version >= 2 ? p.bool("fuzzyCompare") : p.bool("options.fuzzyCompare"),
                !p.bool("options.disableDotNotation"),
                "all".equals(p.string("options.multipleMatches")),
                skipFields(p.string("options.skipFields")),
                p.string("preferWhenMix"),
                p.string("exceptWhenMix"));
        if (!s.dotNotation()) {
            s.skipFields().stream().filter(f -> f.contains(".")).findFirst().ifPresent(f -> {
                throw new NodeException(
                        "Dot notation is disabled, but field to skip comparing '" + f + "' contains dot");
            });
        }
        List<Indexed> a = indexed(context.input(0), 0);
        List<Indexed> b = indexed(context.input(1), 1);
        if (version < 2.2) {
            check(a, s.fields().stream().map(Pair::field1).toList(), s.dotNotation(), "Input A");
            check(b, s.fields().stream().map(Pair::field2).toList(), s.dotNotation(), "Input B");
        }
        return CompletableFuture.completedFuture(DatasetComparison.compare(a, b, s));
    }

    private static List<Indexed> indexed(List<Item> items, int input) {
        List<Indexed> out = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            if (!items.get(i).json().isEmpty()) { // n8n drops empty items before comparing
                out.add(new Indexed(items.get(i), i, input));
            }
        }
        return out;
    }

    private static List<Pair> pairs(List<Map<String, Object>> values) {
        List<Pair> out = new ArrayList<>();
        for (Map<String, Object> v : values) {
            out.add(new Pair(Descriptions.text(v.get("field1")), Descriptions.text(v.get("field2"))));
        }
        if (out.size() == 1
                && out.getFirst().field1().isEmpty()
                && out.getFirst().field2().isEmpty()) {
            throw new NodeException(
                    "You need to define at least one pair of fields in \"Fields to Match\" to match on");
        }
        for (int i = 0; i < out.size(); i++) {
            Pair pair = out.get(i);
            if (pair.field1().isEmpty() || pair.field2().isEmpty()) {
                throw new NodeException("You need to define both fields in \"Fields to Match\" for pair " + (i + 1)
                        + ", field 1 = '" + pair.field1() + "' field 2 = '" + pair.field2() + "'");
            }
        }
        return out;
    }

    private static List<String> skipFields(String text) {
        List<String> out = new ArrayList<>();
        for (String f : text.split(",", -1)) {
            out.add(f.strip());
        }
        return out;
    }

    private static void check(List<Indexed> items, List<String> fields, boolean dotNotation, String label) {
        if (items.isEmpty()) {
            return;
        }
        for (String field : fields) {
            boolean present = items.stream()
                    .anyMatch(i -> dotNotation
                            ? FieldPath.get(i.json(), field) != Undefined.INSTANCE
                            : i.json().containsKey(field));
            if (!present) {
                throw new NodeException("Field '" + field + "' is not present in any of items in '" + label + "'");
            }
        }
    }
}
