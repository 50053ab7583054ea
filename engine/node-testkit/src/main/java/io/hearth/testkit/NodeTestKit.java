package io.hearth.testkit;

import io.hearth.expression.ExpressionEngine;
import io.hearth.node.ExecutionMode;
import io.hearth.node.Item;
import io.hearth.node.NodeType;
import io.hearth.node.credential.CredentialData;
import io.hearth.node.credential.CredentialType;
import io.hearth.runtime.execution.CredentialProvider;
import io.hearth.runtime.execution.ExecutionRequest;
import io.hearth.runtime.execution.ExecutionResult;
import io.hearth.runtime.execution.WorkflowExecutor;
import io.hearth.runtime.registry.DescriptionValidator;
import io.hearth.runtime.registry.NodeRegistry;
import io.hearth.runtime.registry.PluginFailure;
import io.hearth.runtime.registry.PluginLoader;
import io.hearth.runtime.workflow.CredentialRef;
import io.hearth.runtime.workflow.Workflow;
import io.hearth.runtime.workflow.WorkflowJson;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs workflow JSON with Hearth's real runtime — real parameter resolution, real expressions, the
 * node types found on the class path plus any you add — and checks what each node produced.
 * <p>
 * Two ways to use it:
 * <pre>{@code
 * NodeTestKit kit = NodeTestKit.create();              // core nodes + every plugin on the test class path
 *
 * // 1. run, then assert on chosen nodes (n8n's pinned-item form, or JSON maps)
 * kit.run(workflowJson).assertSucceeded()
 *         .assertOutput("Shout", """[{"json": {"name": "ADA!"}}]""");
 *
 * // 2. n8n's test convention: the workflow's pinData holds the expected output of each node named in it
 * kit.assertWorkflow(Path.of("src/test/resources/shout.workflow.json"));
 * }</pre>
 * Runs are manual executions (as "Execute workflow" in the editor): in {@link #run} pinned nodes are
 * not run and their pinned items flow on, as in n8n. A run that does not finish within the
 * {@linkplain Builder#timeout timeout} fails the test.
 */
public final class NodeTestKit {

    private static final AtomicInteger THREADS = new AtomicInteger();
    // The engine's own timer kind: an execution's cancelled timeout leaves the queue at once, as in the server.
    private static final ScheduledExecutorService TIMER = io.hearth.common.Timers.daemon("hearth-testkit-timer");
    private static final ExecutorService BLOCKING = Executors.newFixedThreadPool(4, NodeTestKit::daemon);

    private final NodeRegistry registry;
    private final WorkflowExecutor executor;
    private final CredentialProvider credentials;
    private final Duration timeout;
    private final Map<String, Object> variables;
    private final AtomicInteger executions = new AtomicInteger();

    private NodeTestKit(Builder b) {
        this.registry = b.registry();
        this.executor = new WorkflowExecutor(registry, new ExpressionEngine(), BLOCKING, TIMER, b.clock, b.zone);
        this.credentials = b.credentialProvider(registry);
        this.timeout = b.timeout;
        this.variables = Map.copyOf(b.variables);
    }

    /** A kit with the node and credential types on the class path (the core nodes and your plugin's). */
    public static NodeTestKit create() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The node and credential types this kit runs workflows with. */
    public NodeRegistry registry() {
        return registry;
    }

    /** Runs the workflow manually (pinned nodes are not run) from its trigger, with one empty start item. */
    public TestRun run(String workflowJson) {
        return run(WorkflowJson.parse(workflowJson), List.of());
    }

    /** Runs a workflow file manually. */
    public TestRun run(Path workflowFile) {
        return run(read(workflowFile));
    }

    /** Runs the workflow manually; its trigger outputs {@code startItems} (one empty item when none). */
    public TestRun run(String workflowJson, List<Item> startItems) {
        return run(WorkflowJson.parse(workflowJson), startItems);
    }

    public TestRun run(Workflow workflow, List<Item> startItems) {
        return run(workflow, startItems, ExecutionMode.MANUAL);
    }

    /** Runs in another mode (webhook, trigger...): pinned data is then ignored, as in production. */
    public TestRun run(Workflow workflow, List<Item> startItems, ExecutionMode mode) {
        ExecutionRequest request = ExecutionRequest.manual(
                        executor.prepare(workflow), "test-" + executions.incrementAndGet(), startItems)
                .withMode(mode)
                .withCredentials(credentials)
                .withVariables(variables, Optional.empty());
        return new TestRun(await(executor.start(request).result()));
    }

    /**
     * Runs a workflow the way n8n's node tests do: its {@code pinData} is the expected output of each
     * node named there (the first output of its one run), not data to pin. n8n's test-only data node
     * ({@code n8n-nodes-testing.testData}) is replaced by pinned data of its output.
     */
    public PinDataCheck check(String workflowJson) {
        return check(N8nTestWorkflow.parse(workflowJson, Map.of()));
    }

    public PinDataCheck check(Path workflowFile) {
        return check(read(workflowFile));
    }

    /** {@link #check} and fail with every difference found. */
    public void assertWorkflow(String workflowJson) {
        check(workflowJson).assertPassed();
    }

    public void assertWorkflow(Path workflowFile) {
        check(workflowFile).assertPassed();
    }

    PinDataCheck check(N8nTestWorkflow test) {
        Workflow workflow = WorkflowJson.fromTree(test.workflow());
        TestRun run = run(workflow, test.startItems(), test.mode());
        List<String> mismatches = new ArrayList<>();
        if (run.status() != io.hearth.runtime.execution.ExecutionStatus.SUCCESS) {
            mismatches.add("The execution ended " + run.describeEnd());
        }
        test.expected().forEach((node, items) -> {
            List<List<Item>> firstOutputs = new ArrayList<>();
            run.runs(node)
                    .forEach(r -> firstOutputs.add(
                            r.output().isEmpty() ? List.of() : r.output().getFirst()));
            OutputCheck.compareRuns(node, items, firstOutputs).ifPresent(mismatches::add);
        });
        return new PinDataCheck(test.substitutions(), run, mismatches);
    }

    private ExecutionResult await(java.util.concurrent.CompletableFuture<ExecutionResult> result) {
        try {
            return result.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new AssertionError("The workflow did not finish within " + timeout);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("Interrupted while waiting for the workflow", e);
        } catch (java.util.concurrent.ExecutionException | CompletionException e) {
            throw new AssertionError("The runtime failed: " + e.getCause(), e.getCause());
        }
    }

    static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    private static Thread daemon(Runnable r) {
        Thread t = new Thread(r, "node-testkit-" + THREADS.incrementAndGet());
        t.setDaemon(true);
        return t;
    }

    /** Settings of a {@link NodeTestKit}. */
    public static final class Builder {
        private final List<NodeType> nodes = new ArrayList<>();
        private final List<CredentialType> credentialTypes = new ArrayList<>();
        private final List<StoredCredential> stored = new ArrayList<>();
        private final Map<String, Object> variables = new LinkedHashMap<>();
        private Clock clock = Clock.systemUTC();
        private ZoneId zone = ZoneOffset.UTC;
        private Duration timeout = Duration.ofSeconds(60);
        private boolean classPath = true;

        private record StoredCredential(String type, String id, String name, Map<String, Object> values) {}

        private Builder() {}

        /** Node types to run besides those found on the class path (e.g. one defined in the test). */
        public Builder nodeTypes(NodeType... types) {
            nodes.addAll(List.of(types));
            return this;
        }

        public Builder credentialTypes(CredentialType... types) {
            credentialTypes.addAll(List.of(types));
            return this;
        }

        /** Only the node types given with {@link #nodeTypes}, not those on the class path. */
        public Builder withoutClassPathNodes() {
            classPath = false;
            return this;
        }

        /**
         * A stored credential nodes can reference as {@code "credentials": {"<type>": {"id": id, "name": name}}}
         * (found by id, else by name).
         */
        public Builder credential(String type, String id, String name, Map<String, Object> values) {
            stored.add(new StoredCredential(type, id, name, Map.copyOf(values)));
            return this;
        }

        /** The execution's clock ({@code $now}, Wait nodes, time stamps). */
        public Builder clock(Clock value) {
            clock = value;
            return this;
        }

        /** The zone of workflows that set none (default UTC). */
        public Builder timezone(ZoneId value) {
            zone = value;
            return this;
        }

        /** How long a run may take before the test fails (default 60 s). */
        public Builder timeout(Duration value) {
            timeout = value;
            return this;
        }

        /** {@code $vars}. */
        public Builder variable(String name, Object value) {
            variables.put(name, value);
            return this;
        }

        public NodeTestKit build() {
            return new NodeTestKit(this);
        }

        private NodeRegistry registry() {
            List<NodeType> allNodes = new ArrayList<>();
            List<CredentialType> allCredentials = new ArrayList<>();
            if (classPath) {
                NodeRegistry loaded = PluginLoader.load(Thread.currentThread().getContextClassLoader(), null);
                if (!loaded.failures().isEmpty()) {
                    throw new IllegalStateException("Node types on the class path were refused: "
                            + loaded.failures().stream()
                                    .map(PluginFailure::toString)
                                    .toList());
                }
                allNodes.addAll(loaded.nodeTypes());
                allCredentials.addAll(loaded.credentialTypes());
            }
            Set<Class<?>> present = new HashSet<>();
            allNodes.forEach(n -> present.add(n.getClass()));
            for (NodeType extra : nodes) {
                List<String> problems = DescriptionValidator.validate(extra);
                if (!problems.isEmpty()) {
                    throw new IllegalArgumentException(
                            "Node type " + extra.getClass().getName() + " has a broken description: " + problems);
                }
                if (present.add(extra.getClass())) {
                    allNodes.add(extra);
                }
            }
            Set<Class<?>> presentCredentials = new HashSet<>();
            allCredentials.forEach(c -> presentCredentials.add(c.getClass()));
            for (CredentialType extra : credentialTypes) {
                if (presentCredentials.add(extra.getClass())) {
                    allCredentials.add(extra);
                }
            }
            return NodeRegistry.of(allNodes, allCredentials);
        }

        private CredentialProvider credentialProvider(NodeRegistry registry) {
            List<StoredCredential> all = List.copyOf(stored);
            return (CredentialRef ref, String type) -> {
                Optional<StoredCredential> match = all.stream()
                        .filter(c -> c.type().equals(type) && c.id().equals(ref.id()))
                        .findFirst()
                        .or(() -> all.stream()
                                .filter(c -> c.type().equals(type) && c.name().equals(ref.name()))
                                .findFirst());
                return match.map(c -> new CredentialData(
                        type,
                        c.values(),
                        Set.copyOf(registry.credentialType(type)
                                .map(t -> t.description().secretFieldNames())
                                .orElse(List.of()))));
            };
        }
    }
}
