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
 * @param nodeStates       what nodes kept between their runs when it ended (secrets masked), by node name: a
 *                         retry from the failed node goes on with it (see {@link ReusedRuns})
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
        Optional<ExecutionError> error,
        Map<String, Map<String, Object>> nodeStates) {

    public ExecutionResult {
        nodeStates = nodeStates == null ? Map.of() : java.util.Collections.unmodifiableMap(nodeStates);
    }

    /** A result without node states. */
    public ExecutionResult(
            String executionId,
            String workflowId,
            ExecutionStatus status,
            ExecutionMode mode,
            Instant startedAt,
            Instant stoppedAt,
            Map<String, List<NodeRun>> runData,
            Optional<String> lastNodeExecuted,
            Optional<ExecutionError> error) {
        this(executionId, workflowId, status, mode, startedAt, stoppedAt, runData, lastNodeExecuted, error, Map.of());
    }

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
