package io.hearth.node;

import java.time.ZoneId;

/** The workflow an execution belongs to. {@code id} is empty for a workflow that was never saved. */
public record WorkflowInfo(String id, String name, boolean active, ZoneId timezone) {}
