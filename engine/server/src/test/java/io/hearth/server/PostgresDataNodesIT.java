package io.hearth.server;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** {@link DataNodesServerTest} against a real PostgreSQL instead of the embedded SQLite. */
class PostgresDataNodesIT extends DataNodesServerTest {

    @DynamicPropertySource
    static void postgres(DynamicPropertyRegistry registry) {
        EmbeddedPostgres.register(registry);
    }
}
