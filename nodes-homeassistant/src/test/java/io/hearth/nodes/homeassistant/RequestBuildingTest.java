package io.hearth.nodes.homeassistant;

import static io.hearth.nodes.homeassistant.HaTestSupport.attributes;
import static io.hearth.nodes.homeassistant.HaTestSupport.p;
import static io.hearth.nodes.homeassistant.HaTestSupport.params;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hearth.node.BinaryData;
import io.hearth.node.Item;
import io.hearth.node.NodeApiException;
import io.hearth.node.NodeOutput;
import io.hearth.node.ParameterException;
import io.hearth.node.credential.CredentialData;
import io.hearth.nodes.homeassistant.client.HaRequest;
import io.hearth.nodes.homeassistant.client.HaRequest.Method;
import io.hearth.nodes.homeassistant.client.HaResponse;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The exact requests every operation sends, checked without a server. */
class RequestBuildingTest {

    private static final CredentialData CREDENTIAL = new CredentialData(
            "homeAssistantApi",
            Map.of("host", "ha.local", "port", 8123, "ssl", false, "accessToken", "t"),
            Set.of("accessToken"));

    private final RecordingApi api = new RecordingApi();
    private final HomeAssistantNode node = new HomeAssistantNode(c -> api);

    private NodeOutput run(Map<String, Object> parameters) throws Throwable {
        return HaTestSupport.run(node, TestExecutionContext.of(CREDENTIAL, parameters));
    }

    /** Runs parameters as a workflow saved them (n8n leaves defaults out), resolved as the runtime would. */
    private NodeOutput runAsSaved(Map<String, Object> saved) throws Throwable {
        return run(RuntimeDefaults.resolve(node.description(), saved));
    }

    private HaRequest only() {
        assertThat(api.requests).hasSize(1);
        return api.requests.getFirst();
    }

    private static void assertRequest(HaRequest r, Method method, String uri, Object body) {
        assertThat(r.method()).isEqualTo(method);
        assertThat(r.uri()).isEqualTo(uri);
        assertThat(r.body()).isEqualTo(Optional.ofNullable(body));
    }

    // ------------------------------------------------------------------ config, template, log

    @Test
    void configOperations() throws Throwable {
        api.answering(r -> RecordingApi.json(200, Map.of("version", "2024.3.3")));
        assertThat(runAsSaved(params()).output(0).getFirst().json()).containsEntry("version", "2024.3.3");
        assertRequest(only(), Method.GET, "/api/config", null);
        api.requests.clear();
        run(params(p("resource", "config"), p("operation", "check")));
        assertRequest(only(), Method.POST, "/api/config/core/check_config", null);
    }

    @Test
    void templateRendersToText() throws Throwable {
        api.answering(r -> RecordingApi.text("20.0"));
        NodeOutput out = run(params(p("resource", "template"), p("operation", "create"), p("template", "{{ 1 }}")));
        assertRequest(only(), Method.POST, "/api/template", Map.of("template", "{{ 1 }}"));
        assertThat(out.output(0).getFirst().json()).containsExactlyEntriesOf(Map.of("renderedTemplate", "20.0"));
    }

    @Test
    void errorLogIsWrapped() throws Throwable {
        api.answering(r -> RecordingApi.text("line 1\nline 2"));
        NodeOutput out = runAsSaved(params(p("resource", "log")));
        assertRequest(only(), Method.GET, "/api/error_log", null);
        assertThat(out.output(0).getFirst().json()).containsExactlyEntriesOf(Map.of("errorLog", "line 1\nline 2"));
    }

    @Test
    void logbookWithTimesAndEntity() throws Throwable {
        api.answering(r -> RecordingApi.json(200, List.of(Map.of("name", "a"), Map.of("name", "b"))));
        NodeOutput out = run(params(
                p("resource", "log"),
                p("operation", "getLogbookEntries"),
                p(
                        "additionalFields",
                        Map.of(
                                "startTime",
                                "2024-03-01T08:00:00+01:00",
                                "endTime",
                                "2024-03-02T00:00:00Z",
                                "entityId",
                                "light.x"))));
        assertRequest(
                only(),
                Method.GET,
                "/api/logbook/2024-03-01T08:00:00.000000%2B01:00?entity=light.x&end_time=2024-03-02T00:00:00.000000%2B00:00",
                null);
        assertThat(out.output(0)).hasSize(2);
        api.requests.clear();
        run(params(p("resource", "log"), p("operation", "getLogbookEntries")));
        assertRequest(only(), Method.GET, "/api/logbook", null);
    }

