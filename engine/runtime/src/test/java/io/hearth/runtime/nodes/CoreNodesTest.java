package io.hearth.runtime.nodes;

import static io.hearth.runtime.Flows.flow;
import static io.hearth.runtime.Flows.output;
import static org.assertj.core.api.Assertions.assertThat;

import io.hearth.node.Item;
import io.hearth.runtime.execution.ExecutionStatus;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Core nodes run inside real executions. */
class CoreNodesTest {

    private static final String MANUAL = "hearth.manualTrigger";

    @Test
    void editFieldsConvertsTypesAndWritesNestedFields() {
        var r = flow().node("Start", MANUAL, Map.of())
                .node(
                        "Set",
                        "hearth.set",
                        Map.of(
                                "assignments",
                                Map.of(
                                        "assignments",
                                        List.of(
                                                Map.of(
                                                        "name",
                                                        "count",
                                                        "type",
                                                        "number",
                                                        "value",
                                                        "={{ $json.n + 1 }}"),
                                                Map.of("name", "flag", "type", "boolean", "value", "true"),
                                                Map.of("name", "address.city", "type", "string", "value", "Utrecht"),
                                                Map.of("name", "tags", "type", "array", "value", "[\"a\",\"b\"]")))))
                .connect("Start", "Set")
                .run(List.of(Item.of(Map.of("n", 41, "other", "dropped"))));
        assertThat(output(r, "Set"))
                .containsExactly(Map.of(
                        "count", 42L, "flag", true, "address", Map.of("city", "Utrecht"), "tags", List.of("a", "b")));
    }

    @Test
    void editFieldsNamesTheFieldThatCannotBeConverted() {
        var r = flow().node("Start", MANUAL, Map.of())
                .node(
                        "Set",
                        "hearth.set",
                        Map.of(
                                "assignments",
                                Map.of(
                                        "assignments",
                                        List.of(Map.of("name", "count", "type", "number", "value", "lots")))))
                .connect("Start", "Set")
                .run();
        assertThat(r.status()).isEqualTo(ExecutionStatus.ERROR);
        assertThat(r.error().orElseThrow().message())
                .contains("assignments.assignments[0].value")
                .contains("'count' expects a number but we got 'lots'");
    }

    @Test
    void editFieldsKeepsOtherFieldsExceptExcluded() {
        var r = flow().node("Start", MANUAL, Map.of())
                .node(
                        "Set",
                        "hearth.set",
                        Map.of(
                                "includeOtherFields",
                                true,
                                "include",
                                "except",
                                "excludeFields",
                                "secret",
                                "assignments",
                                Map.of("assignments", List.of(Map.of("name", "x", "value", "1")))))
                .connect("Start", "Set")
                .run(List.of(Item.of(Map.of("keep", 1, "secret", 2))));
        assertThat(output(r, "Set")).containsExactly(Map.of("keep", 1, "x", "1"));
    }

    @Test
    void editFieldsV1KeepsTypedValues() {
        var r = flow().node("Start", MANUAL, Map.of())
                .node(
                        "Set",
                        "n8n-nodes-base.set",
                        Map.of(
                                "keepOnlySet",
                                true,
                                "values",
                                Map.of(
                                        "number",
                                        List.of(Map.of("name", "n", "value", 3)),
                                        "string",
                                        List.of(Map.of("name", "s", "value", "x")))),
                        n -> n)
                .connect("Start", "Set");
        var wf = r.build();
        var v1 = wf.withNodes(wf.nodes().stream()
                .map(n -> n.name().equals("Set") ? n.withTypeVersion(2) : n)
                .toList());
        var executor = io.hearth.runtime.Flows.executor();
        var result = executor.start(io.hearth.runtime.execution.ExecutionRequest.manual(
                        executor.prepare(v1), "e", List.of(Item.of(Map.of("old", true)))))
                .result()
                .join();
        assertThat(output(result, "Set")).containsExactly(Map.of("n", 3, "s", "x"));
    }

