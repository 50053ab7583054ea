package io.hearth.runtime.nodes;

import io.hearth.node.ActionNode;
import io.hearth.node.Item;
import io.hearth.node.NodeExecutionContext;
import io.hearth.node.NodeOutput;
import io.hearth.node.ParameterException;
import io.hearth.node.ParameterValues;
import io.hearth.node.description.NodeDescription;
import io.hearth.node.description.NodeGroup;
import io.hearth.node.description.Option;
import io.hearth.node.description.Parameter;
import io.hearth.node.description.Port;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Merges the items of two inputs once both have arrived: append, combine by matching fields,
 * combine by position, all combinations, or choose one branch. Reads n8n Merge v3 parameters and
 * v2's modes ({@code append}, {@code mergeByKey}, {@code mergeByIndex}, {@code passThrough}).
 */
public final class MergeNode implements ActionNode {

    private static final NodeDescription DESCRIPTION = NodeDescription.builder("hearth.merge")
            .alias("n8n-nodes-base.merge")
            .displayName("Merge")
            .versions(2, 2.1, 3, 3.1)
            .group(NodeGroup.TRANSFORM)
            .categories("Flow")
            .icon("fa:code-branch")
            .description("Merges data of two inputs once both are available")
            .inputs(new Port("Input 1"), new Port("Input 2"))
            .parameter(Parameter.options(
                            "mode",
                            Option.of("Append", "append", "Output the items of input 1, then those of input 2"),
                            Option.of("Combine", "combine", "Merge matching items together"),
                            Option.of("Choose Branch", "chooseBranch", "Output the items of one input"))
                    .displayName("Mode")
                    .defaultValue("append"))
            .parameter(Parameter.options(
                            "combineBy",
                            Option.of("Matching Fields", "combineByFields", "Combine items with the same field values"),
                            Option.of("Position", "combineByPosition", "Combine items by their order"),
                            Option.of("All Possible Combinations", "combineAll", "Every pairing of items"))
                    .displayName("Combine By")
                    .defaultValue("combineByFields")
                    .show("mode", "combine"))
            .parameter(Parameter.string("fieldsToMatchString")
                    .displayName("Fields to Match")
                    .placeholder("e.g. id, name")
                    .required()
                    .description("Comma-separated; the same field names in both inputs")
                    .show("mode", "combine")
                    .show("combineBy", "combineByFields"))
            .parameter(Parameter.options(
                            "joinMode",
                            Option.of("Keep Matches", "keepMatches"),
                            Option.of("Keep Non-Matches", "keepNonMatches"),
                            Option.of("Keep Everything", "keepEverything"),
                            Option.of("Enrich Input 1", "enrichInput1"),
                            Option.of("Enrich Input 2", "enrichInput2"))
                    .displayName("Output Type")
                    .defaultValue("keepMatches")
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
                            "output",
                            Option.of("Input 1 Data", "input1"),
                            Option.of("Input 2 Data", "input2"),
                            Option.of("A Single, Empty Item", "empty"))
                    .displayName("Output")
                    .defaultValue("input1")
                    .show("mode", "chooseBranch"))
            .parameter(Parameter.collection(
                            "options",
                            "Add Option",
                            Parameter.options(
                                            "clashHandling",
                                            Option.of("Prefer Input 2 Version", "preferInput2"),
                                            Option.of("Prefer Input 1 Version", "preferInput1"),
                                            Option.of("Add Input Number Suffix to Field Names", "addSuffix"))
                                    .displayName("When Field Values Clash")
                                    .defaultValue("preferInput2")
                                    .build(),
                            Parameter.bool("includeUnpaired")
                                    .displayName("Include Any Unpaired Items")
                                    .build(),
                            Parameter.bool("fuzzyCompare")
                                    .displayName("Fuzzy Compare")
                                    .description("Treat 1 and \"1\" as equal")
                                    .build())
                    .displayName("Options"))
            .build();

    @Override
    public NodeDescription description() {
        return DESCRIPTION;
    }

    @Override
    public List<io.hearth.node.description.VersionMigration> migrations() {
        return List.of(io.hearth.node.description.VersionMigration.upTo(
                3,
                "combinationMode becomes combineBy; clashHandling's values.resolveClash its value",
                MergeNode::v2ToV3));
    }

    /**
     * Merge v2/v2.1: {@code combinationMode} (mergeByFields by default, mergeByPosition, multiplex)
     * and {@code options.clashHandling.values.resolveClash}; v3 names them {@code combineBy}
     * (combineByFields, combineByPosition, combineAll) and {@code options.clashHandling}. The fields
     * to match stay in {@code mergeByFields.values[{field1, field2}]}.
     */
    @SuppressWarnings("unchecked")
    static Map<String, Object> v2ToV3(Map<String, Object> p) {
        Map<String, Object> out = new LinkedHashMap<>(p);
        if ("combine".equals(p.get("mode")) && !p.containsKey("combineBy")) {
            Object mode = p.getOrDefault("combinationMode", "mergeByFields");
            out.put(
                    "combineBy",
                    switch (String.valueOf(mode)) {
                        case "mergeByPosition" -> "combineByPosition";
                        case "multiplex" -> "combineAll";
                        default -> "combineByFields";
                    });
            out.remove("combinationMode");
        }
        if (p.get("options") instanceof Map<?, ?> options
                && options.get("clashHandling") instanceof Map<?, ?> clash
                && clash.get("values") instanceof Map<?, ?> values) {
            Map<String, Object> o = new LinkedHashMap<>((Map<String, Object>) options);
            o.put("clashHandling", values.get("resolveClash") == null ? "preferInput2" : values.get("resolveClash"));
            out.put("options", o);
        }
        return out;
    }

    @Override
    public CompletionStage<NodeOutput> execute(NodeExecutionContext context) {
        ParameterValues p = context.parameters();
        List<Item> in1 = context.input(0);
        List<Item> in2 = context.input(1);
        String clash = p.string("options.clashHandling");
        boolean preferInput1 = "preferInput1".equals(clash);
        boolean suffix = "addSuffix".equals(clash);
        if (suffix) {
            // n8n's "add input number suffix": every field of input 1 ends in _1, of input 2 in _2
            in1 = suffixed(in1, "_1");
            in2 = suffixed(in2, "_2");
        }
        List<Map<String, Object>> pairs = p.group("mergeByFields", "values");
        List<String> fields1 = pairs.isEmpty()
                ? suffixFields(fields(p, "fieldsToMatchString"), suffix ? "_1" : "")
                : suffixFields(pairFields(pairs, "field1"), suffix ? "_1" : "");
        List<String> fields2 = pairs.isEmpty()
                ? suffixFields(fields(p, "fieldsToMatchString"), suffix ? "_2" : "")
                : suffixFields(pairFields(pairs, "field2"), suffix ? "_2" : "");
        List<Item> out = switch (p.string("mode")) {
            case "append", "" -> append(in1, in2);
            case "combine" ->
                switch (p.string("combineBy")) {
                    case "combineByPosition" -> byPosition(in1, in2, p.bool("options.includeUnpaired"), preferInput1);
                    case "combineAll" -> all(in1, in2, preferInput1);
                    default ->
                        byFields(
                                in1,
                                in2,
                                fields1,
                                fields2,
                                p.string("joinMode"),
                                p.string("outputDataFrom"),
                                p.bool("options.fuzzyCompare"),
                                preferInput1);
                };
            case "chooseBranch" ->
                switch (p.string("output")) {
                    case "input2" -> in2;
                    case "empty" -> List.of(Item.empty());
                    default -> in1;
                };
            // n8n Merge v2 modes
            case "mergeByKey" ->
                byFields(
                        in1,
                        in2,
                        fields(p, "propertyName1"),
                        fields(p, "propertyName2"),
                        "enrichInput1".equals(p.string("join")) || "left".equals(p.string("join"))
                                ? "enrichInput1"
                                : "outer".equals(p.string("join")) ? "keepEverything" : "keepMatches",
                        "both",
                        false,
                        false);
            case "mergeByIndex" -> byPosition(in1, in2, !"inner".equals(p.string("join")), false);
            case "multiplex" -> all(in1, in2, false);
            case "passThrough" -> "input2".equals(p.string("output")) ? in2 : in1;
            case "wait" -> List.of(Item.empty());
            default -> throw new ParameterException("mode", "unknown mode '" + p.string("mode") + "'");
        };
        return CompletableFuture.completedFuture(NodeOutput.of(out));
    }

    private static List<String> fields(ParameterValues p, String name) {
        List<String> f = Arrays.stream(p.string(name).split(","))
                .map(String::strip)
                .filter(s -> !s.isEmpty())
                .toList();
        return f;
    }

    private static List<String> pairFields(List<Map<String, Object>> pairs, String key) {
        List<String> out = new ArrayList<>();
        for (Map<String, Object> pair : pairs) {
            Object f = pair.get(key);
            if (f != null && !f.toString().isBlank()) {
                out.add(f.toString().strip());
            }
        }
        return out;
    }

    private static List<String> suffixFields(List<String> fields, String suffix) {
        return fields.stream().map(f -> f + suffix).toList();
    }

    private static List<Item> suffixed(List<Item> items, String suffix) {
        List<Item> out = new ArrayList<>(items.size());
        for (Item item : items) {
            Map<String, Object> json = new LinkedHashMap<>();
            item.json().forEach((k, v) -> json.put(k + suffix, v));
            out.add(item.withJson(json));
        }
        return out;
    }

    private static List<Item> append(List<Item> in1, List<Item> in2) {
        List<Item> out = new ArrayList<>(in1.size() + in2.size());
        for (int i = 0; i < in1.size(); i++) {
            out.add(paired(in1.get(i), i, 0));
        }
        for (int i = 0; i < in2.size(); i++) {
            out.add(paired(in2.get(i), i, 1));
        }
        return out;
    }

    private static List<Item> byPosition(
            List<Item> in1, List<Item> in2, boolean includeUnpaired, boolean preferInput1) {
        List<Item> out = new ArrayList<>();
        int n = includeUnpaired ? Math.max(in1.size(), in2.size()) : Math.min(in1.size(), in2.size());
        for (int i = 0; i < n; i++) {
            if (i < in1.size() && i < in2.size()) {
                out.add(merge(in1.get(i), in2.get(i), i, preferInput1));
            } else if (i < in1.size()) {
                out.add(paired(in1.get(i), i, 0));
            } else {
                out.add(paired(in2.get(i), i, 1));
            }
        }
        return out;
    }

    private static List<Item> all(List<Item> in1, List<Item> in2, boolean preferInput1) {
        List<Item> out = new ArrayList<>();
        for (int i = 0; i < in1.size(); i++) {
            for (Item b : in2) {
                out.add(merge(in1.get(i), b, i, preferInput1));
            }
        }
        return out;
    }

    private static List<Item> byFields(
            List<Item> in1,
            List<Item> in2,
            List<String> fields1,
            List<String> fields2,
            String joinMode,
            String outputDataFrom,
            boolean fuzzy,
            boolean preferInput1) {
        if (fields1.isEmpty() || fields2.isEmpty()) {
            throw new ParameterException("fieldsToMatchString", "needs at least one field name (Fields to Match)");
        }
        List<Item> out = new ArrayList<>();
        boolean[] matched2 = new boolean[in2.size()];
        List<Item> unmatched1 = new ArrayList<>();
        for (int i = 0; i < in1.size(); i++) {
            Item a = in1.get(i);
            List<Integer> matches = new ArrayList<>();
            for (int j = 0; j < in2.size(); j++) {
                if (sameKeys(a, fields1, in2.get(j), fields2, fuzzy)) {
                    matches.add(j);
                }
            }
            if (matches.isEmpty()) {
                unmatched1.add(paired(a, i, 0));
                if (joinMode.equals("enrichInput1")) {
                    out.add(paired(a, i, 0));
                }
                continue;
            }
            for (int j : matches) {
                matched2[j] = true;
                switch (joinMode) {
                    case "keepNonMatches" -> {}
                    case "enrichInput2" -> out.add(merge(in2.get(j), a, j, !preferInput1));
                    case "keepMatches" ->
                        out.add(
                                switch (outputDataFrom) {
                                    case "input1" -> paired(a, i, 0);
                                    case "input2" -> paired(in2.get(j), j, 1);
                                    default -> merge(a, in2.get(j), i, preferInput1);
                                });
                    default -> out.add(merge(a, in2.get(j), i, preferInput1));
                }
                if (joinMode.equals("keepMatches") && outputDataFrom.equals("input1")) {
                    break;
                }
            }
        }
        switch (joinMode) {
            case "keepNonMatches" -> {
                out.addAll(unmatched1);
                for (int j = 0; j < in2.size(); j++) {
                    if (!matched2[j]) {
                        out.add(paired(in2.get(j), j, 1));
                    }
                }
            }
            case "keepEverything" -> {
                out.addAll(unmatched1);
                for (int j = 0; j < in2.size(); j++) {
                    if (!matched2[j]) {
                        out.add(paired(in2.get(j), j, 1));
                    }
                }
            }
            case "enrichInput2" -> {
                for (int j = 0; j < in2.size(); j++) {
                    if (!matched2[j]) {
                        out.add(paired(in2.get(j), j, 1));
                    }
                }
            }
            default -> {}
        }
        return out;
    }

    private static boolean sameKeys(Item a, List<String> fa, Item b, List<String> fb, boolean fuzzy) {
        for (int k = 0; k < fa.size() && k < fb.size(); k++) {
            Object va = lookup(a.json(), fa.get(k));
            Object vb = lookup(b.json(), fb.get(k));
            if (va == null || vb == null) {
                return false;
            }
            boolean equal = fuzzy
                    ? io.hearth.runtime.conditions.TypeConversion.toText(va)
                            .equals(io.hearth.runtime.conditions.TypeConversion.toText(vb))
                    : numericEquals(va, vb) || Objects.equals(va, vb);
            if (!equal) {
                return false;
            }
        }
        return true;
    }

    private static boolean numericEquals(Object a, Object b) {
        return a instanceof Number x && b instanceof Number y && x.doubleValue() == y.doubleValue();
    }

    private static Object lookup(Map<String, Object> json, String path) {
        if (json.containsKey(path)) {
            return json.get(path);
        }
        Object current = json;
        for (String part : path.split("\\.")) {
            if (!(current instanceof Map<?, ?> m)) {
                return null;
            }
            current = m.get(part);
        }
        return current;
    }

    private static Item paired(Item item, int index, int input) {
        return new Item(item.json(), item.binary(), List.of(new Item.PairedItem(index, input)));
    }

    private static Item merge(Item a, Item b, int index, boolean preferA) {
        Map<String, Object> json = preferA ? deepMerge(b.json(), a.json()) : deepMerge(a.json(), b.json());
        Map<String, io.hearth.node.BinaryData> binary = new LinkedHashMap<>(preferA ? b.binary() : a.binary());
        binary.putAll(preferA ? a.binary() : b.binary());
        return new Item(json, binary, List.of(new Item.PairedItem(index, 0)));
    }

    /** {@code over} wins on clashes; nested objects merge. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> deepMerge(Map<String, Object> base, Map<String, Object> over) {
        Map<String, Object> out = new LinkedHashMap<>(base);
        over.forEach((k, v) -> {
            Object existing = out.get(k);
            if (existing instanceof Map<?, ?> em && v instanceof Map<?, ?> vm) {
                out.put(k, deepMerge((Map<String, Object>) em, (Map<String, Object>) vm));
            } else {
                out.put(k, v);
            }
        });
        return out;
    }
}
