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

/**
 * The execution table's life under a soak, without the server: inserts execution rows with a record of
 * RECORD_BYTES (as the group-commit writer does, BATCH rows per transaction), prunes to the newest KEEP
 * (oldest first, 500 per transaction, every 5,000 inserts, as ExecutionPruner), and prints the database
 * files' size every EVERY rows; at the end lowers the retention to KEEP/10 and prints the size again.
 *
 *   java -cp <h2 or sqlite-jdbc jar> DbSoak.java h2|sqlite DIR TOTAL KEEP EVERY RECORD_BYTES
 */
public class DbSoak {
    static final int BATCH = 32;

    public static void main(String[] a) throws Exception {
        String engine = a[0];
        Path dir = Path.of(a[1]).toAbsolutePath();
        long total = Long.parseLong(a[2]);
        int keep = Integer.parseInt(a[3]);
        long every = Long.parseLong(a[4]);
        int recordBytes = Integer.parseInt(a[5]);
        Files.createDirectories(dir);
        String url = engine.equals("h2")
                ? "jdbc:h2:file:" + dir.resolve("hearth") + ";DB_CLOSE_ON_EXIT=FALSE;WRITE_DELAY=0;CACHE_SIZE=1024"
                : "jdbc:sqlite:" + dir.resolve("hearth.db");
        try (Connection c = DriverManager.getConnection(url, "sa", "")) {
            try (Statement s = c.createStatement()) {
                if (engine.equals("sqlite")) {
                    s.execute("PRAGMA auto_vacuum=INCREMENTAL"); // before the first table
                    s.execute("PRAGMA journal_mode=WAL");
                    s.execute("PRAGMA synchronous=NORMAL"); // WAL: a killed process loses no commit
                }
                s.execute("CREATE TABLE executions (id VARCHAR(36) PRIMARY KEY, workflow_id VARCHAR(36) NOT NULL,"
                        + " status VARCHAR(16) NOT NULL, mode VARCHAR(16) NOT NULL, started_at BIGINT NOT NULL,"
                        + " stopped_at BIGINT, error_message VARCHAR(2000))");
                s.execute("CREATE INDEX executions_by_workflow ON executions (workflow_id, started_at)");
                s.execute("CREATE INDEX executions_by_status ON executions (status)");
                s.execute(
                        "CREATE TABLE execution_data (execution_id VARCHAR(36) PRIMARY KEY, data VARBINARY(1000000000) NOT NULL)");
            }
            c.setAutoCommit(false);
            String wf = UUID.randomUUID().toString();
            byte[] template = record(recordBytes);
            long t0 = System.nanoTime();
            long seq = 0;
            System.out.printf("%s, record %d bytes, keep %d%n", engine, recordBytes, keep);
            System.out.printf("%12s %10s %10s %10s%n", "executions", "db MB", "rows/s", "live");
            while (seq < total) {
                try (PreparedStatement e = c.prepareStatement(
                                "INSERT INTO executions (id, workflow_id, status, mode, started_at, stopped_at) VALUES (?,?,?,?,?,?)");
                        PreparedStatement d =
                                c.prepareStatement("INSERT INTO execution_data (execution_id, data) VALUES (?,?)")) {
                    for (int i = 0; i < BATCH; i++, seq++) {
                        String id = String.format("%016x-%s", seq, wf.substring(0, 19));
                        e.setString(1, id);
                        e.setString(2, wf);
                        e.setString(3, "success");
                        e.setString(4, "webhook");
                        e.setLong(5, seq);
                        e.setLong(6, seq + 1);
                        e.addBatch();
                        byte[] data = template.clone();
                        byte[] idb = id.getBytes();
                        System.arraycopy(idb, 0, data, 10, idb.length);
                        d.setString(1, id);
                        d.setBytes(2, data);
                        d.addBatch();
                    }
                    e.executeBatch();
                    d.executeBatch();
                }
                c.commit();
                if (seq % 5000 < BATCH) {
                    prune(c, engine, keep);
                }
                if (seq % every < BATCH) {
                    print(c, dir, seq, t0);
                }
            }
            print(c, dir, seq, t0);
            System.out.println("retention lowered to " + keep / 10);
            prune(c, engine, keep / 10);
            if (engine.equals("sqlite")) {
                c.setAutoCommit(true); // a checkpoint runs outside a transaction
                try (Statement s = c.createStatement()) {
                    s.execute("PRAGMA incremental_vacuum");
                    s.execute("PRAGMA wal_checkpoint(TRUNCATE)");
                }
            }
            print(c, dir, seq, t0);
        }
        if (engine.equals("h2")) {
            System.out.println("after close: " + mb(dir) + " MB");
        }
    }

    static byte[] record(int n) {
        StringBuilder sb = new StringBuilder("{\"start\":{\"node\":\"Webhook\",\"id\":\"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\"},\"nodes\":{");
        int i = 0;
        while (sb.length() < n - 40) {
            sb.append("\"field").append(i).append("\":\"value ").append(Integer.toHexString(i * 7919)).append("\",");
            i++;
        }
        sb.append("\"end\":true}}");
        return sb.toString().getBytes();
    }

    static void prune(Connection c, String engine, int keep) throws Exception {
        while (true) {
            List<String> ids = new ArrayList<>();
            long live;
            try (Statement s = c.createStatement();
                    ResultSet r = s.executeQuery("SELECT COUNT(*) FROM executions")) {
                r.next();
                live = r.getLong(1);
            }
            long excess = live - keep;
            if (excess <= 0) {
                return;
            }
            try (PreparedStatement p = c.prepareStatement("SELECT id FROM executions ORDER BY id LIMIT ?")) {
                p.setLong(1, Math.min(500, excess));
                try (ResultSet r = p.executeQuery()) {
                    while (r.next()) {
                        ids.add(r.getString(1));
                    }
                }
            }
            try (PreparedStatement d = c.prepareStatement("DELETE FROM execution_data WHERE execution_id = ?");
                    PreparedStatement e = c.prepareStatement("DELETE FROM executions WHERE id = ?")) {
                for (String id : ids) {
                    d.setString(1, id);
                    d.addBatch();
                    e.setString(1, id);
                    e.addBatch();
                }
                d.executeBatch();
                e.executeBatch();
            }
            c.commit();
            if (engine.equals("sqlite")) {
                try (Statement s = c.createStatement()) {
                    s.execute("PRAGMA incremental_vacuum(2000)");
                }
                c.commit();
            }
        }
    }

    static void print(Connection c, Path dir, long seq, long t0) throws Exception {
        long live;
        try (Statement s = c.createStatement();
                ResultSet r = s.executeQuery("SELECT COUNT(*) FROM executions")) {
            r.next();
            live = r.getLong(1);
        }
        double secs = (System.nanoTime() - t0) / 1e9;
        System.out.printf("%12d %10.1f %10.0f %10d%n", seq, mb(dir), seq / secs, live);
    }

    static double mb(Path dir) throws Exception {
        try (var files = Files.list(dir)) {
            return files.mapToLong(f -> f.toFile().length()).sum() / 1048576.0;
        }
    }
}
