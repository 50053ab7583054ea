package io.hearth.server.execution;

import io.hearth.node.Item;
import io.hearth.runtime.execution.DroppedItems;
import io.hearth.runtime.execution.ExecutionError;
import io.hearth.runtime.execution.ExecutionResult;
import io.hearth.runtime.execution.InputSource;
import io.hearth.runtime.execution.NodeRun;
import java.util.List;
import java.util.Optional;
import tools.jackson.core.JsonGenerator;

/**
 * One node run in the stored form of {@link ExecutionCodec} (timing, status, error, console, sources, inputs and
 * outputs): an input that is exactly the output it came from is written as {@code null}, and item lists past the
 * record's budget are written empty with the count they held under {@code "truncated"}.
 */
final class StoredRunWriter {

    private StoredRunWriter() {}

    // identity tells whether an input is its source's very output list (stored by reference)
    @SuppressWarnings("ReferenceEquality")
    static void run(JsonGenerator g, NodeRun r, ExecutionResult result, RecordBudget budget) {
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
        error(g, r.error());
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
            StoredItemWriter.json(g, r.metadata());
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
                StoredItemWriter.items(g, items);
            } else {
                StoredItemWriter.items(g, List.of());
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
                StoredItemWriter.items(g, items);
            } else {
                StoredItemWriter.items(g, List.of());
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

    static void error(JsonGenerator g, Optional<ExecutionError> error) {
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
        StoredItemWriter.nullable(g, e.node());
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
}
