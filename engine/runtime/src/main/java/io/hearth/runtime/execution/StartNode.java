package io.hearth.runtime.execution;

import io.hearth.node.Item;
import io.hearth.node.NodeException;
import io.hearth.node.description.NodeGroup;
import io.hearth.node.description.TriggerRole;
import io.hearth.runtime.execution.PreparedWorkflow.PreparedNode;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The node an execution starts at: the one the request names, else the manual trigger, else the first enabled
 * trigger, else the first enabled node without inputs that is not an annotation (a sticky note); and a trigger's
 * run at the start.
 */
final class StartNode {

    private StartNode() {}

    /** @throws NodeException when the named node does not exist or nothing can start the workflow */
    static PreparedNode of(PreparedWorkflow prepared, Optional<String> named) {
        if (named.isPresent()) {
            String name = named.get();
            return prepared.node(name)
                    .orElseThrow(() -> new NodeException("The workflow has no node named '" + name + "'"));
        }
        PreparedNode firstTrigger = null;
        for (PreparedNode n : prepared.nodes()) {
            if (n.node().disabled()) {
                continue;
            }
            if (n.type().description().group() == NodeGroup.TRIGGER) {
                if (n.type().description().triggerRole().equals(Optional.of(TriggerRole.MANUAL))) {
                    return n;
                }
                if (firstTrigger == null) {
                    firstTrigger = n;
                }
            }
        }
        if (firstTrigger != null) {
            return firstTrigger;
        }
        for (PreparedNode n : prepared.nodes()) {
            if (n.connectedInputs().isEmpty() && !n.node().disabled() && !isAnnotation(n)) {
                return n;
            }
        }
        throw new NodeException("The workflow has no trigger or start node");
    }

    /** A trigger's run at the start: it outputs the items that started the execution on its first output. */
    static NodeRun triggerRun(PreparedNode trigger, List<Item> items, Instant at) {
        return new NodeRun(
                trigger.name(),
                trigger.node().type(),
                0,
                at,
                0,
                1,
                List.of(),
                List.of(),
                NodeOutputs.first(trigger, items),
                Optional.empty(),
                List.of(),
                Map.of());
    }

    /** A node without inputs or outputs (a sticky note) annotates the canvas and never runs. */
    private static boolean isAnnotation(PreparedNode n) {
        var d = n.type().description();
        return d.inputs().isEmpty()
                && d.outputs().isEmpty()
                && d.dynamicOutputs().isEmpty();
    }
}
