package io.hearth.nodes.homeassistant;

import io.hearth.nodes.homeassistant.client.HaConnectionSettings;
import io.hearth.nodes.homeassistant.client.HomeAssistantClient;
import io.hearth.nodes.homeassistant.client.Json;
import io.hearth.testsupport.RealHomeAssistant;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/** Plain REST calls to the test Home Assistant with the owner's token, to change states and fire events. */
final class HaRest {

    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10))
            .build();
    private final RealHomeAssistant ha;

    HaRest(RealHomeAssistant ha) {
        this.ha = ha;
    }

    void callService(String domain, String service, Map<String, Object> data) {
        post("/api/services/" + domain + "/" + service, data);
    }

    void fireEvent(String type, Map<String, Object> data) {
        post("/api/events/" + type, data);
    }

    String state(String entityId) {
        return Json.asString(Json.asObject(Json.parse(request(
                        HttpRequest.newBuilder(uri("/api/states/" + entityId)).GET())))
                .get("state"));
    }

    /**
     * One WebSocket command with the owner's token (test setup: registries), through the plugin's client;
     * its result, or the failure as a {@link io.hearth.node.NodeApiException}.
     */
    Object command(Map<String, Object> command) {
        try (HomeAssistantClient client = HomeAssistantClient.create(
                HaConnectionSettings.fromCredential(HaTestSupport.credential(ha)),
                HomeAssistantClient.Options.DEFAULT)) {
            return client.command("Test setup " + command.get("type"), command)
                    .blockOptional(Duration.ofSeconds(60))
                    .orElse(null);
        }
    }

    void post(String path, Map<String, Object> body) {
        request(HttpRequest.newBuilder(uri(path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(Json.write(body))));
    }

    private URI uri(String path) {
        return URI.create(ha.url() + path);
    }

    private String request(HttpRequest.Builder builder) {
        try {
            HttpResponse<String> r = http.send(
                    builder.header("Authorization", "Bearer " + ha.token())
                            .timeout(Duration.ofSeconds(30))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() / 100 != 2) {
                throw new IllegalStateException(r.request().method() + " "
                        + r.uri().getPath() + " answered " + r.statusCode() + ": " + r.body());
            }
            return r.body();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
