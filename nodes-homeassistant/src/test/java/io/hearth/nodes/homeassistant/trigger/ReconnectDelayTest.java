package io.hearth.nodes.homeassistant.trigger;

import static org.assertj.core.api.Assertions.assertThat;

import io.hearth.node.support.Backoff;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ReconnectDelayTest {

    @Test
    void theDefaultReconnectDelayLeavesRoomToBeBackWithinFiveSecondsOfHomeAssistantAnswering() {
        // However long Home Assistant was down, the next attempt comes at most 3 s after it answers again;
        // connecting, resubscribing and the catch-up fit in the rest (HomeAssistantTriggerLifecycleIT).
        ConnectionOptions options = ConnectionOptions.DEFAULT;
        Backoff b = new Backoff(options.backoffInitial(), options.backoffMax());
        for (int i = 0; i < 50; i++) {
            assertThat(b.next()).isLessThanOrEqualTo(Duration.ofSeconds(3));
        }
    }
}
