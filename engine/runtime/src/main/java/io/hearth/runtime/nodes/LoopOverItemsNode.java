package io.hearth.runtime.nodes;

import io.hearth.node.ActionNode;
import io.hearth.node.Item;
import io.hearth.node.NodeExecutionContext;
import io.hearth.node.NodeOutput;
import io.hearth.node.ParameterValues;
import io.hearth.node.description.Condition;
import io.hearth.node.description.NodeDescription;
import io.hearth.node.description.NodeGroup;
import io.hearth.node.description.Parameter;
import io.hearth.node.description.Port;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * n8n's Loop Over Items (Split in Batches). The first run keeps its input and hands on the first
 * batch on "loop"; the last node of the loop connects back to this node, and each run after that
 * hands on the next batch and keeps what came back. When no items are left, everything that came
 * back goes to "done". State lives in the node's state for the execution ({@code $node["Loop"].context}:
 * {@code currentRunIndex}, {@code maxRunIndex}, {@code noItemsLeft}, {@code done}); "Reset" starts
 * over with the current input.
 * <p>
 * Version 3 has outputs done, loop; version 2 loop, done (the canvas labels them as version 3
 * does); version 1 only hands on batches and stops the branch when none is left.
 */
public final class LoopOverItemsNode implements ActionNode {

    private static final String ITEMS = "items";
    private static final String PROCESSED = "processedItems";
    private static final String SOURCE_RUN = "sourceRun";

    private static final NodeDescription DESCRIPTION = NodeDescription.builder("hearth.splitInBatches")
            .alias("n8n-nodes-base.splitInBatches")
            .displayName("Loop Over Items (Split in Batches)")
            .versions(1, 2, 3)
            .group(NodeGroup.TRANSFORM)
            .categories("Flow", "Core Nodes")
            .keywords("Loop", "Concatenate", "Batch", "Split", "Split In Batches", "Loop Over Items", "SplitInBatches")
            .icon("fa:sync")
            .description("Split data into batches and iterate over each batch")
            .outputs(new Port("done"), new Port("loop"))
            .parameter(Parameter.notice(
                    "splitInBatchesNotice", "You may not need this node — nodes already run once for each input item."))
            .parameter(Parameter.number("batchSize")
                    .displayName("Batch Size")
                    .minValue(1)
                    .defaultValue(10)
                    .description("The number of items to return with each call")
                    .show("@version", new Condition(Condition.Operator.LT, 3)))
            .parameter(Parameter.number("batchSize")
                    .displayName("Batch Size")
                    .minValue(1)
                    .defaultValue(1)
                    .description("The number of items to return with each call")
                    .show("@version", new Condition(Condition.Operator.GTE, 3)))
            .parameter(Parameter.collection(
                            "options",
                            "Add option",
                            Parameter.bool("reset")
                                    .displayName("Reset")
                                    .description(
                                            "Whether the node starts again from the beginning of the input items, treating incoming data as a new set")
                                    .build())
                    .displayName("Options"))
            .build();

    @Override
    public NodeDescription description() {
        return DESCRIPTION;
    }

    @Override
    @SuppressWarnings("unchecked")
    public CompletionStage<NodeOutput> execute(NodeExecutionContext context) {
        double version = context.node().typeVersion();
        ParameterValues p = context.parameters();
        int batchSize =
                (int) Math.max(1, p.get("batchSize").isPresent() ? p.integer("batchSize") : version < 3 ? 10 : 1);
        Map<String, Object> state = context.nodeState();
        List<Item> input = context.items();
        List<Item> batch = new ArrayList<>();
        if (!state.containsKey(ITEMS) || p.bool("options.reset")) {
            state.put("currentRunIndex", 0);
            state.put("maxRunIndex", (input.size() + batchSize - 1) / batchSize);
            state.put(SOURCE_RUN, context.runIndex());
            for (int i = 0; i < Math.min(batchSize, input.size()); i++) {
                batch.add(input.get(i).pairedWith(i));
            }
            state.put(ITEMS, new ArrayList<>(input.subList(Math.min(batchSize, input.size()), input.size())));
            state.put("firstIndex", Math.min(batchSize, input.size()));
            state.put(PROCESSED, new ArrayList<Item>());
        } else {
            state.put("currentRunIndex", ((Number) state.get("currentRunIndex")).intValue() + 1);
            List<Item> remaining = (List<Item>) state.get(ITEMS);
            int first = ((Number) state.get("firstIndex")).intValue();
            int sourceRun = ((Number) state.get(SOURCE_RUN)).intValue();
            int n = Math.min(batchSize, remaining.size());
            for (int i = 0; i < n; i++) {
                // these items came in with the first run: pair them with that run's input
                batch.add(new Item(
                        remaining.get(i).json(),
                        remaining.get(i).binary(),
                        List.of(Item.PairedItem.ofRun(first + i, 0, sourceRun))));
            }
            state.put(ITEMS, new ArrayList<>(remaining.subList(n, remaining.size())));
            state.put("firstIndex", first + n);
            List<Item> processed = new ArrayList<>((List<Item>) state.get(PROCESSED));
            for (int i = 0; i < input.size(); i++) {
                Item in = input.get(i);
                processed.add(
                        new Item(in.json(), in.binary(), List.of(Item.PairedItem.ofRun(i, 0, context.runIndex()))));
            }
            state.put(PROCESSED, processed);
        }
        state.put("noItemsLeft", ((List<Item>) state.get(ITEMS)).isEmpty());
        boolean done = batch.isEmpty();
        state.put("done", done);
        List<Item> processed = (List<Item>) state.get(PROCESSED);
        NodeOutput out;
        if (version < 2) {
            out = done ? NodeOutput.empty(2) : NodeOutput.ofOutputs(batch, List.of());
        } else if (version < 3) {
            out = done ? NodeOutput.ofOutputs(List.of(), processed) : NodeOutput.ofOutputs(batch, List.of());
        } else {
            out = done ? NodeOutput.ofOutputs(processed, List.of()) : NodeOutput.ofOutputs(List.of(), batch);
        }
        return CompletableFuture.completedFuture(out);
    }
}
