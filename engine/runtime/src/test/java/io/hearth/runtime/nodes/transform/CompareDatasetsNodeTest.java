package io.hearth.runtime.nodes.transform;

import static io.hearth.runtime.Flows.flow;
import static io.hearth.runtime.Flows.output;
import static org.assertj.core.api.Assertions.assertThat;

import io.hearth.node.ActionNode;
import io.hearth.node.Item;
import io.hearth.node.NodeExecutionContext;
import io.hearth.node.NodeOutput;
import io.hearth.node.description.NodeDescription;
import io.hearth.runtime.Flows;
import io.hearth.runtime.execution.ExecutionRequest;
import io.hearth.runtime.execution.ExecutionResult;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class CompareDatasetsNodeTest {

    /** Emits the items given in its "items" parameter. */
    static final class Items implements ActionNode {
        @Override
        public NodeDescription description() {
            return NodeDescription.builder("test.items").build();
        }

        @Override
        @SuppressWarnings("unchecked")
        public CompletionStage<NodeOutput> execute(NodeExecutionContext c) {
            return CompletableFuture.completedFuture(NodeOutput.of(
                    ((List<Map<String, Object>>) c.parameters().get("items").orElseThrow())
                            .stream().map(Item::of).toList()));
        }
    }

    private static ExecutionResult compare(
            double version, Map<String, Object> parameters, List<Map<String, Object>> a, List<Map<String, Object>> b) {
        var wf = flow().node("Start", "hearth.manualTrigger", Map.of())
                .node("A", "test.items", Map.of("items", a))
                .node("B", "test.items", Map.of("items", b))
                .node("Compare", "n8n-nodes-base.compareDatasets", parameters)
                .connect("Start", "A")
                .connect("Start", "B")
                .connect("A", 0, "Compare", 0)
                .connect("B", 0, "Compare", 1)
                .build();
        wf = wf.withNodes(wf.nodes().stream()
                .map(n -> n.name().equals("Compare") ? n.withTypeVersion(version) : n)
                .toList());
        var executor = Flows.executor(new Items());
        return executor.start(ExecutionRequest.manual(executor.prepare(wf), "e", List.of()))
                .result()
                .orTimeout(30, TimeUnit.SECONDS)
                .join();
    }

    private static final Map<String, Object> BY_ID =
            Map.of("mergeByFields", Map.of("values", List.of(Map.of("field1", "id", "field2", "id"))));

    @Test
    void sortsItemsIntoOnlyASameDifferentAndOnlyB() {
        var r = compare(
                2.3,
                BY_ID,
                List.of(Map.of("id", 1, "v", "x"), Map.of("id", 2, "v", "y"), Map.of("id", 3)),
                List.of(Map.of("id", 1, "v", "x"), Map.of("id", 2, "v", "z"), Map.of("id", 4)));
        assertThat(output(r, "Compare", 0)).containsExactly(Map.of("id", 3));
        assertThat(output(r, "Compare", 1)).containsExactly(Map.of("id", 1, "v", "x"));
        assertThat(output(r, "Compare", 2))
                .containsExactly(Map.of(
                        "keys", Map.of("id", 2),
                        "same", Map.of("id", 2),
                        "different", Map.of("v", Map.of("inputA", "y", "inputB", "z"))));
        assertThat(output(r, "Compare", 3)).containsExactly(Map.of("id", 4));
    }

    @Test
    void versionTwoPrefersInputBAndFuzzyComparisonMatchesNumbersWithText() {
        var p = new HashMap<String, Object>(BY_ID);
        p.put("fuzzyCompare", true);
        var r = compare(2, p, List.of(Map.of("id", 1, "n", 5)), List.of(Map.of("id", "1", "n", "5")));
        assertThat(output(r, "Compare", 1)).containsExactly(Map.of("id", "1", "n", "5"));
        var strict = compare(2, BY_ID, List.of(Map.of("id", 1, "n", 5)), List.of(Map.of("id", 1, "n", 6)));
        assertThat(output(strict, "Compare", 2)).containsExactly(Map.of("id", 1, "n", 6));
    }

    @Test
    void mixTakesTheExceptedFieldsFromTheOtherSide() {
        var p = new HashMap<String, Object>(BY_ID);
        p.put("resolve", "mix");
        p.put("preferWhenMix", "input1");
        p.put("exceptWhenMix", "price");
        var r = compare(
                2.3,
                p,
                List.of(Map.of("id", 1, "name", "a", "price", 1)),
                List.of(Map.of("id", 1, "name", "b", "price", 2)));
        assertThat(output(r, "Compare", 2)).containsExactly(Map.of("id", 1, "name", "a", "price", 2));
    }

    @Test
    void refusesFieldsToMatchLeftEmpty() {
        var r = compare(2.3, Map.of(), List.of(Map.of("id", 1)), List.of(Map.of("id", 1)));
        assertThat(r.error().orElseThrow().message()).contains("at least one pair of fields");
    }
}
