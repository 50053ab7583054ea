package io.hearth.runtime.execution;

import io.hearth.node.Item;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One run of one node: what it received, what it produced, how long it took, how it failed.
 *
 * @param node          node name
 * @param type          node type name
 * @param runIndex      0 for the first run of this node in the execution, 1 for the next...
 * @param startedAt     when the node started
 * @param executionTime milliseconds spent, retries included
 * @param attempts      how many times it was tried
 * @param sources       per input, where the items came from (empty for the start node)
 * @param input         per input, the items received
 * @param output        per output, the items produced (empty when it failed and stopped the workflow)
 * @param error         the failure, if any (with continue-on-fail the run can have both output and error)
 * @param console       lines the node's user code printed (Code node), secrets redacted
 * @param metadata      what else the run reports, as n8n's run metadata (JSON-like): {@code subExecutions}, the
 *                      child executions an Execute Workflow node started ({@code [{executionId, workflowId}]})
 */
public record NodeRun(
        String node,
        String type,
        int runIndex,
        Instant startedAt,
        long executionTime,
        int attempts,
        List<Optional<InputSource>> sources,
        List<List<Item>> input,
        List<List<Item>> output,
        Optional<ExecutionError> error,
        List<String> console,
        Map<String, Object> metadata) {

    public NodeRun {
        sources = List.copyOf(sources);
        input = List.copyOf(input);
        output = List.copyOf(output);
        console = console == null ? List.of() : List.copyOf(console);
        metadata = metadata == null
                ? Map.of()
                : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(metadata));
    }

    /** This run (same node, index, timing and sources) with other items, error, console lines and metadata. */
    public NodeRun withData(
            List<List<Item>> input,
            List<List<Item>> output,
            Optional<ExecutionError> error,
            List<String> console,
            Map<String, Object> metadata) {
        return new NodeRun(
                node,
                type,
                runIndex,
                startedAt,
                executionTime,
                attempts,
                sources,
                input,
                output,
                error,
                console,
                metadata);
    }

    public boolean failed() {
        return error.isPresent();
    }

    public int outputItemCount() {
        int n = 0;
        for (List<Item> o : output) {
            n += o.size();
        }
        return n;
    }
}
