package io.hearth.server.workflow;

import io.hearth.node.Item;
import io.hearth.node.trigger.WebhookSpec;
import io.hearth.runtime.workflow.Workflow;
import io.hearth.runtime.workflow.WorkflowJson;
import io.hearth.server.config.HearthProperties;
import io.hearth.server.execution.ManualRuns;
import io.hearth.server.support.Blocking;
import io.hearth.server.trigger.ActivationService;
import io.hearth.server.trigger.TestWebhooks;
import io.hearth.server.trigger.TriggerStatusBoard;
import io.hearth.server.trigger.WebhookRegistration;
import io.hearth.server.web.ApiException;
import io.hearth.server.web.ApiShapes;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/** Workflows: CRUD, versions, import/export, activation, manual runs and the test-webhook listener. */
@RestController
@RequestMapping("/api/v1/workflows")
public class WorkflowController {

    private final WorkflowService workflows;
    private final ActivationService activation;
    private final PreparedWorkflows prepared;
    private final ManualRuns runs;
    private final TestWebhooks tests;
    private final TriggerStatusBoard triggers;
    private final Blocking blocking;
    private final HearthProperties properties;

    public WorkflowController(
            WorkflowService workflows,
            ActivationService activation,
            PreparedWorkflows prepared,
            ManualRuns runs,
            TestWebhooks tests,
            TriggerStatusBoard triggers,
            Blocking blocking,
            HearthProperties properties) {
        this.workflows = workflows;
        this.activation = activation;
        this.prepared = prepared;
        this.runs = runs;
        this.tests = tests;
        this.triggers = triggers;
        this.blocking = blocking;
        this.properties = properties;
    }

    @ApiResponse(
            responseCode = "200",
            description = "OK",
            content = @Content(schema = @Schema(implementation = ApiShapes.WorkflowPage.class)))
    @GetMapping
    public Mono<Map<String, Object>> list(
            @RequestParam(defaultValue = "50") int limit,
            @RequestParam(defaultValue = "0") int offset,
            @RequestParam Optional<Boolean> active,
            @RequestParam Optional<String> name) {
        if (limit < 1 || limit > 500) {
            throw ApiException.badRequest("limit: must be between 1 and 500");
        }
        if (offset < 0) {
            throw ApiException.badRequest("offset: must not be negative");
        }
        return blocking.call(() -> {
            var page = workflows.list(active, name, limit, offset);
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("data", page.data().stream().map(WorkflowViews::summary).toList());
            m.put("total", page.total());
            m.put("limit", limit);
            m.put("offset", offset);
            return m;
        });
    }

    @ResponseStatus(HttpStatus.CREATED)
    @ApiResponse(
            responseCode = "201",
            description = "Created",
            content = @Content(schema = @Schema(implementation = ApiShapes.Workflow.class)))
    @PostMapping
    public Mono<ResponseEntity<Map<String, Object>>> create(@RequestBody Map<String, Object> body) {
        return blocking.call(() ->
                ResponseEntity.status(HttpStatus.CREATED).body(full(workflows.create(workflows.parseToSave(body)))));
    }

    @ResponseStatus(HttpStatus.CREATED)
    @ApiResponse(
            responseCode = "201",
            description = "Created",
            content = @Content(schema = @Schema(implementation = ApiShapes.Workflow.class)))
    @PostMapping("/import")
    public Mono<ResponseEntity<Map<String, Object>>> importN8n(@RequestBody Map<String, Object> body) {
        return create(body);
    }

    @ApiResponse(
            responseCode = "200",
            description = "OK",
            content = @Content(schema = @Schema(implementation = ApiShapes.Workflow.class)))
    @GetMapping("/{id}")
    public Mono<Map<String, Object>> get(@PathVariable String id) {
        return blocking.call(() -> full(workflows.get(id)));
    }

    /** The workflow with its {@code issues}: {@code [{"path", "message", "text"}]}, empty when it can run. */
    private Map<String, Object> full(StoredWorkflow w) {
        Map<String, Object> m = WorkflowViews.full(w);
        m.put(
                "issues",
                workflows.issues(w.workflow()).stream()
                        .map(p -> Map.of("path", p.path(), "message", p.message(), "text", p.text()))
                        .toList());
        return m;
    }

