package io.hearth.server.nodetype;

import io.hearth.credentials.CredentialService;
import io.hearth.node.LoadOptionsContext;
import io.hearth.node.LoadOptionsMethod;
import io.hearth.node.NodeLogger;
import io.hearth.node.NodeType;
import io.hearth.node.credential.CredentialData;
import io.hearth.node.credential.CredentialType;
import io.hearth.node.description.CredentialRequirement;
import io.hearth.node.description.NodeDescription;
import io.hearth.node.description.Option;
import io.hearth.node.description.Port;
import io.hearth.runtime.registry.NodeRegistry;
import io.hearth.server.support.Blocking;
import io.hearth.server.web.ApiException;
import io.hearth.server.web.ApiShapes;
import io.hearth.uischema.NodeSchemas;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** Node and credential types with their generated schemas, icons and dynamic options. */
@RestController
@RequestMapping("/api/v1")
public class NodeTypeController {

    private final NodeRegistry registry;
    private final CredentialService credentials;
    private final Blocking blocking;
    private volatile List<Map<String, Object>> nodeTypes;
    private volatile List<Map<String, Object>> credentialTypes;

    public NodeTypeController(NodeRegistry registry, CredentialService credentials, Blocking blocking) {
        this.registry = registry;
        this.credentials = credentials;
        this.blocking = blocking;
    }

    @ApiResponse(
            responseCode = "200",
            description = "OK",
            content = @Content(array = @ArraySchema(schema = @Schema(implementation = ApiShapes.NodeType.class))))
    @GetMapping("/node-types")
    public List<Map<String, Object>> nodeTypes() {
        if (nodeTypes == null) {
            nodeTypes = registry.nodeTypes().stream()
                    .map(t -> view(t.description()))
                    .toList();
        }
        return nodeTypes;
    }

    @ApiResponse(
            responseCode = "200",
            description = "OK",
            content = @Content(schema = @Schema(implementation = ApiShapes.NodeType.class)))
    @GetMapping("/node-types/{name}")
    public Map<String, Object> nodeType(@PathVariable String name) {
        return view(find(name).description());
    }

    private NodeType find(String name) {
        return registry.find(name).orElseThrow(() -> ApiException.notFound("Node type", name));
    }