    // ------------------------------------------------------------------ events

    @Test
    void firesEventWithTypedData() throws Throwable {
        api.answering(r -> RecordingApi.json(200, Map.of("message", "Event my_event fired.")));
        run(params(
                p("resource", "event"),
                p("operation", "create"),
                p("eventType", "my_event"),
                p(
                        "eventAttributes",
                        attributes("n", "5", "on", "true", "text", "hello", "list", "[1,2]", "zip", "01234"))));
        assertRequest(
                only(),
                Method.POST,
                "/api/events/my_event",
                Map.of("n", 5, "on", true, "text", "hello", "list", List.of(1, 2), "zip", "01234"));
    }

    @Test
    void firesEventWithJsonData() throws Throwable {
        run(params(
                p("resource", "event"),
                p("operation", "create"),
                p("eventType", "e"),
                p("dataMode", "json"),
                p("jsonData", "{\"a\": {\"b\": [1]}}")));
        assertRequest(only(), Method.POST, "/api/events/e", Map.of("a", Map.of("b", List.of(1))));
    }

    @Test
    void firesEventWithoutDataSendsEmptyObject() throws Throwable {
        run(params(p("resource", "event"), p("operation", "create"), p("eventType", "e")));
        assertRequest(only(), Method.POST, "/api/events/e", Map.of());
    }

    @Test
    void rejectsPrototypeKeys() {
        assertThatThrownBy(() -> run(params(
                        p("resource", "event"),
                        p("operation", "create"),
                        p("eventType", "e"),
                        p("eventAttributes", attributes("__proto__", "x")))))
                .isInstanceOf(ParameterException.class)
                .hasMessageContaining("__proto__");
        assertThatThrownBy(() -> run(params(
                        p("resource", "event"),
                        p("operation", "create"),
                        p("eventType", "e"),
                        p("dataMode", "json"),
                        p("jsonData", "{\"constructor\": 1}"))))
                .isInstanceOf(ParameterException.class);
        assertThat(api.requests).isEmpty();
    }

    @Test
    void listsEventsWithLimit() throws Throwable {
        api.answering(r -> RecordingApi.json(
                200,
                List.of(
                        Map.of("event", "a", "listener_count", 1),
                        Map.of("event", "b", "listener_count", 2),
                        Map.of("event", "c", "listener_count", 3))));
        assertThat(runAsSaved(params(p("resource", "event"), p("limit", 2))).output(0))
                .hasSize(2);
        assertRequest(api.requests.getFirst(), Method.GET, "/api/events", null);
        assertThat(runAsSaved(params(p("resource", "event"), p("returnAll", true)))
                        .output(0))
                .hasSize(3);
        assertThat(runAsSaved(params(p("resource", "event"))).output(0)).hasSize(3); // default limit 50
        // limit left out entirely: the node's own default is also 50
        assertThat(run(params(p("resource", "event"), p("operation", "getAll"))).output(0))
                .hasSize(3);
    }

    // ------------------------------------------------------------------ services

