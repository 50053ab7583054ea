package io.hearth.server.execution;

import io.hearth.common.Json;
import io.hearth.node.BinaryData;
import io.hearth.node.Item;
import io.hearth.runtime.execution.DroppedItems;
import io.hearth.runtime.execution.ExecutionError;
import io.hearth.runtime.execution.ExecutionResult;
import io.hearth.runtime.execution.InputSource;
import io.hearth.runtime.execution.NodeRun;
import io.hearth.runtime.execution.RedactedRun;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Base64;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.json.JsonMapper;

/**
 * The stored form of an execution's data, which is also (minus binary bytes) what the API returns:
 * <pre>{"start": {"node", "items"}, "lastNodeExecuted", "error", "nodes": {"Name": [run...]}}</pre>
 * Items are {@code {"json": {...}, "binary": {"data": {"mimeType", "fileName", "fileSize", "data": base64}}}}.
 * <p>
 * A record is kept within a byte budget (the workflow's {@code maxExecutionDataMb}): item lists
 * that no longer fit are written empty, their run says how many items each dropped list held
 * ({@code "truncated": {"input": [0], "output": [100]}}) and the record says {@code "truncated": true}.
 * <p>
 * This class writes that form; {@link StoredExecutionData} reads it back and {@link ExecutionViews#apiView} turns
 * it into the API's view. Kept in one file beyond 400 lines: one writer of one format (start, runs, errors, node
 * states and items, all under one byte budget).
 */
public final class ExecutionCodec {

    private static final JsonMapper MAPPER = Json.mapper();

    private ExecutionCodec() {}

    public static String startData(Optional<String> startNode, List<Item> items) {
        return startData(startNode, items, Optional.empty());
    }

    /** The start data of an execution, with the execution that started it when it is a sub-workflow. */
    public static String startData(
            Optional<String> startNode, List<Item> items, Optional<StartRequest.ParentExecution> parent) {
        return write(g -> {
            g.writeStartObject();
            g.writeName("start");
            writeStart(g, startNode, items);
            writeParent(g, parent);
            g.writeEndObject();
        });
    }

    /** A sub-workflow's link to the execution that started it: {@code parentExecution: {executionId, workflowId}}. */
    private static void writeParent(JsonGenerator g, Optional<StartRequest.ParentExecution> parent) {
        if (parent.isEmpty()) {
            return;
        }
        g.writeName("parentExecution");
        g.writeStartObject();
        g.writeName("executionId");
        g.writeString(parent.get().executionId());
        g.writeName("workflowId");
        g.writeString(parent.get().workflowId());
        g.writeEndObject();
    }

    /**
     * The whole execution. Items are written once: an input that is exactly the output of the node
     * it came from is stored as {@code null} (its source says where to find it), and start items
     * that are the start node's output are not repeated. Streamed (no intermediate maps): this runs
     * once per recorded execution.
     */
    public static String fullData(Optional<String> startNode, List<Item> startItems, ExecutionResult result) {
        return fullData(startNode, startItems, result, Long.MAX_VALUE, Optional.empty());
    }

    /** The whole execution, item lists past {@code maxBytes} left out (see the class comment). */
    public static String fullData(
            Optional<String> startNode, List<Item> startItems, ExecutionResult result, long maxBytes) {
        return fullData(startNode, startItems, result, maxBytes, Optional.empty());
    }

    /**
     * The whole execution, item lists past {@code maxBytes} left out (see the class comment), with the
     * execution that started it when it is a sub-workflow.
     */
    public static String fullData(
            Optional<String> startNode,
            List<Item> startItems,
            ExecutionResult result,
            long maxBytes,
            Optional<StartRequest.ParentExecution> parent) {
        RecordBudget budget = new RecordBudget(maxBytes);
        Map<List<Item>, String> outputs = new IdentityHashMap<>();
        result.runData().forEach((node, runs) -> {
            for (NodeRun r : runs) {
                for (List<Item> o : r.output()) {
                    outputs.putIfAbsent(o, node);
                }
            }
        });
        return write(g -> {
            g.writeStartObject();
            g.writeName("start");
            String startOutputOf = outputs.get(startItems);
            if (startOutputOf != null && !startItems.isEmpty()) {
                g.writeStartObject();
                g.writeName("node");
                g.writeString(startNode.orElse(startOutputOf));
                g.writeName("itemsFromNode");
                g.writeString(startOutputOf);
                g.writeEndObject();
            } else if (budget.fits(startItems)) {
                writeStart(g, startNode, startItems);
            } else {
                writeStart(g, startNode, List.of());
            }
            writeParent(g, parent);
            g.writeName("lastNodeExecuted");
            writeNullable(g, result.lastNodeExecuted());
            g.writeName("error");
            writeError(g, result.error());
            g.writeName("nodes");
            g.writeStartObject();
            for (Map.Entry<String, List<NodeRun>> e : result.runData().entrySet()) {
                g.writeName(e.getKey());
                g.writeStartArray();
                for (NodeRun r : e.getValue()) {
                    writeRun(g, r, result, budget);
                }
                g.writeEndArray();
            }
            g.writeEndObject();
            writeContext(g, result.nodeStates(), budget);
            if (budget.truncated()) {
                g.writeName("truncated");
                g.writeBoolean(true);
            }
            g.writeEndObject();
        });
    }

