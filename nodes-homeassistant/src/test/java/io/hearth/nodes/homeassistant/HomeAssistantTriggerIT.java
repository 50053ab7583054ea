package io.hearth.nodes.homeassistant;

import static io.hearth.nodes.homeassistant.HaTestSupport.credential;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.hearth.node.NodeException;
import io.hearth.node.credential.CredentialData;
import io.hearth.node.trigger.TriggerHandle;
import io.hearth.node.trigger.TriggerStatus;
import io.hearth.nodes.homeassistant.trigger.ActiveTrigger;
import io.hearth.nodes.homeassistant.trigger.ConnectionOptions;
import io.hearth.nodes.homeassistant.trigger.HaEventConnection;
import io.hearth.nodes.homeassistant.trigger.HaEventConnections;
import io.hearth.testkit.TestTriggerContext;
import io.hearth.testsupport.RealHomeAssistant;
import io.hearth.testsupport.RealHomeAssistantExtension;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The Home Assistant Trigger against a real Home Assistant: state changes with filters and holds,
 * events with a data filter, native triggers, a rejected token, and 50 triggers on one WebSocket.
 */
@Tag("home-assistant")
@ExtendWith(RealHomeAssistantExtension.class)
class HomeAssistantTriggerIT {

    private static final Duration WAIT = Duration.ofSeconds(30);

    private final RealHomeAssistant ha;
    private final HaRest rest;
    private final CredentialData credential;
    private HaEventConnections connections;
    private HomeAssistantTriggerNode node;
    private final List<TriggerHandle> handles = new ArrayList<>();

    HomeAssistantTriggerIT(RealHomeAssistant ha) {
        this.ha = ha;
        this.rest = new HaRest(ha);
        this.credential = credential(ha);
    }

    @BeforeEach
    void newNode() {
        connections = new HaEventConnections(ConnectionOptions.DEFAULT.withHeartbeat(Duration.ofSeconds(5)));
        node = new HomeAssistantTriggerNode(connections);
    }

    @AfterEach
    void closeTriggers() {
        handles.forEach(TriggerHandle::close);
        await().atMost(WAIT).until(() -> connections.size() == 0 && connections.openSockets() == 0);
    }

    private ActiveTrigger activate(TestTriggerContext context) throws Throwable {
        try {
            TriggerHandle handle = node.activate(context).toCompletableFuture().get(60, TimeUnit.SECONDS);
            handles.add(handle);
            return (ActiveTrigger) handle;
        } catch (ExecutionException e) {
            throw e.getCause();
        }
    }

    private void setBoolean(String entity, boolean on) {
        rest.callService("input_boolean", on ? "turn_on" : "turn_off", Map.of("entity_id", entity));
        await().atMost(WAIT).until(() -> rest.state(entity).equals(on ? "on" : "off"));
    }

