package io.hearth.runtime.nodes.merge;

import io.hearth.node.Item;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Merge → Combine → Position (n8n's {@code combineByPosition}): the first items of all inputs
 * merged into one, then the second ones, and so on; as many as the shortest input has, or the
 * longest with "Include Any Unpaired Items". The preferred input (the last one, or input 1 with
 * "Prefer Input 1 Version") wins clashes.
 */
final class CombineByPosition {

    private CombineByPosition() {}

    /**
     * @param appendWhenAnInputIsEmpty Merge v2: when input 1 or 2 has no items, output both appended
     */
    static List<Entry> combine(
            List<List<Entry>> inputs, Clash clash, boolean includeUnpaired, boolean appendWhenAnInputIsEmpty) {
        if (appendWhenAnInputIsEmpty
                && (inputs.get(0).isEmpty() || inputs.get(1).isEmpty())) {
            List<Entry> both = new ArrayList<>(inputs.get(0));
            both.addAll(inputs.get(1));
            return both;
        }
        int preferred = clash.prefersInput1() ? 0 : inputs.size() - 1;
        List<List<Entry>> data = new ArrayList<>();
        for (int i = 0; i < inputs.size(); i++) {
            data.add(clash.suffixed(inputs.get(i), i + 1));
        }
        int count = includeUnpaired ? 0 : Integer.MAX_VALUE;
        for (List<Entry> input : data) {
            count = includeUnpaired ? Math.max(count, input.size()) : Math.min(count, input.size());
        }
        List<Entry> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            List<Map<String, Object>> jsons = new ArrayList<>();
            Map<String, io.hearth.node.BinaryData> binary = new LinkedHashMap<>();
            List<Item.PairedItem> from = new ArrayList<>();
            for (List<Entry> input : data) {
                if (i < input.size()) {
                    jsons.add(input.get(i).json());
                    binary.putAll(input.get(i).binary());
                    from.addAll(input.get(i).from());
                }
            }
            if (i < data.get(preferred).size()) {
                Entry winner = data.get(preferred).get(i);
                jsons.add(winner.json());
                binary.putAll(winner.binary());
            }
            out.add(new Entry(clash.objectMerge().apply(jsons), binary, from));
        }
        return out;
    }
}
