package io.hearth.runtime.execution;

import io.hearth.node.Item;
import io.hearth.node.NodeOutput;
import io.hearth.runtime.execution.PreparedWorkflow.PreparedNode;
import io.hearth.runtime.workflow.OnError;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A node's outputs as the run passes them on: one list per output of the node, n8n's error items of a node that
 * continues on an error output moved there (with the fields of the input item they stand for), and one empty item
 * for a node set to always output data; what a node that failed as a whole and continues passes on.
 */
final class NodeOutputs {

    private NodeOutputs() {}

    static Item withError(Item item, ExecutionError err, int index) {
        Map<String, Object> json = new LinkedHashMap<>(item.json());
        json.put("error", err.message());
        return new Item(json, item.binary(), List.of(new Item.PairedItem(index, 0)));
    }

    /** A trigger's outputs: {@code items} on the first, nothing on the others. */
    static List<List<Item>> first(PreparedNode node, List<Item> items) {
        List<List<Item>> outs = new ArrayList<>(Collections.nCopies(Math.max(1, node.outputCount()), List.of()));
        outs.set(0, items);
        return outs;
    }

    /**
     * The outputs of a node that failed as a whole and continues (its onError is not "stop the workflow"). As n8n:
     * continuing on the regular output hands its first input on unchanged (the error is in the node's run). Hearth
     * sends them to the error output instead when there is one, each with the error (n8n hands them to output 0 there
     * too).
     */
    static List<List<Item>> afterFailure(PreparedNode node, List<List<Item>> inputs, ExecutionError err) {
        boolean toErrorOutput = node.node().onError() == OnError.CONTINUE_ERROR_OUTPUT;
        List<Item> in = inputs.isEmpty() ? List.of() : inputs.getFirst();
        List<Item> onward = new ArrayList<>();
        for (int i = 0; i < in.size(); i++) {
            onward.add(toErrorOutput ? withError(in.get(i), err, i) : in.get(i).pairedWith(i));
        }
        if (onward.isEmpty() && toErrorOutput) {
            onward.add(withError(Item.empty(), err, 0));
        }
        List<List<Item>> outputs = new ArrayList<>(Collections.nCopies(node.outputCount(), List.of()));
        if (!outputs.isEmpty()) { // a node without outputs (Stop and Error) has nowhere to continue
            outputs.set(toErrorOutput ? node.outputCount() - 1 : 0, onward);
        }
        return outputs;
    }

    static List<List<Item>> normalize(PreparedNode node, NodeOutput output, List<List<Item>> inputs) {
        List<List<Item>> outs = new ArrayList<>(output == null ? List.of() : output.outputs());
        while (outs.size() < node.outputCount()) {
            outs.add(List.of());
        }
        if (node.node().onError() == OnError.CONTINUE_ERROR_OUTPUT && !outs.isEmpty()) {
            // As n8n: error items a continue-on-fail node reported go to the error output, with the
            // fields of the input item they stand for.
            int errorOutput = node.outputCount() - 1;
            List<Item> failed = new ArrayList<>(outs.get(errorOutput));
            for (int o = 0; o < errorOutput; o++) {
                List<Item> ok = new ArrayList<>();
                for (Item item : outs.get(o)) {
                    if (isErrorItem(item)) {
                        failed.add(withInputFields(item, inputs));
                    } else {
                        ok.add(item);
                    }
                }
                outs.set(o, ok);
            }
            outs.set(errorOutput, failed);
        }
        if (node.node().alwaysOutputData() && outs.stream().allMatch(List::isEmpty)) {
            outs.set(0, List.of(Item.empty()));
        }
        return outs;
    }

    /** n8n's error item: {@code {"error": ...}}, optionally with a {@code message}, and nothing else. */
    private static boolean isErrorItem(Item item) {
        Map<String, Object> json = item.json();
        return json.get("error") != null && (json.size() == 1 || (json.size() == 2 && json.containsKey("message")));
    }

    private static Item withInputFields(Item item, List<List<Item>> inputs) {
        if (item.pairedItems().isEmpty()) {
            return item;
        }
        Item.PairedItem from = item.pairedItems().getFirst();
        if (from.input() >= inputs.size()
                || from.item() >= inputs.get(from.input()).size()) {
            return item;
        }
        Map<String, Object> json =
                new LinkedHashMap<>(inputs.get(from.input()).get(from.item()).json());
        json.putAll(item.json());
        return item.withJson(json);
    }
}
