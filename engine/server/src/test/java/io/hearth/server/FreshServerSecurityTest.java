package io.hearth.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * A server started on a data directory that does not exist yet and with no owner: how it creates its files, the
 * owner's password rules, and sign-in throttling per address (with few free failures, so the test is short; the
 * shared test server keeps the defaults).
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"hearth.auth.address-free-failures=3", "hearth.auth.account-free-failures=3"})
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FreshServerSecurityTest {

    static final Path DATA_DIR;
    private static final String PASSWORD = "fresh-owner-pass-42";

    static {
        try {
            DATA_DIR = Files.createTempDirectory("hearth-fresh").resolve("data");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @DynamicPropertySource
    static void dataDir(DynamicPropertyRegistry registry) {
        registry.add("hearth.data-dir", DATA_DIR::toString);
    }

    @LocalServerPort
    int port;

    WebTestClient http;

    @BeforeEach
    void client() {
        http = WebTestClient.bindToServer()
                .baseUrl("http://localhost:" + port)
                .responseTimeout(Duration.ofSeconds(60))
                .build();
    }

    @Test
    @Order(1)
    void theDataDirectoryAndDatabaseAreReadableByTheirOwnerOnly() throws IOException {
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(DATA_DIR)))
                .isEqualTo("rwx------");
        // The database and its write-ahead log (which holds the newest writes until they are checkpointed).
        for (String file : List.of("hearth.db", "hearth.db-wal", "hearth.db-shm")) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(DATA_DIR.resolve(file))))
                    .as(file)
                    .isEqualTo("rw-------");
        }
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(DATA_DIR.resolve("encryption.key"))))
                .isEqualTo("rw-------");
    }

    @Test
    @Order(2)
    void theOwnerPasswordMustBeLongAndUncommon() {
        for (String weak : List.of("12345678", "password1234", "Password2024!", "qwertyuiop123")) {
            http.post()
                    .uri("/api/v1/auth/setup")
                    .contentType(MediaType.APPLICATION_JSON)
                    .bodyValue(Map.of("email", "me@fresh.example", "password", weak))
                    .exchange()
                    .expectStatus()
                    .isBadRequest()
                    .expectBody()
                    .jsonPath("$.errors[0].path")
                    .isEqualTo("password");
        }
        http.post()
                .uri("/api/v1/auth/setup")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("email", "x".repeat(300) + "@fresh.example", "password", PASSWORD))
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.errors[0].path")
                .isEqualTo("email");
        http.post()
                .uri("/api/v1/auth/setup")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("email", "me@fresh.example", "password", PASSWORD, "name", "Me"))
                .exchange()
                .expectStatus()
                .isCreated();
    }

    @Test
    @Order(3)
    void signingInStartsANewSessionAndEndsTheOneTheBrowserHad() {
        String first = login(PASSWORD);
        String second = http.post()
                .uri("/api/v1/auth/login")
                .cookie("hearth_session", first)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("email", "me@fresh.example", "password", PASSWORD))
                .exchange()
                .expectStatus()
                .isOk()
                .returnResult(String.class)
                .getResponseCookies()
                .getFirst("hearth_session")
                .getValue();
        assertThat(second).isNotEqualTo(first);
        status(first, 401);
        status(second, 200);
    }

    @Test
    @Order(4)
    void theOwnerSeesAndEndsOtherSessions() {
        String mine = login(PASSWORD);
        String other = login(PASSWORD);
        String third = login(PASSWORD);
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> sessions = http.get()
                .uri("/api/v1/auth/sessions")
                .cookie("hearth_session", mine)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(List.class)
                .returnResult()
                .getResponseBody();
        assertThat(sessions).hasSizeGreaterThanOrEqualTo(3);
        assertThat(sessions)
                .filteredOn(s -> Boolean.TRUE.equals(s.get("current")))
                .hasSize(1);
        String otherId = io.hearth.server.support.Hashing.sha256(other);
        http.delete()
                .uri("/api/v1/auth/sessions/{id}", otherId)
                .cookie("hearth_session", mine)
                .header("Origin", "http://localhost:" + port)
                .exchange()
                .expectStatus()
                .isNoContent();
        status(other, 401);
        http.post()
                .uri("/api/v1/auth/sessions/revoke-others")
                .cookie("hearth_session", mine)
                .header("Origin", "http://localhost:" + port)
                .exchange()
                .expectStatus()
                .isOk();
        status(third, 401);
        status(mine, 200);
    }

    @Test
    @Order(5)
    void failedSignInsFromOneAddressAreSlowedDownEvenForTheRightPassword() {
        // different (unknown) accounts: only the address is counted for all of them
        for (int i = 0; i < 4; i++) {
            http.post()
                    .uri("/api/v1/auth/login")
                    .contentType(MediaType.APPLICATION_JSON)
                    .bodyValue(Map.of("email", "guess" + i + "@fresh.example", "password", "wrong-password-" + i))
                    .exchange()
                    .expectStatus()
                    .isUnauthorized();
        }
        http.post()
                .uri("/api/v1/auth/login")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("email", "me@fresh.example", "password", PASSWORD))
                .exchange()
                .expectStatus()
                .isEqualTo(429)
                .expectHeader()
                .exists("Retry-After")
                .expectBody()
                .jsonPath("$.detail")
                .value(d -> assertThat((String) d).startsWith("Too many failed sign-ins"));
        // the wait is short after the first failure over the limit; then the right password works again
        await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> http.post()
                                .uri("/api/v1/auth/login")
                                .contentType(MediaType.APPLICATION_JSON)
                                .bodyValue(Map.of("email", "me@fresh.example", "password", PASSWORD))
                                .exchange()
                                .returnResult(String.class)
                                .getStatus()
                                .value()
                        == 200);
    }

    @Test
    @Order(6)
    void oneAccountIsSlowedDownAfterItsFreeFailures() {
        for (int i = 0; i < 4; i++) {
            http.post()
                    .uri("/api/v1/auth/login")
                    .contentType(MediaType.APPLICATION_JSON)
                    .bodyValue(Map.of("email", "me@fresh.example", "password", "wrong-password-" + i))
                    .exchange()
                    .expectStatus()
                    .isUnauthorized();
        }
        http.post()
                .uri("/api/v1/auth/login")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("email", "ME@fresh.example", "password", PASSWORD))
                .exchange()
                .expectStatus()
                .isEqualTo(429);
        await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> http.post()
                                .uri("/api/v1/auth/login")
                                .contentType(MediaType.APPLICATION_JSON)
                                .bodyValue(Map.of("email", "me@fresh.example", "password", PASSWORD))
                                .exchange()
                                .returnResult(String.class)
                                .getStatus()
                                .value()
                        == 200);
    }

    @Test
    @Order(7)
    @SuppressWarnings("unchecked")
    void webhookAuthenticationFailuresAreSlowedDownToo() {
        String session = login(PASSWORD);
        String origin = "http://localhost:" + port;
        Map<String, Object> credential = http.post()
                .uri("/api/v1/credentials")
                .cookie("hearth_session", session)
                .header("Origin", origin)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of(
                        "name",
                        "hook",
                        "type",
                        "httpBasicAuth",
                        "data",
                        Map.of("user", "ada", "password", "right-password")))
                .exchange()
                .expectStatus()
                .isCreated()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody();
        Map<String, Object> webhook = new java.util.LinkedHashMap<>(Map.of(
                "name",
                "Webhook",
                "type",
                "n8n-nodes-base.webhook",
                "typeVersion",
                2,
                "position",
                List.of(0, 0),
                "parameters",
                Map.of("httpMethod", "GET", "path", "guarded", "authentication", "basicAuth")));
        webhook.put("credentials", Map.of("httpBasicAuth", Map.of("id", credential.get("id"), "name", "hook")));
        String id = (String) http.post()
                .uri("/api/v1/workflows")
                .cookie("hearth_session", session)
                .header("Origin", origin)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("name", "Guarded", "nodes", List.of(webhook), "connections", Map.of()))
                .exchange()
                .expectStatus()
                .isCreated()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody()
                .get("id");
        http.post()
                .uri("/api/v1/workflows/{id}/activate", id)
                .cookie("hearth_session", session)
                .header("Origin", origin)
                .exchange()
                .expectStatus()
                .isOk();
        for (int i = 0; i < 4; i++) {
            int n = i;
            http.get()
                    .uri("/webhook/guarded")
                    .headers(h -> h.setBasicAuth("ada", "guess-" + n))
                    .exchange()
                    .expectStatus()
                    .isForbidden();
        }
        http.get()
                .uri("/webhook/guarded")
                .headers(h -> h.setBasicAuth("ada", "right-password"))
                .exchange()
                .expectStatus()
                .isEqualTo(429)
                .expectHeader()
                .exists("Retry-After");
        await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> http.get()
                                .uri("/webhook/guarded")
                                .headers(h -> h.setBasicAuth("ada", "right-password"))
                                .exchange()
                                .returnResult(String.class)
                                .getStatus()
                                .value()
                        == 200);
    }

    private String login(String password) {
        return http.post()
                .uri("/api/v1/auth/login")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("email", "me@fresh.example", "password", password))
                .exchange()
                .expectStatus()
                .isOk()
                .returnResult(String.class)
                .getResponseCookies()
                .getFirst("hearth_session")
                .getValue();
    }

    private void status(String session, int expected) {
        http.get()
                .uri("/api/v1/workflows")
                .cookie("hearth_session", session)
                .exchange()
                .expectStatus()
                .isEqualTo(expected);
    }
}
