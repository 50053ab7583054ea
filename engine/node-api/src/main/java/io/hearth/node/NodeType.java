package io.hearth.node;

import io.hearth.node.description.NodeDescription;
import java.util.Map;

/**
 * A kind of node a workflow can use. Implementations are stateless and shared by every workflow
 * and execution; per-run state lives in the context objects passed to them.
 * <p>
 * Implement one of the sub-interfaces: {@link ActionNode} (non-blocking),
 * {@link BlockingActionNode} (may block; run on a bounded pool),
 * {@link io.hearth.node.trigger.TriggerNode}, {@link io.hearth.node.trigger.WebhookNode} or
 * {@link io.hearth.node.trigger.ScheduleTriggerNode}.
 */
public interface NodeType {

    /** The declarative description: forms, validation and documentation are derived from it. */
    NodeDescription description();

    /**
     * Methods the editor calls to fill dynamic dropdowns, keyed by the name used in
     * {@link io.hearth.node.description.DynamicOptions#method()}.
     */
    default Map<String, LoadOptionsMethod> loadOptionsMethods() {
        return Map.of();
    }

    /**
     * How parameters saved by older type versions become the form {@link #description()} declares
     * (see {@link io.hearth.node.description.VersionMigration}). The runtime and validation apply
     * them; the saved workflow keeps its parameters as they were written.
     */
    default java.util.List<io.hearth.node.description.VersionMigration> migrations() {
        return java.util.List.of();
    }
}
