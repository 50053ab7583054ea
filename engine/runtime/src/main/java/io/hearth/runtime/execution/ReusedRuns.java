package io.hearth.runtime.execution;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a retry from the failed node takes over from the execution it retries (n8n's two retry modes): node runs
 * that are not run again, and what nodes kept between their runs (n8n's context data) so that a loop goes on
 * where it stopped. The retry runs the workflow as usual; a node whose run of the same index is here hands on that
 * run's output instead of running, so the nodes before the failure do their work (and their side effects) once.
 *
 * @param runs       by node name, the runs to reuse in run order (the failed run left out)
 * @param nodeStates by node name, what each node kept between its runs when the execution ended
 */
public record ReusedRuns(Map<String, List<NodeRun>> runs, Map<String, Map<String, Object>> nodeStates) {

    public static final ReusedRuns NONE = new ReusedRuns(Map.of(), Map.of());

    public ReusedRuns {
        Map<String, List<NodeRun>> r = new LinkedHashMap<>();
        runs.forEach((node, list) -> r.put(node, List.copyOf(list)));
        runs = java.util.Collections.unmodifiableMap(r);
        nodeStates = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(nodeStates));
    }

    /**
     * What a retry from the failed node reuses of an execution that ended with {@code runData}: every run but the
     * last run of the node that ran last when that run failed (as n8n: it runs again; a run that succeeded, as
     * before a crash, is kept and the execution goes on after it).
     */
    public static ReusedRuns afterFailure(
            Map<String, List<NodeRun>> runData,
            Optional<String> lastNodeExecuted,
            Map<String, Map<String, Object>> nodeStates) {
        Map<String, List<NodeRun>> runs = new LinkedHashMap<>(runData);
        lastNodeExecuted.ifPresent(node -> {
            List<NodeRun> list = runs.get(node);
            if (list != null && !list.isEmpty() && list.getLast().failed()) {
                runs.put(node, list.subList(0, list.size() - 1));
            }
        });
        return new ReusedRuns(runs, nodeStates);
    }

    /** The earlier run {@code runIndex} of {@code node}, when it is reused. */
    public Optional<NodeRun> run(String node, int runIndex) {
        List<NodeRun> list = runs.get(node);
        return list == null || runIndex >= list.size() ? Optional.empty() : Optional.of(list.get(runIndex));
    }

    public boolean isEmpty() {
        return runs.isEmpty() && nodeStates.isEmpty();
    }
}
