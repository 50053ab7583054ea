package io.hearth.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.hearth.server.web.SecurityHeaders;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;

/**
 * A page on another origin (another site, or Home Assistant on another port of the same host) cannot make the
 * signed-in browser change anything; the editor and the API are not framable and carry a Content Security Policy.
 */
class CsrfAndHeadersTest extends ApiTestSupport {

    private String session;

    @BeforeEach
    void signIn() {
        session = anonymous
                .post()
                .uri("/api/v1/auth/login")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("email", "owner@test.example", "password", "owner-pass-123"))
                .exchange()
                .expectStatus()
                .isOk()
                .returnResult(String.class)
                .getResponseCookies()
                .getFirst("hearth_session")
                .getValue();
    }

    @Test
    void cookieAuthenticatedChangesFromAnotherOriginAreRefused() {
        for (String origin : new String[] {"https://evil.example", "http://localhost:8123", "null"}) {
            for (String uri : new String[] {
                "/api/v1/admin/rotate-encryption-key", "/api/v1/auth/logout", "/api/v1/api-keys", "/api/v1/workflows"
            }) {
                anonymous
                        .post()
                        .uri(uri)
                        .cookie("hearth_session", session)
                        .header("Origin", origin)
                        .contentType(MediaType.APPLICATION_JSON)
                        .bodyValue(Map.of("label", "csrf"))
                        .exchange()
                        .expectStatus()
                        .isForbidden()
                        .expectBody()
                        .jsonPath("$.detail")
                        .value(d -> assertThat((String) d).contains("Cross-origin request refused"));
            }
        }
        anonymous
                .delete()
                .uri("/api/v1/workflows/x1")
                .cookie("hearth_session", session)
                .header("Sec-Fetch-Site", "same-site")
                .exchange()
                .expectStatus()
                .isForbidden();
        anonymous
                .post()
                .uri("/api/v1/auth/login")
                .header("Sec-Fetch-Site", "cross-site")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("email", "owner@test.example", "password", "owner-pass-123"))
                .exchange()
                .expectStatus()
                .isForbidden();
        // the session still works: the refused logout did nothing
        anonymous
                .get()
                .uri("/api/v1/workflows")
                .cookie("hearth_session", session)
                .exchange()
                .expectStatus()
                .isOk();
    }

    @Test
    void theEditorsOwnRequestsPass() {
        anonymous
                .post()
                .uri("/api/v1/api-keys")
                .cookie("hearth_session", session)
                .header("Origin", "http://localhost:" + port)
                .header("Sec-Fetch-Site", "same-origin")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("label", "from the editor"))
                .exchange()
                .expectStatus()
                .isCreated();
        // a script with a key is not a browser acting on its own
        api.post()
                .uri("/api/v1/api-keys")
                .header("Origin", "https://elsewhere.example")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("label", "script"))
                .exchange()
                .expectStatus()
                .isCreated();
        // webhooks are called from anywhere
        create(webhookDoubleWorkflow("Csrf hook", "csrf-hook")).get("id");
    }

    @Test
    void theEditorAndTheApiCarrySecurityHeaders() {
        for (String uri : new String[] {"/", "/api/v1/auth/status", "/api/v1/workflows"}) {
            anonymous
                    .get()
                    .uri(uri)
                    .exchange()
                    .expectHeader()
                    .valueEquals("Content-Security-Policy", SecurityHeaders.CONTENT_SECURITY_POLICY)
                    .expectHeader()
                    .valueEquals("X-Frame-Options", "DENY")
                    .expectHeader()
                    .valueEquals("X-Content-Type-Options", "nosniff")
                    .expectHeader()
                    .valueEquals("Referrer-Policy", "same-origin");
        }
        assertThat(SecurityHeaders.CONTENT_SECURITY_POLICY)
                .contains("frame-ancestors 'none'")
                .contains("script-src 'self'")
                .doesNotContain("unsafe-eval");
        anonymous
                .post()
                .uri("/webhook/no-such-hook")
                .header("Origin", "https://elsewhere.example")
                .exchange()
                .expectStatus()
                .isNotFound()
                .expectHeader()
                .doesNotExist("Content-Security-Policy")
                .expectHeader()
                .doesNotExist("X-Frame-Options");
    }
}