    static Map<String, Object> view(NodeDescription d) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", d.name());
        m.put("aliases", d.aliases());
        m.put("displayName", d.displayName());
        m.put("group", d.group().name().toLowerCase(java.util.Locale.ROOT));
        m.put("categories", d.categories());
        m.put("keywords", d.keywords());
        m.put("icon", d.icon());
        m.put("description", d.description());
        m.put("versions", d.versions());
        m.put("defaultVersion", d.defaultVersion());
        m.put("inputs", d.inputs().stream().map(Port::displayName).toList());
        m.put("outputs", d.outputs().stream().map(Port::displayName).toList());
        m.put(
                "credentials",
                d.credentials().stream().map(CredentialRequirement::type).toList());
        m.put("schema", NodeSchemas.forNode(d));
        return m;
    }

    @GetMapping("/node-types/{name}/icon")
    public ResponseEntity<byte[]> icon(@PathVariable String name) {
        NodeType type = find(name);
        String icon = type.description().icon();
        if (!icon.startsWith("file:")) {
            throw ApiException.notFound("Icon file of node type", name);
        }
        String file = icon.substring(5);
        try (InputStream in = resource(type, file)) {
            if (in == null) {
                throw ApiException.notFound("Icon file", file);
            }
            MediaType mediaType = file.endsWith(".svg")
                    ? MediaType.valueOf("image/svg+xml")
                    : file.endsWith(".png") ? MediaType.IMAGE_PNG : MediaType.APPLICATION_OCTET_STREAM;
            return ResponseEntity.ok()
                    .contentType(mediaType)
                    .cacheControl(CacheControl.maxAge(1, TimeUnit.HOURS))
                    .body(in.readAllBytes());
        } catch (IOException e) {
            throw new ApiException(HttpStatus.INTERNAL_SERVER_ERROR, "cannot read icon " + file);
        }
    }

    private static InputStream resource(NodeType type, String file) {
        InputStream in = type.getClass().getResourceAsStream(file);
        return in != null
                ? in
                : type.getClass().getClassLoader().getResourceAsStream(file.startsWith("/") ? file.substring(1) : file);
    }

    public record MigrateBody(Double typeVersion, Map<String, Object> parameters) {}

    /**
     * A node's parameters as Hearth reads them: brought by the type's version migrations (the one Java
     * implementation the runtime and validation use) to the form its description declares, with the
     * version of that form, what each applied step did, and whether that form may be saved under the node's
     * own version (reading it again changes nothing). The editor shows an older node this way.
     */
    @ApiResponse(
            responseCode = "200",
            description = "OK",
            content = @Content(schema = @Schema(implementation = ApiShapes.MigratedParameters.class)))
    @PostMapping("/node-types/{name}/migrate")
    public Map<String, Object> migrate(@PathVariable String name, @RequestBody MigrateBody body) {
        NodeType type = find(name);
        if (body.typeVersion() == null) {
            throw ApiException.badRequest("typeVersion: required");
        }
        double version = body.typeVersion();
        if (!type.description().versions().contains(version)) {
            throw ApiException.badRequest(
                    "typeVersion: must be one of " + type.description().versions());
        }
        Map<String, Object> parameters = body.parameters() == null ? Map.of() : body.parameters();
        Map<String, Object> current;
        try {
            current = io.hearth.runtime.registry.ParameterMigrations.toCurrent(type, version, parameters);
        } catch (RuntimeException e) {
            throw ApiException.badRequest("parameters: cannot be read as version " + version + " parameters ("
                    + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()) + ")");
        }
        Map<String, Object> out = new LinkedHashMap<>();
        // parameters the node reads that its description does not declare (Edit Fields 1's values): no form shows them
        List<String> unshown = current.keySet().stream()
                .filter(key -> type.description().parameter(key).isEmpty())
                .toList();
        if (unshown.isEmpty() && !rewritesShownValues(type.description(), version, parameters, current)) {
            // the version's own form shows these parameters (a step only added one that form hides)
            out.put("typeVersion", version);
            out.put("parameters", parameters);
            out.put("steps", List.of());
            out.put("editable", true);
            out.put("unshown", List.of());
            return out;
        }
        out.put("typeVersion", io.hearth.runtime.registry.ParameterMigrations.formVersion(type, version));
        out.put("parameters", current);
        // the editor may save the migrated form under the node's own version only if reading it again
        // changes nothing (If 1's typed lists, read again, would drop the filter the form wrote)
        out.put(
                "editable",
                unshown.isEmpty()
                        && io.hearth.runtime.registry.ParameterMigrations.toCurrent(type, version, current)
                                .equals(current));
        out.put("unshown", unshown);
        out.put(
                "steps",
                type.migrations().stream()
                        .filter(step -> version < step.upTo())
                        .sorted(java.util.Comparator.comparingDouble(io.hearth.node.description.VersionMigration::upTo))
                        .map(io.hearth.node.description.VersionMigration::summary)
                        .toList());
        return out;
    }

    /** Whether the migrations changed the value of a parameter the version's own form shows. */
    private static boolean rewritesShownValues(
            NodeDescription d, double version, Map<String, Object> original, Map<String, Object> current) {
        java.util.function.Function<String, Optional<Object>> valueOf = key -> {
            if (key.equals("@version")) {
                return Optional.of(version);
            }
            String name = key.startsWith("/") ? key.substring(1) : key;
            return Optional.ofNullable(original.get(name))
                    .or(() -> d.parameter(name).map(io.hearth.node.description.Parameter::defaultValue));
        };
        return d.parameters().stream()
                .filter(p -> p.holdsValue() && p.displayOptions().isVisible(valueOf))
                .anyMatch(p -> !java.util.Objects.equals(original.get(p.name()), current.get(p.name())));
    }

    public record LoadOptionsBody(
            String method,
            Map<String, Object> parameters,
            Map<String, Map<String, Object>> credentials,
            String search) {}

    @ApiResponse(
            responseCode = "200",
            description = "OK",
            content = @Content(array = @ArraySchema(schema = @Schema(implementation = ApiShapes.LoadedOption.class))))
    @PostMapping("/node-types/{name}/load-options")
    public Mono<List<Map<String, Object>>> loadOptions(@PathVariable String name, @RequestBody LoadOptionsBody body) {
        NodeType type = find(name);
        if (body.method() == null || body.method().isBlank()) {
            throw ApiException.badRequest("method: required");
        }
        LoadOptionsMethod method = type.loadOptionsMethods().get(body.method());
        if (method == null) {
            throw ApiException.badRequest("method: node type "
                    + type.description().name() + " has no load-options method '" + body.method() + "'");
        }
        Map<String, Object> parameters = body.parameters() == null ? Map.of() : body.parameters();
        return blocking.call(() -> resolveCredentials(type, body.credentials()))
                .flatMap(creds -> Mono.fromCompletionStage(
                        () -> method.load(new Context(parameters, creds, body.search(), name))))
                .map(options -> options.stream().map(NodeTypeController::option).toList())
                .onErrorMap(
                        e -> !(e instanceof ApiException),
                        e -> new ApiException(
                                HttpStatus.BAD_REQUEST,
                                "Loading options failed: " + (e.getMessage() == null ? e.toString() : e.getMessage())));
    }

    private Map<String, CredentialData> resolveCredentials(NodeType type, Map<String, Map<String, Object>> refs) {
        Map<String, CredentialData> out = new LinkedHashMap<>();
        if (refs == null) {
            return out;
        }
        refs.forEach((credentialType, ref) -> {
            boolean declared = type.description().credentials().stream()
                    .anyMatch(c -> c.type().equals(credentialType));
            Object id = ref == null ? null : ref.get("id");
            if (declared && id != null) {
                try {
                    CredentialData data = credentials.decrypt(String.valueOf(id));
                    if (data.type().equals(credentialType)) {
                        out.put(credentialType, data);
                    }
                } catch (RuntimeException e) {
                    throw ApiException.badRequest("credentials." + credentialType + ": credential '" + id
                            + "' cannot be used: " + e.getMessage());
                }
            }
        });
        return out;
    }

    private static Map<String, Object> option(Option o) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", o.name());
        m.put("value", o.value());
        m.put("description", o.description());
        return m;
    }

    private record Context(
            Map<String, Object> currentParameters,
            Map<String, CredentialData> creds,
            String searchText,
            String nodeType)
            implements LoadOptionsContext {
        @Override
        public Optional<CredentialData> credential(String credentialType) {
            return Optional.ofNullable(creds.get(credentialType));
        }

        @Override
        public Optional<String> search() {
            return Optional.ofNullable(searchText).filter(s -> !s.isBlank());
        }

        @Override
        public NodeLogger log() {
            var redactor = io.hearth.common.SecretRedactor.forCredentials(creds.values());
            return new io.hearth.runtime.execution.RedactingNodeLogger(
                    nodeType, "nodeType", nodeType, "load-options", () -> redactor);
        }
    }

    @ApiResponse(
            responseCode = "200",
            description = "OK",
            content = @Content(array = @ArraySchema(schema = @Schema(implementation = ApiShapes.CredentialType.class))))
    @GetMapping("/credential-types")
    public List<Map<String, Object>> credentialTypes() {
        if (credentialTypes == null) {
            credentialTypes = registry.credentialTypes().stream()
                    .map(NodeTypeController::credentialView)
                    .toList();
        }
        return credentialTypes;
    }

    private static Map<String, Object> credentialView(CredentialType t) {
        var d = t.description();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", d.name());
        m.put("displayName", d.displayName());
        m.put("icon", d.icon());
        m.put("documentationUrl", d.documentationUrl().orElse(null));
        m.put("schema", NodeSchemas.forCredential(d));
        // offered in a node's credential-type choice (HTTP Request's "Predefined Credential Type")
        m.put("signsRequests", t.requestAuthentication().isPresent());
        // a browser sign-in fills this field: the editor shows the button instead of it
        t.browserSignIn()
                .ifPresent(s -> m.put("signIn", Map.of("tokenField", s.tokenField(), "buttonText", s.buttonText())));
        return m;
    }

    @GetMapping("/plugins")
    public Map<String, Object> plugins() {
        return Map.of(
                "failures",
                registry.failures().stream()
                        .map(f -> Map.of("source", f.source(), "problem", f.problem()))
                        .toList());
    }
}
