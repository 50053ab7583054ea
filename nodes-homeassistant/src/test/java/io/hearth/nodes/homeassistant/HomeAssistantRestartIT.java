package io.hearth.nodes.homeassistant;

import static io.hearth.nodes.homeassistant.HaTestSupport.credential;
import static org.assertj.core.api.Assertions.assertThat;

import io.hearth.node.credential.CredentialData;
import io.hearth.nodes.homeassistant.client.HomeAssistantClients;
import io.hearth.testkit.TestRun;
import io.hearth.testsupport.RealHomeAssistant;
import io.hearth.testsupport.RealHomeAssistantExtension;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Home Assistant goes away and comes back: the node reports the outage as a transient "connection
 * refused" and the same (cached, pooled) client works again after the restart.
 */
@Tag("home-assistant")
@ExtendWith(RealHomeAssistantExtension.class)
class HomeAssistantRestartIT {

    @Test
    void reportsOutageAndRecoversAfterRestart(RealHomeAssistant ha) throws Throwable {
        Assumptions.assumeTrue(
                ha.stateDirectory().isPresent(), "Home Assistant given without a state dir cannot be restarted");
        CredentialData credential = credential(ha);
        Map<String, Object> getFlag =
                Map.of("resource", "state", "operation", "get", "entityId", "input_boolean.hearth_flag");
        try (HomeAssistantClients clients = new HomeAssistantClients()) {
            HaNodeRun node = HaNodeRun.of(new HomeAssistantNode(clients), credential.values());
            assertThat(node.items(getFlag)).hasSize(1);

            ha.stop();
            try {
                assertThat(ha.isRunning()).isFalse();
                TestRun down = node.run(getFlag);
                assertThat(down.error().orElseThrow().message())
                        .contains("connection refused by " + ha.host() + ":" + ha.port());
            } finally {
                ha.start();
            }
            assertThat(ha.isRunning()).isTrue();
            assertThat(node.items(getFlag).getFirst().json()).containsEntry("entity_id", "input_boolean.hearth_flag");
            assertThat(clients.size()).isEqualTo(1);
        }
    }
}
