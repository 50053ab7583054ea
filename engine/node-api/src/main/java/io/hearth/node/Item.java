package io.hearth.node;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One unit of data flowing between nodes: a JSON object plus named binary attachments, as in n8n.
 * <p>
 * {@code json} holds JSON-like Java values only: {@code Map<String, Object>}, {@code List<Object>},
 * {@code String}, {@code Number}, {@code Boolean} and {@code null}. Items are shared between nodes
 * and with the execution history: never mutate an input item's maps or lists; build new ones
 * ({@link #withJson}, {@link #withBinary}).
 *
 * @param json        the item's data
 * @param binary      attachments by property name (n8n's {@code binary.data} is key {@code "data"})
 * @param pairedItems which input items this item came from (empty when unknown)
 */
public record Item(Map<String, Object> json, Map<String, BinaryData> binary, List<PairedItem> pairedItems) {

    public Item {
        json = json == null ? Map.of() : json;
        binary = binary == null ? Map.of() : binary;
        pairedItems = pairedItems == null ? List.of() : List.copyOf(pairedItems);
    }

    public static Item of(Map<String, Object> json) {
        return new Item(json, Map.of(), List.of());
    }

    public static Item empty() {
        return new Item(Map.of(), Map.of(), List.of());
    }

    public Item withJson(Map<String, Object> newJson) {
        return new Item(newJson, binary, pairedItems);
    }

    /** A copy with one more (or a replaced) attachment. */
    public Item withBinary(String property, BinaryData data) {
        Map<String, BinaryData> copy = new LinkedHashMap<>(binary);
        copy.put(property, data);
        return new Item(json, copy, pairedItems);
    }

    public Item pairedWith(int inputItemIndex) {
        return new Item(json, binary, List.of(new PairedItem(inputItemIndex, 0)));
    }

    /**
     * Where an output item came from: item {@code item} of input {@code input} — of the node's
     * current run, or of its earlier run {@code run} (n8n's {@code sourceOverwrite}: a looping node
     * hands on items it received in an earlier run).
     */
    public record PairedItem(int item, int input, java.util.OptionalInt run) {

        public PairedItem {
            run = run == null ? java.util.OptionalInt.empty() : run;
        }

        public PairedItem(int item, int input) {
            this(item, input, java.util.OptionalInt.empty());
        }

        /** Item {@code item} of input {@code input} of this node's run {@code run}. */
        public static PairedItem ofRun(int item, int input, int run) {
            return new PairedItem(item, input, java.util.OptionalInt.of(run));
        }
    }
}
