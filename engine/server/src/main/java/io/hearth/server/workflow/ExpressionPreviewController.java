package io.hearth.server.workflow;

import io.hearth.expression.ExpressionEngine;
import io.hearth.expression.ExpressionException;
import io.hearth.expression.ExpressionValues;
import io.hearth.expression.Template;
import io.hearth.expression.Undefined;
import io.hearth.runtime.execution.NodeRun;
import io.hearth.runtime.execution.PreparedWorkflow;
import io.hearth.runtime.execution.WorkflowExecutor;
import io.hearth.runtime.workflow.Workflow;
import io.hearth.runtime.workflow.WorkflowJson;
import io.hearth.server.execution.ExecutionService;
import io.hearth.server.execution.StoredRuns;
import io.hearth.server.support.Blocking;
import io.hearth.server.web.ApiException;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * The editor's live expression preview, evaluated as a run evaluates it (what the user sees is what runs): the
 * expression of a node of the workflow being edited, on one of the node's input items, with the runtime's own
 * variables for that item ({@code $json}, {@code $binary}, {@code $('Node').item} by paired items, {@code
 * $parameter}, {@code $prevNode}, {@code $runIndex}...) over the runs of the editor's last execution or pinned data.
 * Nothing runs and nothing is stored; credentials are not reachable.
 */
@RestController
@RequestMapping("/api/v1/expressions")
public class ExpressionPreviewController {

    private final ExpressionEngine engine;
    private final WorkflowExecutor executor;
    private final ExecutionService executions;
    private final Blocking blocking;

    public ExpressionPreviewController(
            ExpressionEngine engine, WorkflowExecutor executor, ExecutionService executions, Blocking blocking) {
        this.engine = engine;
        this.executor = executor;
        this.executions = executions;
        this.blocking = blocking;
    }

    /**
     * What the editor sends to preview one expression.
     *
     * @param expression the parameter value ({@code "=Hello {{ $json.name }}"})
     * @param workflow   the workflow as the editor has it (n8n JSON, unsaved changes and pinned data included)
     * @param node       the name of the node whose parameter it is
     * @param runData    the runs of the editor's last execution by node name, as {@code GET /executions/{id}} shows
     *                   them under "nodes" (optional)
     * @param itemIndex  which input item ({@code $json}); the first when absent
     */
    public record PreviewBody(
            String expression,
            Map<String, Object> workflow,
            String node,
            Map<String, Object> runData,
            Integer itemIndex) {}

    @PostMapping("/preview")
    public Mono<Map<String, Object>> preview(@RequestBody PreviewBody body) {
        if (body == null || body.expression() == null) {
            throw ApiException.badRequest("expression: required");
        }
        if (body.workflow() == null) {
            throw ApiException.badRequest("workflow: required (the workflow the node belongs to)");
        }
        if (body.node() == null) {
            throw ApiException.badRequest("node: required (the name of the node whose parameter it is)");
        }
        int item = body.itemIndex() == null ? 0 : body.itemIndex();
        if (item < 0) {
            throw ApiException.badRequest("itemIndex: must be 0 or more");
        }
        return blocking.call(() -> evaluate(body, item));
    }

    private Map<String, Object> evaluate(PreviewBody body, int item) {
        Workflow workflow = WorkflowJson.fromTree(body.workflow());
        if (workflow.node(body.node()).isEmpty()) {
            throw ApiException.badRequest("node: the workflow has no node named '" + body.node() + "'");
        }
        PreparedWorkflow prepared = executor.prepare(workflow);
        Map<String, Object> stored = new LinkedHashMap<>();
        stored.put("nodes", body.runData() == null ? Map.of() : new LinkedHashMap<>(body.runData()));
        String text = body.expression().startsWith("=") ? body.expression().substring(1) : body.expression();
        Map<String, List<NodeRun>> runs;
        try {
            runs = StoredRuns.of(stored);
        } catch (RuntimeException e) {
            throw ApiException.badRequest(
                    "runData: not the runs of an execution as GET /api/v1/executions/{id} shows them in 'nodes' ("
                            + e.getMessage() + ")");
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        try {
            Template template = engine.compile(text);
            Object value = template.evaluate(
                    executor.itemScope(prepared, body.node(), runs, item, Map.of(), executions.environment()));
            answer.put("ok", true);
            answer.put("text", display(value, template.isSingleExpression()));
            answer.put("type", ExpressionValues.typeOf(value));
        } catch (ExpressionException e) {
            answer.put("ok", false);
            answer.put("text", "[ERROR: " + e.getMessage() + "]");
        }
        return answer;
    }

    /** As n8n's preview: [undefined] / [null] for a lone missing value, JSON for objects and lists. */
    private static String display(Object value, boolean single) {
        if (!single) {
            return String.valueOf(value);
        }
        if (value == Undefined.INSTANCE) {
            return "[undefined]";
        }
        if (value == null) {
            return "[null]";
        }
        if (value instanceof Map<?, ?> || value instanceof Collection<?>) {
            return ExpressionValues.stringify(value);
        }
        return ExpressionValues.toDisplayString(value);
    }
}
