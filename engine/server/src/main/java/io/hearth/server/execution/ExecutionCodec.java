package io.hearth.server.execution;

import io.hearth.node.BinaryData;
import io.hearth.node.Item;
import io.hearth.runtime.execution.ExecutionError;
import io.hearth.runtime.execution.ExecutionResult;
import io.hearth.runtime.execution.InputSource;
import io.hearth.runtime.execution.NodeRun;
import java.util.ArrayList;
import java.util.Base64;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.json.JsonMapper;

/**
 * The stored form of an execution's data, which is also (minus binary bytes) what the API returns:
 * <pre>{"start": {"node", "items"}, "lastNodeExecuted", "error", "nodes": {"Name": [run...]}}</pre>
 * Items are {@code {"json": {...}, "binary": {"data": {"mimeType", "fileName", "fileSize", "data": base64}}}}.
 */
public final class ExecutionCodec {

    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    private ExecutionCodec() {
    }

    public static String startData(Optional<String> startNode, List<Item> items) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("start", start(startNode, items));
        return MAPPER.writeValueAsString(root);
    }

    /**
     * The whole execution. Items are written once: an input that is exactly the output of the node
     * it came from is stored as {@code null} (its source says where to find it), and start items
     * that are the start node's output are not repeated.
     */
    public static String fullData(Optional<String> startNode, List<Item> startItems, ExecutionResult result) {
        Map<List<Item>, String> outputs = new IdentityHashMap<>();
        result.runData().forEach((node, runs) -> {
            for (NodeRun r : runs) {
                for (List<Item> o : r.output()) {
                    outputs.putIfAbsent(o, node);
                }
            }
        });
        Map<String, Object> root = new LinkedHashMap<>();
        String startOutputOf = outputs.get(startItems);
        if (startOutputOf != null && !startItems.isEmpty()) {
            Map<String, Object> s = new LinkedHashMap<>();
            s.put("node", startNode.orElse(startOutputOf));
            s.put("itemsFromNode", startOutputOf);
            root.put("start", s);
        } else {
            root.put("start", start(startNode, startItems));
        }
        root.put("lastNodeExecuted", result.lastNodeExecuted().orElse(null));
        root.put("error", result.error().map(ExecutionCodec::error).orElse(null));
        Map<String, Object> nodes = new LinkedHashMap<>();
        result.runData().forEach((node, runs) -> {
            List<Object> list = new ArrayList<>(runs.size());
            for (NodeRun r : runs) {
                list.add(run(r, result));
            }
            nodes.put(node, list);
        });
        root.put("nodes", nodes);
        return MAPPER.writeValueAsString(root);
    }

    private static Map<String, Object> start(Optional<String> startNode, List<Item> items) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("node", startNode.orElse(null));
        s.put("items", items(items));
        return s;
    }

    public static Map<String, Object> error(ExecutionError e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("message", e.message());
        m.put("description", e.description());
        m.put("node", e.node().orElse(null));
        m.put("httpStatus", e.httpStatus() == 0 ? null : e.httpStatus());
        m.put("kind", e.kind());
        return m;
    }

    private static Map<String, Object> run(NodeRun r, ExecutionResult result) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("runIndex", r.runIndex());
        m.put("type", r.type());
        m.put("startedAt", r.startedAt().toString());
        m.put("executionTimeMs", r.executionTime());
        m.put("attempts", r.attempts());
        m.put("status", r.failed() ? "error" : "success");
        m.put("error", r.error().map(ExecutionCodec::error).orElse(null));
        List<Object> sources = new ArrayList<>();
        for (Optional<InputSource> s : r.sources()) {
            sources.add(s.map(src -> (Object) List.of(Map.of("node", src.previousNode(), "output", src.previousNodeOutput(),
                    "run", src.previousNodeRun()))).orElse(List.of()));
        }
        m.put("sources", sources);
        List<Object> input = new ArrayList<>(r.input().size());
        for (int i = 0; i < r.input().size(); i++) {
            List<Item> items = r.input().get(i);
            input.add(i < r.sources().size() && r.sources().get(i).map(src -> sourceOutput(result, src) == items).orElse(false)
                    ? null : items(items));
        }
        m.put("input", input);
        m.put("output", lists(r.output()));
        return m;
    }

    private static List<Item> sourceOutput(ExecutionResult result, InputSource src) {
        List<NodeRun> runs = result.runData().get(src.previousNode());
        if (runs == null || src.previousNodeRun() >= runs.size()) {
            return null;
        }
        List<List<Item>> out = runs.get(src.previousNodeRun()).output();
        return src.previousNodeOutput() < out.size() ? out.get(src.previousNodeOutput()) : null;
    }

    private static List<Object> lists(List<List<Item>> lists) {
        List<Object> out = new ArrayList<>(lists.size());
        for (List<Item> l : lists) {
            out.add(items(l));
        }
        return out;
    }

    public static List<Object> items(List<Item> items) {
        List<Object> out = new ArrayList<>(items.size());
        for (Item i : items) {
            Map<String, Object> m = new LinkedHashMap<>(4);
            m.put("json", i.json());
            if (!i.binary().isEmpty()) {
                Map<String, Object> bin = new LinkedHashMap<>();
                i.binary().forEach((k, b) -> {
                    Map<String, Object> bm = new LinkedHashMap<>();
                    bm.put("mimeType", b.mimeType());
                    b.fileName().ifPresent(n -> bm.put("fileName", n));
                    bm.put("fileSize", b.size());
                    bm.put("data", Base64.getEncoder().encodeToString(b.data()));
                    bin.put(k, bm);
                });
                m.put("binary", bin);
            }
            if (!i.pairedItems().isEmpty()) {
                m.put("pairedItem", i.pairedItems().stream().map(p -> Map.of("item", p.item(), "input", p.input())).toList());
            }
            out.add(m);
        }
        return out;
    }

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
                        byte[] data = b.get("data") instanceof String s ? Base64.getDecoder().decode(s) : new byte[0];
                        binary.put(String.valueOf(k), BinaryData.of(data, String.valueOf(b.get("mimeType")),
                                b.get("fileName") == null ? null : String.valueOf(b.get("fileName"))));
                    }
                });
            }
            out.add(new Item(json, binary, List.of()));
        }
        return out;
    }

    /**
     * The API view of stored data: binary bytes replaced by a download URL.
     */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> apiView(String executionId, Map<String, Object> stored) {
        Object nodes = stored.get("nodes");
        if (nodes instanceof Map<?, ?> nm) {
            nm.forEach((node, runs) -> {
                if (runs instanceof List<?> rl) {
                    for (Object run : rl) {
                        if (run instanceof Map<?, ?> rm) {
                            int runIndex = rm.get("runIndex") instanceof Number n ? n.intValue() : 0;
                            stripBinary(executionId, String.valueOf(node), runIndex, "input", rm.get("input"));
                            stripBinary(executionId, String.valueOf(node), runIndex, "output", rm.get("output"));
                        }
                    }
                }
            });
        }
        fillReferences(stored);
        if (stored.get("start") instanceof Map<?, ?> s && s.get("items") instanceof List<?> items) {
            for (Object item : items) {
                if (item instanceof Map<?, ?> im && im.get("binary") instanceof Map<?, ?> bm) {
                    bm.values().forEach(b -> {
                        if (b instanceof Map<?, ?> bmap) {
                            ((Map<String, Object>) bmap).remove("data");
                        }
                    });
                }
            }
        }
        return stored;
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
                    if (filled.get(i) == null && rm.get("sources") instanceof List<?> sources && i < sources.size()
                            && sources.get(i) instanceof List<?> srcList && !srcList.isEmpty() && srcList.getFirst() instanceof Map<?, ?> src) {
                        filled.set(i, outputOf(nodes, String.valueOf(src.get("node")), src.get("run"), src.get("output")));
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
        if (nodes.get(node) instanceof List<?> runs && run instanceof Number r && r.intValue() < runs.size()
                && runs.get(r.intValue()) instanceof Map<?, ?> rm && rm.get("output") instanceof List<?> outs
                && output instanceof Number o && o.intValue() < outs.size()) {
            return outs.get(o.intValue());
        }
        return List.of();
    }

    @SuppressWarnings("unchecked")
    private static void stripBinary(String executionId, String node, int run, String side, Object lists) {
        if (!(lists instanceof List<?> ll)) {
            return;
        }
        for (int o = 0; o < ll.size(); o++) {
            if (!(ll.get(o) instanceof List<?> items)) {
                continue;
            }
            for (int i = 0; i < items.size(); i++) {
                if (items.get(i) instanceof Map<?, ?> im && im.get("binary") instanceof Map<?, ?> bm) {
                    for (Map.Entry<?, ?> e : bm.entrySet()) {
                        if (e.getValue() instanceof Map<?, ?> b) {
                            Map<String, Object> bmap = (Map<String, Object>) b;
                            bmap.remove("data");
                            bmap.put("url", "/api/v1/executions/" + executionId + "/binary/" + encode(node) + "/" + run + "/"
                                    + side + "/" + o + "/" + i + "/" + encode(String.valueOf(e.getKey())));
                        }
                    }
                }
            }
        }
    }

    private static String encode(String s) {
        return java.net.URLEncoder.encode(s, java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20");
    }
}
