package io.hearth.server.execution;

import io.hearth.runtime.execution.ExecutionStatus;
import io.hearth.server.support.Blocking;
import io.hearth.server.web.ApiException;
import io.hearth.server.web.ApiShapes;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** Execution history: list, detail with per-node data, binary downloads, delete, retry, cancel. */
@RestController
@RequestMapping("/api/v1/executions")
public class ExecutionController {

    private final ExecutionRepository repository;
    private final ExecutionService executions;
    private final ManualRuns runs;
    private final Blocking blocking;

    public ExecutionController(
            ExecutionRepository repository, ExecutionService executions, ManualRuns runs, Blocking blocking) {
        this.repository = repository;
        this.executions = executions;
        this.runs = runs;
        this.blocking = blocking;
    }

    @ApiResponse(
            responseCode = "200",
            description = "OK",
            content = @Content(schema = @Schema(implementation = ApiShapes.ExecutionPage.class)))
    @GetMapping
    public Mono<Map<String, Object>> list(
            @RequestParam Optional<String> workflowId,
            @RequestParam Optional<String> status,
            @RequestParam(defaultValue = "50") int limit,
            @RequestParam(defaultValue = "0") int offset) {
        if (limit < 1 || limit > 500) {
            throw ApiException.badRequest("limit: must be between 1 and 500");
        }
        if (offset < 0) {
            throw ApiException.badRequest("offset: must not be negative");
        }
        Optional<ExecutionStatus> s = status.map(v -> {
            try {
                return ExecutionStatus.fromWireName(v);
            } catch (IllegalArgumentException e) {
                throw ApiException.badRequest(
                        "status: must be one of new, running, success, error, canceled, waiting, crashed");
            }
        });
        return blocking.call(() -> {
            var page = repository.list(workflowId, s, limit, offset);
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("data", page.data().stream().map(ExecutionViews::summary).toList());
            m.put("total", page.total());
            m.put("limit", limit);
            m.put("offset", offset);
            return m;
        });
    }

    @ApiResponse(
            responseCode = "200",
            description = "OK",
            content = @Content(schema = @Schema(implementation = ApiShapes.Execution.class)))
    @GetMapping("/{id}")
    public Mono<Map<String, Object>> get(@PathVariable String id) {
        return blocking.call(() -> {
            Optional<ExecutionRecord> running = executions.running(id);
            if (running.isPresent()) {
                Map<String, Object> m = ExecutionViews.detail(
                        running.get(),
                        StoredExecutionData.parse(repository.data(id).orElse("{}")));
                m.put("progress", ExecutionViews.progress(executions.progress(id)));
                return m;
            }
            Optional<ExecutionRecord> stored = repository.find(id);
            if (stored.isEmpty()) {
                // a manual run its workflow does not keep (saveManualExecutions false): answered once, shortly after
                return runs.unsaved(id).orElseThrow(() -> ApiException.notFound("Execution", id));
            }
            return ExecutionViews.detail(
                    stored.get(), StoredExecutionData.parse(repository.data(id).orElse("{}")));
        });
    }

    @GetMapping("/{id}/binary/{node}/{run}/{side}/{output}/{item}/{property}")
    public Mono<ResponseEntity<byte[]>> binary(
            @PathVariable String id,
            @PathVariable String node,
            @PathVariable int run,
            @PathVariable String side,
            @PathVariable int output,
            @PathVariable int item,
            @PathVariable String property) {
        return blocking.call(() -> {
            Map<String, Object> data = StoredExecutionData.parse(
                    repository.data(id).orElseThrow(() -> ApiException.notFound("Execution", id)));
            Object b = dig(data, "nodes", node, run, side, output, item, "binary", property);
            if (!(b instanceof Map<?, ?> bin) || !(bin.get("data") instanceof String base64)) {
                throw ApiException.notFound(
                        "Binary data", node + "/" + run + "/" + side + "/" + output + "/" + item + "/" + property);
            }
            var builder =
                    ResponseEntity.ok().contentType(MediaType.parseMediaType(String.valueOf(bin.get("mimeType"))));
            if (bin.get("fileName") != null) {
                builder.header(HttpHeaders.CONTENT_DISPOSITION, "inline; filename=\"" + bin.get("fileName") + "\"");
            }
            return builder.body(Base64.getDecoder().decode(base64));
        });
    }

    private static Object dig(Object root, Object... path) {
        Object current = root;
        for (Object p : path) {
            if (p instanceof String key && current instanceof Map<?, ?> m) {
                current = m.get(key);
            } else if (p instanceof Integer i && current instanceof List<?> l && i >= 0 && i < l.size()) {
                current = l.get(i);
            } else {
                return null;
            }
        }
        return current;
    }

    @DeleteMapping("/{id}")
    public Mono<ResponseEntity<Void>> delete(@PathVariable String id) {
        return blocking.call(() -> {
            if (executions.running(id).isPresent()) {
                throw ApiException.conflict("Execution " + id + " is running; cancel it first");
            }
            if (!repository.delete(id)) {
                throw ApiException.notFound("Execution", id);
            }
            return ResponseEntity.noContent().<Void>build();
        });
    }

    /**
     * From the failed node: {@code workflow=original} (default) with the version it ran; {@code workflow=current}
     * with the workflow as saved now.
     */
    @ApiResponse(
            responseCode = "200",
            description = "OK",
            content = @Content(schema = @Schema(implementation = ApiShapes.Execution.class)))
    @PostMapping("/{id}/retry")
    public Mono<Map<String, Object>> retry(
            @PathVariable String id, @RequestParam(defaultValue = "original") String workflow) {
        if (!workflow.equals("original") && !workflow.equals("current")) {
            throw ApiException.badRequest("workflow: must be original or current");
        }
        return blocking.call(() -> runs.retry(id, workflow.equals("current"))).flatMap(m -> m);
    }

    @PostMapping("/{id}/cancel")
    public Mono<Map<String, Object>> cancel(@PathVariable String id) {
        return blocking.call(() -> {
            if (executions.cancel(id)) {
                return Map.<String, Object>of("id", id, "status", "canceled");
            }
            ExecutionRecord r = repository.find(id).orElseThrow(() -> ApiException.notFound("Execution", id));
            throw ApiException.conflict(
                    "Execution " + id + " is not running (status " + r.status().wireName() + ")");
        });
    }
}
