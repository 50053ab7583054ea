package io.hearth.server;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** {@link AuthApiTest} against a real PostgreSQL instead of the embedded SQLite. */
class PostgresAuthApiIT extends AuthApiTest {

    @DynamicPropertySource
    static void postgres(DynamicPropertyRegistry registry) {
        EmbeddedPostgres.register(registry);
    }

    @org.junit.jupiter.api.Test
    void runsOnPostgres() {
        api.get()
                .uri("/api/v1/settings")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.database")
                .isEqualTo("PostgreSQL");
    }
}
