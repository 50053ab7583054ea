package io.hearth.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.hearth.node.ExecutionMode;
import io.hearth.runtime.execution.ExecutionStatus;
import io.hearth.server.execution.ExecutionQueue;
import io.hearth.server.execution.ExecutionRecord;
import io.hearth.server.execution.ExecutionRepository;
import io.hearth.server.execution.ExecutionWriter;
import io.hearth.server.support.Ids;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.sql.DataSource;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The execution queue's SQL on a real PostgreSQL (a server in the role main, which queues but claims nothing
 * itself, so the test is the only worker): batches claimed oldest first and never twice, NOTIFY on commit, and
 * what happens to the executions of a worker that dies.
 */
class ExecutionQueueIT {

    private static ServerProcess server;
    private static ExecutionQueue queue;
    private static ExecutionWriter writer;
    private static JdbcClient db;
    private static DataSource dataSource;

    @BeforeAll
    static void start() throws Exception {
        server = ServerProcess.start(
                Files.createTempDirectory("hearth-queue-it"),
                "--spring.datasource.url=" + EmbeddedPostgres.freshDatabase("hearth_queue_it"),
                "--spring.datasource.username=postgres",
                "--spring.datasource.password=postgres",
                "--hearth.cluster.role=main",
                "--hearth.cluster.instance-id=main-under-test");
        queue = server.bean(ExecutionQueue.class);
        writer = server.bean(ExecutionWriter.class);
        dataSource = server.bean(DataSource.class);
        db = JdbcClient.create(dataSource);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @BeforeEach
    void emptyQueue() {
        db.sql("DELETE FROM execution_data").update();
        db.sql("DELETE FROM executions").update();
        db.sql("DELETE FROM execution_queue_workers").update();
    }

    private static String enqueue(String workflowId, int n) {
        String id = Ids.newId();
        ExecutionRecord row = new ExecutionRecord(
                id,
                workflowId,
                Optional.of("v1"),
                "Queued",
                ExecutionStatus.NEW,
                ExecutionMode.WEBHOOK,
                Instant.now(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.empty());
        writer.enqueue(row, "{\"start\":{\"node\":\"Webhook\",\"items\":[{\"json\":{\"n\":" + n + "}}]}}")
                .join();
        return id;
    }

    private static List<String> claimAll(String worker, int batch) throws Exception {
        List<String> mine = new ArrayList<>();
        try (Connection c = dataSource.getConnection()) {
            while (true) {
                List<ExecutionQueue.Claimed> got = queue.claim(c, worker, batch);
                if (got.isEmpty()) {
                    return mine;
                }
                got.forEach(g -> mine.add(g.record().id()));
            }
        }
    }

    private static String status(String id) {
        return db.sql("SELECT status FROM executions WHERE id = ?")
                .param(id)
                .query(String.class)
                .single();
    }

    @Test
    void twoWorkersClaimingAtOnceGetEveryQueuedExecutionExactlyOnceOldestFirst() throws Exception {
        List<String> queued = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            queued.add(enqueue("wf-claims", i));
        }
        queue.register("worker-1", 8);
        queue.register("worker-2", 8);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        Future<List<String>> one = pool.submit(() -> claimAll("worker-1", 7));
        Future<List<String>> two = pool.submit(() -> claimAll("worker-2", 7));
        List<String> first = one.get();
        List<String> second = two.get();
        pool.shutdown();

        List<String> all = new ArrayList<>(first);
        all.addAll(second);
        assertThat(all).hasSize(60).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(queued);
        assertThat(first).isSorted();
        assertThat(second).isSorted();
        for (String id : first) {
            assertThat(db.sql("SELECT status || ' ' || instance_id || ' ' || queued FROM executions WHERE id = ?")
                            .param(id)
                            .query(String.class)
                            .single())
                    .isEqualTo("running worker-1 true");
        }
    }

    @Test
    void aClaimCarriesTheStartData() throws Exception {
        String id = enqueue("wf-data", 42);
        queue.register("worker-1", 1);
        try (Connection c = dataSource.getConnection()) {
            List<ExecutionQueue.Claimed> got = queue.claim(c, "worker-1", 5);
            assertThat(got).singleElement().satisfies(claimed -> {
                assertThat(claimed.record().id()).isEqualTo(id);
                assertThat(claimed.record().mode()).isEqualTo(ExecutionMode.WEBHOOK);
                assertThat(claimed.data()).contains("\"n\":42");
            });
        }
    }

    @Test
    void aWorkerWithoutALeaseClaimsNothing() throws Exception {
        String id = enqueue("wf-lease", 1);
        assertThat(claimAll("never-registered", 10)).isEmpty();
        assertThat(status(id)).isEqualTo("new");
    }

    @Test
    void queuingWakesAListeningWorkerWhenItCommits() throws Exception {
        try (Connection c = dataSource.getConnection();
                Statement s = c.createStatement()) {
            s.execute("LISTEN hearth_execution_queue");
            PGConnection pg = c.unwrap(PGConnection.class);
            PGNotification[] none = pg.getNotifications(1);
            assertThat(none).isNullOrEmpty();
            enqueue("wf-notify", 1);
            List<Object> received = new ArrayList<>();
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> {
                PGNotification[] n = pg.getNotifications(100);
                if (n != null) {
                    received.addAll(List.of(n));
                }
                return !received.isEmpty();
            });
            s.execute("UNLISTEN *");
        }
    }

