package io.hearth.nodes.homeassistant;

import io.hearth.nodes.homeassistant.client.HaRequest;
import io.hearth.nodes.homeassistant.client.HaResponse;
import io.hearth.nodes.homeassistant.client.HomeAssistantApi;
import io.hearth.nodes.homeassistant.client.HomeAssistantErrors;
import io.hearth.nodes.homeassistant.client.Json;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import reactor.core.publisher.Mono;

/**
 * Records the requests the node builds (unit tests check exact paths and bodies) and answers them with
 * canned responses. Not a Home Assistant: integration tests use the real one.
 */
final class RecordingApi implements HomeAssistantApi {

    final List<HaRequest> requests = new ArrayList<>();
    final List<Map<String, Object>> commands = new ArrayList<>();
    /** What the node looked up before acting: "services", "states", "area registry", ... */
    final List<String> lookups = new ArrayList<>();

    private Object services = List.of();
    private List<String> entities = List.of();
    private Map<String, List<String>> registries = Map.of();
    private Function<HaRequest, HaResponse> answers = r -> json(200, Map.of());
    private Function<Map<String, Object>, Object> commandAnswers = c -> Map.of();

    RecordingApi answering(Function<HaRequest, HaResponse> answers) {
        this.answers = answers;
        return this;
    }

    RecordingApi answeringCommands(Function<Map<String, Object>, Object> answers) {
        this.commandAnswers = answers;
        return this;
    }

    /** {@code GET /api/services}' answer (default: no services). */
    RecordingApi withServices(Object value) {
        this.services = value;
        return this;
    }

    /** The entities (states) and registry ids ({@code "area" -> [kitchen]}) Home Assistant knows. */
    RecordingApi knowing(List<String> entityIds, Map<String, List<String>> registryIds) {
        this.entities = List.copyOf(entityIds);
        this.registries = Map.copyOf(registryIds);
        return this;
    }

    static HaResponse json(int status, Object body) {
        return new HaResponse(status, "application/json", Json.writeBytes(body));
    }

    static HaResponse text(String body) {
        return new HaResponse(200, "text/plain; charset=utf-8", body.getBytes(StandardCharsets.UTF_8));
    }

    /** An error answer: mapped exactly as the real client maps it. */
    static RuntimeException status(HaRequest r, int status, String body) {
        return HomeAssistantErrors.forStatus(r, status, body);
    }

    @Override
    public Mono<HaResponse> send(HaRequest request) {
        return Mono.fromCallable(() -> {
            requests.add(request);
            return answers.apply(request);
        });
    }

    @Override
    public Mono<Object> services() {
        return Mono.fromCallable(() -> {
            lookups.add("services");
            return services;
        });
    }

    @Override
    public Mono<Object> states() {
        return Mono.fromCallable(() -> {
            lookups.add("states");
            return entities.stream()
                    .map(id -> (Object) Map.of("entity_id", id, "state", "on"))
                    .toList();
        });
    }

    @Override
    public Mono<Object> command(String operation, Map<String, Object> command) {
        String type = String.valueOf(command.get("type"));
        if (type.startsWith("config/") && type.endsWith("_registry/list")) {
            String kind = type.substring("config/".length(), type.length() - "_registry/list".length());
            return Mono.fromCallable(() -> {
                lookups.add(kind + " registry");
                String idKey = kind.equals("device") ? "id" : kind + "_id";
                return registries.getOrDefault(kind, List.of()).stream()
                        .map(id -> (Object) Map.of(idKey, id, "name", id.toUpperCase(java.util.Locale.ROOT)))
                        .toList();
            });
        }
        return Mono.fromCallable(() -> {
            commands.add(command);
            return commandAnswers.apply(command);
        });
    }

    @Override
    public String baseUrl() {
        return "http://recording:8123";
    }
}
