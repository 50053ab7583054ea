package io.hearth.benchmark.queue;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Path;

/**
 * The PostgreSQL of {@code ./hearth bench --queue}: zonky's embedded binaries (a real postgres process, as in the
 * tests) with pg_stat_statements loaded and commits durable as a production server's ({@code synchronous_commit}
 * on; zonky's default is off). Prints {@code PG_READY port=...} and runs until it is terminated (SIGTERM).
 *
 * <pre>java -cp target/classes:$(cat target/pg-classpath.txt) io.hearth.benchmark.queue.BenchPostgres DATA_DIR PORT</pre>
 */
public final class BenchPostgres {

    private BenchPostgres() {}

    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            System.err.println("usage: BenchPostgres DATA_DIR PORT");
            System.exit(2);
        }
        EmbeddedPostgres pg = EmbeddedPostgres.builder()
                .setDataDirectory(Path.of(args[0]))
                .setCleanDataDirectory(true)
                .setPort(Integer.parseInt(args[1]))
                .setServerConfig("synchronous_commit", "on")
                .setServerConfig("shared_preload_libraries", "pg_stat_statements")
                .setServerConfig("pg_stat_statements.max", "1000")
                .start();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                pg.close();
            } catch (IOException ignored) {
                // going away anyway
            }
        }));
        try (var c = pg.getPostgresDatabase().getConnection();
                var s = c.createStatement()) {
            s.execute("CREATE EXTENSION IF NOT EXISTS pg_stat_statements");
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException("pg_stat_statements", e);
        }
        System.out.println("PG_READY port=" + pg.getPort());
        System.out.flush();
        try {
            Thread.currentThread().join(); // until terminated: the shutdown hook stops PostgreSQL
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
