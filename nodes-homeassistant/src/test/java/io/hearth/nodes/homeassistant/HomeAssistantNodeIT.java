package io.hearth.nodes.homeassistant;

import static io.hearth.nodes.homeassistant.HaTestSupport.attributes;
import static io.hearth.nodes.homeassistant.HaTestSupport.credential;
import static io.hearth.nodes.homeassistant.HaTestSupport.p;
import static io.hearth.nodes.homeassistant.HaTestSupport.params;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.hearth.node.BinaryData;
import io.hearth.node.Item;
import io.hearth.runtime.execution.ExecutionError;
import io.hearth.runtime.execution.ExecutionStatus;
import io.hearth.testkit.TestRun;
import io.hearth.testsupport.RealHomeAssistant;
import io.hearth.testsupport.RealHomeAssistantExtension;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Every operation of the node against a real Home Assistant (see {@link RealHomeAssistant}). */
@Tag("home-assistant")
@ExtendWith(RealHomeAssistantExtension.class)
class HomeAssistantNodeIT {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static RealHomeAssistant ha;
    private static HaNodeRun node;

    @BeforeAll
    static void start(RealHomeAssistant realHa) {
        ha = realHa;
        node = HaNodeRun.against(ha);
    }

    /** The node's output items of a workflow run that must succeed. */
    private static List<Item> run(Map<String, Object> parameters) {
        return node.items(parameters);
    }

    private static Map<String, Object> json(List<Item> out) {
        assertThat(out).hasSize(1);
        return out.getFirst().json();
    }

    /** The error of a workflow run that must fail. */
    private static ExecutionError failure(HaNodeRun on, Map<String, Object> parameters) {
        TestRun run = on.run(parameters);
        assertThat(run.status()).isEqualTo(ExecutionStatus.ERROR);
        return run.error().orElseThrow();
    }

