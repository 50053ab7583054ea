package io.hearth.runtime.execution;

import static io.hearth.runtime.Flows.flow;
import static org.assertj.core.api.Assertions.assertThat;

import io.hearth.expression.ExpressionEngine;
import io.hearth.node.Item;
import io.hearth.node.NodeOutput;
import io.hearth.runtime.Flows;
import io.hearth.runtime.workflow.OnError;
import io.hearth.runtime.workflow.WorkflowLimits;
import io.hearth.runtime.workflow.WorkflowLimits.DataOverflow;
import io.hearth.runtime.workflow.WorkflowSettings;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ExecutionLimitsTest {

    private static final String MANUAL = "hearth.manualTrigger";
    private static final String NO_OP = "hearth.noOp";

    private final ExecutorService pool = Executors.newFixedThreadPool(2);

    @AfterEach
    void stopPool() {
        pool.shutdownNow();
    }

    private static Flows loop(String type) {
        return flow().node("Manual", MANUAL, Map.of())
                .node("Node A", type, Map.of())
                .node("Node B", type, Map.of())
                .connect("Manual", "Node A")
                .connect("Node A", "Node B")
                .connect("Node B", "Node A");
    }

    private static WorkflowSettings limits(WorkflowLimits limits) {
        return WorkflowSettings.DEFAULTS.withLimits(limits);
    }

    @Test
    void loopStopsAfterTheDefaultNodeRunsNamingTheLoop() {
        var r = loop(NO_OP).run();
        assertThat(r.status()).isEqualTo(ExecutionStatus.ERROR);
        ExecutionError e = r.error().orElseThrow();
        assertThat(e.message())
                .isEqualTo("Stopped after 10000 node runs: the workflow may loop forever (Node A → Node B → Node A)");
        assertThat(e.description()).contains("maxNodeRuns");
        assertThat(e.kind()).isEqualTo("ExecutionLimit");
        int runs = r.runData().values().stream().mapToInt(List::size).sum();
        assertThat(runs).isEqualTo(10_000);
    }

    @Test
    void workflowSetsItsOwnNodeRunLimit() {
        var r = loop(NO_OP)
                .settings(limits(WorkflowLimits.NONE.withMaxNodeRuns(50)))
                .run();
        assertThat(r.error().orElseThrow().message()).startsWith("Stopped after 50 node runs");
    }

    @Test
    void outputOverTheItemLimitStopsTheExecutionEvenWhenTheNodeContinuesOnFail() {
        var r = flow().node("Manual", MANUAL, Map.of())
                .node(
                        "Fan out",
                        "test.fanOut",
                        Map.of("count", 101, "unchecked", true),
                        n -> n.withOnError(OnError.CONTINUE_REGULAR_OUTPUT))
                .node("After", NO_OP, Map.of())
                .connect("Manual", "Fan out")
                .connect("Fan out", "After")
                .settings(limits(WorkflowLimits.NONE.withMaxItemsPerOutput(100)))
                .run(new TestNodes.FanOut());
        assertThat(r.status()).isEqualTo(ExecutionStatus.ERROR);
        ExecutionError e = r.error().orElseThrow();
        assertThat(e.message()).isEqualTo("The node produced 101 items on one output; the limit is 100");
        assertThat(e.node()).contains("Fan out");
        assertThat(e.description()).contains("maxItemsPerOutput");
        assertThat(r.runData()).doesNotContainKey("After");
        assertThat(r.runData().get("Fan out").getFirst().output()).isEmpty();
    }

    @Test
    void tenMillionItemFanOutStopsAtTheDefaultLimitWhileTheNodeBuildsIt() {
        var r = flow().node("Manual", MANUAL, Map.of())
                .node("Split", "test.fanOut", Map.of("count", 10_000_000))
                .connect("Manual", "Split")
                .run(new TestNodes.FanOut());
        assertThat(r.status()).isEqualTo(ExecutionStatus.ERROR);
        assertThat(r.error().orElseThrow().message())
                .isEqualTo("The node produced more than 100000 items on one output; the limit is 100000");
    }

    @SafeVarargs
    @SuppressWarnings("varargs") // the array is only read (List.of copies it), never kept
    private static Map<String, Object> arrays(Map<String, Object>... fields) {
        return Map.of("mode", "manual", "assignments", Map.of("assignments", List.of(fields)));
    }

    private static Map<String, Object> array(String name, String expression) {
        return Map.of("name", name, "type", "array", "value", expression);
    }

    @Test
    void aMillionItemSplitOutStopsAtTheItemLimitWhileItBuildsTheOutput() {
        var r = flow().node("Manual", MANUAL, Map.of())
                .node("Edit Fields", "n8n-nodes-base.set", arrays(array("millions", "={{ Array(1000000).fill(0) }}")))
                .node("Split Out", "n8n-nodes-base.splitOut", Map.of("fieldToSplitOut", "millions"))
                .connect("Manual", "Edit Fields")
                .connect("Edit Fields", "Split Out")
                .run();
        assertThat(r.status()).isEqualTo(ExecutionStatus.ERROR);
        assertThat(r.error().orElseThrow().message())
                .isEqualTo("The node produced more than 100000 items on one output; the limit is 100000");
        assertThat(r.error().orElseThrow().node()).contains("Split Out");
    }

    @Test
    void aTenMillionItemSplitOutStopsAtTheDataLimitBeforeItsInputExists() {
        // Ten items sharing one array of a million: little memory, ten million elements in the record.
        var r = flow().node("Manual", MANUAL, Map.of())
                .node(
                        "Edit Fields",
                        "n8n-nodes-base.set",
                        arrays(
                                array("tens", "={{ Array(10).fill(0) }}"),
                                array("millions", "={{ Array(1000000).fill(0) }}")))
                .node(
                        "Split Out tens",
                        "n8n-nodes-base.splitOut",
                        Map.of("fieldToSplitOut", "tens", "include", "allOtherFields"))
                .node("Split Out millions", "n8n-nodes-base.splitOut", Map.of("fieldToSplitOut", "millions"))
                .connect("Manual", "Edit Fields")
                .connect("Edit Fields", "Split Out tens")
                .connect("Split Out tens", "Split Out millions")
                .run();
        assertThat(r.error().orElseThrow().message())
                .isEqualTo("The execution's data went past its limit of 8 MB at this node");
        assertThat(r.error().orElseThrow().node()).contains("Split Out tens");
        assertThat(r.runData()).doesNotContainKey("Split Out millions");
    }

    @Test
    void amplifiedDataFailsAtTheNodeThatWentPastTheRecordLimit() {
        // 100 items sharing one 9,000,000-character string: 9 MB in memory, 900 MB as a record.
        var r = flow().node("Manual", MANUAL, Map.of())
                .node("Amplify", "test.amplify", Map.of("count", 100, "length", 9_000_000))
                .node("After", NO_OP, Map.of())
                .connect("Manual", "Amplify")
                .connect("Amplify", "After")
                .run(new TestNodes.Amplify());
        assertThat(r.status()).isEqualTo(ExecutionStatus.ERROR);
        ExecutionError e = r.error().orElseThrow();
        assertThat(e.message()).isEqualTo("The execution's data went past its limit of 8 MB at this node");
        assertThat(e.node()).contains("Amplify");
        assertThat(e.description()).contains("maxExecutionDataMb");
        assertThat(r.runData().get("Amplify").getFirst().output()).isEmpty();
        assertThat(r.runData()).doesNotContainKey("After");
    }

    @Test
    void truncateChoiceRunsOnAndLeavesTheDataPastTheLimitOutOfTheRecord() {
        var r = flow().node("Manual", MANUAL, Map.of())
                .node("First", "test.amplify", Map.of("count", 1, "length", 600_000))
                .node("Second", "test.amplify", Map.of("count", 1, "length", 600_000))
                .node("After", NO_OP, Map.of())
                .connect("Manual", "First")
                .connect("First", "Second")
                .connect("Second", "After")
                .settings(limits(WorkflowLimits.NONE.withMaxExecutionDataMb(1, DataOverflow.TRUNCATE)))
                .run(new TestNodes.Amplify());
        assertThat(r.status()).isEqualTo(ExecutionStatus.SUCCESS);
        assertThat(r.runData().get("First").getFirst().output().getFirst()).hasSize(1);
        var left = r.runData().get("Second").getFirst().output().getFirst();
        assertThat(left)
                .isInstanceOfSatisfying(
                        DroppedItems.class, d -> assertThat(d.count()).isEqualTo(1));
        assertThat(r.runData().get("After").getFirst().input().getFirst()).isInstanceOf(DroppedItems.class);
    }

    @Test
    void oneNodesDataPastTheLimitFailsEvenWhenTheWorkflowTruncates() {
        var r = flow().node("Manual", MANUAL, Map.of())
                .node("Amplify", "test.amplify", Map.of("count", 3, "length", 1_000_000))
                .connect("Manual", "Amplify")
                .settings(limits(WorkflowLimits.NONE.withMaxExecutionDataMb(1, DataOverflow.TRUNCATE)))
                .run(new TestNodes.Amplify());
        assertThat(r.status()).isEqualTo(ExecutionStatus.ERROR);
        assertThat(r.error().orElseThrow().message())
                .isEqualTo("The execution's data went past its limit of 1 MB at this node");
    }

    @Test
    void expressionsBuildingHugeStringsStopAtTheDataLimitBeforeTheNodeReturns() {
        // As the amplification attack: 100 items, each gets a 9,000,000-character string from an expression.
        List<Item> hundred = java.util.stream.IntStream.range(0, 100)
                .mapToObj(i -> Item.of(Map.of("i", i)))
                .toList();
        var r = flow().node("Manual", MANUAL, Map.of())
                .node(
                        "Edit Fields",
                        "n8n-nodes-base.set",
                        Map.of(
                                "mode",
                                "manual",
                                "assignments",
                                Map.of(
                                        "assignments",
                                        List.of(Map.of(
                                                "name",
                                                "big",
                                                "type",
                                                "string",
                                                "value",
                                                "={{ 'x'.repeat(9000000) }}"))),
                                "includeOtherFields",
                                true),
                        n -> n.withOnError(OnError.CONTINUE_REGULAR_OUTPUT))
                .connect("Manual", "Edit Fields")
                .run(hundred);
        assertThat(r.status()).isEqualTo(ExecutionStatus.ERROR);
        assertThat(r.error().orElseThrow().message())
                .isEqualTo("The execution's data went past its limit of 8 MB at this node");
        assertThat(r.error().orElseThrow().node()).contains("Edit Fields");
    }

    @Test
    void aLoopAllowedManyRunsStillEndsAtTheRecordLimit() {
        var r = loop(NO_OP)
                .settings(limits(WorkflowLimits.NONE
                        .withMaxNodeRuns(Integer.MAX_VALUE)
                        .withMaxExecutionDataMb(1, DataOverflow.FAIL)))
                .run();
        assertThat(r.status()).isEqualTo(ExecutionStatus.ERROR);
        assertThat(r.error().orElseThrow().message())
                .isEqualTo("The execution's data went past its limit of 1 MB at this node");
    }

    @Test
    void timeoutStopsASynchronousLoop() {
        var r = loop("test.busy")
                .settings(limits(WorkflowLimits.NONE.withMaxNodeRuns(Integer.MAX_VALUE))
                        .withExecutionTimeout(Duration.ofSeconds(1)))
                .run(new TestNodes.Busy());
        assertThat(r.status()).isEqualTo(ExecutionStatus.ERROR);
        assertThat(r.error().orElseThrow().message()).isEqualTo("The execution timed out after 1 s");
        assertThat(r.error().orElseThrow().kind()).isEqualTo("Timeout");
    }

    @Test
    void cancelReachesALoopThatKeepsItsThreadBusy() {
        var executor = Flows.executor(new TestNodes.Busy());
        var wf = loop("test.busy")
                .settings(limits(WorkflowLimits.NONE.withMaxNodeRuns(Integer.MAX_VALUE)))
                .build();
        Set<String> started = ConcurrentHashMap.newKeySet();
        var request = ExecutionRequest.manual(executor.prepare(wf), "e-cancel", List.of(Item.empty()))
                .withListener(new ExecutionListener() {
                    @Override
                    public void nodeStarted(String executionId, String node, String type) {
                        started.add(node);
                    }
                });
        // Started from a thread of its own: the loop keeps the first thread until it goes on the pool.
        var running = new java.util.concurrent.CompletableFuture<RunningExecution>();
        pool.execute(() -> running.complete(executor.start(request)));
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> started.contains("Node B"));
        assertThat(running.orTimeout(30, TimeUnit.SECONDS).join().cancel()).isTrue();
        var r = running.join().result().orTimeout(30, TimeUnit.SECONDS).join();
        assertThat(r.status()).isEqualTo(ExecutionStatus.CANCELED);
    }

    @Test
    void aLongSynchronousRunLeavesTheThreadThatStartedIt() {
        Set<String> threads = ConcurrentHashMap.newKeySet();
        var executor = Flows.executor(new TestNodes.Busy());
        var wf = loop("test.busy")
                .settings(limits(WorkflowLimits.NONE.withMaxNodeRuns(200)))
                .build();
        var request = ExecutionRequest.manual(executor.prepare(wf), "e-slice", List.of(Item.empty()))
                .withListener(new ExecutionListener() {
                    @Override
                    public void nodeStarted(String executionId, String node, String type) {
                        threads.add(Thread.currentThread().getName());
                    }
                });
        var r = executor.start(request).result().orTimeout(30, TimeUnit.SECONDS).join();
        assertThat(r.error().orElseThrow().message()).startsWith("Stopped after 200 node runs");
        assertThat(threads).contains(Thread.currentThread().getName()).hasSizeGreaterThan(1);
    }

    @Test
    void workflowTimeoutIsCappedByTheServersMaximumAndMinusOneSwitchesItOff() {
        var server = new ExecutionLimits(
                100, 100, 1024, DataOverflow.FAIL, Optional.of(Duration.ofMinutes(5)), Duration.ofMinutes(30), 4);
        assertThat(server.forWorkflow(WorkflowSettings.DEFAULTS).timeout()).contains(Duration.ofMinutes(5));
        assertThat(server.forWorkflow(WorkflowSettings.DEFAULTS.withExecutionTimeout(Duration.ofHours(2)))
                        .timeout())
                .contains(Duration.ofMinutes(30));
        assertThat(server.forWorkflow(WorkflowSettings.DEFAULTS.withExecutionTimeout(Duration.ZERO))
                        .timeout())
                .isEmpty();
        var own = server.forWorkflow(limits(WorkflowLimits.NONE
                .withMaxNodeRuns(7)
                .withMaxItemsPerOutput(8)
                .withMaxExecutionDataMb(2, DataOverflow.TRUNCATE)
                .withMaxConcurrency(1)));
        assertThat(own)
                .isEqualTo(new ExecutionLimits(
                        7,
                        8,
                        1024,
                        DataOverflow.TRUNCATE,
                        Optional.of(Duration.ofMinutes(5)),
                        Duration.ofMinutes(30),
                        1));
    }

    @Test
    void aWorkflowMayLowerTheDataLimitButNotRaiseIt() {
        var server = ExecutionLimits.DEFAULTS;
        assertThat(server.forWorkflow(limits(WorkflowLimits.NONE.withMaxExecutionDataMb(1, DataOverflow.FAIL)))
                        .maxDataBytes())
                .isEqualTo(1024 * 1024);
        assertThat(server.forWorkflow(limits(WorkflowLimits.NONE.withMaxExecutionDataMb(1024, DataOverflow.FAIL)))
                        .maxDataBytes())
                .isEqualTo(8 * 1024 * 1024);
    }

    private WorkflowExecutor executor(int maxRunning, int maxWaiting, TestNodes.Held held) {
        return new WorkflowExecutor(
                Flows.registry(held),
                new ExpressionEngine(),
                pool,
                Executors.newSingleThreadScheduledExecutor(),
                Clock.systemUTC(),
                ZoneOffset.UTC,
                ExecutionLimits.DEFAULTS,
                maxRunning,
                maxWaiting);
    }

    private static Flows held() {
        return flow().node("Manual", MANUAL, Map.of())
                .node("Held", "test.held", Map.of())
                .connect("Manual", "Held");
    }

    private static RunningExecution start(WorkflowExecutor executor, Flows flow, String id) {
        return executor.start(ExecutionRequest.manual(executor.prepare(flow.build()), id, List.of(Item.empty())));
    }

    @Test
    void executionsBeyondTheWorkflowsConcurrencyWaitForAFreeSlot() {
        var held = new TestNodes.Held();
        var executor = executor(10, 10, held);
        var flow = held().settings(limits(WorkflowLimits.NONE.withMaxConcurrency(2)));
        var first = start(executor, flow, "e1");
        var second = start(executor, flow, "e2");
        var third = start(executor, flow, "e3");
        assertThat(held.runs).hasSize(2);
        assertThat(executor.running()).isEqualTo(2);
        assertThat(executor.waiting()).isEqualTo(1);

        held.runs.poll().complete(NodeOutput.of(List.of(Item.empty())));
        assertThat(first.result().orTimeout(30, TimeUnit.SECONDS).join().status())
                .isEqualTo(ExecutionStatus.SUCCESS);
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> held.runs.size() == 2);
        assertThat(executor.waiting()).isZero();
        held.runs.forEach(run -> run.complete(NodeOutput.of(List.of(Item.empty()))));
        assertThat(second.result().orTimeout(30, TimeUnit.SECONDS).join().status())
                .isEqualTo(ExecutionStatus.SUCCESS);
        assertThat(third.result().orTimeout(30, TimeUnit.SECONDS).join().status())
                .isEqualTo(ExecutionStatus.SUCCESS);
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> executor.running() == 0);
    }

    @Test
    void executionsBeyondTheWaitingLineAreRefusedWithAMessage() {
        var held = new TestNodes.Held();
        var executor = executor(1, 1, held);
        start(executor, held(), "e1");
        var waits = start(executor, held(), "e2");
        var refused = start(executor, held(), "e3")
                .result()
                .orTimeout(30, TimeUnit.SECONDS)
                .join();
        assertThat(refused.status()).isEqualTo(ExecutionStatus.ERROR);
        assertThat(refused.error().orElseThrow().message())
                .isEqualTo("Too many executions: 1 running and 1 waiting for a free slot");
        assertThat(waits.result()).isNotDone();
    }

    @Test
    void aWaitingExecutionCanBeCancelledAndLeavesTheLine() {
        var held = new TestNodes.Held();
        var executor = executor(1, 5, held);
        start(executor, held(), "e1");
        var waits = start(executor, held(), "e2");
        assertThat(executor.waiting()).isEqualTo(1);
        assertThat(waits.cancel()).isTrue();
        assertThat(waits.result().orTimeout(30, TimeUnit.SECONDS).join().status())
                .isEqualTo(ExecutionStatus.CANCELED);
        assertThat(executor.waiting()).isZero();
        held.runs.poll().complete(NodeOutput.of(List.of(Item.empty())));
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> executor.running() == 0);
        assertThat(held.runs).isEmpty();
    }
}
