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
 * Starts a workflow when someone clicks "Execute workflow" (or calls the run API). As the start
 * node it outputs the run's input items; one empty item when none were given.
 */
public final class ManualTriggerNode implements ActionNode {

    public static final String TYPE = "hearth.manualTrigger";

    private static final NodeDescription DESCRIPTION = NodeDescription.builder(TYPE)
            .alias("n8n-nodes-base.manualTrigger", "n8n-nodes-base.start") // n8n's legacy Start node runs the same way
            .displayName("Manual Trigger")
            .group(NodeGroup.TRIGGER)
            .triggerRole(TriggerRole.MANUAL)
            .categories("Triggers")
            .icon("fa:mouse-pointer")
            .description("Runs the workflow when you click Execute workflow in the editor")
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
