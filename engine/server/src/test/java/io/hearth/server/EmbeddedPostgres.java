package io.hearth.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * One real PostgreSQL server for the test JVM (zonky's embedded binaries from Maven Central: a
 * real postgres process, no Docker), stopped when the JVM exits.
 */
final class EmbeddedPostgres {

    private static io.zonky.test.db.postgres.embedded.EmbeddedPostgres server;
    private static Path dataDirectory;

    private EmbeddedPostgres() {}

    static synchronized io.zonky.test.db.postgres.embedded.EmbeddedPostgres server() {
        if (server == null) {
            try {
                dataDirectory = java.nio.file.Files.createTempDirectory("hearth-pg");
                server = io.zonky.test.db.postgres.embedded.EmbeddedPostgres.builder()
                        .setDataDirectory(dataDirectory)
                        .setCleanDataDirectory(true)
                        .start();
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot start the embedded PostgreSQL", e);
            }
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    server.close();
                } catch (IOException ignored) {
                    // the JVM is going away
                }
            }));
        }
        return server;
    }

    private static final java.util.concurrent.atomic.AtomicInteger CONTEXTS =
            new java.util.concurrent.atomic.AtomicInteger();

    /**
     * Points the application at a new database of the shared PostgreSQL. Called from a {@code @DynamicPropertySource}
     * method, which Spring runs once per application context: each test server has a database of its own, as two
     * servers on one database would form a cluster and share its triggers and queue.
     */
    static void register(DynamicPropertyRegistry registry) {
        String url = freshDatabase("hearth_context_" + CONTEXTS.incrementAndGet());
        registry.add("spring.datasource.url", () -> url);
        registry.add("spring.datasource.username", () -> "postgres");
        registry.add("spring.datasource.password", () -> "postgres");
    }

    /** A JDBC URL of a new, empty database {@code name} on the shared server (user and password "postgres"). */
    static String freshDatabase(String name) {
        try (var c = server().getPostgresDatabase().getConnection();
                var s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
            s.execute("CREATE DATABASE " + name);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException("Cannot create the database " + name, e);
        }
        return server().getJdbcUrl("postgres", "postgres").replace("/postgres?", "/" + name + "?");
    }

    static Path dataDirectory() {
        server();
        return dataDirectory;
    }
}
