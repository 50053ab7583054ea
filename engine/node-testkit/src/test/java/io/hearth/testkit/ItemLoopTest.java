package io.hearth.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.hearth.node.ActionNode;
import io.hearth.node.Item;
import io.hearth.node.ItemLoop;
import io.hearth.node.NodeException;
import io.hearth.node.NodeExecutionContext;
import io.hearth.node.NodeOutput;
import io.hearth.node.description.NodeDescription;
import io.hearth.node.description.NodeGroup;
import io.hearth.node.description.Parameter;
import io.hearth.node.description.Port;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.Test;

/** The SPI's item loop inside real executions: pairing, continue-on-fail and n8n's error items. */
class ItemLoopTest {

    /** Doubles {@code n}; fails for items whose {@code n} is not a number. */
    static final class Doubler implements ActionNode {
        @Override
        public NodeDescription description() {
            return NodeDescription.builder("test.double")
                    .group(NodeGroup.TRANSFORM)
                    .parameter(Parameter.string("field").defaultValue("n"))
                    .build();
        }

        @Override
        public CompletionStage<NodeOutput> execute(NodeExecutionContext ctx) {
            return ItemLoop.map(ctx, in -> {
                Object n = in.item().json().get(in.parameters().string("field"));
                if (!(n instanceof Number number)) {
                    throw new NodeException("'" + n + "' is not a number");
                }
                return Item.of(Map.of("doubled", number.longValue() * 2));
            });
        }
    }

    /** Sends even numbers to output 0, odd ones to output 1, and numbers above 10 to both. */
    static final class Parity implements ActionNode {
        @Override
        public NodeDescription description() {
            return NodeDescription.builder("test.parity")
                    .group(NodeGroup.TRANSFORM)
                    .outputs(new Port("even"), new Port("odd"))
                    .build();
        }

        @Override
        public CompletionStage<NodeOutput> execute(NodeExecutionContext ctx) {
            return ItemLoop.route(ctx, 2, in -> {
                long n = ((Number) in.item().json().get("n")).longValue();
                return n > 10 ? List.of(0, 1) : List.of((int) (n % 2));
            });
        }
    }

    /** Answers each item after a pause, one item at a time. */
    static final class Slow implements ActionNode {
        final List<Integer> order = new ArrayList<>();

        @Override
        public NodeDescription description() {
            return NodeDescription.builder("test.slow")
                    .group(NodeGroup.TRANSFORM)
                    .build();
        }

        @Override
        public CompletionStage<NodeOutput> execute(NodeExecutionContext ctx) {
            return ItemLoop.flatMapAsync(ctx, in -> {
                synchronized (order) {
                    order.add(in.index());
                }
                return ctx.delay(Duration.ofMillis(5)).thenApply(v -> {
                    if (in.index() == 1) {
                        throw new NodeException("item 1 is unlucky");
                    }
                    return List.of(in.item(), in.item());
                });
            });
        }
    }

    private final Slow slow = new Slow();
    private final NodeTestKit kit =
            NodeTestKit.builder().nodeTypes(new Doubler(), new Parity(), slow).build();

    private static String workflow(String type, String nodeExtras, String data) {
        return """
                {"nodes": [
                  {"name": "Start", "type": "n8n-nodes-base.manualTrigger", "typeVersion": 1, "position": [0, 0], "parameters": {}},
                  {"name": "Data", "type": "n8n-nodes-base.noOp", "typeVersion": 1, "position": [200, 0], "parameters": {}},
                  {"name": "Node", "type": "%s", "typeVersion": 1, "position": [400, 0], "parameters": {} %s}
                 ],
                 "connections": {"Start": {"main": [[{"node": "Data", "type": "main", "index": 0}]]},
                                 "Data": {"main": [[{"node": "Node", "type": "main", "index": 0}]]}},
                 "pinData": {"Data": %s}}""".formatted(type, nodeExtras, data);
    }

    private static final String MIXED = "[{\"n\": 1}, {\"n\": \"lots\"}, {\"n\": 3}]";

    @Test
    void pairsEachOutputItemWithItsInputItem() {
        TestRun run = kit.run(workflow("test.double", "", "[{\"n\": 1}, {\"n\": 2}]"));
        run.assertOutput("Node", "[{\"json\": {\"doubled\": 2}}, {\"json\": {\"doubled\": 4}}]");
        assertThat(run.output("Node"))
                .extracting(i -> i.pairedItems().getFirst().item())
                .containsExactly(0, 1);
    }

    @Test
    void aFailingItemFailsTheNodeUnlessItContinuesOnFailure() {
        kit.run(workflow("test.double", "", MIXED)).assertFailed("'lots' is not a number");
    }

    @Test
    void continueRegularOutputTurnsAFailingItemIntoN8nsErrorItem() {
        TestRun run = kit.run(workflow("test.double", ", \"onError\": \"continueRegularOutput\"", MIXED));
        run.assertSucceeded().assertOutput("Node", """
                [{"json": {"doubled": 2}}, {"json": {"error": "'lots' is not a number"}}, {"json": {"doubled": 6}}]""");
        assertThat(run.output("Node").get(1).pairedItems().getFirst().item()).isEqualTo(1);
    }

    @Test
    void continueErrorOutputSendsTheErrorItemWithItsInputFieldsToTheErrorOutput() {
        TestRun run = kit.run(workflow("test.double", ", \"onError\": \"continueErrorOutput\"", MIXED));
        run.assertSucceeded()
                .assertOutput("Node", 0, "[{\"json\": {\"doubled\": 2}}, {\"json\": {\"doubled\": 6}}]")
                .assertOutput("Node", 1, "[{\"json\": {\"n\": \"lots\", \"error\": \"'lots' is not a number\"}}]");
    }

    @Test
    void dataThatMerelyHasAnErrorFieldStaysOnTheRegularOutput() {
        String passThrough = workflow("n8n-nodes-base.noOp", ", \"onError\": \"continueErrorOutput\"", """
                [{"error": "E42", "code": 42}]""");
        kit.run(passThrough).assertOutput("Node", 0, "[{\"json\": {\"error\": \"E42\", \"code\": 42}}]");
    }

    @Test
    void routesEachItemToTheOutputsTheNodeNames() {
        kit.run(workflow("test.parity", "", "[{\"n\": 1}, {\"n\": 2}, {\"n\": 12}]"))
                .assertOutput("Node", 0, "[{\"json\": {\"n\": 2}}, {\"json\": {\"n\": 12}}]")
                .assertOutput("Node", 1, "[{\"json\": {\"n\": 1}}, {\"json\": {\"n\": 12}}]");
    }

    @Test
    void asynchronousWorkRunsItemByItemInInputOrder() {
        TestRun run = kit.run(workflow(
                "test.slow", ", \"onError\": \"continueRegularOutput\"", "[{\"n\": 0}, {\"n\": 1}, {\"n\": 2}]"));
        run.assertOutput("Node", """
                [{"json": {"n": 0}}, {"json": {"n": 0}}, {"json": {"error": "item 1 is unlucky"}},
                 {"json": {"n": 2}}, {"json": {"n": 2}}]""");
        assertThat(slow.order).containsExactly(0, 1, 2);
    }
}
