package io.hearth.runtime.execution;

import io.hearth.node.Item;
import io.hearth.runtime.execution.PreparedWorkflow.PreparedNode;
import java.util.List;
import java.util.Optional;

/** The items a node run receives on each input, and where they came from. */
record NodeRunInput(PreparedNode node, List<List<Item>> inputs, List<Optional<InputSource>> sources, int runIndex) {

    List<Item> items(int input) {
        return input < inputs.size() ? inputs.get(input) : List.of();
    }

    Optional<InputSource> source(int input) {
        return input < sources.size() ? sources.get(input) : Optional.empty();
    }
}
