package io.hearth.node;

/**
 * A node whose work blocks the calling thread. The runtime calls it on a bounded worker pool, never
 * on an event-loop thread.
 */
public interface BlockingActionNode extends NodeType {

    NodeOutput executeBlocking(NodeExecutionContext context) throws Exception;
}
