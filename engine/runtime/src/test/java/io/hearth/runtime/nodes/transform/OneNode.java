package io.hearth.runtime.nodes.transform;

import io.hearth.node.Item;
import io.hearth.runtime.Flows;
import io.hearth.runtime.execution.ExecutionRequest;
import io.hearth.runtime.execution.ExecutionResult;
import io.hearth.runtime.workflow.WorkflowNode;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

/** Runs one node of a given type version after a manual trigger, in a real execution. */
final class OneNode {

    private OneNode() {}

    static ExecutionResult run(String type, double version, Map<String, Object> parameters, List<Item> input) {
        return run(type, version, parameters, input, UnaryOperator.identity());
    }

    static ExecutionResult run(
            String type,
            double version,
            Map<String, Object> parameters,
            List<Item> input,
            UnaryOperator<WorkflowNode> tweak) {
        var wf = Flows.flow()
                .node("Start", "hearth.manualTrigger", Map.of())
                .node("Node", type, parameters)
                .connect("Start", "Node")
                .build();
        var versioned = wf.withNodes(wf.nodes().stream()
                .map(n -> n.name().equals("Node") ? tweak.apply(n.withTypeVersion(version)) : n)
                .toList());
        var executor = Flows.executor();
        return executor.start(ExecutionRequest.manual(executor.prepare(versioned), "exec-1", input))
                .result()
                .orTimeout(30, TimeUnit.SECONDS)
                .join();
    }

    /** The output items' json, failing with the execution's error if it did not succeed. */
    static List<Map<String, Object>> json(ExecutionResult r) {
        if (r.error().isPresent()) {
            throw new AssertionError("execution failed: " + r.error().get().message());
        }
        return Flows.output(r, "Node");
    }

    static List<Item> items(ExecutionResult r) {
        if (r.error().isPresent()) {
            throw new AssertionError("execution failed: " + r.error().get().message());
        }
        return r.runData().get("Node").getLast().output().getFirst();
    }

    static String error(ExecutionResult r) {
        return r.error().map(e -> e.message()).orElseThrow(() -> new AssertionError("expected the node to fail"));
    }

    @SafeVarargs
    @SuppressWarnings("varargs") // the array is only read (List.of copies it, a stream reads it), never kept
    static List<Item> of(Map<String, Object>... json) {
        return java.util.Arrays.stream(json).map(Item::of).toList();
    }

    /** A map that keeps its keys in the order given (Map.of does not). */
    static Map<String, Object> ordered(Object... keysAndValues) {
        Map<String, Object> m = new java.util.LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            m.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return m;
    }
}
