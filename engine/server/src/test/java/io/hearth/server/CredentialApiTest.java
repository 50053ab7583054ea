package io.hearth.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.hearth.credentials.CredentialService;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;

class CredentialApiTest extends ApiTestSupport {

    @Autowired
    CredentialService credentials;

    private static final String TOKEN = "eyJhbGciOiJIUzI1NiJ9.plaintext-token-7f3c9a1b2d";

    @SuppressWarnings("unchecked")
    private Map<String, Object> createHa(String name, String token) {
        return api.post()
                .uri("/api/v1/credentials")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of(
                        "name",
                        name,
                        "type",
                        "homeAssistantApi",
                        "data",
                        Map.of("host", "https://ha.example.org:8443/", "accessToken", token)))
                .exchange()
                .expectStatus()
                .isCreated()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody();
    }

    @Test
    void secretsAreWriteOnly() {
        Map<String, Object> created = createHa("Write only", TOKEN);
        assertThat(created.toString()).doesNotContain(TOKEN);
        assertThat(cast(created.get("data")))
                .containsEntry("accessToken", "******")
                .containsEntry("host", "ha.example.org")
                .containsEntry("port", 8443)
                .containsEntry("ssl", true);
        assertThat(created.get("secretsSet")).isEqualTo(java.util.List.of("accessToken"));
        String body = api.get()
                .uri("/api/v1/credentials/{id}", created.get("id"))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(String.class)
                .returnResult()
                .getResponseBody();
        assertThat(body).doesNotContain(TOKEN).contains("******");
        String list = api.get()
                .uri("/api/v1/credentials?type=homeAssistantApi")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(String.class)
                .returnResult()
                .getResponseBody();
        assertThat(list).contains("Write only").doesNotContain(TOKEN);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> cast(Object o) {
        return (Map<String, Object>) o;
    }

    @Test
    void updateWithoutTheSecretKeepsIt() {
        String id = (String) createHa("Keeps token", TOKEN).get("id");
        api.put()
                .uri("/api/v1/credentials/{id}", id)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of(
                        "name",
                        "Renamed",
                        "data",
                        Map.of("host", "ha.example.org", "port", 8443, "ssl", true, "accessToken", "******")))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.name")
                .isEqualTo("Renamed")
                .jsonPath("$.data.host")
                .isEqualTo("ha.example.org");
        assertThat(credentials.decrypt(id).secret("accessToken").reveal()).isEqualTo(TOKEN);
        api.put()
                .uri("/api/v1/credentials/{id}", id)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("data", Map.of("host", "https://ha.example.org:8443/")))
                .exchange()
                .expectStatus()
                .isOk();
        assertThat(credentials.decrypt(id).secret("accessToken").reveal()).isEqualTo(TOKEN);
    }

    @Test
    void plaintextTokenIsNowhereInTheDatabaseFiles() throws Exception {
        String unique = "raw-scan-token-" + System.nanoTime();
        createHa("Scanned", unique);
        byte[][] needles = {
            unique.getBytes(StandardCharsets.UTF_8),
            unique.getBytes(StandardCharsets.UTF_16BE),
            unique.getBytes(StandardCharsets.UTF_16LE),
            Base64.getEncoder().encode(unique.getBytes(StandardCharsets.UTF_8))
        };
        boolean nameFound = false;
        try (Stream<Path> files = Files.walk(dataDir)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                byte[] bytes = Files.readAllBytes(f);
                for (byte[] n : needles) {
                    assertThat(indexOf(bytes, n)).as("token in %s", f).isEqualTo(-1);
                }
                nameFound |= indexOf(bytes, "Scanned".getBytes(StandardCharsets.UTF_8)) >= 0;
            }
        }
        assertThat(nameFound).as("the scan does see the database contents").isTrue();
    }

    static int indexOf(byte[] hay, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= hay.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (hay[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    @Test
    void invalidFieldsAreNamed() {
        api.post()
                .uri("/api/v1/credentials")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of(
                        "name",
                        "Bad",
                        "type",
                        "homeAssistantApi",
                        "data",
                        Map.of("host", "ha.local/some/path", "port", 70000, "accessToken", "x")))
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.errors[?(@.path == 'data.host')]")
                .exists()
                .jsonPath("$.errors[?(@.path == 'data.port')]")
                .exists();
        api.post()
                .uri("/api/v1/credentials")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("name", "Bad", "type", "noSuchType", "data", Map.of()))
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.errors[0].path")
                .isEqualTo("type");
        api.post()
                .uri("/api/v1/credentials")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("type", "httpBasicAuth", "data", Map.of()))
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.errors[0].path")
                .isEqualTo("name");
    }

    @Test
    void unknownCredentialIs404() {
        api.get().uri("/api/v1/credentials/none").exchange().expectStatus().isNotFound();
        api.delete().uri("/api/v1/credentials/none").exchange().expectStatus().isNotFound();
    }

    @Test
    void typesWithoutATestSaySo() {
        api.post()
                .uri("/api/v1/credentials/test")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("type", "httpBasicAuth", "data", Map.of("user", "a", "password", "b")))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.status")
                .isEqualTo("UNSUPPORTED");
    }

    @Test
    void testingAClosedPortGivesItsOwnMessage() throws Exception {
        int closedPort;
        try (var s = new java.net.ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        String body = api.post()
                .uri("/api/v1/credentials/test")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of(
                        "type",
                        "homeAssistantApi",
                        "data",
                        Map.of("host", "127.0.0.1", "port", closedPort, "accessToken", TOKEN)))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(String.class)
                .returnResult()
                .getResponseBody();
        assertThat(body).contains("FAILED").containsIgnoringCase("refused").doesNotContain(TOKEN);
    }

    @Test
    void deletesACredential() {
        String id = (String) createHa("Delete me", TOKEN).get("id");
        api.delete()
                .uri("/api/v1/credentials/{id}", id)
                .exchange()
                .expectStatus()
                .isNoContent();
        api.get().uri("/api/v1/credentials/{id}", id).exchange().expectStatus().isNotFound();
    }
}