    @Test
    void callsServiceWithTypedDataAndTargetsOverRest() throws Throwable {
        api.answering(r -> RecordingApi.json(200, List.of(Map.of("entity_id", "light.a", "state", "on"))));
        NodeOutput out = run(params(
                p("resource", "service"),
                p("operation", "call"),
                p("domain", "light"),
                p("service", "turn_on"),
                p("returnResponse", "never"),
                p(
                        "target",
                        Map.of(
                                "entityIds",
                                List.of("light.a", "light.b"),
                                "areaIds",
                                "kitchen, hall",
                                "deviceIds",
                                List.of("dev1"),
                                "labelIds",
                                "")),
                p(
                        "serviceAttributes",
                        attributes(
                                "brightness",
                                "120",
                                "rgb_color",
                                "[255,0,0]",
                                "flash",
                                "short",
                                "entity_id",
                                "light.c"))));
        assertRequest(
                only(),
                Method.POST,
                "/api/services/light/turn_on",
                Map.of(
                        "brightness",
                        120,
                        "rgb_color",
                        List.of(255, 0, 0),
                        "flash",
                        "short",
                        "entity_id",
                        List.of("light.c", "light.a", "light.b"),
                        "area_id",
                        List.of("kitchen", "hall"),
                        "device_id",
                        List.of("dev1")));
        assertThat(out.output(0)).extracting(i -> i.json().get("entity_id")).containsExactly("light.a");
    }

    @Test
    void serviceCallWithoutChangesGivesOneEmptyItem() throws Throwable {
        api.answering(r -> RecordingApi.json(200, List.of()));
        NodeOutput out = run(params(
                p("resource", "service"),
                p("operation", "call"),
                p("domain", "homeassistant"),
                p("service", "check_config"),
                p("returnResponse", "never")));
        assertThat(out.output(0))
                .singleElement()
                .satisfies(i -> assertThat(i.json()).isEmpty());
    }

    @Test
    void autoReturnResponseAsksTheServiceListThenCallsOverWebSocket() throws Throwable {
        api.answering(r -> RecordingApi.json(
                200,
                List.of(Map.of(
                        "domain",
                        "script",
                        "services",
                        Map.of(
                                "echo",
                                Map.of("fields", Map.of(), "response", Map.of("optional", true)),
                                "plain",
                                Map.of("fields", Map.of()))))));
        api.answeringCommands(c -> Map.of("context", Map.of("id", "ctx1"), "response", Map.of("echo", "hi")));
        NodeOutput out = run(params(
                p("resource", "service"),
                p("operation", "call"),
                p("domain", "script"),
                p("service", "echo"),
                p("serviceAttributes", attributes("message", "hi")),
                p("target", Map.of("areaIds", List.of("kitchen")))));
        assertThat(api.requests).singleElement().satisfies(r -> assertRequest(r, Method.GET, "/api/services", null));
        assertThat(api.commands)
                .containsExactly(Map.of(
                        "type",
                        "call_service",
                        "domain",
                        "script",
                        "service",
                        "echo",
                        "service_data",
                        Map.of("message", "hi"),
                        "target",
                        Map.of("area_id", List.of("kitchen")),
                        "return_response",
                        true));
        assertThat(out.output(0).getFirst().json())
                .containsEntry("service_response", Map.of("echo", "hi"))
                .containsEntry("context", Map.of("id", "ctx1"));

        // a service without responses goes over REST
        api.requests.clear();
        api.commands.clear();
        run(params(p("resource", "service"), p("operation", "call"), p("domain", "script"), p("service", "plain")));
        assertThat(api.commands).isEmpty();
        assertThat(api.requests)
                .extracting(HaRequest::uri)
                .containsExactly("/api/services", "/api/services/script/plain");
    }

    @Test
    void alwaysReturnResponseSkipsTheLookup() throws Throwable {
        api.answeringCommands(c -> Map.of("context", Map.of(), "response", Map.of()));
        run(params(
                p("resource", "service"),
                p("operation", "call"),
                p("domain", "weather"),
                p("service", "get_forecasts"),
                p("returnResponse", "always"),
                p("dataMode", "json"),
                p("jsonData", Map.of("type", "daily"))));
        assertThat(api.requests).isEmpty();
        assertThat(api.commands)
                .singleElement()
                .satisfies(c -> assertThat(c)
                        .containsEntry("service_data", Map.of("type", "daily"))
                        .doesNotContainKey("target"));
    }