    private static Map<String, Object> state(String entityId) throws Throwable {
        return json(run(params(p("resource", "state"), p("operation", "get"), p("entityId", entityId))));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> attrs(Map<String, Object> state) {
        return (Map<String, Object>) state.get("attributes");
    }

    // ------------------------------------------------------------------ service + state

    @Test
    void callsServiceWithTypedDataThenReadsStateOn() throws Throwable {
        run(params(
                p("resource", "service"),
                p("operation", "call"),
                p("domain", "light"),
                p("service", "turn_off"),
                p("target", Map.of("entityIds", List.of("light.office_rgbw_lights"))),
                p("returnResponse", "never")));
        await().atMost(WAIT)
                .untilAsserted(
                        () -> assertThat(state("light.office_rgbw_lights").get("state"))
                                .isEqualTo("off"));

        List<Item> out = run(params(
                p("resource", "service"),
                p("operation", "call"),
                p("domain", "light"),
                p("service", "turn_on"),
                p("target", Map.of("entityIds", List.of("light.office_rgbw_lights"))),
                p("serviceAttributes", attributes("brightness", "120", "rgb_color", "[255, 0, 0]"))));
        assertThat(out).extracting(i -> i.json().get("entity_id")).contains("light.office_rgbw_lights");
        assertThat(out).allSatisfy(i -> assertThat(i.pairedItems()).containsExactly(new Item.PairedItem(0, 0)));

        await().atMost(WAIT).untilAsserted(() -> {
            Map<String, Object> s = state("light.office_rgbw_lights");
            assertThat(s.get("state")).isEqualTo("on");
            assertThat(attrs(s).get("brightness")).isEqualTo(120); // typed: sent as a number
            assertThat(attrs(s).get("rgb_color")).isEqualTo(List.of(255, 0, 0));
        });
    }

    @Test
    void callsServiceWithJsonData() throws Throwable {
        run(params(
                p("resource", "service"),
                p("operation", "call"),
                p("domain", "input_number"),
                p("service", "set_value"),
                p("dataMode", "json"),
                p("jsonData", "{\"entity_id\": \"input_number.hearth_target\", \"value\": 42}")));
        await().atMost(WAIT)
                .untilAsserted(
                        () -> assertThat(state("input_number.hearth_target").get("state"))
                                .isEqualTo("42.0"));
    }

    @Test
    void targetsServiceByArea() throws Throwable {
        run(params(
                p("resource", "service"),
                p("operation", "call"),
                p("domain", "light"),
                p("service", "turn_off"),
                p("target", Map.of("entityIds", List.of("light.kitchen_lights")))));
        await().atMost(WAIT)
                .untilAsserted(() ->
                        assertThat(state("light.kitchen_lights").get("state")).isEqualTo("off"));
        run(params(
                p("resource", "service"),
                p("operation", "call"),
                p("domain", "light"),
                p("service", "turn_on"),
                p("target", Map.of("areaIds", List.of("kitchen")))));
        await().atMost(WAIT)
                .untilAsserted(() ->
                        assertThat(state("light.kitchen_lights").get("state")).isEqualTo("on"));
    }

    @Test
    void targetsServiceByDevice() throws Throwable {
        List<io.hearth.node.description.Option> devices = HaTestSupport.await(new HomeAssistantNode()
                .loadOptionsMethods()
                .get("getDevices")
                .load(TestLoadOptionsContext.of(credential(ha), Map.of())));
        String bedLightDevice = String.valueOf(devices.stream()
                .filter(d -> d.name().equals("Bed Light"))
                .findFirst()
                .orElseThrow()
                .value());
        for (String service : List.of("turn_off", "turn_on")) {
            run(params(
                    p("resource", "service"),
                    p("operation", "call"),
                    p("domain", "light"),
                    p("service", service),
                    p("target", Map.of("deviceIds", List.of(bedLightDevice)))));
            String expected = service.equals("turn_on") ? "on" : "off";
            await().atMost(WAIT)
                    .untilAsserted(() ->
                            assertThat(state("light.bed_light").get("state")).isEqualTo(expected));
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void callsServiceWithReturnResponse() throws Throwable {
        for (String mode : List.of("auto", "always")) {
            Map<String, Object> out = json(run(params(
                    p("resource", "service"),
                    p("operation", "call"),
                    p("domain", "script"),
                    p("service", "hearth_echo"),
                    p("returnResponse", mode),
                    p("serviceAttributes", attributes("message", "hi " + mode)))));
            Map<String, Object> response = (Map<String, Object>) out.get("service_response");
            assertThat(response).containsEntry("echo", "hi " + mode);
            assertThat((Map<String, Object>) out.get("context")).containsKey("id");
        }
        // a response-only service: n8n's node gets an error here
        Map<String, Object> forecast = json(run(params(
                p("resource", "service"),
                p("operation", "call"),
                p("domain", "weather"),
                p("service", "get_forecasts"),
                p("target", Map.of("entityIds", "weather.demo_weather_south")),
                p("serviceAttributes", attributes("type", "daily")))));
        assertThat((Map<String, Object>) forecast.get("service_response")).containsKey("weather.demo_weather_south");
    }

    @Test
    void rejectsUnknownServiceWith400() {
        ExecutionError error = failure(
                node,
                params(
                        p("resource", "service"),
                        p("operation", "call"),
                        p("domain", "light"),
                        p("service", "does_not_exist"),
                        p("returnResponse", "never")));
        assertThat(error.message()).contains("unknown service 'light.does_not_exist'");
        assertThat(error.httpStatus()).isEqualTo(400);
    }

    @Test
    void rejectsUnknownEntityWith404() {
        ExecutionError error = failure(
                node,
                params(p("resource", "state"), p("operation", "get"), p("entityId", "sensor.hearth_does_not_exist")));
        assertThat(error.message()).contains("unknown entity 'sensor.hearth_does_not_exist'");
        assertThat(error.httpStatus()).isEqualTo(404);
    }

    @Test
    void reportsRejectedTokenWithoutRevealingIt() {
        String badToken = "hearth-bad-token-" + UUID.randomUUID();
        TestRun run = HaNodeRun.withCredential(credential(ha, badToken).values())
                .run(params(p("resource", "config"), p("operation", "get")));
        ExecutionError error = run.error().orElseThrow();
        assertThat(error.message()).contains("access token rejected");
        assertThat(error.httpStatus()).isEqualTo(401);
        assertThat(error.message() + error.description()).doesNotContain(badToken);
        assertThat(String.valueOf(run.result())).doesNotContain(badToken);
    }

    @Test
    void nonAdminUserCanReadButNotWriteStates() throws Throwable {
        org.junit.jupiter.api.Assumptions.assumeTrue(
                ha.userToken().isPresent(), "no non-admin token in this environment");
        HaNodeRun user = HaNodeRun.withCredential(
                credential(ha, ha.userToken().orElseThrow()).values());
        Map<String, Object> read = json(user.items(
                params(p("resource", "state"), p("operation", "get"), p("entityId", "input_boolean.hearth_flag"))));
        assertThat(read).containsEntry("entity_id", "input_boolean.hearth_flag");
        ExecutionError refused = failure(
                user,
                params(
                        p("resource", "state"),
                        p("operation", "upsert"),
                        p("entityId", "sensor.hearth_user_write"),
                        p("state", "1"),
                        p("keepAttributes", false)));
        assertThat(refused.httpStatus()).isIn(401, 403);
    }

    @Test
    @SuppressWarnings("unchecked")
    void listsServicesOfOneDomainWithFields() throws Throwable {
        Map<String, Object> light =
                json(run(params(p("resource", "service"), p("operation", "getAll"), p("domainFilter", "light"))));
        assertThat(light).containsEntry("domain", "light");
        Map<String, Object> turnOn = (Map<String, Object>) ((Map<String, Object>) light.get("services")).get("turn_on");
        assertThat(fieldNames((Map<String, Object>) turnOn.get("fields"))).contains("brightness");

        List<Item> all = run(params(p("resource", "service"), p("operation", "getAll"), p("returnAll", true)));
        assertThat(all).extracting(i -> i.json().get("domain")).contains("light", "script", "input_boolean");
        List<Item> limited = run(params(p("resource", "service"), p("operation", "getAll"), p("limit", 3)));
        assertThat(limited).hasSize(3);
    }

    /**
     * A service's field names, also those inside sections: newer Home Assistant groups fields such as
     * {@code light.turn_on}'s brightness under {@code advanced_fields.fields}.
     */
    @SuppressWarnings("unchecked")
    private static List<String> fieldNames(Map<String, Object> fields) {
        List<String> names = new java.util.ArrayList<>();
        fields.forEach((name, field) -> {
            if (field instanceof Map<?, ?> f && f.get("fields") instanceof Map<?, ?> section) {
                names.addAll(fieldNames((Map<String, Object>) section));
            } else {
                names.add(name);
            }
        });
        return names;
    }

    // ------------------------------------------------------------------ state upsert, history, template

    @Test
    @SuppressWarnings("unchecked")
    void upsertKeepsAttributesUnlessReplacing() throws Throwable {
        String entity = "sensor.hearth_it_"
                + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        Map<String, Object> created = json(run(params(
                p("resource", "state"),
                p("operation", "upsert"),
                p("entityId", entity),
                p("state", "1"),
                p(
                        "stateAttributes",
                        attributes("unit_of_measurement", "W", "level", "5", "friendly_name", "Hearth IT")))));
        assertThat(created).containsEntry("state", "1");
        assertThat(attrs(created)).containsEntry("level", 5).containsEntry("unit_of_measurement", "W");

        Map<String, Object> updated = json(
                run(params(p("resource", "state"), p("operation", "upsert"), p("entityId", entity), p("state", "2"))));
        assertThat(updated).containsEntry("state", "2");
        assertThat(attrs(updated))
                .containsEntry("level", 5)
                .containsEntry("unit_of_measurement", "W")
                .containsEntry("friendly_name", "Hearth IT");

        Map<String, Object> merged = json(run(params(
                p("resource", "state"),
                p("operation", "upsert"),
                p("entityId", entity),
                p("state", "3"),
                p("stateAttributes", attributes("level", "6")))));
        assertThat(attrs(merged)).containsEntry("level", 6).containsEntry("unit_of_measurement", "W");

        Map<String, Object> replaced = json(run(params(
                p("resource", "state"),
                p("operation", "upsert"),
                p("entityId", entity),
                p("state", "4"),
                p("keepAttributes", false),
                p("stateAttributes", attributes("only", "this")))));
        assertThat(attrs(replaced)).containsExactlyEntriesOf(Map.of("only", "this"));
        assertThat(attrs(state(entity))).containsExactlyEntriesOf(Map.of("only", "this"));

        // history shows the changes
        String start = Instant.now().minus(1, ChronoUnit.HOURS).toString();
        await().atMost(WAIT).untilAsserted(() -> {
            List<Item> history = run(params(
                    p("resource", "history"),
                    p("operation", "getAll"),
                    p("entityIds", List.of(entity)),
                    p("returnAll", true),
                    p("additionalFields", Map.of("startTime", start))));
            assertThat(history).extracting(i -> i.json().get("state")).containsSubsequence("1", "2", "3", "4");
            assertThat(history).allSatisfy(i -> assertThat(i.json()).containsEntry("entity_id", entity));
        });
        List<Item> minimal = run(params(
                p("resource", "history"),
                p("operation", "getAll"),
                p(
                        "additionalFields",
                        Map.of(
                                "entityIds",
                                entity,
                                "startTime",
                                start,
                                "minimalResponse",
                                true,
                                "noAttributes",
                                true,
                                "significantChangesOnly",
                                false)),
                p("limit", 2)));
        assertThat(minimal).hasSize(2).allSatisfy(i -> assertThat(i.json()).containsEntry("entity_id", entity));
    }

    @Test
    void anImportedN8nNodeReplacesAttributesAsN8nDoes() throws Throwable {
        String entity = "sensor.hearth_it_n8n_"
                + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
        HaNodeRun n8n = HaNodeRun.against(ha).asN8n(1);
        n8n.items(params(
                p("resource", "state"),
                p("operation", "upsert"),
                p("entityId", entity),
                p("state", "1"),
                p("stateAttributes", attributes("unit_of_measurement", "W", "level", "5"))));
        Map<String, Object> updated = json(n8n.items(params(
                p("resource", "state"),
                p("operation", "upsert"),
                p("entityId", entity),
                p("state", "2"),
                p("stateAttributes", attributes("level", "6")))));
        assertThat(attrs(updated)).containsExactlyEntriesOf(Map.of("level", 6));
        // the same workflow with "Keep Existing Attributes" switched on keeps them
        n8n.items(params(
                p("resource", "state"),
                p("operation", "upsert"),
                p("entityId", entity),
                p("state", "3"),
                p("keepAttributes", true),
                p("stateAttributes", attributes("unit_of_measurement", "kW"))));
        assertThat(attrs(state(entity))).containsEntry("level", 6).containsEntry("unit_of_measurement", "kW");
    }

    @Test
    void historyNeedsEntityIds() {
        assertThat(failure(node, params(p("resource", "history"), p("operation", "getAll")))
                        .message())
                .contains("entityIds");
    }

    @Test
    void rendersTemplate() throws Throwable {
        String value = "v" + UUID.randomUUID().toString().substring(0, 8);
        run(params(
                p("resource", "state"),
                p("operation", "upsert"),
                p("entityId", "sensor.hearth_it_template"),
                p("state", value)));
        Map<String, Object> out = json(run(params(
                p("resource", "template"),
                p("operation", "create"),
                p("template", "{{ states('sensor.hearth_it_template') }}/{{ 1 + 2 }}"))));
        assertThat(out).containsExactlyEntriesOf(Map.of("renderedTemplate", value + "/3"));
    }

    @Test
    void getsAllStatesWithLimit() throws Throwable {
        assertThat(run(params(p("resource", "state"), p("operation", "getAll"), p("limit", 5))))
                .hasSize(5);
        List<Item> all = run(params(p("resource", "state"), p("operation", "getAll"), p("returnAll", true)));
        assertThat(all)
                .hasSizeGreaterThan(50)
                .extracting(i -> i.json().get("entity_id"))
                .contains("light.bed_light");
    }

    // ------------------------------------------------------------------ events, logs

    @Test
    void firesEventSeenByAutomationAndListsEventTypes() throws Throwable {
        String marker = UUID.randomUUID().toString();
        String start = Instant.now().minusSeconds(5).toString();
        Map<String, Object> fired = json(run(params(
                p("resource", "event"),
                p("operation", "create"),
                p("eventType", "hearth_ping"),
                p("eventAttributes", attributes("marker", marker, "n", "7")))));
        assertThat(String.valueOf(fired.get("message"))).contains("hearth_ping");

        // the automation listening to hearth_ping ran: the logbook shows it
        await().atMost(WAIT).untilAsserted(() -> {
            List<Item> logbook = run(params(
                    p("resource", "log"),
                    p("operation", "getLogbookEntries"),
                    p("additionalFields", Map.of("startTime", start, "entityId", "automation.hearth_ping_pong"))));
            assertThat(logbook)
                    .isNotEmpty()
                    .anySatisfy(i -> assertThat(String.valueOf(i.json())).contains("hearth_ping"));
        });

        List<Item> types = run(params(p("resource", "event"), p("operation", "getAll"), p("returnAll", true)));
        assertThat(types).anySatisfy(i -> {
            assertThat(i.json()).containsEntry("event", "hearth_ping");
            assertThat(((Number) i.json().get("listener_count")).intValue()).isPositive();
        });
        assertThat(run(params(p("resource", "event"), p("operation", "getAll"), p("limit", 2))))
                .hasSize(2);
        // event data as JSON
        Map<String, Object> jsonFired = json(run(params(
                p("resource", "event"),
                p("operation", "create"),
                p("eventType", "hearth_it_event"),
                p("dataMode", "json"),
                p("jsonData", Map.of("a", List.of(1, 2))))));
        assertThat(String.valueOf(jsonFired.get("message"))).contains("hearth_it_event");
    }

    @Test
    void getsLogbookEntriesOfAnEntity() throws Throwable {
        String start = Instant.now().minusSeconds(5).toString();
        run(params(
                p("resource", "service"),
                p("operation", "call"),
                p("domain", "input_boolean"),
                p("service", "toggle"),
                p("target", Map.of("entityIds", "input_boolean.hearth_relay"))));
        await().atMost(WAIT).untilAsserted(() -> {
            List<Item> out = run(params(
                    p("resource", "log"),
                    p("operation", "getLogbookEntries"),
                    p(
                            "additionalFields",
                            Map.of(
                                    "startTime",
                                    start,
                                    "endTime",
                                    Instant.now().plusSeconds(60).toString(),
                                    "entityId",
                                    "input_boolean.hearth_relay"))));
            assertThat(out)
                    .isNotEmpty()
                    .allSatisfy(i -> assertThat(i.json()).containsEntry("entity_id", "input_boolean.hearth_relay"));
        });
    }

    @Test
    void getsErrorLogText() throws Throwable {
        Map<String, Object> out = json(run(params(p("resource", "log"), p("operation", "getErroLogs"))));
        assertThat(out).containsOnlyKeys("errorLog");
        assertThat(String.valueOf(out.get("errorLog"))).isNotBlank();
    }

    // ------------------------------------------------------------------ config, camera

    @Test
    void getsAndChecksConfig() throws Throwable {
        Map<String, Object> config = json(run(params(p("resource", "config"), p("operation", "get"))));
        assertThat(config).containsEntry("location_name", "Hearth Test");
        if (!"unknown".equals(ha.version())) {
            assertThat(config).containsEntry("version", ha.version());
        }
        // a workflow that leaves everything at n8n's defaults (resource config, operation get), resolved as the runtime
        // does
        Map<String, Object> byDefault = json(run(params()));
        assertThat(byDefault).containsEntry("location_name", "Hearth Test");

        Map<String, Object> check = json(run(params(p("resource", "config"), p("operation", "check"))));
        assertThat(check).containsEntry("result", "valid");
    }

    @Test
    void getsCameraScreenshotAsBinaryKeepingTheItem() throws Throwable {
        Item input = new Item(
                Map.of("keep", "me"), Map.of("other", BinaryData.of(new byte[] {1}, "text/plain", "a.txt")), List.of());
        List<Item> out = node.run(
                        params(
                                p("resource", "cameraProxy"),
                                p("operation", "getScreenshot"),
                                p(
                                        "cameraEntityId",
                                        Map.of("__rl", true, "mode", "list", "value", "camera.demo_camera")),
                                p("binaryPropertyName", "snapshot")),
                        List.of(input),
                        false)
                .assertSucceeded()
                .output(HaNodeRun.NODE);
        Item item = out.getFirst();
        assertThat(item.json()).containsEntry("keep", "me");
        assertThat(item.binary()).containsKeys("other", "snapshot");
        BinaryData image = item.binary().get("snapshot");
        assertThat(image.mimeType()).startsWith("image/");
        assertThat(image.size()).isGreaterThan(1000);
        assertThat(image.fileName()).hasValue("camera.demo_camera.jpg");
        // JPEG magic bytes
        assertThat(image.data()[0]).isEqualTo((byte) 0xFF);
        assertThat(image.data()[1]).isEqualTo((byte) 0xD8);
        assertThat(item.pairedItems()).containsExactly(new Item.PairedItem(0, 0));
    }

    @Test
    void unknownCameraNamesIt() {
        assertThat(failure(
                                node,
                                params(
                                        p("resource", "cameraProxy"),
                                        p("operation", "getScreenshot"),
                                        p("cameraEntityId", "camera.hearth_none")))
                        .message())
                .contains("camera 'camera.hearth_none'");
    }

    // ------------------------------------------------------------------ per item, continue on fail

    @Test
    void resolvesParametersPerItemAndContinuesOnFail() throws Throwable {
        List<Item> items = List.of(
                Item.of(Map.of("id", "input_boolean.hearth_flag")),
                Item.of(Map.of("id", "sensor.hearth_missing")),
                Item.of(Map.of("id", "input_text.hearth_note")));
        List<Item> out = node.run(
                        params(p("resource", "state"), p("operation", "get"), p("entityId", "={{ $json.id }}")),
                        items,
                        true)
                .assertSucceeded()
                .output(HaNodeRun.NODE);
        assertThat(out).hasSize(3);
        assertThat(out.get(0).json()).containsEntry("entity_id", "input_boolean.hearth_flag");
        assertThat(String.valueOf(out.get(1).json().get("error"))).contains("sensor.hearth_missing");
        assertThat(out.get(2).json()).containsEntry("entity_id", "input_text.hearth_note");
        assertThat(out).extracting(i -> i.pairedItems().getFirst().item()).containsExactly(0, 1, 2);
    }
}
