package io.hearth.runtime.execution;

import static io.hearth.runtime.Flows.flow;
import static org.assertj.core.api.Assertions.assertThat;

import io.hearth.node.ActionNode;
import io.hearth.node.ExecutionMode;
import io.hearth.node.Item;
import io.hearth.node.NodeException;
import io.hearth.node.NodeExecutionContext;
import io.hearth.node.NodeOutput;
import io.hearth.node.description.NodeDescription;
import io.hearth.node.description.NodeGroup;
import io.hearth.runtime.Flows;
import io.hearth.runtime.workflow.Workflow;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** n8n's retry modes go on from the failed node: the nodes before it are not run again. */
class RetryFromFailedNodeTest {

    /** Counts the items it sees (by {@code i}) and passes them on; fails on {@code i == 2} until fixed. */
    static final class Counting implements ActionNode {
        final Map<Object, AtomicInteger> seen = new ConcurrentHashMap<>();
        final AtomicInteger calls = new AtomicInteger();
        final AtomicBoolean fixed = new AtomicBoolean();
        private final String type;

        Counting(String type) {
            this.type = type;
        }

        @Override
        public NodeDescription description() {
            return NodeDescription.builder(type).group(NodeGroup.ACTION).build();
        }

        @Override
        public CompletionStage<NodeOutput> execute(NodeExecutionContext context) {
            calls.incrementAndGet();
            boolean broken = false;
            for (Item item : context.items()) {
                Object i = item.json().get("i");
                seen.computeIfAbsent(i, k -> new AtomicInteger()).incrementAndGet();
                broken |= Integer.valueOf(2).equals(i);
            }
            if (broken && type.equals("test.fragile") && !fixed.get()) {
                return CompletableFuture.failedFuture(new NodeException("item 2 is broken"));
            }
            return CompletableFuture.completedFuture(NodeOutput.of(context.items()));
        }
    }

    private static final List<Item> FIVE =
            IntStream.range(0, 5).mapToObj(i -> Item.of(Map.of("i", i))).toList();

    private static ExecutionResult run(WorkflowExecutor executor, Workflow wf, ExecutionMode mode, ReusedRuns reused) {
        return executor.start(ExecutionRequest.manual(executor.prepare(wf), "e-" + mode, FIVE)
                        .withMode(mode)
                        .withReused(reused))
                .result()
                .orTimeout(30, TimeUnit.SECONDS)
                .join();
    }

    private static ReusedRuns reusedFrom(ExecutionResult failed) {
        return ReusedRuns.afterFailure(failed.runData(), failed.lastNodeExecuted(), failed.nodeStates());
    }

    @Test
    void theNodesBeforeTheFailureAreNotRunAgain() {
        Counting before = new Counting("test.counting");
        Counting fragile = new Counting("test.fragile");
        Workflow wf = flow().node("Start", "hearth.manualTrigger", Map.of())
                .node("Before", "test.counting", Map.of())
                .node("Fragile", "test.fragile", Map.of())
                .node("After", "hearth.noOp", Map.of())
                .connect("Start", "Before")
                .connect("Before", "Fragile")
                .connect("Fragile", "After")
                .build();
        WorkflowExecutor executor = Flows.executor(before, fragile);
        ExecutionResult failed = run(executor, wf, ExecutionMode.WEBHOOK, ReusedRuns.NONE);
        assertThat(failed.status()).isEqualTo(ExecutionStatus.ERROR);
        assertThat(failed.lastNodeExecuted()).contains("Fragile");

        fragile.fixed.set(true);
        ExecutionResult retried = run(executor, wf, ExecutionMode.RETRY, reusedFrom(failed));

        assertThat(retried.status()).isEqualTo(ExecutionStatus.SUCCESS);
        assertThat(before.calls)
                .as("the node before the failure ran once, in the failed execution")
                .hasValue(1);
        assertThat(fragile.calls).as("the failed node ran again").hasValue(2);
        assertThat(Flows.output(retried, "After")).extracting(m -> m.get("i")).containsExactly(0, 1, 2, 3, 4);
        NodeRun reused = retried.runData().get("Before").getFirst();
        assertThat(reused.startedAt())
                .as("the retry records the run it reused")
                .isEqualTo(failed.runData().get("Before").getFirst().startedAt());
        assertThat(reused.output())
                .isEqualTo(failed.runData().get("Before").getFirst().output());
        assertThat(retried.runData().get("Fragile")).hasSize(1);
    }

    @Test
    void aLoopGoesOnWithTheBatchThatFailed() {
        Counting body = new Counting("test.fragile");
        Workflow wf = flow().node("Start", "hearth.manualTrigger", Map.of())
                .node("Loop", "n8n-nodes-base.splitInBatches", Map.of("batchSize", 2))
                .node("Body", "test.fragile", Map.of())
                .node("Done", "hearth.noOp", Map.of())
                .connect("Start", "Loop")
                .connect("Loop", 1, "Body", 0)
                .connect("Body", "Loop")
                .connect("Loop", 0, "Done", 0)
                .build();
        WorkflowExecutor executor = Flows.executor(body);
        ExecutionResult failed = run(executor, wf, ExecutionMode.TRIGGER, ReusedRuns.NONE);
        assertThat(failed.status()).isEqualTo(ExecutionStatus.ERROR);
        assertThat(failed.nodeStates()).containsKey("Loop");

        body.fixed.set(true);
        ExecutionResult retried = run(executor, wf, ExecutionMode.RETRY, reusedFrom(failed));

        assertThat(retried.status()).isEqualTo(ExecutionStatus.SUCCESS);
        assertThat(Flows.output(retried, "Done")).extracting(m -> m.get("i")).containsExactly(0, 1, 2, 3, 4);
        assertThat(body.seen.get(0))
                .as("the first batch went through the body once")
                .hasValue(1);
        assertThat(body.seen.get(1)).hasValue(1);
        assertThat(body.seen.get(2)).as("the failed batch, twice").hasValue(2);
        assertThat(body.seen.get(3)).hasValue(2);
        assertThat(body.seen.get(4)).as("the rest once, in the retry").hasValue(1);
        assertThat(retried.runData().get("Loop")).hasSize(4);
    }

    @Test
    void aSuccessfulExecutionKeepsNoNodeStates() {
        Counting body = new Counting("test.fragile");
        body.fixed.set(true);
        Workflow wf = flow().node("Start", "hearth.manualTrigger", Map.of())
                .node("Loop", "n8n-nodes-base.splitInBatches", Map.of("batchSize", 2))
                .node("Body", "test.fragile", Map.of())
                .connect("Start", "Loop")
                .connect("Loop", 1, "Body", 0)
                .connect("Body", "Loop")
                .build();
        ExecutionResult ok = run(Flows.executor(body), wf, ExecutionMode.TRIGGER, ReusedRuns.NONE);
        assertThat(ok.status()).isEqualTo(ExecutionStatus.SUCCESS);
        assertThat(ok.nodeStates()).isEmpty();
    }
}
