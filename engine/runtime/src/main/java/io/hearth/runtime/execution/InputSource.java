package io.hearth.runtime.execution;

/** Where the items on one input of a node run came from. */
public record InputSource(String previousNode, int previousNodeOutput, int previousNodeRun) {}
