package io.hearth.server.execution;

import io.hearth.common.Json;
import io.hearth.node.Item;
import io.hearth.runtime.execution.ExecutionResult;
import io.hearth.runtime.execution.NodeRun;
import io.hearth.runtime.execution.RedactedRun;
import java.io.StringWriter;
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
 * This class writes the record (start, runs, node states) under one {@link RecordBudget}; {@link StoredRunWriter}
 * writes one run and {@link StoredItemWriter} items and JSON values. {@link StoredExecutionData} reads the form back
 * and {@link ExecutionViews#apiView} turns it into the API's view.
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
        IdentityHashMap<List<Item>, String> outputs = new IdentityHashMap<>();
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
            StoredItemWriter.nullable(g, result.lastNodeExecuted());
            g.writeName("error");
            StoredRunWriter.error(g, result.error());
            g.writeName("nodes");
            g.writeStartObject();
            for (Map.Entry<String, List<NodeRun>> e : result.runData().entrySet()) {
                g.writeName(e.getKey());
                g.writeStartArray();
                for (NodeRun r : e.getValue()) {
                    StoredRunWriter.run(g, r, result, budget);
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
                    StoredItemWriter.json(g, v);
                }
            });
            g.writeEndObject();
            g.writeName("items");
            g.writeStartObject();
            e.getValue().forEach((k, v) -> {
                if (RedactedRun.isItems(v)) {
                    g.writeName(k);
                    StoredItemWriter.items(g, items(v));
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
        StoredItemWriter.nullable(g, startNode);
        g.writeName("items");
        StoredItemWriter.items(g, items);
        g.writeEndObject();
    }
}
