package io.hearth.runtime.execution;

import io.hearth.expression.ExpressionEngine;
import io.hearth.node.Item;
import io.hearth.node.NodeType;
import io.hearth.node.credential.CredentialType;
import io.hearth.node.credential.RequestAuthentication;
import io.hearth.node.description.NodeDescription;
import io.hearth.runtime.registry.NodeRegistry;
import io.hearth.runtime.registry.ParameterMigrations;
import io.hearth.runtime.workflow.Connection;
import io.hearth.runtime.workflow.FieldProblem;
import io.hearth.runtime.workflow.InvalidWorkflowException;
import io.hearth.runtime.workflow.OnError;
import io.hearth.runtime.workflow.PinData;
import io.hearth.runtime.workflow.Workflow;
import io.hearth.runtime.workflow.WorkflowNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * A workflow made ready to run many times: node types resolved, parameter defaults and visibility
 * worked out, children sorted in execution order. Prepare once per saved version and reuse it for
 * every execution of that version.
 */
public final class PreparedWorkflow {

    private final Workflow workflow;
    private final Map<String, PreparedNode> nodes;
    private final Map<String, List<Item>> pinned;
    private final Function<String, Optional<RequestAuthentication>> requestAuthentications;
    private final Map<String, Set<String>> parents = new LinkedHashMap<>();
    private final Map<String, List<List<Incoming>>> incoming = new LinkedHashMap<>();
    private final Map<String, List<String>> ancestors = new java.util.concurrent.ConcurrentHashMap<>();

    /** A connection into a node: from output {@code output} of node {@code node}. */
    public record Incoming(String node, int output) {}

    private PreparedWorkflow(
            Workflow workflow,
            Map<String, PreparedNode> nodes,
            Map<String, List<Item>> pinned,
            Function<String, Optional<RequestAuthentication>> requestAuthentications) {
        this.workflow = workflow;
        this.nodes = nodes;
        this.pinned = pinned;
        this.requestAuthentications = requestAuthentications;
        for (WorkflowNode n : workflow.nodes()) {
            List<List<Connection>> outputs = workflow.connections().mainOutputs(n.name());
            for (int o = 0; o < outputs.size(); o++) {
                for (Connection c : outputs.get(o)) {
                    parents.computeIfAbsent(c.node(), k -> new java.util.LinkedHashSet<>())
                            .add(n.name());
                    List<List<Incoming>> byInput = incoming.computeIfAbsent(c.node(), k -> new ArrayList<>());
                    while (byInput.size() <= c.index()) {
                        byInput.add(new ArrayList<>());
                    }
                    byInput.get(c.index()).add(new Incoming(n.name(), o));
                }
            }
        }
    }

    /** The connections into each input of {@code name}, by input index (empty when none). */
    public List<List<Incoming>> incoming(String name) {
        return incoming.getOrDefault(name, List.of());
    }

    /** How credential type {@code type} signs HTTP requests, if the registry knows it and it declares that. */
    public Optional<RequestAuthentication> requestAuthentication(String type) {
        return requestAuthentications.apply(type);
    }

