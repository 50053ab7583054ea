package io.hearth.runtime.nodes.merge;

import io.hearth.node.BinaryData;
import io.hearth.node.Item;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An item on its way through Merge: its fields and attachments, and the input items it stands for
 * (its paired items), so the output says where each item came from.
 */
record Entry(Map<String, Object> json, Map<String, BinaryData> binary, List<Item.PairedItem> from) {

    /** Item {@code index} of input {@code input}. */
    static Entry of(Item item, int input, int index) {
        return new Entry(item.json(), item.binary(), List.of(new Item.PairedItem(index, input)));
    }

    static List<Entry> ofInput(List<Item> items, int input) {
        List<Entry> out = new ArrayList<>(items.size());
        for (int i = 0; i < items.size(); i++) {
            out.add(of(items.get(i), input, i));
        }
        return out;
    }

    /** The parts merged in order (later ones win clashes), paired with all of them. */
    static Entry merged(List<Entry> parts, ObjectMerge how) {
        List<Map<String, Object>> jsons = new ArrayList<>();
        Map<String, BinaryData> binary = new LinkedHashMap<>();
        List<Item.PairedItem> from = new ArrayList<>();
        for (Entry e : parts) {
            jsons.add(e.json());
            binary.putAll(e.binary());
            from.addAll(e.from());
        }
        return new Entry(how.apply(jsons), binary, from);
    }

    Entry withField(String key, Object value) {
        Map<String, Object> copy = new LinkedHashMap<>(json);
        copy.put(key, value);
        return new Entry(copy, binary, from);
    }

    /** n8n's {@code addSuffixToEntriesKeys}: every field name gets {@code _<n>}. */
    Entry suffixed(int n) {
        Map<String, Object> copy = new LinkedHashMap<>();
        json.forEach((k, v) -> copy.put(k + "_" + n, v));
        return new Entry(copy, binary, from);
    }

    Item toItem() {
        return new Item(json, binary, from);
    }
}
