package io.hearth.nodes.code;

import io.hearth.expression.ExpressionEngine;
import io.hearth.node.Item;
import io.hearth.node.NodeType;
import io.hearth.node.credential.CredentialType;
import io.hearth.runtime.execution.ExecutionRequest;
import io.hearth.runtime.execution.ExecutionResult;
import io.hearth.runtime.execution.NodeRun;
import io.hearth.runtime.execution.WorkflowExecutor;
import io.hearth.runtime.registry.NodeRegistry;
import io.hearth.runtime.workflow.Connections;
import io.hearth.runtime.workflow.Position;
import io.hearth.runtime.workflow.Workflow;
import io.hearth.runtime.workflow.WorkflowNode;
import io.hearth.runtime.workflow.WorkflowSettings;
import java.nio.file.Files;
import java.nio.file.Path;
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

/** Runs workflows with the runtime's core nodes and a Code node on a given sandbox. */
final class Runs {

    static final ScheduledExecutorService TIMER = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "test-timer");
        t.setDaemon(true);
        return t;
    });
    static final ExecutorService POOL = Executors.newFixedThreadPool(4, r -> {
        Thread t = new Thread(r, "test-blocking");
        t.setDaemon(true);
        return t;
    });

    private final WorkflowExecutor executor;

    Runs(JsSandbox sandbox) {
        List<NodeType> types = new ArrayList<>();
        ServiceLoader.load(NodeType.class).forEach(t -> {
            if (!(t instanceof CodeNode)) {
                types.add(t);
            }
        });
        types.add(new CodeNode(sandbox));
        List<CredentialType> creds = new ArrayList<>();
        ServiceLoader.load(CredentialType.class).forEach(creds::add);
        executor = new WorkflowExecutor(
                NodeRegistry.of(types, creds), new ExpressionEngine(), POOL, TIMER, Clock.systemUTC(), ZoneOffset.UTC);
    }

    ExecutionResult run(Workflow workflow, List<Item> startItems) {
        return executor.start(ExecutionRequest.manual(executor.prepare(workflow), "exec-test", startItems))
                .result()
                .orTimeout(120, TimeUnit.SECONDS)
                .join();
    }

    /** Manual trigger -> Code (given mode and code), started with the given items. */
    ExecutionResult code(String mode, String code, List<Map<String, Object>> input) {
        return run(codeWorkflow(mode, code, 2), input.stream().map(Item::of).toList());
    }

    static Workflow codeWorkflow(String mode, String code, double version) {
        WorkflowNode start = WorkflowNode.of("Start", "hearth.manualTrigger", Map.of());
        WorkflowNode node = WorkflowNode.of("Code", "n8n-nodes-base.code", Map.of("mode", mode, "jsCode", code))
                .withTypeVersion(version)
                .withPosition(new Position(200, 0));
        return new Workflow(
                Optional.of("wf-code"),
                "code test",
                false,
                List.of(start, node),
                Connections.EMPTY.with("Start", 0, "Code", 0),
                WorkflowSettings.DEFAULTS,
                Map.of(),
                Map.of(),
                Map.of());
    }

    static List<Map<String, Object>> json(ExecutionResult r, String node) {
        List<NodeRun> runs = r.runData().get(node);
        if (runs == null || runs.getLast().output().isEmpty()) {
            return List.of();
        }
        return runs.getLast().output().getFirst().stream().map(Item::json).toList();
    }

    static String error(ExecutionResult r) {
        return r.error().map(e -> e.message()).orElse("");
    }

    /** n8n's test workflows (shared/n8n/node-fixtures beside the repository), when present. */
    static Optional<Path> fixtures(String node) {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("shared/n8n/node-fixtures").resolve(node);
            if (Files.isDirectory(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }
}
