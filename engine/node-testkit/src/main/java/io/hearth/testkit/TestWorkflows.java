package io.hearth.testkit;

import io.hearth.common.Json;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Workflow JSON for node tests, in n8n's format. */
public final class TestWorkflows {

    private TestWorkflows() {}

    /**
     * A Manual Trigger named "Start" connected to {@code node} (an n8n node object: name, type, typeVersion,
     * parameters, credentials...; a missing position is filled in), as JSON for {@link NodeTestKit#run}.
     */
    public static String afterManualTrigger(Map<String, Object> node) {
        Map<String, Object> target = new LinkedHashMap<>(node);
        target.putIfAbsent("position", List.of(220, 0));
        Map<String, Object> start = new LinkedHashMap<>();
        start.put("name", "Start");
        start.put("type", "n8n-nodes-base.manualTrigger");
        start.put("typeVersion", 1);
        start.put("position", List.of(0, 0));
        start.put("parameters", Map.of());
        Map<String, Object> workflow = new LinkedHashMap<>();
        workflow.put("name", node.get("name") + " test");
        workflow.put("nodes", List.of(start, target));
        workflow.put(
                "connections",
                Map.of(
                        "Start",
                        Map.of(
                                "main",
                                List.of(List.of(Map.of("node", node.get("name"), "type", "main", "index", 0))))));
        return Json.write(workflow);
    }
}
