package io.hearth.nodes.homeassistant;

import static org.assertj.core.api.Assertions.assertThat;

import io.hearth.nodes.homeassistant.credential.HomeAssistantApiCredentialType;
import io.hearth.runtime.execution.ExecutionStatus;
import io.hearth.testkit.NodeTestKit;
import io.hearth.testkit.TestRun;
import io.hearth.testsupport.RealHomeAssistant;
import io.hearth.testsupport.RealHomeAssistantExtension;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.json.JsonMapper;

/**
 * HTTP Request with "Predefined Credential Type" = this plugin's Home Assistant API credential, against a
 * real Home Assistant: the credential type declares Bearer authentication, so the node needs nothing else.
 */
@Tag("home-assistant")
@ExtendWith(RealHomeAssistantExtension.class)
class HttpRequestWithHomeAssistantCredentialIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static TestRun run(RealHomeAssistant ha, String token, Map<String, Object> parameters, boolean credential) {
        NodeTestKit kit = NodeTestKit.builder()
                .credential(
                        HomeAssistantApiCredentialType.NAME,
                        "ha",
                        "Home Assistant",
                        HaTestSupport.credential(ha, token).values())
                .timeout(Duration.ofSeconds(90))
                .build();
        Map<String, Object> node = new LinkedHashMap<>();
        node.put("name", "HTTP");
        node.put("type", "n8n-nodes-base.httpRequest");
        node.put("typeVersion", 4.2);
        node.put("position", List.of(220, 0));
        node.put("parameters", parameters);
        if (credential) {
            node.put(
                    "credentials",
                    Map.of(HomeAssistantApiCredentialType.NAME, Map.of("id", "ha", "name", "Home Assistant")));
        }
        Map<String, Object> workflow = Map.of(
                "name", "HTTP Request with the Home Assistant credential",
                "nodes",
                        List.of(
                                Map.of(
                                        "name",
                                        "Start",
                                        "type",
                                        "n8n-nodes-base.manualTrigger",
                                        "typeVersion",
                                        1,
                                        "position",
                                        List.of(0, 0),
                                        "parameters",
                                        Map.of()),
                                node),
                "connections",
                        Map.of(
                                "Start",
                                Map.of("main", List.of(List.of(Map.of("node", "HTTP", "type", "main", "index", 0))))));
        return kit.run(JSON.writeValueAsString(workflow));
    }

    private static Map<String, Object> predefined(String url) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("url", url);
        p.put("authentication", "predefinedCredentialType");
        p.put("nodeCredentialType", HomeAssistantApiCredentialType.NAME);
        return p;
    }

    @Test
    void readsAStateWithTheHomeAssistantCredential(RealHomeAssistant ha) {
        TestRun r = run(ha, ha.token(), predefined(ha.url() + "/api/states/sun.sun"), true)
                .assertSucceeded();
        assertThat(r.json("HTTP").getFirst()).containsEntry("entity_id", "sun.sun");
    }

    @Test
    void callsAServiceWithAJsonBody(RealHomeAssistant ha) {
        Map<String, Object> p = predefined(ha.url() + "/api/services/light/turn_on");
        p.put("method", "POST");
        p.put("sendBody", true);
        p.put("specifyBody", "json");
        p.put("jsonBody", "{\"entity_id\": \"light.bed_light\"}");
        run(ha, ha.token(), p, true).assertSucceeded();
        TestRun state = run(ha, ha.token(), predefined(ha.url() + "/api/states/light.bed_light"), true)
                .assertSucceeded();
        assertThat(state.json("HTTP").getFirst()).containsEntry("state", "on");
    }

    @Test
    void aRejectedTokenFailsWith401AndIsNeverShown(RealHomeAssistant ha) {
        String token = "not-a-valid-token-5f4e3d2c1b";
        TestRun r = run(ha, token, predefined(ha.url() + "/api/states"), true);
        assertThat(r.status()).isEqualTo(ExecutionStatus.ERROR);
        var error = r.error().orElseThrow();
        assertThat(error.httpStatus()).isEqualTo(401);
        assertThat(error.message()).isEqualTo("Authorization failed - please check your credentials");
        assertThat(error.message() + error.description() + r.result().runData()).doesNotContain(token);
    }

    @Test
    void withoutTheCredentialTheNodeSaysWhichIsMissing(RealHomeAssistant ha) {
        TestRun r = run(ha, ha.token(), predefined(ha.url() + "/api/states"), false);
        assertThat(r.error().orElseThrow().message()).contains(HomeAssistantApiCredentialType.NAME);
    }
}
