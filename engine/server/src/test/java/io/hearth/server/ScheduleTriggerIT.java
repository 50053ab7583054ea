package io.hearth.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.hearth.server.execution.ExecutionRepository;
import io.hearth.server.execution.ExecutionWriter;
import io.hearth.server.execution.StoredExecutionData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A 1-second schedule fires on its whole seconds, never twice for a tick and never more often than its interval, and
 * keeps firing across a restart. Outcomes only: how many ticks a given wall-clock time holds
 * depends on the machine's load, so the test waits for firings (with a deadline) rather than for time.
 */
class ScheduleTriggerIT {

    private static final Duration DEADLINE = Duration.ofSeconds(60);

    /** The scheduled time of every firing recorded so far, in order. */
    private static List<Instant> firings(ServerProcess server) {
        server.bean(ExecutionWriter.class).flush();
        return server
                .bean(JdbcClient.class)
                .sql("SELECT d.data FROM executions e JOIN execution_data d ON d.execution_id = e.id"
                        + " WHERE e.mode = 'schedule'")
                .query(ExecutionRepository.DATA_COLUMN)
                .list()
                .stream()
                .map(data -> (String) StoredExecutionData.startItems(StoredExecutionData.parse(data))
                        .getFirst()
                        .json()
                        .get("timestamp"))
                .map(t -> OffsetDateTime.parse(t).toInstant())
                .sorted()
                .toList();
    }

    /** Each firing a distinct whole second, at least the schedule's interval after the one before. */
    private static void assertOnTheSchedule(List<Instant> firings) {
        assertThat(firings).as("no tick fired twice").doesNotHaveDuplicates();
        assertThat(firings)
                .allSatisfy(t -> assertThat(t).as("on a whole second").isEqualTo(t.truncatedTo(ChronoUnit.SECONDS)));
        for (int i = 1; i < firings.size(); i++) {
            assertThat(Duration.between(firings.get(i - 1), firings.get(i)))
                    .as("never more often than every second: %s", firings)
                    .isGreaterThanOrEqualTo(Duration.ofSeconds(1));
        }
    }

    @Test
    void firesEverySecondAndSurvivesARestart() throws Exception {
        Path dataDir = Files.createTempDirectory("hearth-schedule");
        ServerProcess first = ServerProcess.start(dataDir);
        Map<String, Object> workflow = Map.of(
                "name",
                "Every second",
                "nodes",
                List.of(ApiTestSupport.node(
                        "Schedule",
                        "n8n-nodes-base.scheduleTrigger",
                        1.2,
                        Map.of(
                                "rule",
                                Map.of("interval", List.of(Map.of("field", "seconds", "secondsInterval", 1)))))));
        String id = first.createWorkflow(workflow);
        first.activate(id);
        await().atMost(DEADLINE).until(() -> firings(first).size() >= 4);
        first.deactivate(id);
        List<Instant> firstRun = firings(first);
        assertOnTheSchedule(firstRun);

        // Active again, then the server stops and starts: the schedule carries on from the database.
        first.activate(id);
        await().atMost(DEADLINE).until(() -> firings(first).size() > firstRun.size());
        first.close();
        ServerProcess second = ServerProcess.start(dataDir);
        try {
            int before = firings(second).size();
            // Fired by the restarted server: three more, on the same schedule as before the restart.
            await().atMost(DEADLINE).until(() -> firings(second).size() >= before + 3);
            List<Instant> all = firings(second);
            assertThat(all).startsWith(firstRun.toArray(Instant[]::new));
            assertOnTheSchedule(all);
        } finally {
            second.close();
        }
    }
}
