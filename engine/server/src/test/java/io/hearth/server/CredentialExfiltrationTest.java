package io.hearth.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.hearth.credentials.CredentialService;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;

/**
 * The attacks on stored secrets: pointing a saved Home Assistant credential at another host through the Test
 * button or an update, and smuggling a line break into a header value. A listening "attacker" server records
 * every Authorization header it receives.
 */
class CredentialExfiltrationTest extends ApiTestSupport {

    private static final String STORED_TOKEN = "stored-ha-token-4f9d2c7e1b8a";

    @Autowired
    CredentialService credentials;

    private HttpServer attacker;
    private final List<String> received = new CopyOnWriteArrayList<>();
    private String id;
    private int homePort;

    @BeforeEach
    void attackerAndAStoredCredential() throws IOException {
        attacker = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        attacker.createContext("/", exchange -> {
            received.add(String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
            exchange.getRequestHeaders().forEach((k, v) -> received.add(k + ": " + v));
            byte[] body = "{\"message\": \"API running.\"}".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        attacker.start();
        try (var s = new java.net.ServerSocket(0)) {
            homePort = s.getLocalPort(); // the "real" Home Assistant: nothing listens there
        }
        id = (String) api.post()
                .uri("/api/v1/credentials")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of(
                        "name",
                        "Home " + System.nanoTime(),
                        "type",
                        "homeAssistantApi",
                        "data",
                        Map.of("host", "127.0.0.1", "port", homePort, "accessToken", STORED_TOKEN)))
                .exchange()
                .expectStatus()
                .isCreated()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody()
                .get("id");
    }

    @AfterEach
    void stopAttacker() {
        attacker.stop(0);
    }

    private int attackerPort() {
        return attacker.getAddress().getPort();
    }

    @Test
    void testingASavedCredentialAgainstAnotherHostNeedsTheTokenAgain() {
        List<Map<String, Object>> attempts = List.of(
                Map.of("host", "127.0.0.1", "port", attackerPort()),
                Map.of("host", "127.0.0.1", "port", attackerPort(), "accessToken", "******"),
                Map.of("host", "http://127.0.0.1:" + attackerPort() + "/", "accessToken", "******"),
                Map.of("host", "localhost", "port", homePort, "accessToken", "******"),
                Map.of("host", "127.0.0.1", "port", homePort, "ssl", true, "allowUnauthorizedCerts", true));
        for (Map<String, Object> data : attempts) {
            api.post()
                    .uri("/api/v1/credentials/test")
                    .contentType(MediaType.APPLICATION_JSON)
                    .bodyValue(Map.of("type", "homeAssistantApi", "id", id, "data", data))
                    .exchange()
                    .expectStatus()
                    .isBadRequest()
                    .expectBody()
                    .jsonPath("$.errors[0].path")
                    .isEqualTo("data.accessToken")
                    .jsonPath("$.errors[0].message")
                    .value(m -> assertThat((String) m).contains("must be entered again"));
        }
        assertThat(received).isEmpty();

        // positive control: a token typed again goes where the user says, and only that token
        api.post()
                .uri("/api/v1/credentials/test")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of(
                        "type",
                        "homeAssistantApi",
                        "id",
                        id,
                        "data",
                        Map.of("host", "127.0.0.1", "port", attackerPort(), "accessToken", "typed-again-token")))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.status")
                .isEqualTo("OK");
        assertThat(received).contains("Bearer typed-again-token");
        assertThat(String.join("\n", received)).doesNotContain(STORED_TOKEN);
    }

    @Test
    void anUpdateThatChangesOnlyTheHostIsRefused() {
        for (Map<String, Object> body : List.of(
                Map.<String, Object>of("data", Map.of("host", "127.0.0.1", "port", attackerPort())),
                Map.<String, Object>of(
                        "name",
                        "Renamed",
                        "data",
                        Map.of("host", "evil.example", "port", homePort, "accessToken", "******")))) {
            api.put()
                    .uri("/api/v1/credentials/{id}", id)
                    .contentType(MediaType.APPLICATION_JSON)
                    .bodyValue(body)
                    .exchange()
                    .expectStatus()
                    .isBadRequest()
                    .expectBody()
                    .jsonPath("$.errors[0].path")
                    .isEqualTo("data.accessToken");
        }
        var stored = credentials.decrypt(id);
        assertThat(stored.string("host")).isEqualTo("127.0.0.1");
        assertThat(stored.integer("port")).contains((long) homePort);
        assertThat(credentials.get(id).orElseThrow().name()).startsWith("Home ");
        // the saved credential, tested unchanged, still only goes to its own (closed) port
        api.post()
                .uri("/api/v1/credentials/test")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of(
                        "type", "homeAssistantApi", "id", id, "data", Map.of("host", "127.0.0.1", "port", homePort)))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.status")
                .isEqualTo("FAILED");
        assertThat(received).isEmpty();
    }

    @Test
    void lineBreaksInHeaderValuesAreRefusedWhenSaving() {
        record Attempt(String type, Map<String, Object> data, String field) {}
        for (Attempt a : List.of(
                new Attempt(
                        "homeAssistantApi",
                        Map.of("host", "127.0.0.1", "port", attackerPort(), "accessToken", "abc\r\nX-Injected: 1"),
                        "data.accessToken"),
                new Attempt(
                        "homeAssistantApi",
                        Map.of("host", "127.0.0.1", "port", attackerPort(), "accessToken", "abc\nX-Injected: 1"),
                        "data.accessToken"),
                new Attempt("httpHeaderAuth", Map.of("name", "X-Key", "value", "v\r\nX-Injected: 1"), "data.value"),
                new Attempt("httpHeaderAuth", Map.of("name", "X-Key\r\nX-Injected", "value", "v"), "data.name"),
                new Attempt("httpBasicAuth", Map.of("user", "me\u0000", "password", "p"), "data.user"))) {
            for (String uri : List.of("/api/v1/credentials", "/api/v1/credentials/test")) {
                api.post()
                        .uri(uri)
                        .contentType(MediaType.APPLICATION_JSON)
                        .bodyValue(Map.of("name", "Injected", "type", a.type(), "data", a.data()))
                        .exchange()
                        .expectStatus()
                        .isBadRequest()
                        .expectBody()
                        .jsonPath("$.errors[?(@.path == '" + a.field() + "')].message")
                        .value(m -> assertThat(m.toString()).contains("must not contain line breaks"));
            }
        }
        assertThat(received).isEmpty();
    }
}