    private void setNumber(double value) {
        rest.callService(
                "input_number", "set_value", Map.of("entity_id", "input_number.hearth_target", "value", value));
        await().atMost(WAIT).until(() -> Double.parseDouble(rest.state("input_number.hearth_target")) == value);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> obj(Object value) {
        return (Map<String, Object>) value;
    }

    @Test
    void aLightTurningOnStartsTheTriggerWithOldAndNewState() throws Throwable {
        rest.callService("light", "turn_off", Map.of("entity_id", "light.ceiling_lights"));
        await().atMost(WAIT).until(() -> rest.state("light.ceiling_lights").equals("off"));
        TestTriggerContext context = TestTriggerContext.of(
                "HA Trigger",
                credential,
                Map.of("event", "stateChanged", "entityIds", List.of("light.ceiling_lights")));
        activate(context);
        assertThat(context.lastStatus()).hasValueSatisfying(s -> {
            assertThat(s.state()).isEqualTo(TriggerStatus.State.CONNECTED);
            assertThat(s.message())
                    .contains("Connected to Home Assistant " + ha.version())
                    .contains("light.ceiling_lights");
        });

        rest.callService("light", "turn_on", Map.of("entity_id", "light.ceiling_lights", "brightness", 200));

        await().atMost(Duration.ofSeconds(30)).until(() -> !context.items().isEmpty());
        Map<String, Object> json = context.items().getFirst();
        assertThat(json).containsEntry("entity_id", "light.ceiling_lights").containsKeys("time", "context");
        assertThat(obj(json.get("from_state")))
                .containsEntry("state", "off")
                .containsKeys("attributes", "last_changed", "last_updated");
        assertThat(obj(json.get("to_state"))).containsEntry("state", "on");
        assertThat(obj(obj(json.get("to_state")).get("attributes"))).containsEntry("brightness", 200);
        assertThat(json.get("time").toString()).matches("\\d{4}-\\d\\d-\\d\\dT.*Z");
    }

    @Test
    void fromAndToFiltersSkipOtherChanges() throws Throwable {
        setBoolean("input_boolean.hearth_relay", false);
        TestTriggerContext toOff = TestTriggerContext.of(
                "HA Trigger",
                credential,
                Map.of("event", "stateChanged", "entityIds", "input_boolean.hearth_relay", "from", "on", "to", "off"));
        TestTriggerContext toOn = TestTriggerContext.of(
                "HA Trigger",
                credential,
                Map.of("event", "stateChanged", "entityIds", "input_boolean.hearth_relay", "to", "on"));
        activate(toOff);
        activate(toOn);

        setBoolean("input_boolean.hearth_relay", true); // off -> on: only toOn
        setBoolean("input_boolean.hearth_relay", false); // on -> off: only toOff

        await().atMost(WAIT)
                .until(() -> toOff.items().size() == 1 && toOn.items().size() == 1);
        // the changes arrive in order on one socket: when the second one is here, the first was not emitted by toOff
        assertThat(obj(toOff.items().getFirst().get("to_state"))).containsEntry("state", "off");
        assertThat(obj(toOn.items().getFirst().get("to_state"))).containsEntry("state", "on");
        assertThat(connections.connections())
                .singleElement()
                .satisfies(c -> assertThat(c.subscriptionCount()).isEqualTo(1));
    }

    @Test
    void forDurationEmitsAfterHoldingAndIsCancelledByAChangeBack() throws Throwable {
        setBoolean("input_boolean.hearth_flag", false);
        TestTriggerContext context = TestTriggerContext.of(
                "HA Trigger",
                credential,
                Map.of("event", "stateChanged", "entityIds", "input_boolean.hearth_flag", "to", "on", "forSeconds", 2));
        ActiveTrigger trigger = activate(context);

        // held: emitted after 2 s
        setBoolean("input_boolean.hearth_flag", true);
        await().atMost(WAIT).until(() -> context.items().size() == 1);
        assertThat(context.items().getFirst()).containsEntry("for_seconds", 2.0);
        assertThat(obj(context.items().getFirst().get("to_state"))).containsEntry("state", "on");

        // changed back within the window: cancelled
        setBoolean("input_boolean.hearth_flag", false);
        setBoolean("input_boolean.hearth_flag", true);
        await().atMost(WAIT).until(() -> trigger.pendingHolds() == 1);
        setBoolean("input_boolean.hearth_flag", false);
        await().atMost(WAIT).until(() -> trigger.pendingHolds() == 0);
        Thread.sleep(3000); // deliberate: longer than the hold, nothing may come
        assertThat(context.items()).hasSize(1);
    }

    @Test
    void aCustomEventWithMatchingDataStartsTheTrigger() throws Throwable {
        TestTriggerContext context = TestTriggerContext.of(
                "HA Trigger",
                credential,
                Map.of(
                        "event",
                        "event",
                        "eventType",
                        "hearth_custom",
                        "eventData",
                        "{\"room\": \"kitchen\", \"level\": 3}"));
        TestTriggerContext pong =
                TestTriggerContext.of("HA Trigger", credential, Map.of("event", "event", "eventType", "hearth_pong"));
        activate(context);
        activate(pong);

        rest.fireEvent("hearth_custom", Map.of("room", "hall", "level", 3));
        rest.fireEvent("hearth_custom", Map.of("room", "kitchen", "level", 3, "by", "test"));
        rest.fireEvent("hearth_ping", Map.of("n", 1)); // automation.hearth_ping_pong answers with hearth_pong

        await().atMost(WAIT)
                .until(() -> !context.items().isEmpty() && !pong.items().isEmpty());
        assertThat(context.items()).singleElement().satisfies(json -> {
            assertThat(json)
                    .containsEntry("event_type", "hearth_custom")
                    .containsEntry("origin", "REMOTE")
                    .containsKeys("time_fired", "context", "time");
            assertThat(obj(json.get("data"))).containsEntry("room", "kitchen").containsEntry("by", "test");
        });
        assertThat(pong.items().getFirst()).containsEntry("event_type", "hearth_pong");
        assertThat(obj(pong.items().getFirst().get("context"))).containsKey("parent_id");
    }

    @Test
    void aHomeAssistantTriggerConfigFires() throws Throwable {
        setNumber(20);
        TestTriggerContext numeric =
                TestTriggerContext.of("HA Trigger", credential, Map.of("event", "trigger", "triggerConfig", """
                platform: numeric_state
                entity_id: input_number.hearth_target
                above: 50
                """));
        TestTriggerContext template = TestTriggerContext.of(
                "HA Trigger",
                credential,
                Map.of(
                        "event",
                        "trigger",
                        "triggerConfig",
                        "{\"platform\": \"template\", \"value_template\": \"{{ states('sensor.hearth_target_doubled') | float(0) > 150 }}\"}"));
        activate(numeric);
        activate(template);

        setNumber(70);
        await().atMost(WAIT).until(() -> numeric.items().size() == 1);
        assertThat(numeric.items().getFirst()).containsKeys("context", "time");
        assertThat(obj(numeric.items().getFirst().get("trigger")))
                .containsEntry("platform", "numeric_state")
                .containsEntry("entity_id", "input_number.hearth_target");
        assertThat(obj(obj(numeric.items().getFirst().get("trigger")).get("to_state")))
                .containsEntry("state", "70.0");

        setNumber(80); // doubled: 160
        await().atMost(WAIT).until(() -> template.items().size() == 1);
        assertThat(obj(template.items().getFirst().get("trigger"))).containsEntry("platform", "template");
        assertThat(numeric.items()).hasSize(1); // still above 50: numeric_state fires on crossing only
    }

    @Test
    void triggerConfigNeedsAnAdministratorAndAValidTrigger() {
        Assumptions.assumeTrue(ha.userToken().isPresent(), "no non-admin token");
        TestTriggerContext user = TestTriggerContext.of(
                "HA Trigger",
                credential(ha, ha.userToken().get()),
                Map.of("event", "trigger", "triggerConfig", "platform: state\nentity_id: input_boolean.hearth_flag"));
        assertThatThrownBy(() -> activate(user))
                .isInstanceOf(NodeException.class)
                .hasMessageContaining("administrators only");

        TestTriggerContext invalid = TestTriggerContext.of(
                "HA Trigger", credential, Map.of("event", "trigger", "triggerConfig", "platform: no_such_platform"));
        assertThatThrownBy(() -> activate(invalid))
                .isInstanceOf(NodeException.class)
                .hasMessageStartingWith("Home Assistant rejected the trigger config");
    }

    @Test
    void aBadTokenFailsTheActivationWithAuthInvalid() {
        TestTriggerContext context = TestTriggerContext.of(
                "HA Trigger",
                credential(ha, "not-a-valid-token"),
                Map.of("event", "stateChanged", "entityIds", "input_boolean.hearth_flag"));
        assertThatThrownBy(() -> activate(context))
                .isInstanceOf(NodeException.class)
                .hasMessageStartingWith("Home Assistant rejected the access token (auth_invalid): ")
                .hasMessageNotContaining("not-a-valid-token");
        await().atMost(WAIT).until(() -> connections.size() == 0);
    }

    @Test
    void anUnreachableHostFailsTheActivationWithTheReason() throws Exception {
        int closedPort;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closedPort = s.getLocalPort();
        }
        TestTriggerContext context = TestTriggerContext.of(
                "HA Trigger",
                HaTestSupport.credential(Map.of("host", "127.0.0.1", "port", closedPort, "accessToken", "x")),
                Map.of("entityIds", "light.kitchen_lights"));
        assertThatThrownBy(() -> activate(context))
                .isInstanceOf(NodeException.class)
                .hasMessageContaining("connection refused by 127.0.0.1:" + closedPort);
    }

