package io.hearth.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;

class AuthApiTest extends ApiTestSupport {

    @Test
    void statusTellsWhetherSetupIsNeeded() {
        anonymous
                .get()
                .uri("/api/v1/auth/status")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.setupRequired")
                .isEqualTo(false)
                .jsonPath("$.authenticated")
                .isEqualTo(false);
        api.get()
                .uri("/api/v1/auth/status")
                .exchange()
                .expectBody()
                .jsonPath("$.authenticated")
                .isEqualTo(true)
                .jsonPath("$.user.email")
                .isEqualTo("owner@test.example");
    }

    @Test
    void secondOwnerSetupIsRefused() {
        anonymous
                .post()
                .uri("/api/v1/auth/setup")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("email", "intruder@x.example", "password", "12345678"))
                .exchange()
                .expectStatus()
                .isEqualTo(409);
    }

    @Test
    void loginWithAWrongPasswordIs401() {
        anonymous
                .post()
                .uri("/api/v1/auth/login")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("email", "owner@test.example", "password", "nope"))
                .exchange()
                .expectStatus()
                .isUnauthorized()
                .expectBody()
                .jsonPath("$.detail")
                .isEqualTo("Wrong email or password");
    }

    @Test
    void sessionCookieWorksUntilLogout() {
        var result = anonymous
                .post()
                .uri("/api/v1/auth/login")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("email", "OWNER@test.example", "password", "owner-pass-123"))
                .exchange()
                .expectStatus()
                .isOk()
                .returnResult(String.class);
        var cookie = result.getResponseCookies().getFirst("hearth_session");
        assertThat(cookie.isHttpOnly()).isTrue();
        assertThat(cookie.getSameSite()).isEqualTo("Lax");
        anonymous
                .get()
                .uri("/api/v1/workflows")
                .cookie("hearth_session", cookie.getValue())
                .exchange()
                .expectStatus()
                .isOk();
        anonymous
                .post()
                .uri("/api/v1/auth/logout")
                .cookie("hearth_session", cookie.getValue())
                .exchange()
                .expectStatus()
                .isNoContent();
        anonymous
                .get()
                .uri("/api/v1/workflows")
                .cookie("hearth_session", cookie.getValue())
                .exchange()
                .expectStatus()
                .isUnauthorized();
    }

    @Test
    void apiKeysAreShownOnceAndCanBeRevoked() {
        @SuppressWarnings("unchecked")
        Map<String, Object> key = api.post()
                .uri("/api/v1/api-keys")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("label", "temporary"))
                .exchange()
                .expectStatus()
                .isCreated()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody();
        String secret = (String) key.get("key");
        assertThat(secret).startsWith("hk_");
        anonymous
                .get()
                .uri("/api/v1/workflows")
                .header("Authorization", "Bearer " + secret)
                .exchange()
                .expectStatus()
                .isOk();
        api.get()
                .uri("/api/v1/api-keys")
                .exchange()
                .expectBody()
                .jsonPath("$[?(@.label == 'temporary')].key")
                .doesNotExist();
        api.delete()
                .uri("/api/v1/api-keys/{id}", key.get("id"))
                .exchange()
                .expectStatus()
                .isNoContent();
        anonymous
                .get()
                .uri("/api/v1/workflows")
                .header("Authorization", "Bearer " + secret)
                .exchange()
                .expectStatus()
                .isUnauthorized();
        api.post()
                .uri("/api/v1/api-keys")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("label", " "))
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.errors[0].path")
                .isEqualTo("label");
    }
}
