package io.hearth.node.trigger;

import io.hearth.node.NodeType;
import java.util.concurrent.CompletionStage;

/**
 * A node that starts executions from outside events (a WebSocket subscription, a queue consumer).
 * Activation happens when a workflow is activated and on server start for active workflows.
 * <p>
 * The returned stage completes when the trigger is listening, or completes exceptionally with a
 * {@link io.hearth.node.NodeException} whose message explains why activation failed (the server
 * refuses the activation with that message).
 */
public interface TriggerNode extends NodeType {

    CompletionStage<TriggerHandle> activate(TriggerContext context);
}
