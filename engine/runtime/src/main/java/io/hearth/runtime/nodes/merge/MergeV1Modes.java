package io.hearth.runtime.nodes.merge;

import io.hearth.expression.ExpressionValues;
import io.hearth.expression.Undefined;
import io.hearth.node.Item;
import io.hearth.node.NodeException;
import io.hearth.node.ParameterValues;
import io.hearth.runtime.nodes.transform.FieldPath;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The modes only Merge version 1 had (packages/nodes-base/nodes/Merge/v1 at 5fbc8d1f), which later
 * versions replaced by others that behave differently: keep or remove key matches, merge by key
 * (with its "Overwrite" rule), merge by index (with its inner/left/outer join), multiplex (a shallow
 * merge without attachments), pass-through and wait. Version 1's "Append" is the current Append.
 */
final class MergeV1Modes {

    /** Version 1's "Output Data" of pass-through, renamed by the migration (Hearth-internal parameter). */
    static final String PASS_THROUGH_OUTPUT = "passThroughOutput";

    private MergeV1Modes() {}

    static List<Entry> run(String mode, List<Item> in1, List<Item> in2, ParameterValues p) {
        List<Entry> input1 = Entry.ofInput(in1, 0);
        List<Entry> input2 = Entry.ofInput(in2, 1);
        return switch (mode) {
            case "mergeByIndex" -> byIndex(input1, input2, p.string("join"));
            case "multiplex" -> multiplex(input1, input2);
            case "keepKeyMatches", "mergeByKey", "removeKeyMatches" ->
                byKey(
                        mode,
                        input1,
                        input2,
                        p.string("propertyName1"),
                        p.string("propertyName2"),
                        p.string("overwrite"));
            case "passThrough" -> "input1".equals(p.string(PASS_THROUGH_OUTPUT)) ? input1 : input2;
            case "wait" -> {
                List<Item.PairedItem> from = new ArrayList<>();
                input1.forEach(e -> from.addAll(e.from()));
                yield List.of(new Entry(Map.of(), Map.of(), from));
            }
            default -> throw new NodeException("Merge → Mode: unknown value '" + mode + "'");
        };
    }

    private static List<Entry> byIndex(List<Entry> in1, List<Entry> in2, String join) {
        if (in1.isEmpty()) {
            return join.equals("outer") ? in2 : List.of();
        }
        if (in2.isEmpty()) {
            return join.equals("inner") ? List.of() : in1;
        }
        int count = switch (join) {
            case "inner" -> Math.min(in1.size(), in2.size());
            case "outer" -> Math.max(in1.size(), in2.size());
            case "left" -> in1.size();
            default -> throw new NodeException("Merge → Join: unknown value '" + join + "'");
        };
        List<Entry> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            if (i >= in1.size()) {
                out.add(in2.get(i));
            } else if (i >= in2.size()) {
                out.add(in1.get(i));
            } else {
                out.add(Entry.merged(List.of(in1.get(i), in2.get(i)), ObjectMerge.SHALLOW));
            }
        }
        return out;
    }

    private static List<Entry> multiplex(List<Entry> in1, List<Entry> in2) {
        List<Entry> out = new ArrayList<>();
        for (Entry a : in1) {
            for (Entry b : in2) {
                Entry merged = Entry.merged(List.of(a, b), ObjectMerge.SHALLOW);
                out.add(new Entry(merged.json(), Map.of(), merged.from())); // version 1 dropped attachments here
            }
        }
        return out;
    }

    private static List<Entry> byKey(
            String mode, List<Entry> in1, List<Entry> in2, String property1, String property2, String overwrite) {
        if (property1.isEmpty() || property2.isEmpty()) {
            return mode.equals("keepKeyMatches") ? List.of() : in1;
        }
        // by the key's text; a later item of input 2 with the same key replaces an earlier one
        Map<String, Entry> byKey = new HashMap<>();
        for (Entry e : in2) {
            Object key = FieldPath.get(e.json(), property2);
            if (key != Undefined.INSTANCE && ExpressionValues.truthy(key)) {
                byKey.put(ExpressionValues.toText(key), e);
            }
        }
        List<Entry> out = new ArrayList<>();
        for (Entry entry : in1) {
            Object reference = FieldPath.get(entry.json(), property1);
            boolean comparable = reference == null || reference instanceof String || reference instanceof Number;
            if (reference == Undefined.INSTANCE || !comparable) {
                if (mode.equals("removeKeyMatches")) {
                    out.add(entry);
                }
                continue;
            }
            Entry match = byKey.get(reference == null ? "null" : ExpressionValues.toText(reference));
            switch (mode) {
                case "removeKeyMatches" -> {
                    if (match == null) {
                        out.add(entry);
                    }
                }
                case "keepKeyMatches" -> {
                    if (match != null) {
                        out.add(entry);
                    }
                }
                default -> out.add(match == null ? entry : overwritten(entry, match, property2, overwrite));
            }
        }
        return out;
    }

    /** Merge by key: the matching item's fields copied in (not its key field), per the "Overwrite" rule. */
    private static Entry overwritten(Entry entry, Entry match, String property2, String overwrite) {
        Map<String, Object> json = new LinkedHashMap<>(entry.json());
        match.json().forEach((key, value) -> {
            if (key.equals(property2)) {
                return;
            }
            boolean write = switch (overwrite) {
                case "undefined" -> !json.containsKey(key);
                case "blank" -> json.get(key) == null || "".equals(json.get(key));
                case "always" -> true;
                default -> throw new NodeException("Merge → Overwrite: unknown value '" + overwrite + "'");
            };
            if (write) {
                json.put(key, value);
            }
        });
        return new Entry(json, entry.binary(), entry.from());
    }
}