    @Test
    void aDeadWorkersExecutionsAreMarkedCrashedAndQueuedAgainAsRetriesOnce() throws Exception {
        for (int i = 0; i < 3; i++) {
            enqueue("wf-dead", i);
        }
        queue.register("doomed", 4);
        List<String> claimed = claimAll("doomed", 10);
        assertThat(claimed).hasSize(3);
        db.sql(
                        "UPDATE execution_queue_workers SET heartbeat_at = now() - interval '1 hour' WHERE instance_id = 'doomed'")
                .update();

        // Two live workers notice at the same time: one of them takes the dead worker's executions over.
        ExecutorService pool = Executors.newFixedThreadPool(2);
        Callable<Integer> reap = () -> queue.reapDeadWorkers(Duration.ofSeconds(10));
        List<Future<Integer>> reaped = pool.invokeAll(List.of(reap, reap));
        pool.shutdown();
        int total = 0;
        for (Future<Integer> f : reaped) {
            total += f.get();
        }
        assertThat(total).isEqualTo(3);

        for (String id : claimed) {
            assertThat(status(id)).isEqualTo("crashed");
            String message = db.sql("SELECT error_message FROM executions WHERE id = ?")
                    .param(id)
                    .query(String.class)
                    .single();
            assertThat(message).contains("Worker 'doomed' stopped answering").contains("it runs again as execution");
            List<String> retries = db.sql(
                            "SELECT id FROM executions WHERE retry_of = ? AND status = 'new' AND mode = 'retry' AND instance_id IS NULL")
                    .param(id)
                    .query(String.class)
                    .list();
            assertThat(retries).singleElement().satisfies(retry -> {
                assertThat(message).endsWith(retry);
                assertThat(server.bean(ExecutionRepository.class).data(retry))
                        .isEqualTo(server.bean(ExecutionRepository.class).data(id));
            });
        }
        assertThat(db.sql("SELECT COUNT(*) FROM execution_queue_workers WHERE instance_id = 'doomed'")
                        .query(Long.class)
                        .single())
                .isZero();
        // The retries are queue entries like any other.
        queue.register("survivor", 4);
        assertThat(claimAll("survivor", 10)).hasSize(3);
    }

