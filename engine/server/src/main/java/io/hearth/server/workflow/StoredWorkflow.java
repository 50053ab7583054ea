package io.hearth.server.workflow;

import io.hearth.runtime.workflow.Workflow;
import java.time.Instant;

/** A saved workflow: its current version and bookkeeping. */
public record StoredWorkflow(String id, String versionId, Workflow workflow, Instant createdAt, Instant updatedAt) {

    public String name() {
        return workflow.name();
    }

    public boolean active() {
        return workflow.active();
    }
}
