package io.hearth.node;

/** The running execution: its id and how it was started. */
public record ExecutionInfo(String id, ExecutionMode mode) {}
