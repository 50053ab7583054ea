package io.hearth.runtime.execution;

import io.hearth.node.Item;
import io.hearth.runtime.execution.PreparedWorkflow.PreparedNode;
import io.hearth.runtime.workflow.Connection;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Which node runs next (n8n's {@code executionOrder}): the stack of nodes ready to run and the nodes that wait for
 * several inputs.
 * <ul>
 * <li>"v1": the nodes an output starts go on top of the stack, output 0 first and, within an output, in the order of
 *     its connections (top-to-bottom on the canvas), so each branch finishes before the next starts. An output
 *     without items starts nothing.</li>
 * <li>"v0" ({@link LegacyOrder}): they join the end of the queue in the order the connections are stored; an empty
 *     output still reaches a node's second (or later) input.</li>
 * </ul>
 * Not thread-safe: the run calls it under its lock.
 */
final class ExecutionOrder {

    private final PreparedWorkflow workflow;
    private final RunState state;
    private final boolean legacy;
    private final Deque<NodeTask> stack = new ArrayDeque<>();
    private final Map<String, Waiting> waiting = new LinkedHashMap<>();

    ExecutionOrder(PreparedWorkflow workflow, RunState state) {
        this.workflow = workflow;
        this.state = state;
        this.legacy = workflow.workflow().settings().legacyExecutionOrder();
    }

    /** Whether the workflow runs in n8n's legacy order ("v0"). */
    boolean legacy() {
        return legacy;
    }

    /** The node that runs next, or empty when nothing is left to run. */
    Optional<NodeTask> next() {
        NodeTask task = stack.pollFirst();
        return Optional.ofNullable(task != null ? task : nextWaiting());
    }

    /** Puts a task back on top, to run next (the run moved to another thread before it ran). */
    void pushBack(NodeTask task) {
        stack.addFirst(task);
    }

    /** Starts the execution with a node that is not a trigger, on the start items. */
    void start(PreparedNode node, List<Item> items) {
        stack.push(new NodeTask(node, List.of(items), List.of(Optional.empty())));
    }

    /** Hands a node's outputs (of its run {@code runIndex}) to the nodes connected to them. */
    void propagate(PreparedNode node, List<List<Item>> outputs, int runIndex) {
        if (legacy) {
            propagateLegacy(node, outputs, runIndex);
            return;
        }
        List<NodeTask> next = new ArrayList<>();
        for (int o = 0; o < outputs.size() && o < node.children().size(); o++) {
            List<Item> items = outputs.get(o);
            if (items.isEmpty()) {
                continue;
            }
            InputSource source = new InputSource(node.name(), o, runIndex);
            for (Connection c : node.children().get(o)) {
                PreparedNode target = workflow.node(c.node()).orElseThrow();
                if (target.node().disabled()) {
                    // A disabled node hands its first input straight on.
                    propagate(target, List.of(items), 0);
                    continue;
                }
                if (target.waitsForSeveralInputs()) {
                    Waiting w = waiting.computeIfAbsent(target.name(), k -> new Waiting(target));
                    w.put(c.index(), items, source);
                    if (w.complete()) {
                        waiting.remove(target.name());
                        next.add(w.task());
                    }
                } else {
                    next.add(NodeTask.onInput(target, c.index(), items, source));
                }
            }
        }
        for (int i = next.size() - 1; i >= 0; i--) {
            stack.addFirst(next.get(i));
        }
    }

    /**
     * n8n's legacy order ("v0"): the nodes an output starts join the end of the queue, in the order
     * the connections are stored; an output without items still reaches a node's second (or later)
     * input; a node that starts waiting for its other inputs first has the branches that feed them
     * run ({@link LegacyOrder#branchesToRun}).
     */
    private void propagateLegacy(PreparedNode node, List<List<Item>> outputs, int runIndex) {
        List<List<Connection>> stored = workflow.workflow().connections().mainOutputs(node.name());
        for (int o = 0; o < outputs.size() && o < stored.size(); o++) {
            List<Item> items = outputs.get(o);
            InputSource source = new InputSource(node.name(), o, runIndex);
            for (Connection c : stored.get(o)) {
                if (items.isEmpty() && c.index() == 0) {
                    continue;
                }
                PreparedNode target = workflow.node(c.node()).orElseThrow();
                if (target.node().disabled()) {
                    if (!items.isEmpty()) {
                        propagateLegacy(target, List.of(items), 0);
                    }
                    continue;
                }
                if (target.waitsForSeveralInputs()) {
                    boolean first = !waiting.containsKey(target.name());
                    Waiting w = waiting.computeIfAbsent(target.name(), k -> new Waiting(target));
                    w.put(c.index(), items, source);
                    if (w.complete()) {
                        waiting.remove(target.name());
                        stack.addLast(w.task());
                    } else if (first) {
                        Set<String> queued = new HashSet<>();
                        stack.forEach(t -> queued.add(t.node().name()));
                        for (String forced : LegacyOrder.branchesToRun(
                                workflow, target, node, items.isEmpty(), queued, state.runData(), runIndex)) {
                            PreparedNode f = workflow.node(forced).orElseThrow();
                            stack.addLast(
                                    new NodeTask(f, List.of(List.of(Item.empty())), List.of(Optional.of(source))));
                            queued.add(forced);
                        }
                    }
                } else {
                    stack.addLast(NodeTask.onInput(target, c.index(), items, source));
                }
            }
        }
    }

    /**
     * As n8n when nothing else can run: the first node (in the order they started waiting) that may
     * run with the inputs it has, and none of whose ancestors still waits. A node that needs all its
     * inputs (Merge's Choose Branch) never runs with some missing; what is left waiting when nothing
     * can run is dropped.
     */
    private NodeTask nextWaiting() {
        Iterator<Waiting> it = waiting.values().iterator();
        while (it.hasNext()) {
            Waiting w = it.next();
            if (w.node.requiresAllInputs() && !legacy) {
                continue;
            }
            boolean ancestorWaits = waiting.keySet().stream()
                    .anyMatch(other -> !other.equals(w.node.name())
                            && workflow.ancestors(w.node.name()).contains(other));
            if (ancestorWaits) {
                continue;
            }
            it.remove();
            if (w.inputs.stream().allMatch(List::isEmpty)) {
                continue; // v0: inputs that received only empty outputs
            }
            return w.task();
        }
        return null;
    }

    /** Data collected for a node that waits for several inputs. */
    private static final class Waiting {
        final PreparedNode node;
        final List<List<Item>> inputs;
        final List<Optional<InputSource>> sources;
        final boolean[] filled;

        Waiting(PreparedNode node) {
            this.node = node;
            int n = node.inputCount();
            this.inputs = new ArrayList<>(Collections.nCopies(n, List.of()));
            this.sources = new ArrayList<>(Collections.nCopies(n, Optional.empty()));
            this.filled = new boolean[n];
        }

        void put(int index, List<Item> items, InputSource source) {
            if (filled[index]) {
                List<Item> joined = new ArrayList<>(inputs.get(index));
                joined.addAll(items);
                inputs.set(index, joined);
            } else {
                inputs.set(index, items);
                sources.set(index, Optional.of(source));
                filled[index] = true;
            }
        }

        boolean complete() {
            for (int i : node.connectedInputs()) {
                if (!filled[i]) {
                    return false;
                }
            }
            return true;
        }

        NodeTask task() {
            return new NodeTask(node, List.copyOf(inputs), List.copyOf(sources));
        }
    }
}