    @Test
    void anExecutionThatWasRunningEachTimeThreeWorkersStoppedIsNotRunAgain() throws Exception {
        String original = enqueue("wf-poison", 1);
        Set<String> attempts = new HashSet<>();
        attempts.add(original);
        for (int worker = 1; worker <= 3; worker++) {
            queue.register("w" + worker, 1);
            assertThat(claimAll("w" + worker, 1)).hasSize(1);
            queue.release("w" + worker, "Worker 'w" + worker + "' stopped");
            attempts.addAll(db.sql("SELECT id FROM executions WHERE workflow_id = 'wf-poison'")
                    .query(String.class)
                    .list());
        }
        assertThat(attempts).hasSize(3);
        assertThat(db.sql("SELECT status FROM executions WHERE workflow_id = 'wf-poison'")
                        .query(String.class)
                        .list())
                .containsOnly("crashed");
        assertThat(db.sql(
                                "SELECT error_message FROM executions WHERE workflow_id = 'wf-poison' ORDER BY id DESC LIMIT 1")
                        .query(String.class)
                        .single())
                .contains("not run again");
    }

    @Test
    void executionsQueuedThroughDbSchedulerBeforeBecomeQueueEntries() throws Exception {
        String url = EmbeddedPostgres.freshDatabase("hearth_queue_upgrade");
        var before = org.flywaydb.core.Flyway.configure()
                .dataSource(url, "postgres", "postgres")
                .locations("classpath:db/migration/common", "classpath:db/migration/postgresql")
                .target("7")
                .load();
        before.migrate();
        JdbcClient old = JdbcClient.create(
                new org.springframework.jdbc.datasource.DriverManagerDataSource(url, "postgres", "postgres"));
        for (String[] row : List.of(new String[] {"queued-new", "new"}, new String[] {"picked-running", "running"})) {
            old.sql("INSERT INTO executions (id, workflow_id, workflow_name, status, mode, started_at, instance_id) "
                            + "VALUES (?, 'wf-old', 'Old', ?, 'webhook', now(), 'old-main')")
                    .params(row[0], row[1])
                    .update();
            old.sql("INSERT INTO scheduled_tasks (task_name, task_instance, execution_time, picked, version) "
                            + "VALUES ('hearth-execution', ?, now(), ?, 1)")
                    .params(row[0], row[1].equals("running"))
                    .update();
        }
        old.sql("INSERT INTO executions (id, workflow_id, workflow_name, status, mode, started_at, instance_id) "
                        + "VALUES ('local-new', 'wf-old', 'Old', 'new', 'webhook', now(), 'old-main')")
                .update();

        org.flywaydb.core.Flyway.configure()
                .dataSource(url, "postgres", "postgres")
                .locations("classpath:db/migration/common", "classpath:db/migration/postgresql")
                .load()
                .migrate();

        assertThat(old.sql("SELECT COUNT(*) FROM scheduled_tasks WHERE task_name = 'hearth-execution'")
                        .query(Long.class)
                        .single())
                .as("nothing left for db-scheduler to find no implementation of")
                .isZero();
        assertThat(old.sql("SELECT id FROM executions WHERE status = 'new' AND instance_id IS NULL ORDER BY id")
                        .query(String.class)
                        .list())
                .containsExactly("picked-running", "queued-new");
        assertThat(old.sql("SELECT instance_id FROM executions WHERE id = 'local-new'")
                        .query(String.class)
                        .single())
                .as("an execution that was never queued stays its instance's to recover")
                .isEqualTo("old-main");
    }

    @Test
    void aWorkerThatShutsDownHandsBackWhatItWasRunning() throws Exception {
        String id = enqueue("wf-release", 1);
        queue.register("leaving", 2);
        assertThat(claimAll("leaving", 2)).containsExactly(id);
        assertThat(queue.release("leaving", "Worker 'leaving' shut down while running this execution"))
                .isEqualTo(1);
        assertThat(status(id)).isEqualTo("crashed");
        assertThat(db.sql("SELECT COUNT(*) FROM executions WHERE retry_of = ? AND status = 'new'")
                        .param(id)
                        .query(Long.class)
                        .single())
                .isEqualTo(1);
        assertThat(claimAll("leaving", 2))
                .as("without a lease until it registers again")
                .isEmpty();
    }
}
