package io.hearth.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hearth.credentials.CredentialService;
import io.hearth.credentials.MasterKeyMismatchException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The master key at server level: generated once, a wrong key stops start-up untouched, rotation through the API. */
class CredentialKeyIT {

    private static String createCredential(ServerProcess s, String token) {
        return s.createCredential("Key test", "homeAssistantApi", Map.of("host", "ha.local", "accessToken", token));
    }

    @Test
    void generatedKeyFileIsOwnerOnlyAndReusedOnRestart() throws Exception {
        Path dir = Files.createTempDirectory("hearth-key");
        String id;
        try (ServerProcess s = ServerProcess.start(dir)) {
            id = createCredential(s, "token-one-123456");
        }
        Path keyFile = dir.resolve("encryption.key");
        assertThat(Files.getPosixFilePermissions(keyFile))
                .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
        try (ServerProcess s = ServerProcess.start(dir)) {
            assertThat(s.bean(CredentialService.class)
                            .decrypt(id)
                            .secret("accessToken")
                            .reveal())
                    .isEqualTo("token-one-123456");
        }
    }

    @Test
    void aWrongKeyStopsStartUpAndChangesNothing() throws Exception {
        Path dir = Files.createTempDirectory("hearth-key");
        Map<String, Object> before;
        try (ServerProcess s = ServerProcess.start(dir)) {
            createCredential(s, "token-two-123456");
            before = s.bean(JdbcClient.class)
                    .sql("SELECT * FROM credentials")
                    .query()
                    .singleRow();
        }
        Files.writeString(dir.resolve("encryption.key"), "a-completely-different-key-0123456789");
        assertThatThrownBy(() -> ServerProcess.start(dir))
                .hasRootCauseInstanceOf(MasterKeyMismatchException.class)
                .rootCause()
                .hasMessageContaining("cannot decrypt");
        // Read the table directly: the failed start must not have written anything.
        try (var connection = java.sql.DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("hearth.db"));
                var rs = connection.createStatement().executeQuery("SELECT * FROM credentials")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString("DATA")).isEqualTo(value(before, "data"));
            assertThat(rs.getString("KEY_ID")).isEqualTo(value(before, "key_id"));
        }
    }

    @Test
    void rotationReEncryptsEveryCredentialThroughTheApi() throws Exception {
        Path dir = Files.createTempDirectory("hearth-key");
        try (ServerProcess s = ServerProcess.start(dir)) {
            String id = createCredential(s, "token-three-123456");
            String oldKeyId = s.bean(JdbcClient.class)
                    .sql("SELECT key_id FROM credentials")
                    .query(String.class)
                    .single();
            @SuppressWarnings("unchecked")
            Map<String, Object> result = s.api()
                    .post()
                    .uri("/api/v1/admin/rotate-encryption-key")
                    .exchange()
                    .expectStatus()
                    .isOk()
                    .expectBody(Map.class)
                    .returnResult()
                    .getResponseBody();
            assertThat(result).containsEntry("rotated", 1);
            assertThat(result.get("keyId")).isNotEqualTo(oldKeyId);
            assertThat(s.bean(JdbcClient.class)
                            .sql("SELECT key_id FROM credentials")
                            .query(String.class)
                            .single())
                    .isEqualTo(result.get("keyId"));
            assertThat(s.bean(CredentialService.class)
                            .decrypt(id)
                            .secret("accessToken")
                            .reveal())
                    .isEqualTo("token-three-123456");
        }
        try (ServerProcess s = ServerProcess.start(dir)) {
            assertThat(s.api()
                            .get()
                            .uri("/api/v1/credentials")
                            .exchange()
                            .expectStatus()
                            .isOk()
                            .expectBody(String.class)
                            .returnResult()
                            .getResponseBody())
                    .contains("Key test");
        }
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())
                            .filter(n -> n.startsWith("encryption.key.previous"))
                            .count())
                    .isEqualTo(1);
        }
    }

    private static Object value(Map<String, Object> row, String column) {
        return row.entrySet().stream()
                .filter(e -> e.getKey().equalsIgnoreCase(column))
                .map(Map.Entry::getValue)
                .findFirst()
                .orElse(null);
    }
}
