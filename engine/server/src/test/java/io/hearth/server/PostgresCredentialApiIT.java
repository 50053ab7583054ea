package io.hearth.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** {@link CredentialApiTest} against a real PostgreSQL; the raw-storage scan reads PostgreSQL's own files. */
class PostgresCredentialApiIT extends CredentialApiTest {

    @DynamicPropertySource
    static void postgres(DynamicPropertyRegistry registry) {
        EmbeddedPostgres.register(registry);
    }

    @Autowired
    JdbcClient jdbc;

    @Test
    @Override
    void plaintextTokenIsNowhereInTheDatabaseFiles() throws Exception {
        String unique = "pg-raw-scan-token-" + System.nanoTime();
        api.post()
                .uri("/api/v1/credentials")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of(
                        "name",
                        "PG scanned",
                        "type",
                        "homeAssistantApi",
                        "data",
                        Map.of("host", "ha.local", "accessToken", unique)))
                .exchange()
                .expectStatus()
                .isCreated();
        String tableText = String.join(
                "\n",
                jdbc.sql("SELECT id || name || type || data || key_id FROM credentials")
                        .query(String.class)
                        .list());
        assertThat(tableText).contains("PG scanned").doesNotContain(unique);
        jdbc.sql("CHECKPOINT").update();
        byte[] needle = unique.getBytes(StandardCharsets.UTF_8);
        boolean nameFound = false;
        long scanned = 0;
        try (Stream<Path> files = Files.walk(EmbeddedPostgres.dataDirectory())) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                byte[] bytes;
                try {
                    bytes = Files.readAllBytes(f);
                } catch (java.nio.file.NoSuchFileException gone) {
                    continue; // PostgreSQL removed it since the walk listed it (e.g. a relcache init file)
                }
                scanned++;
                assertThat(indexOf(bytes, needle)).as("token in %s", f).isEqualTo(-1);
                nameFound |= indexOf(bytes, "PG scanned".getBytes(StandardCharsets.UTF_8)) >= 0;
            }
        }
        assertThat(nameFound)
                .as(
                        "the scan does see the database contents (%d files under %s)",
                        scanned, EmbeddedPostgres.dataDirectory())
                .isTrue();
    }
}
