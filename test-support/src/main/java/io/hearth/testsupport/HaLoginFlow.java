package io.hearth.testsupport;

import io.hearth.common.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Arrays;
import java.util.Map;

/**
 * Home Assistant's login flow API (what its login page does): signs the owner in and returns the authorization code
 * the page would send to the redirect URI.
 */
final class HaLoginFlow {

    private HaLoginFlow() {}

    /** @param env the instance's {@code HEARTH_HA_*} values (owner user name and password) */
    static String code(String url, Map<String, String> env, String clientId, String redirectUri) {
        Map<?, ?> flow = (Map<?, ?>) Json.parse(postJson(
                url + "/auth/login_flow",
                Map.of(
                        "client_id",
                        clientId,
                        "handler",
                        Arrays.asList("homeassistant", null),
                        "redirect_uri",
                        redirectUri)));
        Map<?, ?> done = (Map<?, ?>) Json.parse(postJson(
                url + "/auth/login_flow/" + flow.get("flow_id"),
                Map.of(
                        "client_id",
                        clientId,
                        "username",
                        env.get("HEARTH_HA_OWNER_USERNAME"),
                        "password",
                        env.get("HEARTH_HA_OWNER_PASSWORD"))));
        if (!"create_entry".equals(done.get("type"))) {
            throw new IllegalStateException("Home Assistant's login flow did not sign in: " + done);
        }
        return (String) done.get("result");
    }

    private static String postJson(String url, Map<String, Object> body) {
        try (HttpClient http = HttpClient.newBuilder()
                // Home Assistant (aiohttp) closes a connection that asks to upgrade to HTTP/2
                .version(HttpClient.Version.HTTP_1_1)
                .build()) {
            return http.send(
                            HttpRequest.newBuilder(URI.create(url))
                                    .header("Content-Type", "application/json")
                                    .POST(HttpRequest.BodyPublishers.ofString(Json.write(body)))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString())
                    .body();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
