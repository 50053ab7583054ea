package io.hearth.runtime.execution;

import io.hearth.expression.Scope;
import io.hearth.node.Item;
import io.hearth.node.NodeException;
import io.hearth.runtime.execution.PreparedWorkflow.PreparedNode;
import io.hearth.runtime.workflow.Connection;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The expression variables of one node for one of its input items, worked out from runs recorded earlier (the
 * editor's last run, pinned data) instead of a run in progress: the {@link ItemScope} a run resolves the node's
 * parameters with, on a run state holding those runs. What a preview shows is what the run will see, {@code
 * $('Node').item} following paired items, {@code $parameter}, {@code $prevNode} and {@code $binary} included.
 */
final class RecordedRunScope {

    private RecordedRunScope() {}

    static Scope of(
            RunState state, PreparedWorkflow workflow, String nodeName, Map<String, List<NodeRun>> runs, int item) {
        PreparedNode node = workflow.node(nodeName)
                .orElseThrow(() -> new NodeException("The workflow has no node named '" + nodeName + "'"));
        runs.values().forEach(list -> list.forEach(state::record));
        for (PreparedNode n : workflow.nodes()) {
            // as in a manual run, a pinned node that did not run hands on its pinned items
            if (!runs.containsKey(n.name()) && !n.node().disabled()) {
                workflow.pinned(n.name()).ifPresent(items -> state.record(pinnedRun(n, items)));
            }
        }
        return new ItemScope(state, input(state, workflow, node), item);
    }

    private static NodeRun pinnedRun(PreparedNode n, List<Item> items) {
        List<List<Item>> outputs = new ArrayList<>(Collections.nCopies(Math.max(1, n.outputCount()), List.of()));
        outputs.set(0, items);
        return new NodeRun(
                n.name(),
                n.node().type(),
                0,
                Instant.EPOCH,
                0,
                1,
                List.of(),
                List.of(),
                outputs,
                Optional.empty(),
                List.of(),
                Map.of());
    }

    /** The node's input: what its last run received, else what the nodes connected to it put out last. */
    private static NodeRunInput input(RunState state, PreparedWorkflow workflow, PreparedNode node) {
        Optional<NodeRun> own = state.lastRun(node.name());
        if (own.isPresent()) {
            return new NodeRunInput(
                    node, own.get().input(), own.get().sources(), own.get().runIndex());
        }
        int n = Math.max(1, node.inputCount());
        List<List<Item>> inputs = new ArrayList<>(Collections.nCopies(n, List.of()));
        List<Optional<InputSource>> sources = new ArrayList<>(Collections.nCopies(n, Optional.empty()));
        List<Feed> feeds = new ArrayList<>();
        for (PreparedNode parent : workflow.nodes()) {
            for (int o = 0; o < parent.children().size(); o++) {
                for (Connection c : parent.children().get(o)) {
                    if (c.node().equals(node.name()) && c.index() < n) {
                        int output = o;
                        state.lastRun(parent.name()).ifPresent(run -> feeds.add(new Feed(run, output, c.index())));
                    }
                }
            }
        }
        // several connections into one input: the one that ran last fed it
        feeds.sort(Comparator.comparing(f -> f.run().startedAt()));
        for (Feed f : feeds) {
            List<List<Item>> out = f.run().output();
            inputs.set(f.input(), f.output() < out.size() ? out.get(f.output()) : List.of());
            sources.set(
                    f.input(),
                    Optional.of(
                            new InputSource(f.run().node(), f.output(), f.run().runIndex())));
        }
        return new NodeRunInput(node, inputs, sources, 0);
    }

    private record Feed(NodeRun run, int output, int input) {}
}