    /** Throws {@link InvalidWorkflowException} naming each node whose type is unknown. */
    public static PreparedWorkflow prepare(Workflow workflow, NodeRegistry registry, ExpressionEngine engine) {
        List<FieldProblem> problems = new ArrayList<>();
        Map<String, NodeType> types = new LinkedHashMap<>();
        for (int i = 0; i < workflow.nodes().size(); i++) {
            WorkflowNode n = workflow.nodes().get(i);
            Optional<NodeType> type = registry.find(n.type());
            if (type.isEmpty()) {
                problems.add(new FieldProblem("nodes[" + i + "].type", "unknown node type '" + n.type() + "'"));
            } else {
                types.put(n.name(), type.get());
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidWorkflowException(problems);
        }
        Map<String, PreparedNode> prepared = new LinkedHashMap<>();
        for (WorkflowNode n : workflow.nodes()) {
            NodeType type = types.get(n.name());
            NodeDescription d = type.description();
            ParameterResolver resolver = ParameterResolver.create(
                    engine,
                    type,
                    n,
                    type instanceof NodeEvaluatedParameters own ? own.nodeEvaluatedParameters() : Set.of());
            List<List<Connection>> children = sortedChildren(workflow, n.name());
            TreeSet<Integer> connectedInputs = new TreeSet<>();
            for (WorkflowNode other : workflow.nodes()) {
                for (List<Connection> out : workflow.connections().mainOutputs(other.name())) {
                    for (Connection c : out) {
                        if (c.node().equals(n.name())) {
                            connectedInputs.add(c.index());
                        }
                    }
                }
            }
            int regularOutputs = OutputPorts.count(d, resolver.constantValues());
            boolean requiresAllInputs = d.allInputsRequired()
                    .map(when -> when.isVisible(key -> key.equals("@version")
                            ? Optional.of(ParameterMigrations.formVersion(type, n.typeVersion()))
                            : resolver.constantValues().get(key.startsWith("/") ? key.substring(1) : key)))
                    .orElse(false);
            int outputCount = regularOutputs + (n.onError() == OnError.CONTINUE_ERROR_OUTPUT ? 1 : 0);
            prepared.put(
                    n.name(),
                    new PreparedNode(
                            n,
                            type,
                            resolver,
                            children,
                            List.copyOf(connectedInputs),
                            Math.max(d.inputs().size(), connectedInputs.isEmpty() ? 0 : connectedInputs.last() + 1),
                            regularOutputs,
                            outputCount,
                            requiresAllInputs));
        }
        Map<String, List<Item>> pinned = new LinkedHashMap<>();
        workflow.pinData().forEach((node, items) -> {
            if (prepared.containsKey(node)) {
                pinned.put(node, PinData.items(items));
            }
        });
        return new PreparedWorkflow(
                workflow,
                prepared,
                Map.copyOf(pinned),
                name -> registry.credentialType(name).flatMap(CredentialType::requestAuthentication));
    }

    // n8n's v1 order: outputs in order; within an output, targets top-to-bottom, then left-to-right.
    private static List<List<Connection>> sortedChildren(Workflow workflow, String source) {
        List<List<Connection>> out = new ArrayList<>();
        for (List<Connection> targets : workflow.connections().mainOutputs(source)) {
            List<Connection> sorted = new ArrayList<>(targets);
            sorted.sort(Comparator.comparingDouble((Connection c) ->
                            workflow.node(c.node()).map(x -> x.position().y()).orElse(0.0))
                    .thenComparingDouble(c ->
                            workflow.node(c.node()).map(x -> x.position().x()).orElse(0.0)));
            out.add(List.copyOf(sorted));
        }
        return List.copyOf(out);
    }

    public Workflow workflow() {
        return workflow;
    }

    /**
     * Every node from which {@code name} can be reached over connections, nearest first (itself
     * only when in a loop).
     */
    public List<String> ancestors(String name) {
        return ancestors.computeIfAbsent(name, start -> {
            java.util.LinkedHashSet<String> found = new java.util.LinkedHashSet<>();
            java.util.ArrayDeque<String> todo = new java.util.ArrayDeque<>(parents.getOrDefault(start, Set.of()));
            while (!todo.isEmpty()) {
                String next = todo.poll();
                if (found.add(next)) {
                    todo.addAll(parents.getOrDefault(next, Set.of()));
                }
            }
            return List.copyOf(found);
        });
    }

    public Optional<PreparedNode> node(String name) {
        return Optional.ofNullable(nodes.get(name));
    }

    /**
     * The items pinned to a node (n8n's {@code pinData}): in manual runs the node is not run and
     * these items leave its first output instead. Production runs ignore pinned data.
     */
    public Optional<List<Item>> pinned(String node) {
        return Optional.ofNullable(pinned.get(node));
    }

    public Iterable<PreparedNode> nodes() {
        return nodes.values();
    }

    /**
     * A node ready to run.
     *
     * @param connectedInputs input indexes that have at least one incoming connection
     * @param inputCount      inputs the node has (declared, or connected if more)
     * @param regularOutputs  declared outputs (Switch: derived from its rules)
     * @param outputCount     regular outputs plus the error output when onError is continueErrorOutput
     * @param requiresAllInputs the node runs only when every connected input has items
     */
    public record PreparedNode(
            WorkflowNode node,
            NodeType type,
            ParameterResolver resolver,
            List<List<Connection>> children,
            List<Integer> connectedInputs,
            int inputCount,
            int regularOutputs,
            int outputCount,
            boolean requiresAllInputs) {

        public String name() {
            return node.name();
        }

        /** The node as the nodes' SPI describes it to a node or trigger run. */
        public io.hearth.node.NodeInfo info() {
            return new io.hearth.node.NodeInfo(
                    node.id(), node.name(), type.description().name(), node.typeVersion());
        }

        public boolean waitsForSeveralInputs() {
            return connectedInputs.size() > 1;
        }
    }
}