    @Test
    void fiftyTriggersShareOneWebSocketAndAllFire() throws Throwable {
        setNumber(10);
        List<TestTriggerContext> contexts = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            Map<String, Object> params = i % 2 == 0
                    ? Map.of("event", "stateChanged", "entityIds", "input_number.hearth_target", "to", "42")
                    : Map.of(
                            "event",
                            "stateChanged",
                            "entityIds",
                            List.of("input_number.hearth_target", "light.bed_light"));
            TestTriggerContext c = TestTriggerContext.of("trigger " + i, credential, params);
            contexts.add(c);
            activate(c);
        }
        assertThat(connections.size()).isEqualTo(1);
        HaEventConnection connection = connections.connections().getFirst();
        assertThat(connection.listenerCount()).isEqualTo(50);
        assertThat(connection.subscriptionCount()).isEqualTo(1);
        assertThat(connection.openSockets()).isEqualTo(1);
        assertThat(connection.socketsOpened()).isEqualTo(1);

        setNumber(42);
        await().atMost(WAIT)
                .until(() -> contexts.stream().allMatch(c -> c.items().size() == 1));
        assertThat(contexts)
                .allSatisfy(c ->
                        assertThat(obj(c.items().getFirst().get("to_state"))).containsEntry("state", "42.0"));
        assertThat(connections.openSockets()).isEqualTo(1);

        handles.forEach(TriggerHandle::close);
        handles.clear();
        await().atMost(WAIT).until(() -> connections.size() == 0 && connection.openSockets() == 0);
        assertThat(contexts)
                .allSatisfy(
                        c -> assertThat(c.lastStatus().orElseThrow().state()).isEqualTo(TriggerStatus.State.STOPPED));
    }
}
