package io.hearth.runtime.nodes;

import static io.hearth.runtime.Flows.flow;
import static org.assertj.core.api.Assertions.assertThat;

import io.hearth.node.Item;
import io.hearth.runtime.Flows;
import io.hearth.runtime.execution.ExecutionRequest;
import io.hearth.runtime.execution.ExecutionResult;
import io.hearth.runtime.execution.ExecutionStatus;
import io.hearth.runtime.workflow.Workflow;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class LoopOverItemsNodeTest {

    private static final List<Item> FIVE =
            IntStream.range(0, 5).mapToObj(i -> Item.of(Map.of("i", i))).toList();

    private static Map<String, Object> set(String name, String value) {
        return Map.of(
                "assignments",
                Map.of("assignments", List.of(Map.of("name", name, "value", value))),
                "includeOtherFields",
                true);
    }

    private static ExecutionResult run(Workflow wf, double loopVersion, List<Item> input) {
        var versioned = wf.withNodes(wf.nodes().stream()
                .map(n -> n.name().equals("Loop") ? n.withTypeVersion(loopVersion) : n)
                .toList());
        var executor = Flows.executor();
        return executor.start(ExecutionRequest.manual(executor.prepare(versioned), "e", input))
                .result()
                .orTimeout(30, TimeUnit.SECONDS)
                .join();
    }

    @Test
    void loopsOverBatchesAndHandsEverythingThatCameBackToDone() {
        var wf = flow().node("Start", "hearth.manualTrigger", Map.of())
                .node("Loop", "n8n-nodes-base.splitInBatches", Map.of("batchSize", 2))
                .node("Body", "hearth.set", set("seen", "={{ $runIndex }}-{{ $json.i }}-{{ $('Start').item.json.i }}"))
                .node("Done", "hearth.noOp", Map.of())
                .connect("Start", "Loop")
                .connect("Loop", 1, "Body", 0)
                .connect("Body", "Loop")
                .connect("Loop", 0, "Done", 0)
                .build();
        var r = run(wf, 3, FIVE);
        assertThat(r.status()).isEqualTo(ExecutionStatus.SUCCESS);
        assertThat(Flows.output(r, "Done"))
                .extracting(m -> m.get("seen"))
                .containsExactly("0-0-0", "0-1-1", "1-2-2", "1-3-3", "2-4-4");
        assertThat(r.runData().get("Loop")).hasSize(4);
        assertThat(r.runData().get("Body")).hasSize(3);
    }

    @Test
    void versionTwoLoopsOnItsFirstOutputAndExposesItsContext() {
        var wf = flow().node("Start", "hearth.manualTrigger", Map.of())
                .node("Loop", "n8n-nodes-base.splitInBatches", Map.of("batchSize", 3))
                .node(
                        "Body",
                        "hearth.set",
                        set(
                                "progress",
                                "={{ $node['Loop'].context['currentRunIndex'] }}/{{ $node['Loop'].context.maxRunIndex }} {{ $node['Loop'].context.noItemsLeft }}"))
                .node("Done", "hearth.noOp", Map.of())
                .connect("Start", "Loop")
                .connect("Loop", 0, "Body", 0)
                .connect("Body", "Loop")
                .connect("Loop", 1, "Done", 0)
                .build();
        var r = run(wf, 2, FIVE);
        assertThat(Flows.output(r, "Done"))
                .extracting(m -> m.get("progress"))
                .containsExactly("0/2 false", "0/2 false", "0/2 false", "1/2 true", "1/2 true");
    }

    @Test
    void versionOneStopsTheBranchWhenNoItemIsLeft() {
        var wf = flow().node("Start", "hearth.manualTrigger", Map.of())
                .node("Loop", "n8n-nodes-base.splitInBatches", Map.of("batchSize", 2))
                .node("Body", "hearth.noOp", Map.of())
                .connect("Start", "Loop")
                .connect("Loop", "Body")
                .connect("Body", "Loop")
                .build();
        var r = run(wf, 1, FIVE);
        assertThat(r.status()).isEqualTo(ExecutionStatus.SUCCESS);
        assertThat(r.runData().get("Body")).hasSize(3);
        assertThat(r.runData().get("Loop").getLast().output().stream().allMatch(List::isEmpty))
                .isTrue();
    }

    @Test
    void resetStartsOverWithTheNewInput() {
        // an outer loop feeds the inner one twice; the inner one resets when it is done
        var wf = flow().node("Start", "hearth.manualTrigger", Map.of())
                .node("Outer", "n8n-nodes-base.splitInBatches", Map.of("batchSize", 1))
                .node(
                        "Loop",
                        "n8n-nodes-base.splitInBatches",
                        Map.of(
                                "batchSize",
                                1,
                                "options",
                                Map.of("reset", "={{ $node['Loop'].context.done === true }}")))
                .node("Inner", "hearth.noOp", Map.of())
                .node("Done", "hearth.noOp", Map.of())
                .connect("Start", "Outer")
                .connect("Outer", 1, "Loop", 0)
                .connect("Loop", 1, "Inner", 0)
                .connect("Inner", "Loop")
                .connect("Loop", 0, "Outer", 0)
                .connect("Outer", 0, "Done", 0)
                .build();
        var r = run(wf, 3, FIVE.subList(0, 2));
        assertThat(r.status()).isEqualTo(ExecutionStatus.SUCCESS);
        assertThat(r.runData().get("Inner")).hasSize(2);
        assertThat(Flows.output(r, "Done")).hasSize(2);
    }
}
