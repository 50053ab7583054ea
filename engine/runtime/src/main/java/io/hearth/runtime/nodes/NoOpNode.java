package io.hearth.runtime.nodes;

import io.hearth.node.ActionNode;
import io.hearth.node.NodeExecutionContext;
import io.hearth.node.NodeOutput;
import io.hearth.node.description.NodeDescription;
import io.hearth.node.description.NodeGroup;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** Passes its items on unchanged; a place to join branches or leave a note. */
public final class NoOpNode implements ActionNode {

    private static final NodeDescription DESCRIPTION = NodeDescription.builder("hearth.noOp")
            .alias("n8n-nodes-base.noOp")
            .displayName("No Operation, do nothing")
            .group(NodeGroup.TRANSFORM)
            .categories("Flow")
            .icon("fa:arrow-right")
            .description("Passes the items on unchanged")
            .build();

    @Override
    public NodeDescription description() {
        return DESCRIPTION;
    }

    @Override
    public CompletionStage<NodeOutput> execute(NodeExecutionContext context) {
        return CompletableFuture.completedFuture(NodeOutput.of(context.items()));
    }
}