    /**
     * What nodes kept between their runs when a failed execution ended, for a retry from the failed node:
     * {@code "context": {"Loop": {"json": {...}, "items": {"key": [items]}}}}. Left out whole when its items do not
     * fit the budget (the retry then runs every node again).
     */
    private static void writeContext(JsonGenerator g, Map<String, Map<String, Object>> states, RecordBudget budget) {
        if (states.isEmpty()) {
            return;
        }
        for (Map<String, Object> state : states.values()) {
            for (Object v : state.values()) {
                if (RedactedRun.isItems(v) && !budget.fits(items(v))) {
                    return;
                }
            }
        }
        g.writeName(CONTEXT);
        g.writeStartObject();
        for (Map.Entry<String, Map<String, Object>> e : states.entrySet()) {
            g.writeName(e.getKey());
            g.writeStartObject();
            g.writeName("json");
            g.writeStartObject();
            e.getValue().forEach((k, v) -> {
                if (!RedactedRun.isItems(v)) {
                    g.writeName(k);
                    writeJson(g, v);
                }
            });
            g.writeEndObject();
            g.writeName("items");
            g.writeStartObject();
            e.getValue().forEach((k, v) -> {
                if (RedactedRun.isItems(v)) {
                    g.writeName(k);
                    writeItems(g, items(v));
                }
            });
            g.writeEndObject();
            g.writeEndObject();
        }
        g.writeEndObject();
    }

    /** The key of the node states in stored data; never part of an API answer. */
    static final String CONTEXT = "context";

    @SuppressWarnings("unchecked")
    private static List<Item> items(Object v) {
        return (List<Item>) v;
    }

    private interface Body {
        void write(JsonGenerator g);
    }

    private static String write(Body body) {
        StringWriter out = new StringWriter(512);
        try (JsonGenerator g = MAPPER.createGenerator(out)) {
            body.write(g);
        }
        return out.toString();
    }

    private static void writeStart(JsonGenerator g, Optional<String> startNode, List<Item> items) {
        g.writeStartObject();
        g.writeName("node");
        writeNullable(g, startNode);
        g.writeName("items");
        writeItems(g, items);
        g.writeEndObject();
    }

    private static void writeNullable(JsonGenerator g, Optional<String> value) {
        if (value.isPresent()) {
            g.writeString(value.get());
        } else {
            g.writeNull();
        }
    }

    private static void writeError(JsonGenerator g, Optional<ExecutionError> error) {
        if (error.isEmpty()) {
            g.writeNull();
            return;
        }
        ExecutionError e = error.get();
        g.writeStartObject();
        g.writeName("message");
        g.writeString(e.message());
        g.writeName("description");
        g.writeString(e.description());
        g.writeName("node");
        writeNullable(g, e.node());
        g.writeName("httpStatus");
        if (e.httpStatus() == 0) {
            g.writeNull();
        } else {
            g.writeNumber(e.httpStatus());
        }
        g.writeName("kind");
        g.writeString(e.kind());
        g.writeEndObject();
    }

