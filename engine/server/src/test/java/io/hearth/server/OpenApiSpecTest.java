package io.hearth.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.hearth.testsupport.RepoRoot;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The editor's API types are generated (openapi-typescript, in the editor's build) from a committed copy of the
 * OpenAPI document: editor/src/api/openapi.json. This test keeps that copy equal to what the server serves, so a
 * change of the API shows up in the editor's type check instead of at run time. When the API changed on purpose,
 * write the copy anew with {@code ./mvnw -o -B -pl engine/server -am test -Dtest=OpenApiSpecTest
 * -Dsurefire.failIfNoSpecifiedTests=false -DskipUi -Dhearth.openapi.write=true} and commit it with the change.
 */
class OpenApiSpecTest extends ApiTestSupport {

    static final Path SPEC = RepoRoot.path().resolve("editor/src/api/openapi.json");

    // Keys sorted and indented: the committed copy diffs line by line and does not depend on the order the
    // controllers were scanned in.
    private static final JsonMapper CANONICAL = JsonMapper.builder()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .build();

    @Test
    @SuppressWarnings("unchecked")
    void committedOpenApiDocumentIsWhatTheServerServes() throws IOException {
        Map<String, Object> served = anonymous
                .get()
                .uri("/v3/api-docs")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody();
        // the server's address (a random port here) is not part of the API
        served.remove("servers");
        String document = CANONICAL.writeValueAsString(served) + "\n";
        if (Boolean.getBoolean("hearth.openapi.write")) {
            Files.writeString(SPEC, document, StandardCharsets.UTF_8);
        }
        String committed = Files.exists(SPEC) ? Files.readString(SPEC, StandardCharsets.UTF_8) : "";
        assertThat(committed).as("""
                        %s differs from the server's /v3/api-docs: the API changed. If that is intended, write it \
                        anew with `./mvnw -o -B -pl engine/server -am test -Dtest=OpenApiSpecTest \
                        -Dsurefire.failIfNoSpecifiedTests=false -DskipUi -Dhearth.openapi.write=true`, then \
                        rebuild the editor (npm run typecheck) and fix what its types now report""", SPEC).isEqualTo(document);
    }
}
