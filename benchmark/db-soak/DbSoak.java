import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * The execution tables' life under a soak, without the server: inserts execution rows with a record of
 * RECORD_BYTES (as the group-commit writer does, BATCH rows per transaction), prunes to the newest KEEP every
 * 5,000 inserts (oldest first, 500 per transaction, as ExecutionPruner does: the cut-off found on the primary key,
 * then deleted by id range), and prints the database files' size, the rate and the memory every EVERY rows. At the
 * end it lowers the retention to KEEP/10 and prints the size again (after the engine's way of giving space back).
 *
 * Engines: h2 (Hearth's former URL settings), h2-default (H2 with its background writer and compaction: commits
 * are not durable when they return), sqlite (WAL, synchronous=NORMAL, incremental auto-vacuum: Hearth's settings),
 * sqlite-full (the same with synchronous=FULL: an fsync per commit), pg (zonky's embedded PostgreSQL binaries, a
 * server process of its own; its RSS is added to this JVM's).
 *
 *   java -Xmx128m -cp "$(cat classpath)" DbSoak.java ENGINE DIR TOTAL KEEP EVERY RECORD_BYTES
 */
public class DbSoak {
    static final int BATCH = 32;
    static final int PRUNE_BATCH = 500;

    static String engine;
    static Path dir;
    static Object postgres; // io.zonky.test.db.postgres.embedded.EmbeddedPostgres, by reflection

    public static void main(String[] a) throws Exception {
        engine = a[0];
        dir = Path.of(a[1]).toAbsolutePath();
        long total = Long.parseLong(a[2]);
        int keep = Integer.parseInt(a[3]);
        long every = Long.parseLong(a[4]);
        int recordBytes = Integer.parseInt(a[5]);
        Files.createDirectories(dir);
        long opened = System.nanoTime();
        try (Connection c = open()) {
            System.out.printf(
                    "%s, record %d bytes, keep %d, opened in %d ms%n",
                    engine, recordBytes, keep, (System.nanoTime() - opened) / 1_000_000);
            try (Statement s = c.createStatement()) {
                s.execute("CREATE TABLE executions (id VARCHAR(36) PRIMARY KEY, workflow_id VARCHAR(36) NOT NULL,"
                        + " workflow_version_id VARCHAR(36), workflow_name VARCHAR(255) NOT NULL,"
                        + " status VARCHAR(16) NOT NULL, mode VARCHAR(16) NOT NULL, started_at BIGINT NOT NULL,"
                        + " stopped_at BIGINT, retry_of VARCHAR(36), error_message VARCHAR(2000),"
                        + " error_node VARCHAR(255), instance_id VARCHAR(100))");
                s.execute("CREATE INDEX executions_by_workflow ON executions (workflow_id, id)");
                s.execute("CREATE TABLE execution_data (execution_id VARCHAR(36) PRIMARY KEY, data "
                        + (engine.equals("pg") ? "BYTEA" : engine.startsWith("h2") ? "VARBINARY" : "BLOB")
                        + " NOT NULL)");
            }
            c.setAutoCommit(false);
            String wf = UUID.randomUUID().toString();
            String version = UUID.randomUUID().toString();
            byte[] template = record(recordBytes);
            long t0 = System.nanoTime();
            long pruneNanos = 0;
            long pruned = 0;
            long seq = 0;
            System.out.printf(
                    "%12s %9s %8s %8s %9s %9s %8s%n",
                    "executions", "db MB", "rows/s", "live", "pruned/s", "RSS MB", "heap MB");
            while (seq < total) {
                try (PreparedStatement e = c.prepareStatement("INSERT INTO executions (id, workflow_id,"
                                + " workflow_version_id, workflow_name, status, mode, started_at, stopped_at,"
                                + " instance_id) VALUES (?,?,?,?,?,?,?,?,?)");
                        PreparedStatement d =
                                c.prepareStatement("INSERT INTO execution_data (execution_id, data) VALUES (?,?)")) {
                    for (int i = 0; i < BATCH; i++, seq++) {
                        String id = String.format("%016x-%s", seq, wf.substring(0, 19));
                        e.setString(1, id);
                        e.setString(2, wf);
                        e.setString(3, version);
                        e.setString(4, "Reference workload");
                        e.setString(5, "success");
                        e.setString(6, "webhook");
                        e.setLong(7, 1_700_000_000_000L + seq);
                        e.setLong(8, 1_700_000_000_001L + seq);
                        e.setString(9, "instance-1");
                        e.addBatch();
                        byte[] data = template.clone();
                        byte[] idb = id.getBytes();
                        System.arraycopy(idb, 0, data, 40, idb.length);
                        d.setString(1, id);
                        d.setBytes(2, data);
                        d.addBatch();
                    }
                    e.executeBatch();
                    d.executeBatch();
                }
                c.commit();
                if (seq % 5000 < BATCH) {
                    long p0 = System.nanoTime();
                    pruned += prune(c, keep);
                    pruneNanos += System.nanoTime() - p0;
                }
                if (seq % every < BATCH) {
                    print(c, seq, t0, pruned, pruneNanos);
                }
            }
            print(c, seq, t0, pruned, pruneNanos);
            System.out.println("retention lowered to " + keep / 10);
            long p0 = System.nanoTime();
            pruned += prune(c, keep / 10);
            giveSpaceBack(c);
            pruneNanos += System.nanoTime() - p0;
            print(c, seq, t0, pruned, pruneNanos);
        } finally {
            if (postgres != null) {
                ((AutoCloseable) postgres).close();
            }
        }
        if (engine.startsWith("h2")) {
            System.out.printf("after close: %.1f MB%n", mb());
        }
    }

    static Connection open() throws Exception {
        switch (engine) {
            case "h2":
                return DriverManager.getConnection(
                        "jdbc:h2:file:" + dir.resolve("hearth") + ";DB_CLOSE_ON_EXIT=FALSE;WRITE_DELAY=0;CACHE_SIZE=1024",
                        "sa",
                        "");
            case "h2-default":
                return DriverManager.getConnection("jdbc:h2:file:" + dir.resolve("hearth"), "sa", "");
            case "sqlite":
            case "sqlite-full": {
                String sync = engine.equals("sqlite") ? "NORMAL" : "FULL";
                Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("hearth.db")
                        + "?journal_mode=WAL&synchronous=" + sync + "&journal_size_limit=" + (16 << 20));
                try (Statement s = c.createStatement()) {
                    s.execute("PRAGMA auto_vacuum=INCREMENTAL");
                    s.execute("VACUUM"); // an empty database takes the setting now
                }
                return c;
            }
            case "pg": {
                Class<?> type = Class.forName("io.zonky.test.db.postgres.embedded.EmbeddedPostgres");
                Object builder = type.getMethod("builder").invoke(null);
                Class<?> b = builder.getClass();
                b.getMethod("setDataDirectory", Path.class).invoke(builder, dir);
                b.getMethod("setCleanDataDirectory", boolean.class).invoke(builder, true);
                Method config = b.getMethod("setServerConfig", String.class, String.class);
                config.invoke(builder, "max_wal_size", "64MB"); // embedded-sized (default 1 GB of WAL)
                config.invoke(builder, "min_wal_size", "32MB");
                config.invoke(builder, "shared_buffers", "16MB");
                config.invoke(builder, "synchronous_commit", "on");
                postgres = b.getMethod("start").invoke(builder);
                String url = (String) type.getMethod("getJdbcUrl", String.class, String.class)
                        .invoke(postgres, "postgres", "postgres");
                return DriverManager.getConnection(url, "postgres", "postgres");
            }
            default:
                throw new IllegalArgumentException(engine);
        }
    }

    static byte[] record(int n) {
        StringBuilder sb =
                new StringBuilder("{\"start\":{\"node\":\"Webhook\",\"id\":\"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\"},\"nodes\":{");
        int i = 0;
        while (sb.length() < n - 40) {
            sb.append("\"field").append(i).append("\":\"value ").append(Integer.toHexString(i * 7919)).append("\",");
            i++;
        }
        sb.append("\"end\":true}}");
        return sb.toString().getBytes();
    }

    /** Deletes the oldest rows beyond the newest {@code keep}, PRUNE_BATCH per transaction. */
    static long prune(Connection c, int keep) throws Exception {
        long deleted = 0;
        String cutoff;
        try (PreparedStatement p = c.prepareStatement("SELECT id FROM executions ORDER BY id DESC LIMIT 1 OFFSET ?")) {
            p.setInt(1, keep);
            try (ResultSet r = p.executeQuery()) {
                if (!r.next()) {
                    c.commit();
                    return 0;
                }
                cutoff = r.getString(1);
            }
        }
        while (true) {
            List<String> ids = new ArrayList<>();
            try (PreparedStatement p =
                    c.prepareStatement("SELECT id FROM executions WHERE id <= ? ORDER BY id LIMIT " + PRUNE_BATCH)) {
                p.setString(1, cutoff);
                try (ResultSet r = p.executeQuery()) {
                    while (r.next()) {
                        ids.add(r.getString(1));
                    }
                }
            }
            if (ids.isEmpty()) {
                c.commit();
                return deleted;
            }
            String first = ids.get(0);
            String last = ids.get(ids.size() - 1);
            try (PreparedStatement d =
                            c.prepareStatement("DELETE FROM execution_data WHERE execution_id >= ? AND execution_id <= ?");
                    PreparedStatement e = c.prepareStatement("DELETE FROM executions WHERE id >= ? AND id <= ?")) {
                for (PreparedStatement s : List.of(d, e)) {
                    s.setString(1, first);
                    s.setString(2, last);
                    s.executeUpdate();
                }
            }
            c.commit();
            deleted += ids.size();
            if (engine.startsWith("sqlite")) {
                freePages(c, 4 * PRUNE_BATCH);
            }
        }
    }

    /**
     * Gives up to {@code pages} free pages back to the file system (0: all). SQLite frees one page per step of
     * this statement: the driver's execute() steps once (one page), executeUpdate() to the end.
     */
    static void freePages(Connection c, int pages) throws Exception {
        try (Statement s = c.createStatement()) {
            s.executeUpdate("PRAGMA incremental_vacuum(" + pages + ")");
        }
        c.commit();
    }

    static long pragma(Connection c, String name) throws Exception {
        try (Statement s = c.createStatement();
                ResultSet r = s.executeQuery("PRAGMA " + name)) {
            r.next();
            return r.getLong(1);
        }
    }

    static void giveSpaceBack(Connection c) throws Exception {
        if (engine.startsWith("sqlite")) {
            freePages(c, 0); // 0: all free pages
            c.setAutoCommit(true); // a checkpoint runs outside a transaction
            try (Statement s = c.createStatement()) {
                s.execute("PRAGMA wal_checkpoint(TRUNCATE)");
            }
            c.setAutoCommit(false);
        } else if (engine.equals("pg")) {
            c.setAutoCommit(true);
            try (Statement s = c.createStatement()) {
                s.execute("VACUUM"); // plain VACUUM (no exclusive lock) gives back only empty pages at the end
            }
            print(c, -1, System.nanoTime(), 0, 0);
            try (Statement s = c.createStatement()) {
                s.execute("VACUUM FULL"); // rewrites the tables under an exclusive lock
                s.execute("CHECKPOINT");
            }
            c.setAutoCommit(false);
        }
    }

    static void print(Connection c, long seq, long t0, long pruned, long pruneNanos) throws Exception {
        long live;
        try (Statement s = c.createStatement();
                ResultSet r = s.executeQuery("SELECT COUNT(*) FROM executions")) {
            r.next();
            live = r.getLong(1);
        }
        if (!c.getAutoCommit()) {
            c.commit();
        }
        if (engine.startsWith("sqlite")) {
            System.out.printf(
                    "   (pages %d, free %d, auto_vacuum %d)%n",
                    pragma(c, "page_count"), pragma(c, "freelist_count"), pragma(c, "auto_vacuum"));
        }
        double secs = (System.nanoTime() - t0) / 1e9;
        Runtime rt = Runtime.getRuntime();
        System.out.printf(
                "%12d %9.1f %8.0f %8d %9.0f %9d %8.1f%n",
                seq,
                mb(),
                seq / secs,
                live,
                pruneNanos == 0 ? 0 : pruned / (pruneNanos / 1e9),
                rssKb() / 1024,
                (rt.totalMemory() - rt.freeMemory()) / 1048576.0);
    }

    /** Bytes of every file under the database directory (PostgreSQL: the whole cluster, WAL included). */
    static double mb() throws Exception {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile)
                            .mapToLong(f -> f.toFile().length())
                            .sum()
                    / 1048576.0;
        }
    }

    /** This JVM's resident memory plus, for PostgreSQL, the proportional share (PSS) of its server processes. */
    static long rssKb() {
        long kb = memoryKb(ProcessHandle.current().pid(), "VmRSS:", "status");
        if (postgres != null) {
            kb += ProcessHandle.allProcesses()
                    .filter(p -> ofThisCluster(p) || p.parent().map(DbSoak::ofThisCluster).orElse(false))
                    .mapToLong(p -> memoryKb(p.pid(), "Pss:", "smaps_rollup"))
                    .sum();
        }
        return kb;
    }

    static boolean ofThisCluster(ProcessHandle p) {
        return p.info().command().orElse("").endsWith("/postgres")
                && p.info().arguments().map(a -> String.join(" ", a).contains(dir.toString())).orElse(false);
    }

    static long memoryKb(long pid, String field, String file) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/" + file))) {
                if (line.startsWith(field)) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (Exception e) {
            // gone
        }
        return 0;
    }
}
