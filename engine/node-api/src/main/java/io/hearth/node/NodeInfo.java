package io.hearth.node;

/** The workflow node being run: its name in the workflow, its id and its type. */
public record NodeInfo(String id, String name, String type, double typeVersion) {}
