package io.hearth.server.execution;

import io.hearth.node.ExecutionMode;
import io.hearth.runtime.execution.ExecutionStatus;
import java.time.Instant;
import java.util.Optional;

/** The summary row of an execution. */
public record ExecutionRecord(
        String id,
        String workflowId,
        Optional<String> workflowVersionId,
        String workflowName,
        ExecutionStatus status,
        ExecutionMode mode,
        Instant startedAt,
        Optional<Instant> stoppedAt,
        Optional<String> retryOf,
        Optional<String> errorMessage,
        Optional<String> errorNode) {

    public Optional<Long> durationMillis() {
        return stoppedAt.map(s -> s.toEpochMilli() - startedAt.toEpochMilli());
    }

    public ExecutionRecord withStatus(ExecutionStatus newStatus) {
        return new ExecutionRecord(
                id,
                workflowId,
                workflowVersionId,
                workflowName,
                newStatus,
                mode,
                startedAt,
                stoppedAt,
                retryOf,
                errorMessage,
                errorNode);
    }
}
