package io.hearth.runtime.execution;

import io.hearth.node.ExecutionMode;
import io.hearth.node.Item;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A finished execution.
 *
 * @param runData          node name to its runs, in the order nodes first ran
 * @param lastNodeExecuted the node that ran last
 */
public record ExecutionResult(
        String executionId,
        String workflowId,
        ExecutionStatus status,
        ExecutionMode mode,
        Instant startedAt,
        Instant stoppedAt,
        Map<String, List<NodeRun>> runData,
        Optional<String> lastNodeExecuted,
        Optional<ExecutionError> error) {

    /** Items on the first output of the last run of the last node (a webhook's "last node" answer). */
    public List<Item> lastNodeOutput() {
        return lastNodeExecuted
                .map(runData::get)
                .filter(r -> !r.isEmpty())
                .map(r -> r.getLast().output())
                .filter(o -> !o.isEmpty())
                .map(o -> o.getFirst())
                .orElse(List.of());
    }

    public long durationMillis() {
        return stoppedAt.toEpochMilli() - startedAt.toEpochMilli();
    }
}
