package io.hearth.nodes.homeassistant;

import static io.hearth.nodes.homeassistant.HaTestSupport.attributes;
import static io.hearth.nodes.homeassistant.HaTestSupport.p;
import static io.hearth.nodes.homeassistant.HaTestSupport.params;
import static org.assertj.core.api.Assertions.assertThat;

import io.hearth.node.BinaryData;
import io.hearth.node.Item;
import io.hearth.nodes.homeassistant.client.HaRequest;
import io.hearth.nodes.homeassistant.client.HaRequest.Method;
import io.hearth.nodes.homeassistant.client.HaResponse;
import io.hearth.runtime.execution.ExecutionError;
import io.hearth.runtime.execution.ExecutionStatus;
import io.hearth.testkit.TestRun;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The exact requests every operation sends, checked without a server. */
class RequestBuildingTest {

    private final RecordingApi api = new RecordingApi();
    private final HaNodeRun node = HaNodeRun.on(api);

    /** Runs the node in a workflow with the real runtime (defaults filled in as for a saved n8n workflow). */
    private List<Item> run(Map<String, Object> parameters) {
        return node.items(parameters);
    }

    /** The error of a run that must fail. */
    private ExecutionError failure(Map<String, Object> parameters) {
        TestRun run = node.run(parameters);
        assertThat(run.status()).isEqualTo(ExecutionStatus.ERROR);
        return run.error().orElseThrow();
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
        assertThat(run(params()).getFirst().json()).containsEntry("version", "2024.3.3");
        assertRequest(only(), Method.GET, "/api/config", null);
        api.requests.clear();
        run(params(p("resource", "config"), p("operation", "check")));
        assertRequest(only(), Method.POST, "/api/config/core/check_config", null);
    }

    @Test
    void templateRendersToText() throws Throwable {
        api.answering(r -> RecordingApi.text("20.0"));
        List<Item> out = run(params(p("resource", "template"), p("operation", "create"), p("template", "{{ 1 }}")));
        assertRequest(only(), Method.POST, "/api/template", Map.of("template", "{{ 1 }}"));
        assertThat(out.getFirst().json()).containsExactlyEntriesOf(Map.of("renderedTemplate", "20.0"));
    }

    @Test
    void errorLogIsWrapped() throws Throwable {
        api.answering(r -> RecordingApi.text("line 1\nline 2"));
        List<Item> out = run(params(p("resource", "log")));
        assertRequest(only(), Method.GET, "/api/error_log", null);
        assertThat(out.getFirst().json()).containsExactlyEntriesOf(Map.of("errorLog", "line 1\nline 2"));
    }

