package io.hearth.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import java.util.Map;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;

/** The OpenAPI document states the answers the API gives, errors included, as problem+json. */
class OpenApiDocumentTest extends ApiTestSupport {

    @Test
    @SuppressWarnings("unchecked")
    void everyOperationDocumentsItsProblemAnswers() {
        Map<String, Object> doc = anonymous
                .get()
                .uri("/v3/api-docs")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody();
        Map<String, Map<String, Map<String, Object>>> paths =
                (Map<String, Map<String, Map<String, Object>>>) doc.get("paths");
        assertThat(paths).containsKeys("/api/v1/workflows", "/api/v1/credentials/{id}");
        SoftAssertions soft = new SoftAssertions();
        paths.forEach((path, operations) -> operations.forEach((method, op) -> {
            Map<String, Object> responses = (Map<String, Object>) op.get("responses");
            String where = method.toUpperCase(Locale.ROOT) + " " + path;
            soft.assertThat(responses).as(where).containsKey("400");
            if (!java.util.Set.of("/api/v1/auth/status", "/api/v1/auth/setup", "/api/v1/auth/login")
                    .contains(path)) {
                soft.assertThat(responses).as(where).containsKey("401");
            }
            if (op.containsKey("requestBody")) {
                soft.assertThat(responses).as(where).containsKeys("413", "415");
            }
            if (method.equals("delete")) {
                soft.assertThat(responses).as(where).containsKey("204").doesNotContainKey("200");
            }
            Map<String, Object> bad = (Map<String, Object>) responses.get("400");
            soft.assertThat(bad.toString()).as(where).contains("application/problem+json");
        }));
        soft.assertAll();
        assertThat((Map<String, Object>)
                        paths.get("/api/v1/workflows").get("post").get("responses"))
                .containsKeys("201", "400", "401", "403", "409", "413", "415");
        assertThat((Map<String, Object>)
                        paths.get("/api/v1/auth/login").get("post").get("responses"))
                .containsKeys("200", "401", "429");
    }
}
