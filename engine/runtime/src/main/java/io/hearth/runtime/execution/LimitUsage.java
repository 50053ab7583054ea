package io.hearth.runtime.execution;

import io.hearth.node.ExecutionLimitException;
import io.hearth.node.Item;
import io.hearth.runtime.execution.PreparedWorkflow.PreparedNode;
import io.hearth.runtime.workflow.WorkflowLimits;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What one execution has used of its {@link ExecutionLimits}: the node runs so far (and the last ones, to name a
 * loop), and the bytes its record holds. Not thread-safe: the run calls it under its lock.
 */
final class LimitUsage {

    // What a node run's record takes besides its items (name, type, times, status, sources), as JSON.
    private static final int RUN_RECORD_BYTES = 200;
    private static final int RECENT_NODES = 64;

    private final ExecutionLimits limits;
    private final RunState state;
    private int nodeRuns;
    private long recordedBytes;
    private final RecordedSize.Ledger recorded = new RecordedSize.Ledger();
    private final ArrayDeque<String> recentNodes = new ArrayDeque<>();

    LimitUsage(ExecutionLimits limits, RunState state) {
        this.limits = limits;
        this.state = state;
    }

    /** A run as it goes into the record ({@link Kept}), or the error that ends the execution ({@link Refused}). */
    sealed interface Verdict {}

    record Kept(NodeRun run) implements Verdict {}

    /** @param run what is recorded of the refused run: its input and the error, no output */
    record Refused(NodeRun run, ExecutionError error) implements Verdict {}

    /** Counts a recorded run. */
    void ran(String node) {
        nodeRuns++;
        if (recentNodes.size() == RECENT_NODES) {
            recentNodes.removeFirst();
        }
        recentNodes.addLast(node);
    }

    /** The error that stops the execution before {@code next} runs, when it has had its node runs. */
    Optional<ExecutionError> beforeRun(String next) {
        return nodeRuns >= limits.maxNodeRuns() ? Optional.of(tooManyNodeRuns(next)) : Optional.empty();
    }

    /**
     * The run as it goes into the record, or refused when it went past a limit: an output over maxItemsPerOutput,
     * or data past maxDataBytes when the workflow fails on overflow. When it truncates instead, a run past the limit
     * keeps its items out of the record (and out of memory: they go on to the next node only).
     */
    Verdict check(PreparedNode node, NodeRun run) {
        for (List<Item> output : run.output()) {
            if (output.size() > limits.maxItemsPerOutput()) {
                return refused(
                        run,
                        NodeFailures.of(
                                node,
                                ExecutionLimitException.tooManyItems(output.size(), limits.maxItemsPerOutput()),
                                state.redactor()));
            }
        }
        long room = limits.maxDataBytes() - recordedBytes;
        RecordedSize.Ledger.Count count = recorded.count(run.input(), run.output(), limits.maxDataBytes());
        long size = RUN_RECORD_BYTES + count.bytes();
        if (size <= room) {
            recordedBytes += size;
            recorded.keep(count);
            return new Kept(run);
        }
        // One node's data past the limit is refused either way: the limit also bounds what an execution holds.
        if (limits.dataOverflow() == WorkflowLimits.DataOverflow.FAIL || size > limits.maxDataBytes()) {
            return refused(run, NodeFailures.of(node, limits.dataLimitExceeded(), state.redactor()));
        }
        return new Kept(withData(
                run,
                run.input().stream().map(DroppedItems::of).toList(),
                run.output().stream().map(DroppedItems::of).toList(),
                run.error()));
    }

    private static Refused refused(NodeRun run, ExecutionError err) {
        return new Refused(withData(run, run.input(), List.of(), Optional.of(err)), err);
    }

    /** The run with other items and error, without console lines and metadata. */
    private static NodeRun withData(
            NodeRun run, List<List<Item>> input, List<List<Item>> output, Optional<ExecutionError> error) {
        return run.withData(input, output, error, List.of(), Map.of());
    }

    private ExecutionError tooManyNodeRuns(String next) {
        // The loop: from the previous run of the node that would run next, to it.
        List<String> recent = new ArrayList<>(recentNodes);
        int from = recent.lastIndexOf(next);
        String loop = "";
        if (from >= 0) {
            List<String> cycle = new ArrayList<>(recent.subList(from, recent.size()));
            // Told from where the loop was entered: its node that ran first in this execution.
            List<String> firstRun = new ArrayList<>(state.runData().keySet());
            String entry = cycle.stream()
                    .min(Comparator.comparingInt(firstRun::indexOf))
                    .orElse(next);
            Collections.rotate(cycle, -cycle.indexOf(entry));
            cycle.add(entry);
            if (cycle.size() > 12) {
                cycle = List.of(cycle.getFirst(), cycle.get(1), "…", cycle.get(cycle.size() - 2), cycle.getLast());
            }
            loop = " (" + String.join(" → ", cycle) + ")";
        }
        return new ExecutionError(
                "Stopped after " + nodeRuns + " node runs: the workflow may loop forever" + loop,
                "If the workflow really needs more, raise the workflow setting maxNodeRuns",
                Optional.empty(),
                0,
                ExecutionError.LIMIT);
    }
}
