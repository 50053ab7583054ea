package io.hearth.server;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** {@link WebhookTest} against a real PostgreSQL instead of the embedded SQLite. */
class PostgresWebhookIT extends WebhookTest {

    @DynamicPropertySource
    static void postgres(DynamicPropertyRegistry registry) {
        EmbeddedPostgres.register(registry);
    }
}
