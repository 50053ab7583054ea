package io.hearth.runtime.nodes.merge;

import io.hearth.node.Item;
import io.hearth.node.NodeException;
import io.hearth.node.NodeExecutionContext;
import io.hearth.node.ParameterValues;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Merge's modes from version 2 on: append, combine (by fields, by position, all combinations) and choose a branch. */
final class MergeModes {

    private MergeModes() {}

    /** The items of each input, as many inputs as "Number of Inputs" says (or are connected). */
    static List<List<Entry>> inputs(NodeExecutionContext context, ParameterValues p) {
        int count = Math.max((int) p.integer("numberInputs"), 2);
        count = Math.max(count, context.inputCount());
        List<List<Entry>> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            out.add(Entry.ofInput(i < context.inputCount() ? context.input(i) : List.of(), i));
        }
        return out;
    }

    static List<Entry> append(List<List<Entry>> inputs) {
        List<Entry> out = new ArrayList<>();
        inputs.forEach(out::addAll);
        return out;
    }

    static List<Entry> chooseBranch(List<List<Entry>> inputs, ParameterValues p) {
        if (!"waitForAll".equals(p.string("chooseBranchMode"))) {
            throw new NodeException("Merge → Output Type: unknown value '" + p.string("chooseBranchMode") + "'");
        }
        return switch (p.string("output")) {
            case "specifiedInput" -> {
                long input = p.integer("useDataOfInput");
                if (input < 1 || input > inputs.size()) {
                    throw new NodeException(
                            "Input " + input + " doesn't exist",
                            "The node has only " + inputs.size() + " inputs, so selecting input " + input
                                    + " is not possible.",
                            null);
                }
                yield inputs.get((int) input - 1);
            }
            case "empty" -> {
                List<Item.PairedItem> from = new ArrayList<>();
                inputs.get(0).forEach(e -> from.addAll(e.from()));
                inputs.get(1).forEach(e -> from.addAll(e.from()));
                yield List.of(new Entry(Map.of(), Map.of(), from));
            }
            default -> throw new NodeException("Merge → Output: unknown value '" + p.string("output") + "'");
        };
    }

    static List<Entry> combine(NodeExecutionContext context, ParameterValues p) {
        Map<String, Object> options = p.map("options");
        Clash clash = Clash.of(options);
        return switch (p.string("combineBy")) {
            case "combineByFields" -> byFields(context, p, options, clash);
            case "combineByPosition" ->
                CombineByPosition.combine(
                        inputs(context, p),
                        clash,
                        Boolean.TRUE.equals(options.get("includeUnpaired")),
                        p.bool(MergeNode.APPEND_WHEN_AN_INPUT_IS_EMPTY));
            case "combineAll" -> all(Entry.ofInput(context.input(0), 0), Entry.ofInput(context.input(1), 1), clash);
            default -> throw new NodeException("Merge → Combine By: unknown value '" + p.string("combineBy") + "'");
        };
    }

    /** n8n's {@code combineAll}: every item of input 1 with every item of input 2. */
    private static List<Entry> all(List<Entry> input1, List<Entry> input2, Clash clash) {
        List<Entry> first = input1;
        List<Entry> second = input2;
        if (clash.prefersInput1()) {
            first = input2;
            second = input1;
        }
        first = clash.suffixed(first, 1);
        second = clash.suffixed(second, 2);
        List<Entry> out = new ArrayList<>();
        for (Entry a : first) {
            for (Entry b : second) {
                out.add(Entry.merged(List.of(a, b), clash.objectMerge()));
            }
        }
        return out;
    }

    private static List<Entry> byFields(
            NodeExecutionContext context, ParameterValues p, Map<String, Object> options, Clash clash) {
        List<MatchFields.Pair> pairs = new ArrayList<>();
        if (p.bool("advanced")) {
            for (Map<String, Object> v : p.group("mergeByFields", "values")) {
                // taken as typed: n8n does not trim these
                pairs.add(new MatchFields.Pair(text(v.get("field1")), text(v.get("field2"))));
            }
        } else {
            for (String field : p.string("fieldsToMatchString").split(",", -1)) {
                pairs.add(new MatchFields.Pair(field.strip(), field.strip()));
            }
        }
        pairs = MatchFields.checked(pairs);
        boolean literal = Boolean.TRUE.equals(options.get("disableDotNotation"));
        List<Entry> input1 = Entry.ofInput(context.input(0), 0);
        List<Entry> input2 = Entry.ofInput(context.input(1), 1);
        if (p.bool(MergeNode.REQUIRE_MATCH_FIELDS)) {
            MatchFields.requirePresent(
                    input1, pairs.stream().map(MatchFields.Pair::field1).toList(), literal, "Input 1");
            MatchFields.requirePresent(
                    input2, pairs.stream().map(MatchFields.Pair::field2).toList(), literal, "Input 2");
        }
        return MatchFields.combine(
                input1,
                input2,
                new MatchFields.Settings(
                        pairs,
                        p.string("joinMode"),
                        p.get("outputDataFrom").map(String::valueOf).orElse("both"),
                        Boolean.TRUE.equals(options.get("fuzzyCompare")),
                        literal,
                        options.get("multipleMatches") instanceof String s ? s : "all",
                        clash));
    }

    private static String text(Object value) {
        return value == null ? "" : String.valueOf(value);
    }
}
