package io.hearth.runtime.nodes.transform;

import static org.assertj.core.api.Assertions.assertThat;

import io.hearth.node.Item;
import io.hearth.runtime.Flows;
import io.hearth.runtime.execution.ExecutionRequest;
import io.hearth.runtime.execution.ExecutionResult;
import io.hearth.runtime.execution.ExecutionServices;
import io.hearth.runtime.execution.InMemoryProcessedValues;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class RemoveDuplicatesAcrossExecutionsTest {

    private final ExecutionServices services = new ExecutionServices(new InMemoryProcessedValues());

    private final Map<Map<String, Object>, io.hearth.runtime.workflow.Workflow> workflows = new java.util.HashMap<>();

    /** Runs the same saved workflow (same node id, so the same history) again. */
    private ExecutionResult run(Map<String, Object> parameters, List<Map<String, Object>> input) {
        var wf = workflows.computeIfAbsent(
                parameters,
                p -> Flows.flow()
                        .node("Start", "hearth.manualTrigger", Map.of())
                        .node("Dedupe", "n8n-nodes-base.removeDuplicates", p)
                        .connect("Start", "Dedupe")
                        .build());
        var executor = Flows.executor();
        return executor.start(ExecutionRequest.manual(
                                executor.prepare(wf),
                                "e",
                                input.stream().map(Item::of).toList())
                        .withServices(services))
                .result()
                .orTimeout(30, TimeUnit.SECONDS)
                .join();
    }

    private static Map<String, Object> byId(String logic, String valueParameter) {
        return Map.of(
                "operation", "removeItemsSeenInPreviousExecutions", "logic", logic, valueParameter, "={{ $json.id }}");
    }

    @Test
    void keepsNewValuesGroupedAsN8nDoes() {
        var p = byId("removeItemsWithAlreadySeenKeyValues", "dedupeValue");
        var first = run(p, List.of(Map.of("id", "b"), Map.of("id", 10), Map.of("id", "b"), Map.of("id", 2)));
        // items are grouped by value; integer-like values first, as in a JavaScript object
        assertThat(Flows.output(first, "Dedupe")).extracting(m -> m.get("id")).containsExactly(2, 10, "b", "b");
        assertThat(Flows.output(run(p, List.of(Map.of("id", 10), Map.of("id", "c"))), "Dedupe"))
                .containsExactly(Map.of("id", "c"));
    }

    @Test
    void laterDatesAreNewAndAnUnreadableOneIsAnError() {
        var p = byId("removeItemsUpToStoredDate", "dateDedupeValue");
        assertThat(Flows.output(run(p, List.of(Map.of("id", "2024-01-02T00:00:00Z"))), "Dedupe"))
                .hasSize(1);
        assertThat(Flows.output(
                        run(p, List.of(Map.of("id", "2024-01-01T00:00:00Z"), Map.of("id", "2024-01-03T00:00:00Z"))),
                        "Dedupe"))
                .containsExactly(Map.of("id", "2024-01-03T00:00:00Z"));
        assertThat(run(p, List.of(Map.of("id", "soon"))).error().orElseThrow().message())
                .contains("The value 'soon' is not a valid date");
    }

    @Test
    void withoutAServerTheNodeSaysWhereTheValuesLive() {
        var wf = Flows.flow()
                .node("Start", "hearth.manualTrigger", Map.of())
                .node(
                        "Dedupe",
                        "n8n-nodes-base.removeDuplicates",
                        byId("removeItemsWithAlreadySeenKeyValues", "dedupeValue"))
                .connect("Start", "Dedupe");
        assertThat(wf.run(List.of(Item.of(Map.of("id", 1))))
                        .error()
                        .orElseThrow()
                        .message())
                .contains("kept by the Hearth server");
    }
}
