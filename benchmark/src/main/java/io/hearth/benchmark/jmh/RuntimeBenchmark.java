package io.hearth.benchmark.jmh;

import io.hearth.expression.ExpressionEngine;
import io.hearth.node.ExecutionMode;
import io.hearth.node.Item;
import io.hearth.node.NodeType;
import io.hearth.node.credential.CredentialType;
import io.hearth.node.trigger.WebhookResponder;
import io.hearth.node.trigger.WebhookResponse;
import io.hearth.runtime.execution.ExecutionRequest;
import io.hearth.runtime.execution.ExecutionResult;
import io.hearth.runtime.execution.ExecutionStatus;
import io.hearth.runtime.execution.PreparedWorkflow;
import io.hearth.runtime.execution.WorkflowExecutor;
import io.hearth.runtime.registry.NodeRegistry;
import io.hearth.runtime.workflow.Connections;
import io.hearth.runtime.workflow.Position;
import io.hearth.runtime.workflow.Workflow;
import io.hearth.runtime.workflow.WorkflowNode;
import io.hearth.runtime.workflow.WorkflowSettings;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
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
 * The workflow runtime alone ({@link WorkflowExecutor}: no HTTP, no database, no recording), one
 * execution per operation on the calling thread's turn:
 * <ul>
 *   <li>{@code noOpChain}: Manual Trigger -> N x No Operation, N = 1 and 10; the per-node overhead is
 *       (time(N=10) - time(N=1)) / 9, which {@code jmh.sh} prints;</li>
 *   <li>{@code referenceWorkflow}: the benchmark's reference workflow, Webhook -> Edit Fields (two
 *       expressions) -> Respond to Webhook, started as the server starts a webhook execution.</li>
 * </ul>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class RuntimeBenchmark {

    private ExecutorService blockingPool;
    private ScheduledExecutorService timer;
    private WorkflowExecutor executor;
    private PreparedWorkflow reference;
    private List<Item> webhookItems;
    private final AtomicLong ids = new AtomicLong();

    @Setup(Level.Trial)
    public void setUp() {
        blockingPool = Executors.newFixedThreadPool(2);
        // the server's timer: cancelled execution timeouts leave its queue at once (see Timers)
        timer = io.hearth.common.Timers.daemon("bench-timer");
        NodeRegistry registry = registry();
        executor = new WorkflowExecutor(
                registry, new ExpressionEngine(), blockingPool, timer, Clock.systemUTC(), ZoneOffset.UTC);

        List<WorkflowNode> ref = List.of(
                node(
                        registry,
                        "Webhook",
                        "n8n-nodes-base.webhook",
                        Map.of(
                                "httpMethod",
                                "POST",
                                "path",
                                "bench",
                                "responseMode",
                                "responseNode",
                                "options",
                                Map.of()),
                        0),
                node(
                        registry,
                        "Edit Fields",
                        "n8n-nodes-base.set",
                        Map.of(
                                "assignments",
                                Map.of(
                                        "assignments",
                                        List.of(
                                                Map.of(
                                                        "id",
                                                        "a1",
                                                        "name",
                                                        "doubled",
                                                        "type",
                                                        "number",
                                                        "value",
                                                        "={{ $json.body.n * 2 }}"),
                                                Map.of(
                                                        "id",
                                                        "a2",
                                                        "name",
                                                        "greeting",
                                                        "type",
                                                        "string",
                                                        "value",
                                                        "=Hello {{ $json.body.name }}"))),
                                "options",
                                Map.of()),
                        1),
                node(
                        registry,
                        "Respond to Webhook",
                        "n8n-nodes-base.respondToWebhook",
                        Map.of("respondWith", "firstIncomingItem", "options", Map.of()),
                        2));
        reference = executor.prepare(workflow(
                "reference",
                ref,
                Connections.EMPTY
                        .with("Webhook", 0, "Edit Fields", 0)
                        .with("Edit Fields", 0, "Respond to Webhook", 0)));
        webhookItems = List.of(Item.of(Map.of(
                "headers",
                Map.of("content-type", "application/json", "host", "127.0.0.1:5678"),
                "params",
                Map.of(),
                "query",
                Map.of(),
                "body",
                Map.of("n", 21, "name", "Ada"),
                "webhookUrl",
                "http://127.0.0.1:5678/webhook/bench",
                "executionMode",
                "production")));

        // Fail fast (before measuring) if the workflow does not run as intended.
        Responder responder = new Responder();
        ExecutionResult r = run(responder);
        expectSuccess(r);
        WebhookResponse answer = responder.response.get();
        if (answer == null || answer.status() != 200) {
            throw new IllegalStateException("the reference workflow did not answer 200: " + answer);
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        blockingPool.shutdownNow();
        timer.shutdownNow();
    }

    /** Manual Trigger -> n x No Operation. */
    @State(Scope.Benchmark)
    public static class Chain {
        @Param({"1", "10"})
        public int n;

        PreparedWorkflow workflow;

        @Setup(Level.Trial)
        public void setUp(RuntimeBenchmark runtime) {
            NodeRegistry registry = runtime.executor.registry();
            List<WorkflowNode> nodes = new ArrayList<>();
            nodes.add(node(registry, "Start", "n8n-nodes-base.manualTrigger", Map.of(), 0));
            Connections connections = Connections.EMPTY;
            String previous = "Start";
            for (int i = 1; i <= n; i++) {
                String name = "NoOp " + i;
                nodes.add(node(registry, name, "n8n-nodes-base.noOp", Map.of(), i));
                connections = connections.with(previous, 0, name, 0);
                previous = name;
            }
            workflow = runtime.executor.prepare(workflow("chain", nodes, connections));
            expectSuccess(runtime.noOpChain(this));
        }
    }

    @Benchmark
    public ExecutionResult noOpChain(Chain chain) {
        return executor.start(
                        ExecutionRequest.manual(chain.workflow, "e" + ids.incrementAndGet(), List.of(Item.empty())))
                .result()
                .join();
    }

    @Benchmark
    public ExecutionResult referenceWorkflow() {
        return run(new Responder());
    }

    private ExecutionResult run(Responder responder) {
        ExecutionRequest request = ExecutionRequest.manual(reference, "e" + ids.incrementAndGet(), webhookItems)
                .withMode(ExecutionMode.WEBHOOK)
                .withStartNode("Webhook")
                .withResponder(responder);
        return executor.start(request).result().join();
    }

    private static void expectSuccess(ExecutionResult r) {
        if (r.status() != ExecutionStatus.SUCCESS) {
            throw new IllegalStateException("execution " + r.status() + ": " + r.error());
        }
    }

    static NodeRegistry registry() {
        List<NodeType> types = new ArrayList<>();
        ServiceLoader.load(NodeType.class).forEach(types::add);
        List<CredentialType> creds = new ArrayList<>();
        ServiceLoader.load(CredentialType.class).forEach(creds::add);
        return NodeRegistry.of(types, creds);
    }

    private static WorkflowNode node(
            NodeRegistry registry, String name, String type, Map<String, Object> parameters, int index) {
        double version = registry.find(type)
                .orElseThrow(() -> new IllegalStateException("node type not found: " + type))
                .description()
                .defaultVersion();
        return WorkflowNode.of(name, type, parameters)
                .withTypeVersion(version)
                .withPosition(new Position(index * 200, 0));
    }

    private static Workflow workflow(String name, List<WorkflowNode> nodes, Connections connections) {
        return new Workflow(
                Optional.of("wf-" + name),
                name,
                false,
                nodes,
                connections,
                WorkflowSettings.DEFAULTS,
                Map.of(),
                Map.of(),
                Map.of());
    }

    /** Keeps the first answer, as the server's responder does. */
    static final class Responder implements WebhookResponder {
        final AtomicReference<WebhookResponse> response = new AtomicReference<>();

        @Override
        public boolean respond(WebhookResponse value) {
            return response.compareAndSet(null, value);
        }

        @Override
        public boolean hasResponded() {
            return response.get() != null;
        }
    }
}
