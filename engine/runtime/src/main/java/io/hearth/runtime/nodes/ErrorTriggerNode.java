package io.hearth.runtime.nodes;

import io.hearth.node.ActionNode;
import io.hearth.node.NodeExecutionContext;
import io.hearth.node.NodeOutput;
import io.hearth.node.description.NodeDescription;
import io.hearth.node.description.NodeGroup;
import io.hearth.node.description.TriggerRole;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Starts an error workflow: when a workflow whose settings name this one as its error workflow
 * fails, this node outputs {@code {execution: {id, error, lastNodeExecuted, mode}, workflow: {id, name}}}.
 */
public final class ErrorTriggerNode implements ActionNode {

    public static final String TYPE = "hearth.errorTrigger";

    private static final NodeDescription DESCRIPTION = NodeDescription.builder(TYPE)
            .alias("n8n-nodes-base.errorTrigger")
            .displayName("Error Trigger")
            .group(NodeGroup.TRIGGER)
            .triggerRole(TriggerRole.ERROR)
            .categories("Triggers")
            .icon("fa:bug")
            .description("Starts the workflow when another workflow that names it as its error workflow fails")
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
