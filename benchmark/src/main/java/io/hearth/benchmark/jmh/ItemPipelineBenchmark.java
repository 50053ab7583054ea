package io.hearth.benchmark.jmh;

import io.hearth.expression.ExpressionEngine;
import io.hearth.node.Item;
import io.hearth.runtime.execution.ExecutionLimits;
import io.hearth.runtime.execution.ExecutionRequest;
import io.hearth.runtime.execution.ExecutionResult;
import io.hearth.runtime.execution.ExecutionStatus;
import io.hearth.runtime.execution.PreparedWorkflow;
import io.hearth.runtime.execution.WorkflowExecutor;
import io.hearth.runtime.workflow.Workflow;
import io.hearth.runtime.workflow.WorkflowJson;
import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The data nodes on many items, in the runtime alone (no HTTP, no database): Manual Trigger (one item
 * holding a list of {@code n} readings) -> Split Out (one item per reading) -> Filter ({@code temp > 20},
 * an expression per item; about half pass) -> Aggregate (all item data into one list). Time per
 * execution for n = 10,000 and 100,000 (should grow linearly); {@link #main} also prints the peak heap
 * of one execution next to the size of its input, run by {@code benchmark/jmh.sh}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(
        value = 1,
        jvmArgs = {"-Xmx1g"})
public class ItemPipelineBenchmark {

    @Param({"10000", "100000"})
    public int n;

    private ExecutorService blockingPool;
    private ScheduledExecutorService timer;
    private WorkflowExecutor executor;
    private PreparedWorkflow workflow;
    private List<Item> input;
    private final AtomicLong ids = new AtomicLong();
    private double inputHeapMb;

    static final String WORKFLOW = """
            {"name": "Split, filter, aggregate",
             "nodes": [
              {"name": "Manual", "type": "n8n-nodes-base.manualTrigger", "typeVersion": 1, "position": [0, 0], "parameters": {}},
              {"name": "Split Out", "type": "n8n-nodes-base.splitOut", "typeVersion": 1, "position": [200, 0],
               "parameters": {"fieldToSplitOut": "readings"}},
              {"name": "Filter", "type": "n8n-nodes-base.filter", "typeVersion": 2.3, "position": [400, 0],
               "parameters": {"conditions": {"combinator": "and",
                 "options": {"caseSensitive": true, "leftValue": "", "typeValidation": "strict", "version": 3},
                 "conditions": [{"leftValue": "={{ $json.temp }}", "rightValue": 20,
                                 "operator": {"type": "number", "operation": "gt"}}]}}},
              {"name": "Aggregate", "type": "n8n-nodes-base.aggregate", "typeVersion": 1, "position": [600, 0],
               "parameters": {"aggregate": "aggregateAllItemData", "destinationFieldName": "warm"}}],
             "connections": {
              "Manual": {"main": [[{"node": "Split Out", "type": "main", "index": 0}]]},
              "Split Out": {"main": [[{"node": "Filter", "type": "main", "index": 0}]]},
              "Filter": {"main": [[{"node": "Aggregate", "type": "main", "index": 0}]]}}}""";

    @Setup(Level.Trial)
    public void setUp() {
        blockingPool = Executors.newFixedThreadPool(2);
        // the server's timer: cancelled execution timeouts leave its queue at once (see Timers)
        timer = io.hearth.common.Timers.daemon("bench-timer");
        // A server that takes such batches raises its data limits (hearth.executions.limits.*): 8 MB of
        // recorded data and 100,000 items per output are the defaults.
        ExecutionLimits limits = new ExecutionLimits(
                10_000,
                1_000_000,
                1024L * 1024 * 1024,
                io.hearth.runtime.workflow.WorkflowLimits.DataOverflow.FAIL,
                java.util.Optional.empty(),
                java.time.Duration.ofHours(24),
                16);
        executor = new WorkflowExecutor(
                RuntimeBenchmark.registry(),
                new ExpressionEngine(),
                blockingPool,
                timer,
                Clock.systemUTC(),
                ZoneOffset.UTC,
                limits,
                32,
                1000);
        Workflow parsed = WorkflowJson.parse(WORKFLOW);
        workflow = executor.prepare(parsed);
        System.gc();
        long before = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        input = List.of(Item.of(Map.of("readings", readings(n))));
        System.gc();
        inputHeapMb = (ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() - before) / 1048576.0;
        ExecutionResult r = pipeline();
        if (r.status() != ExecutionStatus.SUCCESS) {
            throw new IllegalStateException("execution " + r.status() + ": " + r.error());
        }
        int warm = ((List<?>) r.lastNodeOutput().getFirst().json().get("warm")).size();
        if (warm != n / 2) {
            throw new IllegalStateException("expected " + n / 2 + " readings over 20, got " + warm);
        }
    }

    /** {@code n} readings, {@code {"sensor", "room", "temp", "at"}}; every second one is over 20 degrees. */
    static List<Object> readings(int n) {
        List<Object> list = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("sensor", "sensor.t" + i);
            r.put("room", "room " + (i % 50));
            r.put("temp", i % 2 == 0 ? 18.5 : 21.5);
            r.put("at", "2026-12-05T10:00:00Z");
            list.add(r);
        }
        return list;
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        blockingPool.shutdownNow();
        timer.shutdownNow();
    }

    @Benchmark
    public ExecutionResult pipeline() {
        return executor.start(ExecutionRequest.manual(workflow, "e" + ids.incrementAndGet(), input))
                .result()
                .join();
    }

    /**
     * One measured execution per size after warm-up: wall time and the peak heap in use while it ran
     * (sampled every millisecond, less the heap in use before it started), next to the size of the
     * input as JSON text. Usage: {@code java -cp hearth-jmh.jar io.hearth.benchmark.jmh.ItemPipelineBenchmark [n...]}.
     */
    // a report, not a resource: the fence keeps the finished execution reachable until its retained size is measured;
    // an exception ends the benchmark anyway
    @SuppressWarnings("ReachabilityFenceUsage")
    public static void main(String[] args) throws Exception {
        List<Integer> sizes = new ArrayList<>();
        for (String a : args) {
            sizes.add(Integer.parseInt(a));
        }
        if (sizes.isEmpty()) {
            sizes = List.of(10_000, 100_000);
        }
        System.out.printf(
                "Manual -> Split Out -> Filter -> Aggregate, runtime only (max heap %d MB)%n",
                Runtime.getRuntime().maxMemory() >> 20);
        Map<Integer, Double> millis = new LinkedHashMap<>();
        for (int size : sizes) {
            ItemPipelineBenchmark b = new ItemPipelineBenchmark();
            b.n = size;
            b.setUp();
            for (int i = 0; i < 5; i++) {
                b.pipeline(); // warm-up
            }
            long inputBytes = io.hearth.common.Json.write(b.input.getFirst().json())
                    .getBytes(java.nio.charset.StandardCharsets.UTF_8)
                    .length;
            System.gc();
            Thread.sleep(200);
            var memory = ManagementFactory.getMemoryMXBean();
            long before = memory.getHeapMemoryUsage().getUsed();
            AtomicLong peak = new AtomicLong(before);
            AtomicBoolean running = new AtomicBoolean(true);
            Thread sampler = Thread.ofPlatform().daemon().start(() -> {
                while (running.get()) {
                    peak.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
                    try {
                        Thread.sleep(1);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            });
            long start = System.nanoTime();
            ExecutionResult r = b.pipeline();
            double ms = (System.nanoTime() - start) / 1e6;
            peak.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
            running.set(false);
            sampler.join();
            if (r.status() != ExecutionStatus.SUCCESS) {
                throw new IllegalStateException("execution " + r.status() + ": " + r.error());
            }
            millis.put(size, ms);
            double peakMb = (peak.get() - before) / 1048576.0;
            System.gc();
            Thread.sleep(200);
            double retainedMb = (memory.getHeapMemoryUsage().getUsed() - before) / 1048576.0;
            StringBuilder nodes = new StringBuilder();
            r.runData()
                    .forEach((node, runs) -> nodes.append(node)
                            .append(' ')
                            .append(runs.getLast().executionTime())
                            .append(" ms, "));
            System.out.printf(
                    "  n = %,7d: %7.1f ms (%s), input %5.1f MB as JSON, %5.1f MB in the heap; while running the heap"
                            + " grew by at most %6.1f MB; the finished execution keeps %6.1f MB (%.1fx its input)%n",
                    size,
                    ms,
                    nodes.substring(0, nodes.length() - 2),
                    inputBytes / 1048576.0,
                    b.inputHeapMb,
                    peakMb,
                    retainedMb,
                    retainedMb / b.inputHeapMb);
            java.lang.ref.Reference.reachabilityFence(r);
            b.tearDown();
        }
        if (millis.containsKey(10_000) && millis.containsKey(100_000)) {
            System.out.printf("  100k / 10k time: %.1fx (linear is 10x)%n", millis.get(100_000) / millis.get(10_000));
        }
    }
}