    @Test
    void unknownServiceIsNamed() {
        api.answering(r -> {
            if (r.uri().equals("/api/services")) {
                return RecordingApi.json(
                        200, List.of(Map.of("domain", "light", "services", Map.of("turn_on", Map.of()))));
            }
            throw RecordingApi.status(r, 400, "400: Bad Request");
        });
        assertThatThrownBy(() -> run(params(
                        p("resource", "service"),
                        p("operation", "call"),
                        p("domain", "light"),
                        p("service", "nope"),
                        p("returnResponse", "never"))))
                .isInstanceOf(NodeApiException.class)
                .hasMessage("Call service 'light.nope' failed: unknown service 'light.nope' (400)");
    }

    @Test
    void knownServiceKeepsHasOwn400Message() {
        api.answering(r -> {
            if (r.uri().equals("/api/services")) {
                return RecordingApi.json(
                        200, List.of(Map.of("domain", "light", "services", Map.of("turn_on", Map.of()))));
            }
            throw RecordingApi.status(r, 400, "{\"message\": \"extra keys not allowed @ data['bogus']\"}");
        });
        assertThatThrownBy(() -> run(params(
                        p("resource", "service"),
                        p("operation", "call"),
                        p("domain", "light"),
                        p("service", "turn_on"),
                        p("returnResponse", "never"))))
                .isInstanceOf(NodeApiException.class)
                .hasMessageContaining("(400): extra keys not allowed @ data['bogus']");
    }

    @Test
    void listsServicesOfOneDomain() throws Throwable {
        api.answering(r -> RecordingApi.json(
                200,
                List.of(Map.of("domain", "a", "services", Map.of()), Map.of("domain", "light", "services", Map.of()))));
        NodeOutput out = run(params(p("resource", "service"), p("operation", "getAll"), p("domainFilter", "light")));
        assertRequest(only(), Method.GET, "/api/services", null);
        assertThat(out.output(0))
                .singleElement()
                .satisfies(i -> assertThat(i.json()).containsEntry("domain", "light"));
    }

    @Test
    void rejectsBadDomainAndServiceNames() {
        assertThatThrownBy(() -> run(params(
                        p("resource", "service"), p("operation", "call"), p("domain", "../x"), p("service", "y"))))
                .isInstanceOf(ParameterException.class)
                .hasMessageContaining("domain");
        assertThatThrownBy(() -> run(params(p("resource", "service"), p("operation", "call"), p("domain", "light"))))
                .isInstanceOf(ParameterException.class)
                .hasMessageContaining("service");
    }

    // ------------------------------------------------------------------ states

    @Test
    void getsOneStateAndAllStates() throws Throwable {
        api.answering(r -> r.uri().equals("/api/states")
                ? RecordingApi.json(200, List.of(Map.of("entity_id", "a.b"), Map.of("entity_id", "c.d")))
                : RecordingApi.json(200, Map.of("entity_id", "light.x", "state", "on")));
        runAsSaved(params(
                p("resource", "state"), p("entityId", Map.of("__rl", true, "mode", "list", "value", "light.x"))));
        HaRequest get = only();
        assertRequest(get, Method.GET, "/api/states/light.x", null);
        assertThat(get.subject()).hasValue("entity 'light.x'");
        api.requests.clear();
        assertThat(run(params(p("resource", "state"), p("operation", "getAll"), p("limit", 1)))
                        .output(0))
                .hasSize(1);
        assertRequest(only(), Method.GET, "/api/states", null);
    }

    @Test
    void upsertMergesWithExistingAttributes() throws Throwable {
        api.answering(r -> r.method() == Method.GET
                ? RecordingApi.json(
                        200,
                        Map.of("entity_id", "sensor.x", "state", "1", "attributes", Map.of("unit", "W", "level", 1)))
                : RecordingApi.json(200, Map.of("entity_id", "sensor.x")));
        run(params(
                p("resource", "state"),
                p("operation", "upsert"),
                p("entityId", "sensor.x"),
                p("state", "2"),
                p("stateAttributes", attributes("level", "3"))));
        assertThat(api.requests).hasSize(2);
        assertRequest(api.requests.get(0), Method.GET, "/api/states/sensor.x", null);
        assertRequest(
                api.requests.get(1),
                Method.POST,
                "/api/states/sensor.x",
                Map.of("state", "2", "attributes", Map.of("unit", "W", "level", 3)));
    }

