package io.hearth.runtime.execution;

import io.hearth.node.Item;
import io.hearth.runtime.execution.PreparedWorkflow.PreparedNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * A node ready to run, with its items and where they came from, per input.
 *
 * @param sources per input, the output that delivered its items (empty for the start node)
 */
record NodeTask(PreparedNode node, List<List<Item>> inputs, List<Optional<InputSource>> sources) {

    /** The node with {@code items} on its input {@code index} and nothing on the others. */
    static NodeTask onInput(PreparedNode node, int index, List<Item> items, InputSource source) {
        int n = Math.max(node.inputCount(), index + 1);
        List<List<Item>> inputs = new ArrayList<>(Collections.nCopies(n, List.of()));
        List<Optional<InputSource>> sources = new ArrayList<>(Collections.nCopies(n, Optional.empty()));
        inputs.set(index, items);
        sources.set(index, Optional.of(source));
        return new NodeTask(node, inputs, sources);
    }
}
