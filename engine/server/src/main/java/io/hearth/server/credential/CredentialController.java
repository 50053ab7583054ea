package io.hearth.server.credential;

import io.hearth.credentials.CredentialNotFoundException;
import io.hearth.credentials.CredentialService;
import io.hearth.credentials.CredentialStore;
import io.hearth.credentials.CredentialSummary;
import io.hearth.credentials.CredentialValidationException;
import io.hearth.credentials.CredentialView;
import io.hearth.credentials.KeyRotation;
import io.hearth.credentials.MasterKey;
import io.hearth.credentials.MasterKeyProvider;
import io.hearth.credentials.UnknownCredentialTypeException;
import io.hearth.runtime.workflow.FieldProblem;
import io.hearth.server.support.Blocking;
import io.hearth.server.web.ApiException;
import io.hearth.server.web.ApiShapes;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
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
import reactor.core.publisher.Mono;

/** Credentials: secrets go in, never out (reads show {@code ******}); test; key rotation. */
@RestController
@RequestMapping("/api/v1")
public class CredentialController {

    private final CredentialService credentials;
    private final CredentialStore store;
    private final MasterKeyProvider keys;
    private final Blocking blocking;
    private final io.hearth.server.workflow.WorkflowRepository workflows;

    public CredentialController(
            CredentialService credentials,
            CredentialStore store,
            MasterKeyProvider keys,
            Blocking blocking,
            io.hearth.server.workflow.WorkflowRepository workflows) {
        this.workflows = workflows;
        this.credentials = credentials;
        this.store = store;
        this.keys = keys;
        this.blocking = blocking;
    }

    public record Body(String name, String type, Map<String, Object> data, String id) {}

    @ApiResponse(
            responseCode = "200",
            description = "OK",
            content =
                    @Content(
                            array = @ArraySchema(schema = @Schema(implementation = ApiShapes.CredentialSummary.class))))
    @GetMapping("/credentials")
    public Mono<List<Map<String, Object>>> list(@RequestParam Optional<String> type) {
        return call(() -> (type.isPresent() ? credentials.list(type.get()) : credentials.list())
                .stream().map(CredentialController::summary).toList());
    }

    @ResponseStatus(HttpStatus.CREATED)
    @ApiResponse(
            responseCode = "201",
            description = "Created",
            content = @Content(schema = @Schema(implementation = ApiShapes.Credential.class)))
    @PostMapping("/credentials")
    public Mono<ResponseEntity<Map<String, Object>>> create(@RequestBody Body body) {
        return call(() -> {
            if (body.name() == null || body.name().isBlank()) {
                throw ApiException.invalid(List.of(new FieldProblem("name", "required")));
            }
            if (body.type() == null || body.type().isBlank()) {
                throw ApiException.invalid(List.of(new FieldProblem("type", "required")));
            }
            return ResponseEntity.status(HttpStatus.CREATED)
                    .body(view(credentials.create(
                            body.name().strip(), body.type(), body.data() == null ? Map.of() : body.data())));
        });
    }

    @ApiResponse(
            responseCode = "200",
            description = "OK",
            content = @Content(schema = @Schema(implementation = ApiShapes.Credential.class)))
    @GetMapping("/credentials/{id}")
    public Mono<Map<String, Object>> get(@PathVariable String id) {
        return call(() -> view(credentials.get(id).orElseThrow(() -> ApiException.notFound("Credential", id))));
    }

    @ApiResponse(
            responseCode = "200",
            description = "OK",
            content = @Content(schema = @Schema(implementation = ApiShapes.Credential.class)))
    @PutMapping("/credentials/{id}")
    public Mono<Map<String, Object>> update(@PathVariable String id, @RequestBody Body body) {
        return call(() -> view(credentials.update(
                id, Optional.ofNullable(body.name()).filter(n -> !n.isBlank()), Optional.ofNullable(body.data()))));
    }

    /** The workflows that use the credential (the editor lists them before deleting it). */
    @GetMapping("/credentials/{id}/workflows")
    public Mono<List<Map<String, Object>>> usage(@PathVariable String id) {
        return call(() -> {
            if (credentials.get(id).isEmpty()) {
                throw ApiException.notFound("Credential", id);
            }
            return workflows.usingCredential(id).stream()
                    .map(w -> Map.<String, Object>of("id", w.id(), "name", w.name(), "active", w.active()))
                    .toList();
        });
    }

    @DeleteMapping("/credentials/{id}")
    public Mono<ResponseEntity<Void>> delete(@PathVariable String id) {
        return call(() -> {
            if (!credentials.delete(id)) {
                throw ApiException.notFound("Credential", id);
            }
            return ResponseEntity.noContent().<Void>build();
        });
    }

    @PostMapping("/credentials/test")
    public Mono<Map<String, Object>> test(@RequestBody Body body) {
        if (body.type() == null || body.type().isBlank()) {
            throw ApiException.invalid(List.of(new FieldProblem("type", "required")));
        }
        return call(() -> credentials.test(
                        body.type(), body.data() == null ? Map.of() : body.data(), Optional.ofNullable(body.id())))
                .flatMap(stage -> Mono.fromCompletionStage(stage))
                .onErrorMap(e -> !(e instanceof ApiException), CredentialController::translate)
                .map(r -> Map.<String, Object>of("status", r.status().name(), "message", r.message()));
    }

    public record Rotation(String newKey) {}

    @PostMapping("/admin/rotate-encryption-key")
    public Mono<Map<String, Object>> rotate(@RequestBody(required = false) Rotation body) {
        return call(() -> {
            KeyRotation rotation = new KeyRotation(store, keys);
            var result = body == null || body.newKey() == null || body.newKey().isBlank()
                    ? rotation.rotateToNewKey()
                    : rotation.rotate(MasterKey.of(body.newKey()));
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("rotated", result.reEncrypted());
            m.put("keyId", result.newKeyId());
            m.put("advice", result.operatorAdvice());
            return m;
        });
    }

    private <T> Mono<T> call(Callable<T> work) {
        return blocking.call(work).onErrorMap(e -> !(e instanceof ApiException), CredentialController::translate);
    }

    static Throwable translate(Throwable e) {
        Throwable t = e instanceof java.util.concurrent.CompletionException && e.getCause() != null ? e.getCause() : e;
        return switch (t) {
            case CredentialNotFoundException n -> new ApiException(HttpStatus.NOT_FOUND, n.getMessage());
            case UnknownCredentialTypeException u ->
                ApiException.invalid(List.of(new FieldProblem("type", u.getMessage())));
            case CredentialValidationException v ->
                ApiException.invalid(v.errors().stream()
                        .map(fe -> new FieldProblem(fe.field(), fe.message()))
                        .toList());
            case ApiException a -> a;
            case io.hearth.credentials.CredentialException c ->
                new ApiException(HttpStatus.BAD_REQUEST, c.getMessage());
            default -> t;
        };
    }

    private static Map<String, Object> summary(CredentialSummary s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", s.id());
        m.put("name", s.name());
        m.put("type", s.type());
        m.put("createdAt", s.createdAt().toString());
        m.put("updatedAt", s.updatedAt().toString());
        return m;
    }

    private static Map<String, Object> view(CredentialView v) {
        Map<String, Object> m = summary(v.summary());
        m.put("data", v.values());
        m.put(
                "secretsSet",
                v.secrets().entrySet().stream()
                        .filter(Map.Entry::getValue)
                        .map(Map.Entry::getKey)
                        .toList());
        return m;
    }
}