    @Test
    void upsertOfANewEntityWithoutAttributesSendsNoAttributes() throws Throwable {
        api.answering(r -> {
            if (r.method() == Method.GET) {
                throw RecordingApi.status(r, 404, "{\"message\": \"Entity not found.\"}");
            }
            return RecordingApi.json(201, Map.of("entity_id", "sensor.new"));
        });
        run(params(
                p("resource", "state"),
                p("operation", "upsert"),
                p("entityId", "sensor.new"),
                p("state", "on"),
                p("stateAttributes", Map.of())));
        assertRequest(api.requests.get(1), Method.POST, "/api/states/sensor.new", Map.of("state", "on"));
    }

    @Test
    void upsertReplaceSendsOnlyGivenAttributesAndNeverAnEmptyObject() throws Throwable {
        run(params(
                p("resource", "state"),
                p("operation", "upsert"),
                p("entityId", "sensor.x"),
                p("state", "1"),
                p("attributesMode", "replace"),
                p("forceUpdate", true)));
        assertRequest(only(), Method.POST, "/api/states/sensor.x", Map.of("state", "1", "force_update", true));
        api.requests.clear();
        run(params(
                p("resource", "state"),
                p("operation", "upsert"),
                p("entityId", "sensor.x"),
                p("state", "1"),
                p("attributesMode", "replace"),
                p("stateAttributes", attributes("a", "b", "", "ignored"))));
        assertRequest(
                only(), Method.POST, "/api/states/sensor.x", Map.of("state", "1", "attributes", Map.of("a", "b")));
    }

    @Test
    void upsertRejectsPrototypeKeysAndBadEntityIds() {
        assertThatThrownBy(() -> run(params(
                        p("resource", "state"),
                        p("operation", "upsert"),
                        p("entityId", "sensor.x"),
                        p("state", "1"),
                        p("attributesMode", "replace"),
                        p("stateAttributes", attributes("__proto__", "{}")))))
                .isInstanceOf(ParameterException.class);
        assertThatThrownBy(() -> run(params(p("resource", "state"), p("operation", "get"), p("entityId", "../config"))))
                .isInstanceOf(ParameterException.class)
                .hasMessageContaining("entityId");
        assertThat(api.requests).isEmpty();
    }

    // ------------------------------------------------------------------ history, camera

    @Test
    void historyWithAllOptions() throws Throwable {
        api.answering(r -> RecordingApi.json(
                200,
                List.of(
                        List.of(Map.of("entity_id", "sensor.a", "state", "1"), Map.of("state", "2")),
                        List.of(Map.of("entity_id", "sensor.b", "state", "x")))));
        NodeOutput out = run(params(
                p("resource", "history"),
                p("operation", "getAll"),
                p("entityIds", List.of("sensor.a")),
                p("returnAll", true),
                p(
                        "additionalFields",
                        Map.of(
                                "startTime",
                                "2024-03-01T00:00:00Z",
                                "endTime",
                                "2024-03-01 12:00",
                                "entityIds",
                                "sensor.b, sensor.a",
                                "minimalResponse",
                                true,
                                "noAttributes",
                                true,
                                "significantChangesOnly",
                                true))));
        assertRequest(
                only(),
                Method.GET,
                "/api/history/period/2024-03-01T00:00:00.000000%2B00:00"
                        + "?filter_entity_id=sensor.a,sensor.b&end_time=2024-03-01T12:00:00.000000%2B00:00"
                        + "&minimal_response&no_attributes&significant_changes_only",
                null);
        assertThat(out.output(0))
                .extracting(i -> i.json().get("entity_id"))
                .containsExactly("sensor.a", "sensor.a", "sensor.b");
        assertThat(out.output(0)).extracting(i -> i.json().get("state")).containsExactly("1", "2", "x");
    }

