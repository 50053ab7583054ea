package io.hearth.runtime.execution;

import io.hearth.node.ExecutionLimitException;
import io.hearth.runtime.workflow.WorkflowLimits.DataOverflow;
import io.hearth.runtime.workflow.WorkflowSettings;
import java.time.Duration;
import java.util.Optional;

/**
 * The bounds of one execution. The server's defaults ({@code hearth.executions.limits.*}) hold for
 * every workflow that does not set its own in its settings.
 *
 * @param maxNodeRuns       node runs in one execution (a loop that never ends stops here)
 * @param maxItemsPerOutput items one output of one node run may hold
 * @param maxDataBytes      recorded execution data (node outputs, estimated as JSON bytes); a workflow may set less,
 *                          not more: the server's value protects its memory and database
 * @param dataOverflow      beyond {@code maxDataBytes}: fail the execution, or record it truncated
 * @param timeout           run time; empty means none
 * @param maxTimeout        the longest timeout a workflow may ask for (n8n's EXECUTIONS_TIMEOUT_MAX)
 * @param maxConcurrency    executions of one workflow running at once; more wait for a slot
 */
public record ExecutionLimits(
        int maxNodeRuns,
        int maxItemsPerOutput,
        long maxDataBytes,
        DataOverflow dataOverflow,
        Optional<Duration> timeout,
        Duration maxTimeout,
        int maxConcurrency) {

    private static final long MB = 1024 * 1024;

    /** The defaults of a server that configures none (also application.properties's). */
    public static final ExecutionLimits DEFAULTS = new ExecutionLimits(
            10_000, 100_000, 8 * MB, DataOverflow.FAIL, Optional.of(Duration.ofHours(1)), Duration.ofHours(24), 16);

    public ExecutionLimits {
        if (maxNodeRuns < 1 || maxItemsPerOutput < 1 || maxDataBytes < 1 || maxConcurrency < 1) {
            throw new IllegalArgumentException("execution limits must be at least 1");
        }
        timeout = timeout.filter(t -> t.isPositive());
    }

    /** These limits with the workflow's own settings applied (a timeout no longer than {@link #maxTimeout}). */
    public ExecutionLimits forWorkflow(WorkflowSettings settings) {
        var own = settings.limits();
        Optional<Duration> runTime = settings.executionTimeout()
                .map(t -> t.isZero() ? Optional.<Duration>empty() : Optional.of(min(t, maxTimeout)))
                .orElse(timeout);
        return new ExecutionLimits(
                own.maxNodeRuns().orElse(maxNodeRuns),
                own.maxItemsPerOutput().orElse(maxItemsPerOutput),
                own.maxExecutionDataMb()
                        .map(mb -> Math.min(mb * MB, maxDataBytes))
                        .orElse(maxDataBytes),
                own.executionDataOverflow().orElse(dataOverflow),
                runTime,
                maxTimeout,
                own.maxConcurrency().orElse(maxConcurrency));
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    /** {@code maxDataBytes} as users read it (8 MB). */
    public String maxDataText() {
        return ExecutionLimitException.dataSize(maxDataBytes);
    }

    /** The failure of a node whose data took the execution past {@code maxDataBytes}. */
    public ExecutionLimitException dataLimitExceeded() {
        return new ExecutionLimitException(
                "The execution's data went past its limit of " + maxDataText() + " at this node",
                "maxExecutionDataMb (or set executionDataOverflow to truncate: the record then leaves out the data"
                        + " of nodes past the limit, as long as each node's own data stays within it)");
    }

    /** Why an execution that ran past its timeout stopped. */
    static ExecutionError timedOut(Duration limit) {
        String after = limit.toMillis() % 1000 == 0 ? limit.toSeconds() + " s" : limit.toMillis() + " ms";
        return new ExecutionError(
                "The execution timed out after " + after,
                "Raise the workflow setting executionTimeout (seconds) or make the slow node faster",
                Optional.empty(),
                0,
                "Timeout");
    }
}
