package io.hearth.runtime.execution;

import io.hearth.node.ExecutionMode;
import io.hearth.node.Item;
import io.hearth.runtime.execution.PreparedWorkflow.PreparedNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Nodes that do not run because their output is given: pinned data in a manual run, and in a retry from the failed
 * node the retried execution's run of the node.
 */
final class GivenOutputs {

    private final ExecutionRequest request;

    GivenOutputs(ExecutionRequest request) {
        this.request = request;
    }

    /** As in n8n: a manual run does not run a pinned, enabled node; its pinned items leave its first output. */
    Optional<List<Item>> pinned(PreparedNode node) {
        if (request.mode() != ExecutionMode.MANUAL || node.node().disabled()) {
            return Optional.empty();
        }
        return request.workflow().pinned(node.name());
    }

    /** Whether this is a retry that reuses runs of the execution it retries. */
    boolean reusesRuns() {
        return !request.reused().runs().isEmpty();
    }

    /** The retried execution's run of the node with the index it would run as now, if there is one. */
    Optional<NodeRun> reused(PreparedNode node, int runIndex) {
        return request.reused().run(node.name(), runIndex);
    }

    /** The earlier run standing for this one: its timing, outputs, error and console, this run's inputs. */
    static NodeRun standIn(NodeTask task, NodeRun earlier, int runIndex) {
        PreparedNode node = task.node();
        List<List<Item>> outputs = new ArrayList<>(earlier.output());
        while (outputs.size() < node.outputCount()) {
            outputs.add(List.of());
        }
        return new NodeRun(
                node.name(),
                node.node().type(),
                runIndex,
                earlier.startedAt(),
                earlier.executionTime(),
                earlier.attempts(),
                task.sources(),
                task.inputs(),
                outputs,
                earlier.error(),
                earlier.console(),
                earlier.metadata());
    }
}