    @Test
    void ifV1ComparesTypedConditionLists() {
        var f = flow().node("Start", MANUAL, Map.of())
                .node(
                        "If",
                        "hearth.if",
                        Map.of(
                                "conditions",
                                Map.of(
                                        "number",
                                        List.of(Map.of(
                                                "value1", "={{ $json.t }}", "operation", "larger", "value2", 20)))))
                .connect("Start", "If");
        var wf = f.build();
        var v1 = wf.withNodes(wf.nodes().stream()
                .map(n -> n.name().equals("If") ? n.withTypeVersion(1) : n)
                .toList());
        var executor = io.hearth.runtime.Flows.executor();
        var result = executor.start(io.hearth.runtime.execution.ExecutionRequest.manual(
                        executor.prepare(v1), "e", List.of(Item.of(Map.of("t", 25)), Item.of(Map.of("t", 5)))))
                .result()
                .join();
        assertThat(output(result, "If", 0)).containsExactly(Map.of("t", 25));
        assertThat(output(result, "If", 1)).containsExactly(Map.of("t", 5));
    }

    @Test
    void ifReadsN8nV2Filters() {
        var r = flow().node("Start", MANUAL, Map.of())
                .node(
                        "If",
                        "hearth.if",
                        Map.of(
                                "conditions",
                                Map.of(
                                        "options", Map.of("caseSensitive", false),
                                        "combinator", "or",
                                        "conditions",
                                                List.of(
                                                        Map.of(
                                                                "leftValue",
                                                                "={{ $json.name }}",
                                                                "rightValue",
                                                                "ADA",
                                                                "operator",
                                                                Map.of("type", "string", "operation", "equals")),
                                                        Map.of(
                                                                "leftValue",
                                                                "={{ $json.age }}",
                                                                "rightValue",
                                                                100,
                                                                "operator",
                                                                Map.of("type", "number", "operation", "gt"))))))
                .connect("Start", "If")
                .run(List.of(Item.of(Map.of("name", "ada", "age", 36)), Item.of(Map.of("name", "bob", "age", 3))));
        assertThat(output(r, "If", 0)).extracting(m -> m.get("name")).containsExactly("ada");
        assertThat(output(r, "If", 1)).extracting(m -> m.get("name")).containsExactly("bob");
    }

    @Test
    void switchRoutesByRuleWithFallback() {
        var r = flow().node("Start", MANUAL, Map.of())
                .node(
                        "Switch",
                        "hearth.switch",
                        Map.of(
                                "rules",
                                        Map.of(
                                                "values",
                                                List.of(
                                                        Map.of(
                                                                "leftValue",
                                                                "={{ $json.level }}",
                                                                "operator",
                                                                "string:equals",
                                                                "rightValue",
                                                                "high",
                                                                "outputKey",
                                                                "High"),
                                                        Map.of(
                                                                "leftValue",
                                                                "={{ $json.level }}",
                                                                "operator",
                                                                "string:equals",
                                                                "rightValue",
                                                                "low",
                                                                "outputKey",
                                                                "Low"))),
                                "options", Map.of("fallbackOutput", "extra")))
                .connect("Start", "Switch")
                .run(List.of(
                        Item.of(Map.of("level", "low")),
                        Item.of(Map.of("level", "high")),
                        Item.of(Map.of("level", "odd"))));
        assertThat(output(r, "Switch", 0)).containsExactly(Map.of("level", "high"));
        assertThat(output(r, "Switch", 1)).containsExactly(Map.of("level", "low"));
        assertThat(output(r, "Switch", 2)).containsExactly(Map.of("level", "odd"));
    }

    @Test
    void mergeByPositionZipsItems() {
        var r = flow().node("Start", MANUAL, Map.of())
                .node("A", "hearth.set", Map.of("mode", "raw", "jsonOutput", "={{ { a: $json.i } }}"))
                .node("B", "hearth.set", Map.of("mode", "raw", "jsonOutput", "={{ { b: $json.i * 10 } }}"))
                .node("Merge", "hearth.merge", Map.of("mode", "combine", "combineBy", "combineByPosition"))
                .connect("Start", "A")
                .connect("Start", "B")
                .connect("A", 0, "Merge", 0)
                .connect("B", 0, "Merge", 1)
                .run(List.of(Item.of(Map.of("i", 1)), Item.of(Map.of("i", 2))));
        assertThat(output(r, "Merge")).containsExactly(Map.of("a", 1, "b", 10L), Map.of("a", 2, "b", 20L));
    }
}