    private static void writeRun(JsonGenerator g, NodeRun r, ExecutionResult result, RecordBudget budget) {
        g.writeStartObject();
        g.writeName("runIndex");
        g.writeNumber(r.runIndex());
        g.writeName("type");
        g.writeString(r.type());
        g.writeName("startedAt");
        g.writeString(r.startedAt().toString());
        g.writeName("executionTimeMs");
        g.writeNumber(r.executionTime());
        g.writeName("attempts");
        g.writeNumber(r.attempts());
        g.writeName("status");
        g.writeString(r.failed() ? "error" : "success");
        g.writeName("error");
        writeError(g, r.error());
        if (!r.console().isEmpty()) {
            g.writeName("console");
            g.writeStartArray();
            for (String line : r.console()) {
                g.writeString(line);
            }
            g.writeEndArray();
        }
        if (!r.metadata().isEmpty()) {
            g.writeName("metadata");
            writeJson(g, r.metadata());
        }
        g.writeName("sources");
        g.writeStartArray();
        for (Optional<InputSource> s : r.sources()) {
            g.writeStartArray();
            if (s.isPresent()) {
                InputSource src = s.get();
                g.writeStartObject();
                g.writeName("node");
                g.writeString(src.previousNode());
                g.writeName("output");
                g.writeNumber(src.previousNodeOutput());
                g.writeName("run");
                g.writeNumber(src.previousNodeRun());
                g.writeEndObject();
            }
            g.writeEndArray();
        }
        g.writeEndArray();
        int[] droppedInputs = new int[r.input().size()];
        int[] droppedOutputs = new int[r.output().size()];
        boolean dropped = false;
        g.writeName("input");
        g.writeStartArray();
        for (int i = 0; i < r.input().size(); i++) {
            List<Item> items = r.input().get(i);
            boolean byReference = i < r.sources().size()
                    && r.sources()
                            .get(i)
                            .map(src -> sourceOutput(result, src) == items)
                            .orElse(false);
            if (byReference) {
                g.writeNull();
            } else if (budget.fits(items)) {
                writeItems(g, items);
            } else {
                writeItems(g, List.of());
                droppedInputs[i] = count(items);
                dropped = true;
            }
        }
        g.writeEndArray();
        g.writeName("output");
        g.writeStartArray();
        for (int o = 0; o < r.output().size(); o++) {
            List<Item> items = r.output().get(o);
            if (budget.fits(items)) {
                writeItems(g, items);
            } else {
                writeItems(g, List.of());
                droppedOutputs[o] = count(items);
                dropped = true;
            }
        }
        g.writeEndArray();
        if (dropped) {
            g.writeName("truncated");
            g.writeStartObject();
            g.writeName("input");
            g.writeArray(droppedInputs, 0, droppedInputs.length);
            g.writeName("output");
            g.writeArray(droppedOutputs, 0, droppedOutputs.length);
            g.writeEndObject();
        }
        g.writeEndObject();
    }

    private static int count(List<Item> items) {
        return items instanceof DroppedItems d ? d.count() : items.size();
    }

    private static List<Item> sourceOutput(ExecutionResult result, InputSource src) {
        List<NodeRun> runs = result.runData().get(src.previousNode());
        if (runs == null || src.previousNodeRun() >= runs.size()) {
            return null;
        }
        List<List<Item>> out = runs.get(src.previousNodeRun()).output();
        return src.previousNodeOutput() < out.size() ? out.get(src.previousNodeOutput()) : null;
    }

    private static void writeItems(JsonGenerator g, List<Item> items) {
        g.writeStartArray();
        for (Item i : items) {
            g.writeStartObject();
            g.writeName("json");
            writeJson(g, i.json());
            if (!i.binary().isEmpty()) {
                g.writeName("binary");
                g.writeStartObject();
                for (Map.Entry<String, BinaryData> e : i.binary().entrySet()) {
                    BinaryData b = e.getValue();
                    g.writeName(e.getKey());
                    g.writeStartObject();
                    g.writeName("mimeType");
                    g.writeString(b.mimeType());
                    if (b.fileName().isPresent()) {
                        g.writeName("fileName");
                        g.writeString(b.fileName().get());
                    }
                    g.writeName("fileSize");
                    g.writeNumber(b.size());
                    g.writeName("data");
                    g.writeString(Base64.getEncoder().encodeToString(b.data()));
                    g.writeEndObject();
                }
                g.writeEndObject();
            }
            if (!i.pairedItems().isEmpty()) {
                g.writeName("pairedItem");
                g.writeStartArray();
                for (var p : i.pairedItems()) {
                    g.writeStartObject();
                    g.writeName("item");
                    g.writeNumber(p.item());
                    g.writeName("input");
                    g.writeNumber(p.input());
                    if (p.run().isPresent()) {
                        g.writeName("run");
                        g.writeNumber(p.run().getAsInt());
                    }
                    g.writeEndObject();
                }
                g.writeEndArray();
            }
            g.writeEndObject();
        }
        g.writeEndArray();
    }

    /** Item JSON is plain maps, lists, strings, numbers and booleans; anything else goes through Jackson. */
    private static void writeJson(JsonGenerator g, Object value) {
        switch (value) {
            case null -> g.writeNull();
            case String s -> g.writeString(s);
            case Map<?, ?> m -> {
                g.writeStartObject();
                for (Map.Entry<?, ?> e : m.entrySet()) {
                    g.writeName(String.valueOf(e.getKey()));
                    writeJson(g, e.getValue());
                }
                g.writeEndObject();
            }
            case List<?> l -> {
                g.writeStartArray();
                for (Object o : l) {
                    writeJson(g, o);
                }
                g.writeEndArray();
            }
            case Boolean b -> g.writeBoolean(b);
            case Integer n -> g.writeNumber(n);
            case Long n -> g.writeNumber(n);
            case Double n -> g.writeNumber(n);
            case BigDecimal n -> g.writeNumber(n);
            case BigInteger n -> g.writeNumber(n);
            default -> g.writePOJO(value);
        }
    }
}
