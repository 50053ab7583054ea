package io.hearth.server.execution;

import io.hearth.common.Json;
import io.hearth.node.BinaryData;
import io.hearth.node.Item;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.json.JsonMapper;

/**
 * Execution data read back as {@link ExecutionCodec} stores it: the parsed record, items (for retries and crash
 * recovery) and what was stored by reference put back.
 */
public final class StoredExecutionData {

    private static final JsonMapper MAPPER = Json.mapper();

    private StoredExecutionData() {}

    @SuppressWarnings("unchecked")
    public static Map<String, Object> parse(String json) {
        return (Map<String, Object>) MAPPER.readValue(json, Map.class);
    }

    /** Items back from their stored form (for retries and crash recovery). */
    @SuppressWarnings("unchecked")
    public static List<Item> readItems(Object stored) {
        List<Item> out = new ArrayList<>();
        if (!(stored instanceof List<?> list)) {
            return out;
        }
        for (Object o : list) {
            if (!(o instanceof Map<?, ?> m)) {
                continue;
            }
            Map<String, Object> json = m.get("json") instanceof Map<?, ?> j ? (Map<String, Object>) j : Map.of();
            Map<String, BinaryData> binary = new LinkedHashMap<>();
            if (m.get("binary") instanceof Map<?, ?> bm) {
                bm.forEach((k, v) -> {
                    if (v instanceof Map<?, ?> b) {
                        byte[] data = b.get("data") instanceof String s
                                ? Base64.getDecoder().decode(s)
                                : new byte[0];
                        binary.put(
                                String.valueOf(k),
                                BinaryData.of(
                                        data,
                                        String.valueOf(b.get("mimeType")),
                                        b.get("fileName") == null ? null : String.valueOf(b.get("fileName"))));
                    }
                });
            }
            out.add(new Item(json, binary, pairedItems(m.get("pairedItem"))));
        }
        return out;
    }

    private static List<Item.PairedItem> pairedItems(Object stored) {
        List<Item.PairedItem> out = new ArrayList<>();
        if (stored instanceof List<?> list) {
            for (Object o : list) {
                if (o instanceof Map<?, ?> p && p.get("item") instanceof Number item) {
                    int input = p.get("input") instanceof Number n ? n.intValue() : 0;
                    out.add(
                            p.get("run") instanceof Number run
                                    ? Item.PairedItem.ofRun(item.intValue(), input, run.intValue())
                                    : new Item.PairedItem(item.intValue(), input));
                }
            }
        }
        return out;
    }

    /** Puts back what was stored by reference: inputs equal to a source's output, start items equal to a node's output. */
    @SuppressWarnings("unchecked")
    static void fillReferences(Map<String, Object> stored) {
        if (!(stored.get("nodes") instanceof Map<?, ?> nodes)) {
            return;
        }
        for (Object runs : nodes.values()) {
            if (!(runs instanceof List<?> rl)) {
                continue;
            }
            for (Object run : rl) {
                if (!(run instanceof Map<?, ?> rm) || !(rm.get("input") instanceof List<?> input)) {
                    continue;
                }
                List<Object> filled = new ArrayList<>(input);
                for (int i = 0; i < filled.size(); i++) {
                    if (filled.get(i) == null
                            && rm.get("sources") instanceof List<?> sources
                            && i < sources.size()
                            && sources.get(i) instanceof List<?> srcList
                            && !srcList.isEmpty()
                            && srcList.getFirst() instanceof Map<?, ?> src) {
                        filled.set(
                                i, outputOf(nodes, String.valueOf(src.get("node")), src.get("run"), src.get("output")));
                    }
                }
                ((Map<String, Object>) rm).put("input", filled);
            }
        }
        if (stored.get("start") instanceof Map<?, ?> s && s.get("itemsFromNode") instanceof String from) {
            Map<String, Object> start = (Map<String, Object>) s;
            start.put("items", outputOf(nodes, from, 0, 0));
            start.remove("itemsFromNode");
        }
    }

    private static Object outputOf(Map<?, ?> nodes, String node, Object run, Object output) {
        if (nodes.get(node) instanceof List<?> runs
                && run instanceof Number r
                && r.intValue() < runs.size()
                && runs.get(r.intValue()) instanceof Map<?, ?> rm
                && rm.get("output") instanceof List<?> outs
                && output instanceof Number o
                && o.intValue() < outs.size()) {
            return outs.get(o.intValue());
        }
        return List.of();
    }

    /** Items a start row recorded, to retry or recover an execution. */
    public static List<Item> startItems(Map<String, Object> storedData) {
        if (storedData.get("start") instanceof Map<?, ?> s && s.get("itemsFromNode") != null) {
            fillReferences(storedData);
        }
        return storedData.get("start") instanceof Map<?, ?> s ? readItems(s.get("items")) : List.of();
    }

    public static Optional<String> startNode(Map<String, Object> storedData) {
        return storedData.get("start") instanceof Map<?, ?> s && s.get("node") instanceof String n
                ? Optional.of(n)
                : Optional.empty();
    }
}