    @Test
    void logbookWithTimesAndEntity() throws Throwable {
        api.answering(r -> RecordingApi.json(200, List.of(Map.of("name", "a"), Map.of("name", "b"))));
        List<Item> out = run(params(
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
        assertThat(out).hasSize(2);
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
        assertRequest(only(), Method.POST, "/api/events/e", Map.of("a", Map.of("b", List.of(1L))));
    }

    @Test
    void firesEventWithoutDataSendsEmptyObject() throws Throwable {
        run(params(p("resource", "event"), p("operation", "create"), p("eventType", "e")));
        assertRequest(only(), Method.POST, "/api/events/e", Map.of());
    }

    @Test
    void rejectsPrototypeKeys() {
        assertThat(failure(params(
                                p("resource", "event"),
                                p("operation", "create"),
                                p("eventType", "e"),
                                p("eventAttributes", attributes("__proto__", "x"))))
                        .message())
                .contains("__proto__");
        assertThat(failure(params(
                                p("resource", "event"),
                                p("operation", "create"),
                                p("eventType", "e"),
                                p("dataMode", "json"),
                                p("jsonData", "{\"constructor\": 1}")))
                        .message())
                .contains("constructor");
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
        assertThat(run(params(p("resource", "event"), p("limit", 2)))).hasSize(2);
        assertRequest(api.requests.getFirst(), Method.GET, "/api/events", null);
        assertThat(run(params(p("resource", "event"), p("returnAll", true)))).hasSize(3);
        assertThat(run(params(p("resource", "event")))).hasSize(3); // default limit 50
        // limit left out entirely: the node's own default is also 50
        assertThat(run(params(p("resource", "event"), p("operation", "getAll"))))
                .hasSize(3);
    }

    // ------------------------------------------------------------------ services

    @Test
    void callsServiceWithTypedDataAndTargetsOverRest() throws Throwable {
        api.knowing(
                List.of("light.a", "light.b"), Map.of("area", List.of("kitchen", "hall"), "device", List.of("dev1")));
        api.answering(r -> RecordingApi.json(200, List.of(Map.of("entity_id", "light.a", "state", "on"))));
        List<Item> out = run(params(
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
        assertThat(out).extracting(i -> i.json().get("entity_id")).containsExactly("light.a");
    }

    @Test
    void serviceCallWithoutChangesGivesOneEmptyItem() throws Throwable {
        api.answering(r -> RecordingApi.json(200, List.of()));
        List<Item> out = run(params(
                p("resource", "service"),
                p("operation", "call"),
                p("domain", "homeassistant"),
                p("service", "check_config"),
                p("returnResponse", "never")));
        assertThat(out).singleElement().satisfies(i -> assertThat(i.json()).isEmpty());
    }

    private static final List<Object> SCRIPT_SERVICES = List.of(Map.of(
            "domain",
            "script",
            "services",
            Map.of(
                    "echo",
                    Map.of("fields", Map.of(), "response", Map.of("optional", true)),
                    "plain",
                    Map.of("fields", Map.of()))));

    @Test
    void autoReturnResponseAsksTheServiceListThenCallsOverWebSocket() throws Throwable {
        api.withServices(SCRIPT_SERVICES).knowing(List.of(), Map.of("area", List.of("kitchen")));
        api.answeringCommands(c -> Map.of("context", Map.of("id", "ctx1"), "response", Map.of("echo", "hi")));
        List<Item> out = run(params(
                p("resource", "service"),
                p("operation", "call"),
                p("domain", "script"),
                p("service", "echo"),
                p("serviceAttributes", attributes("message", "hi")),
                p("target", Map.of("areaIds", List.of("kitchen")))));
        assertThat(api.lookups).containsExactly("area registry", "services");
        assertThat(api.requests).isEmpty();
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
        assertThat(out.getFirst().json())
                .containsEntry("service_response", Map.of("echo", "hi"))
                .containsEntry("context", Map.of("id", "ctx1"));

        // a service without responses goes over REST
        api.commands.clear();
        run(params(p("resource", "service"), p("operation", "call"), p("domain", "script"), p("service", "plain")));
        assertThat(api.commands).isEmpty();
        assertThat(api.requests).extracting(HaRequest::uri).containsExactly("/api/services/script/plain");
    }

    @Test
    void alwaysReturnResponseCallsOverWebSocket() throws Throwable {
        api.withServices(List.of(Map.of(
                "domain",
                "weather",
                "services",
                Map.of("get_forecasts", Map.of("response", Map.of("optional", false))))));
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
    void returnResponseThatDisagreesWithTheServiceIsExplainedBeforeCalling() {
        api.withServices(List.of(
                Map.of(
                        "domain",
                        "weather",
                        "services",
                        Map.of("get_forecasts", Map.of("response", Map.of("optional", false)))),
                Map.of("domain", "light", "services", Map.of("turn_on", Map.of("fields", Map.of())))));
        assertThat(failure(params(
                                p("resource", "service"),
                                p("operation", "call"),
                                p("domain", "weather"),
                                p("service", "get_forecasts"),
                                p("returnResponse", "never")))
                        .message())
                .contains("service 'weather.get_forecasts' only returns data: set Return Response to Auto");
        assertThat(failure(params(
                                p("resource", "service"),
                                p("operation", "call"),
                                p("domain", "light"),
                                p("service", "turn_on"),
                                p("returnResponse", "always")))
                        .message())
                .contains("service 'light.turn_on' returns no data: set Return Response to Auto or Never");
        assertThat(api.requests).isEmpty();
        assertThat(api.commands).isEmpty();
    }

    @Test
    void targetsTakeOneIdACommaListAJsonListOrAList() throws Throwable {
        api.knowing(
                List.of("light.a", "light.b"),
                Map.of("area", List.of("kitchen", "hall"), "floor", List.of("ground"), "label", List.of("x", "y")));
        api.answering(r -> RecordingApi.json(200, List.of()));
        run(params(
                p("resource", "service"),
                p("operation", "call"),
                p("domain", "light"),
                p("service", "turn_on"),
                p(
                        "target",
                        Map.of(
                                "entityIds",
                                "light.a",
                                "areaIds",
                                "={{ 'kitchen, hall' }}",
                                "floorIds",
                                "={{ ['ground'] }}",
                                "labelIds",
                                "[\"x\", \"y\"]"))));
        assertRequest(
                only(),
                Method.POST,
                "/api/services/light/turn_on",
                Map.of(
                        "entity_id",
                        List.of("light.a"),
                        "area_id",
                        List.of("kitchen", "hall"),
                        "floor_id",
                        List.of("ground"),
                        "label_id",
                        List.of("x", "y")));
    }

    @Test
    void unknownTargetsFailTheItemOrWarnInIt() throws Throwable {
        api.knowing(List.of("light.a"), Map.of("area", List.of("kitchen"), "label", List.of()));
        api.answering(r -> RecordingApi.json(200, List.of(Map.of("entity_id", "light.a", "state", "on"))));
        Map<String, Object> call = new java.util.LinkedHashMap<>(params(
                p("resource", "service"),
                p("operation", "call"),
                p("domain", "light"),
                p("service", "turn_on"),
                p("target", Map.of("entityIds", List.of("light.a", "light.gone"), "areaIds", "attic, kitchen"))));
        ExecutionError refused = failure(call);
        assertThat(refused.message())
                .contains(
                        "Call service 'light.turn_on' failed: Home Assistant has no entity 'light.gone', area 'attic'");
        assertThat(refused.httpStatus()).isEqualTo(404);
        assertThat(api.requests).isEmpty();

        call.put("unknownTargets", "warn");
        List<Item> out = run(call);
        assertThat(only().body().orElseThrow())
                .isEqualTo(
                        Map.of("entity_id", List.of("light.a", "light.gone"), "area_id", List.of("attic", "kitchen")));
        assertThat(out.getFirst().json())
                .containsEntry("entity_id", "light.a")
                .containsEntry(
                        "warnings",
                        List.of("Home Assistant has no entity 'light.gone', area 'attic'; the service was called with "
                                + "the other targets"));
    }

    @Test
    void labelTargetsRefusedByAnOlderHomeAssistantAreExplained() {
        api.knowing(List.of(), Map.of("label", List.of("x")));
        api.withServices(List.of(Map.of("domain", "light", "services", Map.of("turn_on", Map.of()))));
        api.answering(r -> {
            throw RecordingApi.status(r, 400, "{\"message\": \"extra keys not allowed @ data['label_id']\"}");
        });
        ExecutionError error = failure(params(
                p("resource", "service"),
                p("operation", "call"),
                p("domain", "light"),
                p("service", "turn_on"),
                p("target", Map.of("labelIds", List.of("x")))));
        assertThat(error.message()).contains("this Home Assistant does not accept label targets");
        assertThat(error.description()).contains("2024.4");
    }

    @Test
    void unknownServiceIsNamed() {
        api.withServices(List.of(Map.of("domain", "light", "services", Map.of("turn_on", Map.of()))));
        api.answering(r -> {
            throw RecordingApi.status(r, 400, "400: Bad Request");
        });
        assertThat(failure(params(
                                p("resource", "service"),
                                p("operation", "call"),
                                p("domain", "light"),
                                p("service", "nope"),
                                p("returnResponse", "never")))
                        .message())
                .contains("Call service 'light.nope' failed: unknown service 'light.nope' (400)");
    }

    @Test
    void knownServiceKeepsHasOwn400Message() {
        api.withServices(List.of(Map.of("domain", "light", "services", Map.of("turn_on", Map.of()))));
        api.answering(r -> {
            throw RecordingApi.status(r, 400, "{\"message\": \"extra keys not allowed @ data['bogus']\"}");
        });
        assertThat(failure(params(
                                p("resource", "service"),
                                p("operation", "call"),
                                p("domain", "light"),
                                p("service", "turn_on"),
                                p("returnResponse", "never")))
                        .message())
                .contains("(400): extra keys not allowed @ data['bogus']");
    }

    @Test
    void listsServicesOfOneDomain() throws Throwable {
        api.answering(r -> RecordingApi.json(
                200,
                List.of(Map.of("domain", "a", "services", Map.of()), Map.of("domain", "light", "services", Map.of()))));
        List<Item> out = run(params(p("resource", "service"), p("operation", "getAll"), p("domainFilter", "light")));
        assertRequest(only(), Method.GET, "/api/services", null);
        assertThat(out).singleElement().satisfies(i -> assertThat(i.json()).containsEntry("domain", "light"));
    }

    @Test
    void rejectsBadDomainAndServiceNames() {
        assertThat(failure(params(
                                p("resource", "service"),
                                p("operation", "call"),
                                p("domain", "../x"),
                                p("service", "y")))
                        .message())
                .contains("domain");
        assertThat(failure(params(p("resource", "service"), p("operation", "call"), p("domain", "light")))
                        .message())
                .contains("service");
    }

    // ------------------------------------------------------------------ states

    @Test
    void getsOneStateAndAllStates() throws Throwable {
        api.knowing(List.of("a.b", "c.d"), Map.of());
        api.answering(r -> RecordingApi.json(200, Map.of("entity_id", "light.x", "state", "on")));
        run(params(p("resource", "state"), p("entityId", Map.of("__rl", true, "mode", "list", "value", "light.x"))));
        HaRequest get = only();
        assertRequest(get, Method.GET, "/api/states/light.x", null);
        assertThat(get.subject()).hasValue("entity 'light.x'");
        api.requests.clear();
        assertThat(run(params(p("resource", "state"), p("operation", "getAll"), p("limit", 1))))
                .singleElement()
                .satisfies(i -> assertThat(i.json()).containsEntry("entity_id", "a.b"));
        assertThat(api.requests).isEmpty(); // the states come from the states lookup (get_states)
        assertThat(api.lookups).containsExactly("states");
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
    void upsertOfAnImportedN8nNodeReplacesTheAttributesAsN8nDoes() {
        HaNodeRun.on(api)
                .asN8n(1)
                .items(params(
                        p("resource", "state"),
                        p("operation", "upsert"),
                        p("entityId", "sensor.x"),
                        p("state", "2"),
                        p("stateAttributes", attributes("level", "3"))));
        assertRequest(
                only(), Method.POST, "/api/states/sensor.x", Map.of("state", "2", "attributes", Map.of("level", 3)));
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
                p("keepAttributes", false),
                p("forceUpdate", true)));
        assertRequest(only(), Method.POST, "/api/states/sensor.x", Map.of("state", "1", "force_update", true));
        api.requests.clear();
        run(params(
                p("resource", "state"),
                p("operation", "upsert"),
                p("entityId", "sensor.x"),
                p("state", "1"),
                p("keepAttributes", false),
                p("stateAttributes", attributes("a", "b", "", "ignored"))));
        assertRequest(
                only(), Method.POST, "/api/states/sensor.x", Map.of("state", "1", "attributes", Map.of("a", "b")));
    }

    @Test
    void upsertRejectsPrototypeKeysAndBadEntityIds() {
        assertThat(failure(params(
                                p("resource", "state"),
                                p("operation", "upsert"),
                                p("entityId", "sensor.x"),
                                p("state", "1"),
                                p("keepAttributes", false),
                                p("stateAttributes", attributes("__proto__", "{}"))))
                        .message())
                .contains("__proto__");
        assertThat(failure(params(p("resource", "state"), p("operation", "get"), p("entityId", "../config")))
                        .message())
                .contains("entityId");
        assertThat(api.requests).isEmpty();
    }

    // ------------------------------------------------------------------ registry

    @Test
    void registryListsGetsAndSearchesRelatedItems() throws Throwable {
        api.knowing(List.of(), Map.of("area", List.of("kitchen", "hall"), "label", List.of("x")));
        assertThat(run(params(p("resource", "registry"))))
                .extracting(i -> i.json().get("area_id"))
                .containsExactly("kitchen", "hall");
        assertThat(run(params(p("resource", "registry"), p("operation", "getAll"), p("registry", "label"))))
                .extracting(i -> i.json().get("label_id"))
                .containsExactly("x");
        assertThat(run(params(p("resource", "registry"), p("operation", "get"), p("itemId", "hall")))
                        .getFirst()
                        .json())
                .containsEntry("area_id", "hall");
        ExecutionError unknown =
                failure(params(p("resource", "registry"), p("operation", "get"), p("itemId", "attic")));
        assertThat(unknown.message()).contains("unknown area 'attic'");
        assertThat(unknown.httpStatus()).isEqualTo(404);

        api.answeringCommands(c -> Map.of("entity", List.of("light.kitchen_lights"), "device", List.of("d1")));
        Map<String, Object> related = run(params(
                        p("resource", "registry"),
                        p("operation", "getRelated"),
                        p("itemType", "area"),
                        p("itemId", "kitchen")))
                .getFirst()
                .json();
        assertThat(api.commands)
                .containsExactly(Map.of("type", "search/related", "item_type", "area", "item_id", "kitchen"));
        assertThat(related).containsEntry("entity", List.of("light.kitchen_lights"));
        assertThat(failure(params(
                                p("resource", "registry"),
                                p("operation", "getRelated"),
                                p("itemType", "moon"),
                                p("itemId", "x")))
                        .message())
                .contains("itemType");
    }

    // ------------------------------------------------------------------ calendar, delete, statistics, script, to-do

    @Test
    void calendarEventsDefaultToTheNextSevenDays() {
        api.answering(r -> RecordingApi.json(200, List.of(Map.of("summary", "a"), Map.of("summary", "b"))));
        List<Item> out = run(params(
                p("resource", "calendar"),
                p("operation", "getEvents"),
                p("calendarEntityId", "calendar.family"),
                p("startTime", "2024-03-01T00:00:00Z"),
                p("limit", 1)));
        assertRequest(
                only(),
                Method.GET,
                "/api/calendars/calendar.family?start=2024-03-01T00:00:00.000000%2B00:00"
                        + "&end=2024-03-08T00:00:00.000000%2B00:00",
                null);
        assertThat(out).extracting(i -> i.json().get("summary")).containsExactly("a");
    }

    @Test
    void deletesAStateWithDelete() {
        api.answering(r -> RecordingApi.json(200, Map.of("message", "Entity removed.")));
        assertThat(run(params(p("resource", "state"), p("operation", "delete"), p("entityId", "sensor.x")))
                        .getFirst()
                        .json())
                .containsEntry("message", "Entity removed.");
        assertRequest(only(), Method.DELETE, "/api/states/sensor.x", null);
        assertThat(only().adminOnly()).isTrue();
    }

    @Test
    void statisticsAskTheRecorderAndComeBackOneItemPerRow() {
        api.answeringCommands(c -> Map.of(
                "sensor.energy",
                List.of(Map.of("start", 1709251200000L, "end", 1709254800000L, "sum", 2.5, "last_reset", 0))));
        List<Item> out = run(params(
                p("resource", "history"),
                p("operation", "getStatistics"),
                p("statisticIds", "sensor.energy"),
                p("period", "day"),
                p("types", List.of("sum")),
                p("additionalFields", Map.of("startTime", "2024-03-01", "endTime", "2024-03-02T00:00:00Z"))));
        assertThat(api.commands)
                .containsExactly(Map.of(
                        "type",
                        "recorder/statistics_during_period",
                        "start_time",
                        "2024-03-01T00:00:00.000000+00:00",
                        "end_time",
                        "2024-03-02T00:00:00.000000+00:00",
                        "statistic_ids",
                        List.of("sensor.energy"),
                        "period",
                        "day",
                        "types",
                        List.of("sum")));
        assertThat(out)
                .singleElement()
                .satisfies(i -> assertThat(i.json())
                        .containsEntry("statistic_id", "sensor.energy")
                        .containsEntry("start", "2024-03-01T00:00:00Z")
                        .containsEntry("end", "2024-03-01T01:00:00Z")
                        .containsEntry("last_reset", "1970-01-01T00:00:00Z")
                        .containsEntry("sum", 2.5));
        assertThat(failure(params(p("resource", "history"), p("operation", "getStatistics")))
                        .message())
                .contains("statisticIds");
    }

    @Test
    void executesActionsGivenAsYamlOrJson() {
        api.answeringCommands(c -> Map.of("context", Map.of("id", "c1"), "response", Map.of("x", 1)));
        Map<String, Object> out = run(params(
                        p("resource", "script"),
                        p("operation", "execute"),
                        p("sequence", "action: light.turn_on\ntarget:\n  entity_id: light.a"),
                        p("variables", "{\"n\": 2}")))
                .getFirst()
                .json();
        assertThat(api.commands)
                .containsExactly(Map.of(
                        "type",
                        "execute_script",
                        "sequence",
                        List.of(Map.of("action", "light.turn_on", "target", Map.of("entity_id", "light.a"))),
                        "variables",
                        Map.of("n", 2L)));
        assertThat(out).containsEntry("response", Map.of("x", 1)).containsEntry("context", Map.of("id", "c1"));
        assertThat(failure(params(p("resource", "script"), p("operation", "execute"), p("sequence", "[: broken")))
                        .message())
                .contains("sequence")
                .contains("not valid YAML or JSON");
    }

    @Test
    void toDoItemsGoThroughTheTodoServices() {
        api.answeringCommands(c -> c.get("service").equals("get_items")
                ? Map.of(
                        "response",
                        Map.of(
                                "todo.list",
                                Map.of(
                                        "items",
                                        List.of(Map.of("summary", "Milk", "uid", "u1", "status", "needs_action")))))
                : Map.of());
        Map<String, Object> created = run(params(
                        p("resource", "todo"),
                        p("operation", "create"),
                        p("listEntityId", "todo.list"),
                        p("item", "Milk"),
                        p("itemFields", Map.of("due", "2024-03-01", "description", "oat"))))
                .getFirst()
                .json();
        assertThat(created).containsEntry("uid", "u1").containsEntry("entity_id", "todo.list");
        assertThat(api.commands.getFirst())
                .containsEntry("service", "add_item")
                .containsEntry("service_data", Map.of("item", "Milk", "due_date", "2024-03-01", "description", "oat"))
                .containsEntry("target", Map.of("entity_id", List.of("todo.list")));
        api.commands.clear();
        run(params(
                p("resource", "todo"),
                p("operation", "update"),
                p("listEntityId", "todo.list"),
                p("item", "u1"),
                p("itemFields", Map.of("status", "completed", "due", "2024-03-01T08:00:00Z"))));
        assertThat(api.commands.getFirst())
                .containsEntry(
                        "service_data",
                        Map.of(
                                "item",
                                "u1",
                                "status",
                                "completed",
                                "due_datetime",
                                "2024-03-01T08:00:00.000000+00:00"));
        assertThat(failure(params(
                                p("resource", "todo"),
                                p("operation", "update"),
                                p("listEntityId", "todo.list"),
                                p("item", "u1")))
                        .message())
                .contains("itemFields");
        assertThat(failure(params(p("resource", "todo"), p("operation", "getAll"), p("listEntityId", "light.x")))
                        .message())
                .contains("must be a to-do list entity");
    }

    // ------------------------------------------------------------------ history, camera

    @Test
    void historyWithAllOptions() throws Throwable {
        api.answering(r -> RecordingApi.json(
                200,
                List.of(
                        List.of(Map.of("entity_id", "sensor.a", "state", "1"), Map.of("state", "2")),
                        List.of(Map.of("entity_id", "sensor.b", "state", "x")))));
        List<Item> out = run(params(
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
        assertThat(out).extracting(i -> i.json().get("entity_id")).containsExactly("sensor.a", "sensor.a", "sensor.b");
        assertThat(out).extracting(i -> i.json().get("state")).containsExactly("1", "2", "x");
    }

    @Test
    void historyRequiresEntities() {
        assertThat(failure(params(p("resource", "history"), p("operation", "getAll")))
                        .message())
                .contains("entityIds");
    }

    @Test
    void cameraImageGoesOnTheInputItem() throws Throwable {
        byte[] png = {(byte) 0x89, 'P', 'N', 'G'};
        api.answering(r -> new HaResponse(200, "image/png", png));
        Item input = new Item(
                Map.of("a", 1), Map.of("old", BinaryData.of(new byte[] {1}, "text/plain", "x.txt")), List.of());
        List<Item> out = node.run(
                        params(
                                p("resource", "cameraProxy"),
                                p("operation", "getScreenshot"),
                                p("cameraEntityId", "camera.door")),
                        List.of(input),
                        false)
                .assertSucceeded()
                .output(HaNodeRun.NODE);
        assertRequest(only(), Method.GET, "/api/camera_proxy/camera.door", null);
        Item item = out.getFirst();
        assertThat(item.json()).isEqualTo(Map.of("a", 1));
        assertThat(item.binary()).containsKeys("old", "data");
        assertThat(item.binary().get("data")).isEqualTo(BinaryData.of(png, "image/png", "camera.door.png"));
    }

    // ------------------------------------------------------------------ per item, errors

    @Test
    void eachItemGetsItsOwnCallAndPairing() throws Throwable {
        api.answering(r -> RecordingApi.json(200, Map.of("entity_id", r.path().substring("/api/states/".length()))));
        List<Item> items = List.of(Item.of(Map.of("e", "a.one")), Item.of(Map.of("e", "a.two")));
        List<Item> out = node.run(
                        params(p("resource", "state"), p("operation", "get"), p("entityId", "={{ $json.e }}")),
                        items,
                        false)
                .assertSucceeded()
                .output(HaNodeRun.NODE);
        assertThat(api.requests).extracting(HaRequest::path).containsExactly("/api/states/a.one", "/api/states/a.two");
        assertThat(out).extracting(i -> i.pairedItems().getFirst().item()).containsExactly(0, 1);
    }

    @Test
    void continueOnFailTurnsErrorsIntoItems() throws Throwable {
        api.answering(r -> {
            throw RecordingApi.status(r, 404, "{\"message\": \"Entity not found.\"}");
        });
        List<Item> out = node.run(
                        params(p("resource", "state"), p("operation", "get"), p("entityId", "light.gone")),
                        List.of(),
                        true)
                .assertSucceeded()
                .output(HaNodeRun.NODE);
        assertThat(out).singleElement().satisfies(i -> {
            assertThat(i.json()).containsOnlyKeys("error");
            assertThat(String.valueOf(i.json().get("error"))).contains("unknown entity 'light.gone'");
            assertThat(i.pairedItems()).containsExactly(new Item.PairedItem(0, 0));
        });
    }

    @Test
    void invalidOperationForResourceIsAParameterError() {
        assertThat(failure(params(p("resource", "event"), p("operation", "upsert")))
                        .message())
                .contains("operation")
                .contains("getAll");
        assertThat(api.requests).isEmpty();
    }

    @Test
    void missingCredentialIsReported() {
        TestRun run = node.runWithoutCredential(params());
        assertThat(run.error()).hasValueSatisfying(e -> assertThat(e.message()).contains("credential"));
        assertThat(api.requests).isEmpty();
    }
}
