package io.hearth.server.trigger;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class TestWebhooksTest {

    @Test
    void aTestCallWhoseExecutionIsStillStartingKeepsTheEditorListening() {
        TestWebhooks tests = new TestWebhooks(Clock.systemUTC());
        TestWebhooks.Listening listening = tests.listen("wf-1", List.of(), Duration.ofMinutes(2));
        assertThat(listening.awaitingExecution()).isTrue();

        listening.executionId = ""; // what take() leaves while the call's execution is being prepared
        assertThat(listening.awaitingExecution())
                .as("taken, but no execution id to show yet")
                .isTrue();
        assertThat(listening.executionId().filter(id -> !id.isEmpty())).isEmpty();

        tests.started("wf-1", "exec-1");
        assertThat(listening.awaitingExecution()).isFalse();
        assertThat(listening.executionId()).contains("exec-1");
    }
}
