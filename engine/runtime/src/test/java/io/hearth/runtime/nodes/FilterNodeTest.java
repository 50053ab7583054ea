package io.hearth.runtime.nodes;

import static org.assertj.core.api.Assertions.assertThat;

import io.hearth.node.Item;
import io.hearth.runtime.Flows;
import io.hearth.runtime.execution.ExecutionRequest;
import io.hearth.runtime.execution.ExecutionResult;
import io.hearth.runtime.execution.ExecutionStatus;
import io.hearth.runtime.workflow.OnError;
import io.hearth.runtime.workflow.WorkflowNode;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

class FilterNodeTest {

    private static final List<Item> TEMPS = List.of(
            Item.of(Map.of("room", "kitchen", "t", 23)),
            Item.of(Map.of("room", "bath", "t", 18)),
            Item.of(Map.of("room", "hall", "t", "warm")));

    private static ExecutionResult run(Map<String, Object> p, double version, UnaryOperator<WorkflowNode> tweak) {
        return run(p, version, tweak, TEMPS);
    }

    private static ExecutionResult run(
            Map<String, Object> p, double version, UnaryOperator<WorkflowNode> tweak, List<Item> input) {
        var wf = Flows.flow()
                .node("Start", "hearth.manualTrigger", Map.of())
                .node("Filter", "n8n-nodes-base.filter", p, tweak)
                .node("After", "hearth.noOp", Map.of())
                .connect("Start", "Filter")
                .connect("Filter", "After")
                .build();
        wf = wf.withNodes(wf.nodes().stream()
                .map(n -> n.name().equals("Filter") ? n.withTypeVersion(version) : n)
                .toList());
        var executor = Flows.executor();
        return executor.start(ExecutionRequest.manual(executor.prepare(wf), "e", input))
                .result()
                .orTimeout(30, TimeUnit.SECONDS)
                .join();
    }

    private static List<Item> withText(String t) {
        return List.of(TEMPS.get(0), TEMPS.get(1), Item.of(Map.of("room", "hall", "t", t)));
    }

    private static Map<String, Object> warmerThan(int t, boolean loose) {
        return Map.of(
                "conditions",
                Map.of(
                        "combinator",
                        "and",
                        "conditions",
                        List.of(Map.of(
                                "leftValue",
                                "={{ $json.t }}",
                                "rightValue",
                                t,
                                "operator",
                                Map.of("type", "number", "operation", "gt")))),
                "looseTypeValidation",
                loose);
    }

    @Test
    void keepsMatchingItemsAndRecordsTheDiscardedOnes() {
        var r = run(warmerThan(20, true), 2.3, UnaryOperator.identity(), withText("22"));
        // "22" becomes a number where converting is allowed
        assertThat(Flows.output(r, "After")).extracting(m -> m.get("room")).containsExactly("kitchen", "hall");
        assertThat(Flows.output(r, "Filter", 1)).extracting(m -> m.get("room")).containsExactly("bath");
    }

    @Test
    void aValueOfTheWrongTypeFailsUnlessConvertingOrContinuing() {
        var strict = run(warmerThan(20, false), 2.3, UnaryOperator.identity());
        assertThat(strict.status()).isEqualTo(ExecutionStatus.ERROR);
        assertThat(strict.error().orElseThrow().message()).contains("warm");
        var continuing = run(warmerThan(20, false), 2.3, n -> n.withOnError(OnError.CONTINUE_REGULAR_OUTPUT));
        assertThat(Flows.output(continuing, "After"))
                .extracting(m -> m.get("room"))
                .containsExactly("kitchen");
    }

    @Test
    void versionOneReadsTypedListsCombinedByOr() {
        var p = Map.<String, Object>of(
                "conditions",
                Map.of(
                        "string", List.of(Map.of("value1", "={{ $json.room }}", "value2", "bath")),
                        "number", List.of(Map.of("value1", "={{ $json.t }}", "operation", "larger", "value2", 22))),
                "combineConditions",
                "OR");
        var r = run(p, 1, UnaryOperator.identity(), withText("20"));
        assertThat(Flows.output(r, "After")).extracting(m -> m.get("room")).containsExactly("kitchen", "bath");
    }
}
