package io.hearth.testkit;

import io.hearth.node.ExecutionMode;
import io.hearth.node.Item;
import io.hearth.runtime.workflow.PinData;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A workflow in n8n's node-test convention, made ready to run: {@code pinData} taken out as the
 * expected outputs, nodes that only produce input replaced by pinned data of their output, the
 * optional {@code trigger} ({@code {"mode": "webhook", "input": {"json": ...}}}) turned into the start
 * item and mode.
 *
 * @param workflow      the workflow tree to run (its pinData holds only the substitutions)
 * @param expected      node name to its expected items (n8n's pinned form)
 * @param substitutions what was replaced, and why
 */
record N8nTestWorkflow(
        Map<String, Object> workflow,
        Map<String, Object> expected,
        List<Substitution> substitutions,
        List<Item> startItems,
        ExecutionMode mode) {

    /** n8n's test-only node that outputs its {@code data} parameter (packages/core/nodes-testing). */
    static final String TEST_DATA_NODE = "n8n-nodes-testing.testData";

    private static final String PINNED_STAND_IN = "n8n-nodes-base.noOp";

    static N8nTestWorkflow parse(String json, Map<String, ConformanceList.PinnedNode> pinFromExpected) {
        if (!(JsonValues.parse(json, "the workflow") instanceof Map<?, ?> tree)) {
            throw new IllegalArgumentException("the workflow must be a JSON object");
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> root = (Map<String, Object>) tree;
        return of(root, pinFromExpected);
    }

    /**
     * @param pinned nodes to replace by pinned data of their output: the items given, else the output
     *               the test expects of them (for input-producing nodes Hearth lacks)
     */
    @SuppressWarnings("unchecked")
    static N8nTestWorkflow of(Map<String, Object> tree, Map<String, ConformanceList.PinnedNode> pinned) {
        Map<String, Object> root = new LinkedHashMap<>(tree);
        if (!(root.get("pinData") instanceof Map<?, ?> pinData)) {
            throw new IllegalArgumentException(
                    "the workflow has no pinData: n8n's test convention keeps the expected output of each node there");
        }
        Map<String, Object> expected = new LinkedHashMap<>((Map<String, Object>) pinData);
        Map<String, Object> pins = new LinkedHashMap<>();
        List<Substitution> substitutions = new ArrayList<>();
        List<Object> nodes = new ArrayList<>();
        Object rawNodes = root.get("nodes");
        for (Object n : rawNodes instanceof List<?> l ? l : List.of()) {
            if (!(n instanceof Map<?, ?> nodeMap)) {
                nodes.add(n);
                continue;
            }
            Map<String, Object> node = new LinkedHashMap<>((Map<String, Object>) nodeMap);
            String name = String.valueOf(node.get("name"));
            String type = String.valueOf(node.get("type"));
            if (TEST_DATA_NODE.equals(type)) {
                pins.put(name, testDataItems(node));
                substitutions.add(new Substitution(name, type, "n8n's test-only data node"));
                node = standIn(node);
            } else if (pinned.containsKey(name)) {
                ConformanceList.PinnedNode pin = pinned.get(name);
                Object items = pin.items().orElseGet(() -> expected.remove(name));
                if (items == null) {
                    throw new IllegalArgumentException(
                            "node \"" + name + "\" is to be replaced by its expected output, but pinData has none");
                }
                pins.put(name, items);
                substitutions.add(new Substitution(name, type, pin.reason()));
                node = standIn(node);
            }
            nodes.add(node);
        }
        for (String name : pinned.keySet()) {
            if (substitutions.stream().noneMatch(s -> s.node().equals(name))) {
                throw new IllegalArgumentException("the workflow has no node \"" + name + "\" to replace");
            }
        }
        root.put("nodes", nodes);
        root.put("pinData", pins);
        List<Item> start = List.of();
        ExecutionMode mode = ExecutionMode.MANUAL;
        if (root.remove("trigger") instanceof Map<?, ?> trigger) {
            if (trigger.get("input") != null) {
                start = PinData.items(List.of(trigger.get("input")));
            }
            if (trigger.get("mode") instanceof String m) {
                mode = switch (m) {
                    case "webhook" -> ExecutionMode.WEBHOOK;
                    case "trigger" -> ExecutionMode.TRIGGER;
                    default -> ExecutionMode.MANUAL;
                };
            }
        }
        return new N8nTestWorkflow(root, expected, substitutions, start, mode);
    }

    private static Map<String, Object> standIn(Map<String, Object> node) {
        Map<String, Object> out = new LinkedHashMap<>(node);
        out.put("type", PINNED_STAND_IN);
        out.put("typeVersion", 1);
        out.put("parameters", Map.of());
        out.remove("credentials");
        return out;
    }

    private static List<Object> testDataItems(Map<String, Object> node) {
        Object data = node.get("parameters") instanceof Map<?, ?> p ? p.get("data") : null;
        if (data instanceof String s) {
            data = JsonValues.parse(s.isBlank() ? "[]" : s, "the data of test node \"" + node.get("name") + "\"");
        }
        List<Object> out = new ArrayList<>();
        for (Object entry : data instanceof List<?> l ? l : data == null ? List.of() : List.of(data)) {
            out.add(Map.of("json", entry));
        }
        return out;
    }
}
