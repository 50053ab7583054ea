package io.hearth.runtime.execution;

/** Observes node runs as they happen (live editor view, metrics). Must not block. */
public interface ExecutionListener {

    ExecutionListener NONE = new ExecutionListener() {};

    default void nodeStarted(String executionId, String nodeName, String nodeType) {}

    default void nodeFinished(String executionId, NodeRun run) {}
}
