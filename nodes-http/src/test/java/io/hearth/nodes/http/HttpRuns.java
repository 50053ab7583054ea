package io.hearth.nodes.http;

import io.hearth.expression.ExpressionEngine;
import io.hearth.node.Item;
import io.hearth.node.NodeType;
import io.hearth.node.credential.CredentialData;
import io.hearth.node.credential.CredentialType;
import io.hearth.runtime.execution.CredentialProvider;
import io.hearth.runtime.execution.ExecutionRequest;
import io.hearth.runtime.execution.ExecutionResult;
import io.hearth.runtime.execution.NodeRun;
import io.hearth.runtime.execution.WorkflowExecutor;
import io.hearth.runtime.registry.NodeRegistry;
import io.hearth.runtime.workflow.Connections;
import io.hearth.runtime.workflow.CredentialRef;
import io.hearth.runtime.workflow.OnError;
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
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/** Runs Manual Trigger -> HTTP Request with the real runtime and in-memory credentials. */
final class HttpRuns {

    static final WorkflowExecutor EXECUTOR;
    static final NodeRegistry REGISTRY;

    static {
        List<NodeType> types = new ArrayList<>();
        ServiceLoader.load(NodeType.class).forEach(types::add);
        List<CredentialType> creds = new ArrayList<>();
        ServiceLoader.load(CredentialType.class).forEach(creds::add);
        REGISTRY = NodeRegistry.of(types, creds);
        EXECUTOR = new WorkflowExecutor(
                REGISTRY,
                new ExpressionEngine(),
                Executors.newFixedThreadPool(2),
                Executors.newSingleThreadScheduledExecutor(),
                Clock.systemUTC(),
                ZoneOffset.UTC);
    }

    private final Map<String, CredentialData> credentials = new java.util.concurrent.ConcurrentHashMap<>();
    private double version = 4.2;
    private OnError onError = OnError.STOP_WORKFLOW;
    private WorkflowSettings settings = WorkflowSettings.DEFAULTS;

    HttpRuns credential(String type, Map<String, Object> values) {
        Set<String> secrets = Set.copyOf(
                REGISTRY.credentialType(type).orElseThrow().description().secretFieldNames());
        // written back as Hearth's store does: compare and set of one field
        credentials.put(type, new CredentialData(type, values, secrets).withWriter((field, expected, value) -> {
                    synchronized (credentials) {
                        CredentialData current = credentials.get(type);
                        if (!current.string(field).equals(expected)) {
                            return false;
                        }
                        credentials.put(type, current.with(field, value));
                        return true;
                    }
                }));
        return this;
    }

    /** The credential of {@code type} as stored now (a node may have stored refreshed tokens). */
    CredentialData stored(String type) {
        return credentials.get(type);
    }

    HttpRuns version(double value) {
        this.version = value;
        return this;
    }

    HttpRuns settings(WorkflowSettings value) {
        this.settings = value;
        return this;
    }

    HttpRuns continueOnFail() {
        this.onError = OnError.CONTINUE_REGULAR_OUTPUT;
        return this;
    }

    ExecutionResult run(Map<String, Object> parameters, List<Item> input) {
        WorkflowNode http = WorkflowNode.of("HTTP", "n8n-nodes-base.httpRequest", parameters)
                .withTypeVersion(version)
                .withOnError(onError)
                .withPosition(new Position(200, 0));
        for (String type : credentials.keySet()) {
            http = http.withCredential(type, new CredentialRef("cred-" + type, type));
        }
        Workflow wf = new Workflow(
                Optional.of("wf-http"),
                "http test",
                false,
                List.of(WorkflowNode.of("Start", "hearth.manualTrigger", Map.of()), http),
                Connections.EMPTY.with("Start", 0, "HTTP", 0),
                settings,
                Map.of(),
                Map.of(),
                Map.of());
        CredentialProvider provider = (ref, type) -> Optional.ofNullable(credentials.get(type));
        return EXECUTOR.start(ExecutionRequest.manual(EXECUTOR.prepare(wf), "exec-http", input)
                        .withCredentials(provider))
                .result()
                .orTimeout(60, TimeUnit.SECONDS)
                .join();
    }

    ExecutionResult run(Map<String, Object> parameters) {
        return run(parameters, List.of(Item.empty()));
    }

    static List<Item> items(ExecutionResult r) {
        List<NodeRun> runs = r.runData().get("HTTP");
        return runs == null || runs.getLast().output().isEmpty()
                ? List.of()
                : runs.getLast().output().getFirst();
    }

    static Map<String, Object> json(ExecutionResult r) {
        List<Item> items = items(r);
        return items.isEmpty() ? Map.of() : items.getFirst().json();
    }

    static String error(ExecutionResult r) {
        return r.error().map(e -> e.message() + " | " + e.description()).orElse("");
    }
}
