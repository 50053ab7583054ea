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
    public Mono<Object> command(String operation, Map<String, Object> command) {
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
