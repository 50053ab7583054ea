package io.hearth.runtime.nodes.transform;

import io.hearth.node.ActionNode;
import io.hearth.node.Item;
import io.hearth.node.NodeExecutionContext;
import io.hearth.node.NodeOutput;
import io.hearth.node.ParameterValues;
import io.hearth.node.description.NodeDescription;
import io.hearth.node.description.NodeGroup;
import io.hearth.node.description.Option;
import io.hearth.node.description.Parameter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** n8n's Limit: keeps the first or last N items. Also the "Limit" operation of Item Lists. */
public final class LimitNode implements ActionNode {

    private static final NodeDescription DESCRIPTION = NodeDescription.builder("hearth.limit")
            .alias("n8n-nodes-base.limit")
            .displayName("Limit")
            .versions(1)
            .group(NodeGroup.TRANSFORM)
            .categories("Data Transformation", "Core Nodes")
            .keywords("Limit", "Remove", "Slice", "Transform", "Array", "List", "Item")
            .icon("fa:filter")
            .description("Restrict the number of items")
            .parameters(parameters(Map.of()))
            .build();

    static List<Parameter> parameters(Map<String, Object> extraShow) {
        return Descriptions.showing(
                extraShow,
                Parameter.number("maxItems")
                        .displayName("Max Items")
                        .minValue(1)
                        .defaultValue(1)
                        .description("If there are more items than this number, some are removed"),
                Parameter.options("keep", Option.of("First Items", "firstItems"), Option.of("Last Items", "lastItems"))
                        .displayName("Keep")
                        .defaultValue("firstItems")
                        .description("When removing items, whether to keep the ones at the start or the ending"));
    }

    @Override
    public NodeDescription description() {
        return DESCRIPTION;
    }

    @Override
    public CompletionStage<NodeOutput> execute(NodeExecutionContext context) {
        return CompletableFuture.completedFuture(NodeOutput.of(limit(context.items(), context.parameters())));
    }

    static List<Item> limit(List<Item> items, ParameterValues p) {
        long max = p.get("maxItems").isPresent() ? p.integer("maxItems") : 1;
        int n = (int) Math.max(0, Math.min(max, items.size()));
        int from = "lastItems".equals(p.string("keep")) ? items.size() - n : 0;
        List<Item> out = new ArrayList<>(n);
        for (int i = from; i < from + n; i++) {
            out.add(items.get(i).pairedWith(i));
        }
        return out;
    }
}
