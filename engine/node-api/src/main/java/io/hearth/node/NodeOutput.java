package io.hearth.node;

import java.util.List;

/**
 * What a node produced: one list of items per output, in the order of the node's declared outputs.
 * An empty list on an output means nodes connected to it do not run.
 */
public record NodeOutput(List<List<Item>> outputs) {

    public NodeOutput {
        outputs = outputs.stream().map(List::copyOf).toList();
    }

    /** A single-output node's result. */
    public static NodeOutput of(List<Item> items) {
        return new NodeOutput(List.of(items));
    }

    @SafeVarargs
    @SuppressWarnings("varargs") // the array is only read (List.of copies it, a stream reads it), never kept
    public static NodeOutput ofOutputs(List<Item>... outputs) {
        return new NodeOutput(List.of(outputs));
    }

    public static NodeOutput empty(int outputCount) {
        return new NodeOutput(java.util.Collections.nCopies(outputCount, List.of()));
    }

    public List<Item> output(int index) {
        return index < outputs.size() ? outputs.get(index) : List.of();
    }

    public int totalItems() {
        int n = 0;
        for (List<Item> output : outputs) {
            n += output.size();
        }
        return n;
    }
}
