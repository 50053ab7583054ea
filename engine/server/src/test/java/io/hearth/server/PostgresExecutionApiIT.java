package io.hearth.server;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** {@link ExecutionApiTest} against a real PostgreSQL instead of the embedded SQLite. */
class PostgresExecutionApiIT extends ExecutionApiTest {

    @DynamicPropertySource
    static void postgres(DynamicPropertyRegistry registry) {
        EmbeddedPostgres.register(registry);
    }
}
