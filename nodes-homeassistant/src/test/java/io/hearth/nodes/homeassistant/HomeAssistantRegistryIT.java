package io.hearth.nodes.homeassistant;

import static io.hearth.nodes.homeassistant.HaTestSupport.credential;
import static io.hearth.nodes.homeassistant.HaTestSupport.p;
import static io.hearth.nodes.homeassistant.HaTestSupport.params;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.hearth.node.Item;
import io.hearth.node.NodeApiException;
import io.hearth.node.description.Option;
import io.hearth.nodes.homeassistant.client.Json;
import io.hearth.runtime.execution.ExecutionError;
import io.hearth.testsupport.RealHomeAssistant;
import io.hearth.testsupport.RealHomeAssistantExtension;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Registries, targets and response modes against a real Home Assistant. A label and a floor of its own
 * are created for the run (and removed after). Whether this Home Assistant accepts labels and floors in
 * targets and searches (2024.4 and later) is found out by trying: assigning the label to an entity.
 */
@Tag("home-assistant")
@ExtendWith(RealHomeAssistantExtension.class)
class HomeAssistantRegistryIT {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static RealHomeAssistant ha;
    private static HaRest rest;
    private static HaNodeRun node;
    private static String labelId;
    private static String floorId;
    private static String areaId;
    private static boolean labelsAndFloorsInTargets;

    @BeforeAll
    static void start(RealHomeAssistant realHa) {
        ha = realHa;
        rest = new HaRest(ha);
        node = HaNodeRun.against(ha);
        String run = UUID.randomUUID().toString().substring(0, 8);
        labelId = id(
                rest.command(Map.of("type", "config/label_registry/create", "name", "Hearth IT " + run)), "label_id");
        floorId = id(
                rest.command(Map.of("type", "config/floor_registry/create", "name", "Hearth Floor " + run, "level", 3)),
                "floor_id");
        areaId = id(
                rest.command(Map.of("type", "config/area_registry/create", "name", "Hearth Area " + run)), "area_id");
        try {
            rest.command(Map.of(
                    "type",
                    "config/entity_registry/update",
                    "entity_id",
                    "light.bed_light",
                    "labels",
                    List.of(labelId)));
            rest.command(Map.of("type", "config/area_registry/update", "area_id", areaId, "floor_id", floorId));
            labelsAndFloorsInTargets = true;
        } catch (NodeApiException e) { // "extra keys not allowed @ data['labels']": before 2024.4
            labelsAndFloorsInTargets = false;
        }
    }

    @AfterAll
    static void cleanUp() {
        if (labelsAndFloorsInTargets) {
            rest.command(Map.of(
                    "type", "config/entity_registry/update", "entity_id", "light.bed_light", "labels", List.of()));
        }
        rest.command(Map.of("type", "config/area_registry/delete", "area_id", areaId));
        rest.command(Map.of("type", "config/floor_registry/delete", "floor_id", floorId));
        rest.command(Map.of("type", "config/label_registry/delete", "label_id", labelId));
    }

    private static String id(Object created, String key) {
        return Json.asString(Json.asObject(created).get(key));
    }

    private static ExecutionError failure(Map<String, Object> parameters) {
        return node.run(parameters).error().orElseThrow(() -> new AssertionError("expected the run to fail"));
    }

    private static List<Option> dropdown(String method, Map<String, Object> parameters) throws Throwable {
        return HaTestSupport.await(new HomeAssistantNode()
                .loadOptionsMethods()
                .get(method)
                .load(TestLoadOptionsContext.of(credential(ha), parameters)));
    }

    // ------------------------------------------------------------------ registry resource, dropdowns

    @Test
    void listsAndGetsRegistryEntries() {
        List<Item> areas =
                node.items(params(p("resource", "registry"), p("operation", "getAll"), p("returnAll", true)));
        assertThat(areas).extracting(i -> i.json().get("area_id")).contains("kitchen", "bedroom", areaId);
        assertThat(node.items(params(p("resource", "registry"), p("operation", "get"), p("itemId", "kitchen")))
                        .getFirst()
                        .json())
                .containsEntry("area_id", "kitchen")
                .containsKey("name");
        for (String registry : List.of("device", "entity", "label", "floor")) {
            assertThat(node.items(params(
                            p("resource", "registry"),
                            p("operation", "getAll"),
                            p("registry", registry),
                            p("returnAll", true))))
                    .as(registry)
                    .isNotEmpty();
        }
        assertThat(node.items(params(
                                p("resource", "registry"),
                                p("operation", "get"),
                                p("registry", "label"),
                                p("itemId", labelId)))
                        .getFirst()
                        .json())
                .containsEntry("label_id", labelId);
        ExecutionError unknown = failure(params(
                p("resource", "registry"), p("operation", "get"), p("registry", "floor"), p("itemId", "hearth_none")));
        assertThat(unknown.message()).contains("unknown floor 'hearth_none'");
        assertThat(unknown.httpStatus()).isEqualTo(404);
    }

    @Test
    @SuppressWarnings("unchecked")
    void findsWhatIsRelatedToAnAreaAndToALabelWhereSupported() {
        Map<String, Object> kitchen = node.items(params(
                        p("resource", "registry"),
                        p("operation", "getRelated"),
                        p("itemType", "area"),
                        p("itemId", "kitchen")))
                .getFirst()
                .json();
        assertThat((List<Object>) kitchen.get("entity")).contains("light.kitchen_lights");
        assertThat((List<Object>) kitchen.get("device")).isNotEmpty();

        Map<String, Object> byLabel = params(
                p("resource", "registry"), p("operation", "getRelated"), p("itemType", "label"), p("itemId", labelId));
        if (labelsAndFloorsInTargets) {
            assertThat((List<Object>) node.items(byLabel).getFirst().json().get("entity"))
                    .contains("light.bed_light");
        } else {
            ExecutionError refused = failure(byLabel);
            assertThat(refused.message()).contains("this Home Assistant cannot search by label");
            assertThat(refused.description()).contains("2024.4");
        }
    }

