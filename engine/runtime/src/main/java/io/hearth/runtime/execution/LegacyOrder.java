package io.hearth.runtime.execution;

import io.hearth.node.Item;
import io.hearth.node.description.NodeGroup;
import io.hearth.runtime.execution.PreparedWorkflow.Incoming;
import io.hearth.runtime.execution.PreparedWorkflow.PreparedNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The rules of n8n's legacy execution order ("v0", what n8n uses for workflows without
 * {@code settings.executionOrder: "v1"}) that the regular order does not have; see
 * packages/core/src/execution-engine/workflow-execute.ts at 5fbc8d1f ({@code addNodeToBeExecuted},
 * {@code prepareConnectionInputData}).
 */
final class LegacyOrder {

    private LegacyOrder() {}

    /** v0 runs a node only when its first input has items (a trigger reached by a connection aside). */
    static boolean skipsRun(PreparedNode node, List<List<Item>> inputs) {
        return node.type().description().group() != NodeGroup.TRIGGER
                && (inputs.isEmpty() || inputs.getFirst().isEmpty());
    }

    /**
     * The nodes to start with one empty item when {@code target} begins to wait for its other
     * inputs after {@code parent} delivered to one of them: for each other input whose branch has
     * not run and is not queued, the first node of that branch that has not run, provided nothing
     * upstream of it ran with items (it would have started it) and it does not hang below
     * {@code parent} when {@code parent} delivered nothing.
     *
     * @param queued the nodes already in the queue
     * @param runData the runs so far
     * @param runIndex the run of {@code parent} that delivered
     */
    static List<String> branchesToRun(
            PreparedWorkflow workflow,
            PreparedNode target,
            PreparedNode parent,
            boolean parentDeliveredNothing,
            Set<String> queued,
            Map<String, List<NodeRun>> runData,
            int runIndex) {
        List<String> siblings = new ArrayList<>();
        parent.children().forEach(output -> output.forEach(c -> siblings.add(c.node())));
        List<String> out = new ArrayList<>();
        for (List<Incoming> input : workflow.incoming(target.name())) {
            for (Incoming in : input) {
                String source = in.node();
                if (source.equals(parent.name())) {
                    continue;
                }
                if (siblings.contains(source) && !incomingIsEmpty(workflow, source, runData, runIndex)) {
                    continue; // parent starts it anyway
                }
                if (queued.contains(source) || out.contains(source) || runData.containsKey(source)) {
                    continue;
                }
                String toRun = source;
                List<String> upstream = new ArrayList<>();
                upstream.add(source);
                upstream.addAll(workflow.ancestors(source));
                for (String node : upstream) {
                    if (!node.equals(source) && siblings.contains(node)) {
                        toRun = null;
                        break;
                    }
                    if (queued.contains(node) || out.contains(node)) {
                        toRun = null;
                        break;
                    }
                    if (runData.containsKey(node)) {
                        break;
                    }
                    toRun = node;
                }
                if (toRun == null
                        || (parentDeliveredNothing && workflow.ancestors(toRun).contains(parent.name()))) {
                    continue;
                }
                List<List<Incoming>> itsInputs = workflow.incoming(toRun);
                // with items upstream, the node is started by its own input later
                if (itsInputs.isEmpty() || incomingIsEmpty(workflow, toRun, runData, runIndex)) {
                    out.add(toRun);
                }
            }
        }
        return out;
    }

    /** Whether nothing arrived at the first input of {@code node} in run {@code runIndex} of its sources. */
    private static boolean incomingIsEmpty(
            PreparedWorkflow workflow, String node, Map<String, List<NodeRun>> runData, int runIndex) {
        List<List<Incoming>> inputs = workflow.incoming(node);
        if (inputs.isEmpty()) {
            return true;
        }
        for (Incoming in : inputs.getFirst()) {
            List<NodeRun> runs = runData.get(in.node());
            if (runs != null
                    && runIndex < runs.size()
                    && in.output() < runs.get(runIndex).output().size()
                    && !runs.get(runIndex).output().get(in.output()).isEmpty()) {
                return false;
            }
        }
        return true;
    }
}
