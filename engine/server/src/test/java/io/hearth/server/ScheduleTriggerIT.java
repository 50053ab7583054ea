package io.hearth.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/** A 1-second schedule fires once a second, keeps firing across a restart and never fires a tick twice. */
class ScheduleTriggerIT {

    private static List<String> firedTimestamps(ServerProcess server) {
        JdbcClient jdbc = server.bean(JdbcClient.class);
        return jdbc
                .sql(
                        "SELECT d.data FROM executions e JOIN execution_data d ON d.execution_id = e.id WHERE e.mode = 'schedule'")
                .query(io.hearth.server.execution.ExecutionRepository.DATA_COLUMN)
                .list()
                .stream()
                .map(data -> (String) io.hearth.server.execution.StoredExecutionData.startItems(
                                io.hearth.server.execution.StoredExecutionData.parse(data))
                        .getFirst()
                        .json()
                        .get("timestamp"))
                .toList();
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
        int seconds = 6;
        Thread.sleep(seconds * 1000L);
        first.deactivate(id);
        first.bean(io.hearth.server.execution.ExecutionWriter.class).flush();
        List<String> firstRun = firedTimestamps(first);
        assertThat(firstRun.size()).as("fires in %d s: %s", seconds, firstRun).isBetween(seconds - 1, seconds + 1);

        // Active again, then the server stops and starts: the schedule carries on from the database.
        first.activate(id);
        Thread.sleep(2000);
        first.close();
        ServerProcess second = ServerProcess.start(dataDir);
        try {
            int before = firedTimestamps(second).size();
            Thread.sleep(4000);
            second.bean(io.hearth.server.execution.ExecutionWriter.class).flush();
            List<String> all = firedTimestamps(second);
            assertThat(all.size() - before).as("fires after restart").isBetween(3, 5);
            Set<String> distinct = all.stream().collect(Collectors.toSet());
            assertThat(distinct).as("no tick fired twice").hasSize(all.size());
        } finally {
            second.close();
        }
    }
}