    @Test
    void historyRequiresEntities() {
        assertThatThrownBy(() -> run(params(p("resource", "history"), p("operation", "getAll"))))
                .isInstanceOf(ParameterException.class)
                .hasMessageContaining("entityIds");
    }

    @Test
    void cameraImageGoesOnTheInputItem() throws Throwable {
        byte[] png = {(byte) 0x89, 'P', 'N', 'G'};
        api.answering(r -> new HaResponse(200, "image/png", png));
        Item input = new Item(
                Map.of("a", 1), Map.of("old", BinaryData.of(new byte[] {1}, "text/plain", "x.txt")), List.of());
        NodeOutput out = HaTestSupport.run(
                node,
                TestExecutionContext.of(
                        CREDENTIAL,
                        List.of(input),
                        i -> params(
                                p("resource", "cameraProxy"),
                                p("operation", "getScreenshot"),
                                p("cameraEntityId", "camera.door"))));
        assertRequest(only(), Method.GET, "/api/camera_proxy/camera.door", null);
        Item item = out.output(0).getFirst();
        assertThat(item.json()).isEqualTo(Map.of("a", 1));
        assertThat(item.binary()).containsKeys("old", "data");
        assertThat(item.binary().get("data")).isEqualTo(BinaryData.of(png, "image/png", "camera.door.png"));
    }

    // ------------------------------------------------------------------ per item, errors

    @Test
    void eachItemGetsItsOwnCallAndPairing() throws Throwable {
        api.answering(r -> RecordingApi.json(200, Map.of("entity_id", r.path().substring("/api/states/".length()))));
        List<Item> items = List.of(Item.of(Map.of("e", "a.one")), Item.of(Map.of("e", "a.two")));
        NodeOutput out = HaTestSupport.run(
                node,
                TestExecutionContext.of(
                        CREDENTIAL,
                        items,
                        i -> params(
                                p("resource", "state"),
                                p("operation", "get"),
                                p("entityId", items.get(i).json().get("e")))));
        assertThat(api.requests).extracting(HaRequest::path).containsExactly("/api/states/a.one", "/api/states/a.two");
        assertThat(out.output(0))
                .extracting(i -> i.pairedItems().getFirst().item())
                .containsExactly(0, 1);
    }

    @Test
    void continueOnFailTurnsErrorsIntoItems() throws Throwable {
        api.answering(r -> {
            throw RecordingApi.status(r, 404, "{\"message\": \"Entity not found.\"}");
        });
        NodeOutput out = HaTestSupport.run(
                node,
                TestExecutionContext.of(
                                CREDENTIAL,
                                params(p("resource", "state"), p("operation", "get"), p("entityId", "light.gone")))
                        .continuingOnFail());
        assertThat(out.output(0)).singleElement().satisfies(i -> {
            assertThat(i.json()).containsOnlyKeys("error");
            assertThat(String.valueOf(i.json().get("error"))).contains("unknown entity 'light.gone'");
            assertThat(i.pairedItems()).containsExactly(new Item.PairedItem(0, 0));
        });
    }

    @Test
    void invalidOperationForResourceIsAParameterError() {
        assertThatThrownBy(() -> run(params(p("resource", "event"), p("operation", "upsert"))))
                .isInstanceOf(ParameterException.class)
                .hasMessageContaining("operation")
                .hasMessageContaining("getAll");
        assertThat(api.requests).isEmpty();
    }

    @Test
    void anUnresolvedOperationIsAParameterErrorNotADefault() {
        // the runtime always fills in the resource's default; the node no longer guesses one
        assertThatThrownBy(() -> run(params(p("resource", "state"), p("entityId", "light.x"))))
                .isInstanceOf(ParameterException.class)
                .hasMessageContaining("'operation' is not set")
                .hasMessageContaining("[upsert, get, getAll]");
        assertThat(api.requests).isEmpty();
    }

    @Test
    void missingCredentialIsReported() {
        TestExecutionContext noCredential =
                TestExecutionContext.of(new CredentialData("otherType", Map.of(), Set.of()), params());
        assertThatThrownBy(() -> HaTestSupport.run(node, noCredential)).hasMessageContaining("credential");
    }
}