    @GetMapping("/{id}/export")
    public Mono<ResponseEntity<Map<String, Object>>> export(@PathVariable String id) {
        return blocking.call(() -> {
            StoredWorkflow w = workflows.get(id);
            Map<String, Object> doc = WorkflowJson.toTree(w.workflow());
            doc.put("versionId", w.versionId());
            String file = w.name().replaceAll("[^A-Za-z0-9._-]+", "_") + ".json";
            return ResponseEntity.ok()
                    .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + file + "\"")
                    .body(doc);
        });
    }

    @ApiResponse(
            responseCode = "200",
            description = "OK",
            content = @Content(schema = @Schema(implementation = ApiShapes.Workflow.class)))
    @PutMapping("/{id}")
    public Mono<Map<String, Object>> update(@PathVariable String id, @RequestBody Map<String, Object> body) {
        return blocking.call(() -> full(workflows.update(id, workflows.parseToSave(body))));
    }

    /** Pins items to a node: the body is n8n's pinned form, {@code [{"json": {...}}]}, or {@code {"items": [...]}}. */
    @ApiResponse(
            responseCode = "200",
            description = "OK",
            content = @Content(schema = @Schema(implementation = ApiShapes.Workflow.class)))
    @PutMapping("/{id}/pin-data/{node}")
    public Mono<Map<String, Object>> pin(@PathVariable String id, @PathVariable String node, @RequestBody Object body) {
        Object items = body instanceof Map<?, ?> m && m.containsKey("items") ? m.get("items") : body;
        return blocking.call(() -> full(workflows.pin(id, node, items)));
    }

    @ApiResponse(
            responseCode = "200",
            description = "OK",
            content = @Content(schema = @Schema(implementation = ApiShapes.Workflow.class)))
    @DeleteMapping("/{id}/pin-data/{node}")
    public Mono<Map<String, Object>> unpin(@PathVariable String id, @PathVariable String node) {
        return blocking.call(() -> full(workflows.unpin(id, node)));
    }

    @DeleteMapping("/{id}")
    public Mono<ResponseEntity<Void>> delete(@PathVariable String id) {
        return blocking.run(() -> workflows.delete(id))
                .thenReturn(ResponseEntity.noContent().build());
    }

    @ApiResponse(
            responseCode = "200",
            description = "OK",
            content = @Content(schema = @Schema(implementation = ApiShapes.Workflow.class)))
    @PostMapping("/{id}/activate")
    public Mono<Map<String, Object>> activate(@PathVariable String id) {
        return blocking.call(() -> full(workflows.activate(id)));
    }

    @ApiResponse(
            responseCode = "200",
            description = "OK",
            content = @Content(schema = @Schema(implementation = ApiShapes.Workflow.class)))
    @PostMapping("/{id}/deactivate")
    public Mono<Map<String, Object>> deactivate(@PathVariable String id) {
        return blocking.call(() -> full(workflows.deactivate(id)));
    }

    @GetMapping("/{id}/versions")
    public Mono<List<Map<String, Object>>> versions(@PathVariable String id) {
        return blocking.call(() -> workflows.versions(id).stream()
                .map(v -> {
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("versionId", v.versionId());
                    m.put("createdAt", v.createdAt().toString());
                    m.put("name", v.name());
                    m.put("nodeCount", v.nodeCount());
                    return m;
                })
                .toList());
    }

    @ApiResponse(
            responseCode = "200",
            description = "OK",
            content = @Content(schema = @Schema(implementation = ApiShapes.Workflow.class)))
    @GetMapping("/{id}/versions/{versionId}")
    public Mono<Map<String, Object>> version(@PathVariable String id, @PathVariable String versionId) {
        return blocking.call(() -> {
            Map<String, Object> doc = WorkflowJson.toTree(workflows.version(id, versionId));
            doc.put("versionId", versionId);
            return doc;
        });
    }

    @ApiResponse(
            responseCode = "200",
            description = "OK",
            content = @Content(array = @ArraySchema(schema = @Schema(implementation = ApiShapes.WebhookInfo.class))))
    @GetMapping("/{id}/webhooks")
    public Mono<List<Map<String, Object>>> webhooks(@PathVariable String id, ServerWebExchange exchange) {
        String base = baseUrl(exchange);
        return blocking.call(() -> {
            StoredWorkflow w = workflows.get(id);
            List<Map<String, Object>> out = new ArrayList<>();
            for (WebhookRegistration r : activation.routes(w, prepared.get(w))) {
                for (String method : r.spec().methods()) {
                    out.add(webhookView(base, r.nodeName(), method, r.spec()));
                }
            }
            return out;
        });
    }

    private static Map<String, Object> webhookView(String base, String node, String method, WebhookSpec spec) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("node", node);
        m.put("method", method);
        m.put("path", spec.path());
        m.put("productionUrl", base + "webhook/" + spec.path());
        m.put("testUrl", base + "webhook-test/" + spec.path());
        m.put("responseMode", spec.responseMode().wireName());
        return m;
    }

    @ApiResponse(
            responseCode = "200",
            description = "OK",
            content = @Content(array = @ArraySchema(schema = @Schema(implementation = ApiShapes.TriggerInfo.class))))
    @GetMapping("/{id}/triggers")
    public Mono<List<Map<String, Object>>> triggerStatus(@PathVariable String id) {
        return blocking.call(() -> {
            workflows.get(id);
            return triggers.of(id).stream()
                    .map(e -> {
                        Map<String, Object> m = new LinkedHashMap<>();
                        m.put("node", e.node());
                        m.put("type", e.type());
                        m.put("state", e.status().state().name());
                        m.put("message", e.status().message());
                        m.put("since", e.status().since().toString());
                        return m;
                    })
                    .toList();
        });
    }

    /** Body of a manual run: an optional unsaved draft, start node and input items (JSON objects). */
    public record RunBody(Map<String, Object> workflow, String startNode, List<Map<String, Object>> input) {}

    /** {@code wait=false}: answers 202 {@code {"executionId"}} at once; follow it with GET /executions/{id}. */
    @ApiResponse(
            responseCode = "200",
            description = "OK",
            content = @Content(schema = @Schema(implementation = ApiShapes.Execution.class)))
    @PostMapping("/{id}/run")
    public Mono<ResponseEntity<Map<String, Object>>> run(
            @PathVariable String id,
            @RequestBody(required = false) RunBody body,
            @RequestParam(defaultValue = "true") boolean wait) {
        RunBody b = body == null ? new RunBody(null, null, null) : body;
        return blocking.call(() -> {
                    StoredWorkflow stored = workflows.get(id);
                    if (b.workflow() != null) {
                        Workflow draft = workflows.parse(b.workflow()).withId(id);
                        return runs.runDraft(id, draft, Optional.ofNullable(b.startNode()), items(b.input()), wait);
                    }
                    workflows.requireNoIssues(stored.workflow(), "run");
                    return runs.runSaved(stored, Optional.ofNullable(b.startNode()), items(b.input()), wait);
                })
                .flatMap(m -> m)
                .map(m -> ResponseEntity.status(wait ? HttpStatus.OK : HttpStatus.ACCEPTED)
                        .body(m));
    }

    @ApiResponse(
            responseCode = "200",
            description = "OK",
            content = @Content(schema = @Schema(implementation = ApiShapes.Execution.class)))
    @PostMapping("/run")
    public Mono<ResponseEntity<Map<String, Object>>> runDraft(
            @RequestBody RunBody body, @RequestParam(defaultValue = "true") boolean wait) {
        if (body == null || body.workflow() == null) {
            throw ApiException.badRequest("workflow: required");
        }
        return blocking.call(() -> runs.runDraft(
                        "",
                        workflows.parse(body.workflow()),
                        Optional.ofNullable(body.startNode()),
                        items(body.input()),
                        wait))
                .flatMap(m -> m)
                .map(m -> ResponseEntity.status(wait ? HttpStatus.OK : HttpStatus.ACCEPTED)
                        .body(m));
    }

    public record ListenBody(Map<String, Object> workflow) {}

    @PostMapping("/{id}/test-webhook")
    public Mono<Map<String, Object>> listen(
            @PathVariable String id, @RequestBody(required = false) ListenBody body, ServerWebExchange exchange) {
        String base = baseUrl(exchange);
        return blocking.call(() -> {
            StoredWorkflow stored = workflows.get(id);
            StoredWorkflow target = body == null || body.workflow() == null
                    ? stored
                    : new StoredWorkflow(
                            id,
                            stored.versionId(),
                            workflows.parse(body.workflow()).withId(id),
                            stored.createdAt(),
                            stored.updatedAt());
            workflows.requireNoIssues(target.workflow(), "run");
            var p = body == null || body.workflow() == null ? prepared.get(stored) : prepared.draft(target.workflow());
            List<WebhookRegistration> routes = activation.routes(target, p).stream()
                    .map(r -> new WebhookRegistration(
                            r.workflowId(),
                            Optional.empty(),
                            r.workflowName(),
                            r.prepared(),
                            r.nodeName(),
                            r.node(),
                            r.spec()))
                    .toList();
            if (routes.isEmpty()) {
                throw ApiException.badRequest("The workflow has no Webhook node to listen on");
            }
            var listening = tests.listen(id, routes, properties.webhooks().testListenTimeout());
            Map<String, Object> m = new LinkedHashMap<>();
            m.put(
                    "testUrls",
                    routes.stream()
                            .flatMap(r -> r.spec().methods().stream()
                                    .map(method -> method + " " + base + "webhook-test/"
                                            + r.spec().path()))
                            .toList());
            m.put("expiresAt", listening.expiresAt().toString());
            return m;
        });
    }

    @GetMapping("/{id}/test-webhook")
    public Mono<Map<String, Object>> listening(@PathVariable String id) {
        return Mono.fromSupplier(() -> {
            var state = tests.state(id);
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("listening", state.isPresent() && state.get().awaitingExecution());
            m.put(
                    "executionId",
                    state.flatMap(TestWebhooks.Listening::executionId)
                            .filter(s -> !s.isEmpty())
                            .orElse(null));
            return m;
        });
    }

    private String baseUrl(ServerWebExchange exchange) {
        return io.hearth.server.web.PublicUrl.of(properties, exchange);
    }

    static List<Item> items(List<Map<String, Object>> input) {
        if (input == null || input.isEmpty()) {
            return List.of(Item.empty());
        }
        return input.stream().map(Item::of).toList();
    }
}
