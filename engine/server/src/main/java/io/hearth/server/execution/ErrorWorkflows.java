package io.hearth.server.execution;

import io.hearth.node.ExecutionMode;
import io.hearth.node.Item;
import io.hearth.node.description.TriggerRole;
import io.hearth.runtime.execution.ExecutionResult;
import io.hearth.runtime.execution.PreparedWorkflow.PreparedNode;
import io.hearth.server.support.Blocking;
import io.hearth.server.workflow.PreparedWorkflows;
import io.hearth.server.workflow.WorkflowRepository;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Starts a failed workflow's error workflow (its {@code settings.errorWorkflow}) at its Error Trigger
 * node, as n8n does — not for manual runs, and never for a failing error workflow itself.
 */
@Component
public class ErrorWorkflows {

    private static final Logger log = LoggerFactory.getLogger(ErrorWorkflows.class);

    private final WorkflowRepository workflows;
    private final PreparedWorkflows prepared;
    private final ExecutionLauncher launcher;
    private final Blocking blocking;

    public ErrorWorkflows(
            WorkflowRepository workflows, PreparedWorkflows prepared, ExecutionLauncher launcher, Blocking blocking) {
        this.workflows = workflows;
        this.prepared = prepared;
        this.launcher = launcher;
        this.blocking = blocking;
    }

    @EventListener
    public void failed(ExecutionFailed failed) {
        StartRequest request = failed.request();
        ExecutionResult result = failed.result();
        Optional<String> target = request.prepared().workflow().settings().errorWorkflow();
        boolean fromErrorTrigger = request.startNode()
                .flatMap(n -> request.prepared().node(n))
                .map(n -> isErrorTrigger(n))
                .orElse(false);
        if (target.isEmpty()
                || request.mode() == ExecutionMode.MANUAL
                || fromErrorTrigger
                || target.get().equals(request.workflowId())) {
            return;
        }
        blocking.run(() -> start(target.get(), request, result))
                .subscribe(v -> {}, e -> log.warn("Could not start error workflow {}: {}", target.get(), e.toString()));
    }

    // the error workflow is recorded as an execution of its own; nobody waits for it here
    @SuppressWarnings("FutureReturnValueIgnored")
    private void start(String errorWorkflowId, StartRequest request, ExecutionResult result) {
        var stored = workflows.find(errorWorkflowId);
        if (stored.isEmpty()) {
            log.warn("Error workflow {} of workflow {} does not exist", errorWorkflowId, request.workflowId());
            return;
        }
        var p = prepared.get(stored.get());
        Optional<String> trigger = stored.get().workflow().nodes().stream()
                .filter(n -> !n.disabled()
                        && p.node(n.name()).map(x -> isErrorTrigger(x)).orElse(false))
                .map(n -> n.name())
                .findFirst();
        if (trigger.isEmpty()) {
            log.warn("Error workflow {} has no Error Trigger node", errorWorkflowId);
            return;
        }
        Map<String, Object> error = new LinkedHashMap<>();
        result.error().ifPresent(e -> {
            error.put("message", e.message());
            error.put("description", e.description());
            e.node().ifPresent(n -> error.put("node", Map.of("name", n)));
        });
        Map<String, Object> execution = new LinkedHashMap<>();
        execution.put("id", result.executionId());
        execution.put("url", "/api/v1/executions/" + result.executionId());
        execution.put("error", error);
        execution.put("lastNodeExecuted", result.lastNodeExecuted().orElse(null));
        execution.put("mode", result.mode().wireName());
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("execution", execution);
        json.put(
                "workflow",
                Map.of(
                        "id",
                        request.workflowId(),
                        "name",
                        request.prepared().workflow().name()));
        launcher.launch(StartRequest.of(
                errorWorkflowId,
                Optional.of(stored.get().versionId()),
                p,
                ExecutionMode.TRIGGER,
                trigger,
                List.of(Item.of(json))));
    }

    private static boolean isErrorTrigger(PreparedNode node) {
        return node.type().description().triggerRole().equals(Optional.of(TriggerRole.ERROR));
    }
}
