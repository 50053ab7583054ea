package io.hearth.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** Answers to requests that use HTTP wrongly: each a problem that says what to do instead. */
class ProtocolAnswersTest extends ApiTestSupport {

    @Test
    void anUnsupportedMethodIs405WithAllow() {
        for (String method : new String[] {"TRACE", "PATCH"}) {
            var answer = RawHttp.send(port, method, "/api/v1/workflows", Map.of("X-Hearth-Api-Key", apiKey()));
            assertThat(answer.status()).as(method).isEqualTo(405);
            assertThat(answer.header("Allow"))
                    .as(method)
                    .hasValueSatisfying(a -> assertThat(a).contains("GET").contains("POST"));
            assertThat(answer.header("Content-Type")).hasValue("application/problem+json");
        }
    }

    @Test
    void anUnknownMethodIsAnsweredNotLeftHanging() {
        for (String method : new String[] {"QUERY", "FOO"}) {
            var answer = RawHttp.send(port, method, "/api/v1/workflows/0/export", Map.of("X-Hearth-Api-Key", apiKey()));
            assertThat(answer.status()).as(method).isEqualTo(405);
            var anonymousAnswer = RawHttp.send(port, method, "/api/v1/workflows/0/export", Map.of());
            assertThat(anonymousAnswer.status()).as(method).isIn(401, 405);
        }
    }

    @Test
    void outOfRangePagingIsAnsweredPromptly() {
        for (String query : new String[] {"limit=-2147483649", "limit=-1", "offset=-5", "limit=99999999999"}) {
            var answer = RawHttp.send(port, "GET", "/api/v1/executions?" + query, Map.of("X-Hearth-Api-Key", apiKey()));
            assertThat(answer.status()).as(query).isIn(200, 400);
        }
    }

    @Test
    void aTooLargeBodyIs413NamingTheLimit() {
        String big = "{\"name\": \"" + "x".repeat(17 * 1024 * 1024) + "\"}";
        var answer = RawHttp.send(
                port,
                "POST",
                "/api/v1/workflows",
                Map.of("X-Hearth-Api-Key", apiKey(), "Content-Type", "application/json"),
                big);
        assertThat(answer.status()).isEqualTo(413);
        assertThat(answer.body()).containsPattern("limit of [0-9,]+ bytes|limit of [0-9.]+ [KM]B");
    }

    @Test
    void anUnsupportedContentTypeIs415() {
        var answer = RawHttp.send(
                port,
                "POST",
                "/api/v1/workflows",
                Map.of("X-Hearth-Api-Key", apiKey(), "Content-Type", "text/plain"),
                "name: x");
        assertThat(answer.status()).isEqualTo(415);
        assertThat(answer.header("Content-Type")).hasValue("application/problem+json");
    }

    @Test
    void overLongNamesAre400() {
        var answer = RawHttp.send(
                port,
                "POST",
                "/api/v1/workflows",
                Map.of("X-Hearth-Api-Key", apiKey(), "Content-Type", "application/json"),
                "{\"name\": \"" + "n".repeat(300) + "\", \"nodes\": [], \"connections\": {}}");
        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.body()).contains("name");
        var key = RawHttp.send(
                port,
                "POST",
                "/api/v1/api-keys",
                Map.of("X-Hearth-Api-Key", apiKey(), "Content-Type", "application/json"),
                "{\"label\": \"" + "l".repeat(300) + "\"}");
        assertThat(key.status()).isEqualTo(400);
        assertThat(key.body()).contains("label");
    }
}