    @Test
    void offersLabelsAndFloorsInDropdowns() throws Throwable {
        assertThat(dropdown("getLabels", Map.of())).extracting(Option::value).contains(labelId);
        assertThat(dropdown("getFloors", Map.of()))
                .filteredOn(o -> o.value().equals(floorId))
                .singleElement()
                .satisfies(o -> assertThat(o.description()).isEqualTo("Level 3"));
        assertThat(dropdown("getAreas", Map.of())).extracting(Option::value).contains("kitchen", areaId);
        assertThat(dropdown("getRegistryItems", Map.of("operation", "getRelated", "itemType", "label")))
                .extracting(Option::value)
                .contains(labelId);
    }

    // ------------------------------------------------------------------ targets

    @Test
    void targetsByLabelAndFloorWhereSupportedElseSaysWhichVersionIsNeeded() {
        rest.callService("light", "turn_off", Map.of("entity_id", "light.bed_light"));
        await().atMost(WAIT).until(() -> rest.state("light.bed_light").equals("off"));
        Map<String, Object> byLabel = params(
                p("resource", "service"),
                p("operation", "call"),
                p("domain", "light"),
                p("service", "turn_on"),
                p("target", Map.of("labelIds", "=" + labelId)));
        if (labelsAndFloorsInTargets) {
            node.items(byLabel);
            await().atMost(WAIT).until(() -> rest.state("light.bed_light").equals("on"));
            // a floor target reaches the floor's area (it has no lights: the call succeeds, changing nothing)
            node.items(params(
                    p("resource", "service"),
                    p("operation", "call"),
                    p("domain", "light"),
                    p("service", "turn_on"),
                    p("target", Map.of("floorIds", List.of(floorId)))));
        } else {
            ExecutionError refused = failure(byLabel);
            assertThat(refused.message()).contains("this Home Assistant does not accept label targets");
            assertThat(refused.description()).contains("2024.4");
            assertThat(rest.state("light.bed_light")).isEqualTo("off");
        }
    }

    @Test
    void targetFieldsTakeACommaListOrAJsonListFromAnExpression() {
        rest.callService("light", "turn_off", Map.of("entity_id", List.of("light.bed_light", "light.ceiling_lights")));
        await().atMost(WAIT).until(() -> rest.state("light.ceiling_lights").equals("off"));
        node.items(params(
                p("resource", "service"),
                p("operation", "call"),
                p("domain", "light"),
                p("service", "turn_on"),
                p("returnResponse", "never"),
                p("target", Map.of("entityIds", "={{ 'light.bed_light, light.ceiling_lights' }}"))));
        await().atMost(WAIT)
                .until(() -> rest.state("light.bed_light").equals("on")
                        && rest.state("light.ceiling_lights").equals("on"));
        node.items(params(
                p("resource", "service"),
                p("operation", "call"),
                p("domain", "light"),
                p("service", "turn_off"),
                p("target", Map.of("entityIds", "={{ JSON.stringify(['light.ceiling_lights']) }}"))));
        await().atMost(WAIT).until(() -> rest.state("light.ceiling_lights").equals("off"));
    }

    @Test
    void unknownTargetsFailOrWarnInTheItem() {
        Map<String, Object> call = new java.util.LinkedHashMap<>(params(
                p("resource", "service"),
                p("operation", "call"),
                p("domain", "input_boolean"),
                p("service", "turn_on"),
                p(
                        "target",
                        Map.of(
                                "entityIds",
                                List.of("input_boolean.hearth_relay", "input_boolean.hearth_missing"),
                                "areaIds",
                                List.of("hearth_attic")))));
        ExecutionError refused = failure(call);
        assertThat(refused.message())
                .contains("Home Assistant has no entity 'input_boolean.hearth_missing', area 'hearth_attic'");
        assertThat(refused.httpStatus()).isEqualTo(404);

        rest.callService("input_boolean", "turn_off", Map.of("entity_id", "input_boolean.hearth_relay"));
        await().atMost(WAIT)
                .until(() -> rest.state("input_boolean.hearth_relay").equals("off"));
        call.put("unknownTargets", "warn");
        List<Item> out = node.items(call);
        assertThat(out)
                .allSatisfy(i -> assertThat(String.valueOf(i.json().get("warnings")))
                        .contains("input_boolean.hearth_missing")
                        .contains("hearth_attic"));
        await().atMost(WAIT)
                .until(() -> rest.state("input_boolean.hearth_relay").equals("on"));
    }

    // ------------------------------------------------------------------ response modes

    @Test
    void explainsAResponseModeTheServiceDoesNotSupport() {
        ExecutionError never = failure(params(
                p("resource", "service"),
                p("operation", "call"),
                p("domain", "weather"),
                p("service", "get_forecasts"),
                p("returnResponse", "never"),
                p("target", Map.of("entityIds", List.of("weather.demo_weather_south"))),
                p("serviceAttributes", HaTestSupport.attributes("type", "daily"))));
        assertThat(never.message())
                .contains("service 'weather.get_forecasts' only returns data: set Return Response to Auto");
        ExecutionError always = failure(params(
                p("resource", "service"),
                p("operation", "call"),
                p("domain", "input_boolean"),
                p("service", "toggle"),
                p("returnResponse", "always"),
                p("target", Map.of("entityIds", List.of("input_boolean.hearth_flag")))));
        assertThat(always.message())
                .contains("service 'input_boolean.toggle' returns no data: set Return Response to Auto or Never");
    }
}
