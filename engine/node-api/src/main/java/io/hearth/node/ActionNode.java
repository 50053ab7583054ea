package io.hearth.node;

import java.util.concurrent.CompletionStage;

/**
 * A node that transforms its input items into output items without blocking the calling thread.
 * <p>
 * {@link #execute} may be called on an event-loop thread: do CPU work inline and I/O through a
 * non-blocking client, completing the returned stage when the I/O completes. A node that must block
 * (JDBC, file I/O, a blocking SDK) implements {@link BlockingActionNode} instead.
 * <p>
 * Throw (or complete exceptionally with) a {@link NodeException} for failures the user should read;
 * the runtime applies the node's retry and error-handling settings.
 */
public interface ActionNode extends NodeType {

    CompletionStage<NodeOutput> execute(NodeExecutionContext context);
}
