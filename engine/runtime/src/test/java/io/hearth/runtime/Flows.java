package io.hearth.runtime;

import io.hearth.expression.ExpressionEngine;
import io.hearth.node.Item;
import io.hearth.node.NodeType;
import io.hearth.node.credential.CredentialType;
import io.hearth.runtime.execution.ExecutionRequest;
import io.hearth.runtime.execution.ExecutionResult;
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
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

/** Builds workflows and runs them with the core nodes plus any test nodes. */
public final class Flows {

    private static final ScheduledExecutorService TIMER = Executors.newScheduledThreadPool(1, r -> {
        Thread t = new Thread(r, "test-timer");
        t.setDaemon(true);
        return t;
    });

    private final List<WorkflowNode> nodes = new ArrayList<>();
    private Connections connections = Connections.EMPTY;
    // as the editor makes new workflows: n8n's current execution order
    private WorkflowSettings settings = WorkflowSettings.DEFAULTS.withExecutionOrder("v1");
    private final Map<String, Object> pinData = new java.util.LinkedHashMap<>();
    private final Map<String, Double> versions = new java.util.HashMap<>();

    public static Flows flow() {
        return new Flows();
    }

    public Flows node(String name, String type, Map<String, Object> parameters) {
        return node(name, type, parameters, UnaryOperator.identity());
    }

    public Flows node(String name, String type, Map<String, Object> parameters, UnaryOperator<WorkflowNode> tweak) {
        WorkflowNode n = WorkflowNode.of(name, type, parameters).withPosition(new Position(nodes.size() * 200, 0));
        nodes.add(tweak.apply(n));
        return this;
    }

    /** A node of a given type version (other nodes get their type's newest). */
    public Flows node(String name, String type, double typeVersion, Map<String, Object> parameters) {
        node(name, type, parameters);
        versions.put(name, typeVersion);
        return this;
    }

    public Flows connect(String from, String to) {
        return connect(from, 0, to, 0);
    }

    public Flows connect(String from, int output, String to, int input) {
        connections = connections.with(from, output, to, input);
        return this;
    }

    /** Pins items (JSON objects) to a node, as n8n's pinData. */
    public Flows pin(String node, List<Map<String, Object>> items) {
        pinData.put(node, items.stream().map(j -> (Object) Map.of("json", j)).toList());
        return this;
    }

    public Flows settings(WorkflowSettings value) {
        this.settings = value;
        return this;
    }

    /**
     * The workflow; nodes of known types get their type's newest version (tests exercise current
     * behaviour) unless added with a version.
     */
    public Workflow build() {
        NodeRegistry known = registry();
        List<WorkflowNode> versioned = nodes.stream()
                .map(n -> versions.containsKey(n.name())
                        ? n.withTypeVersion(versions.get(n.name()))
                        : known.find(n.type())
                                .map(t -> n.withTypeVersion(t.description().defaultVersion()))
                                .orElse(n))
                .toList();
        return new Workflow(
                Optional.of("wf-test"), "test", false, versioned, connections, settings, Map.of(), pinData, Map.of());
    }

    public static NodeRegistry registry(NodeType... extra) {
        List<NodeType> types = new ArrayList<>();
        ServiceLoader.load(NodeType.class).forEach(types::add);
        types.addAll(List.of(extra));
        List<CredentialType> creds = new ArrayList<>();
        ServiceLoader.load(CredentialType.class).forEach(creds::add);
        return NodeRegistry.of(types, creds);
    }

    public static WorkflowExecutor executor(NodeType... extra) {
        return new WorkflowExecutor(
                registry(extra),
                new ExpressionEngine(),
                Executors.newFixedThreadPool(2),
                TIMER,
                Clock.systemUTC(),
                ZoneOffset.UTC);
    }

    public ExecutionResult run(NodeType... extra) {
        return run(List.of(Item.empty()), extra);
    }

    public ExecutionResult run(List<Item> input, NodeType... extra) {
        return run(io.hearth.node.ExecutionMode.MANUAL, input, extra);
    }

    public ExecutionResult run(io.hearth.node.ExecutionMode mode, List<Item> input, NodeType... extra) {
        WorkflowExecutor executor = executor(extra);
        return executor.start(ExecutionRequest.manual(executor.prepare(build()), "exec-1", input)
                        .withMode(mode))
                .result()
                .orTimeout(30, TimeUnit.SECONDS)
                .join();
    }

    /** The json of the items on output {@code output} of the last run of {@code node}. */
    public static List<Map<String, Object>> output(ExecutionResult r, String node, int output) {
        var runs = r.runData().get(node);
        if (runs == null) {
            return List.of();
        }
        var outs = runs.getLast().output();
        return output < outs.size() ? outs.get(output).stream().map(Item::json).toList() : List.of();
    }

    public static List<Map<String, Object>> output(ExecutionResult r, String node) {
        return output(r, node, 0);
    }
}
