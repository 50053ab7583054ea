package io.hearth.server;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** {@link WorkflowApiTest} against a real PostgreSQL instead of the embedded SQLite. */
class PostgresWorkflowApiIT extends WorkflowApiTest {

    @DynamicPropertySource
    static void postgres(DynamicPropertyRegistry registry) {
        EmbeddedPostgres.register(registry);
    }
}
