package io.hearth.nodes.homeassistant.resource;

import io.hearth.node.Item;
import io.hearth.node.ParameterException;
import io.hearth.node.ParameterValues;
import io.hearth.node.description.Parameter;
import io.hearth.nodes.homeassistant.client.HaRequest;
import io.hearth.nodes.homeassistant.client.HaResponse;
import io.hearth.nodes.homeassistant.client.Json;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * History: state changes of entities over a period ({@code GET /api/history/period/<start>}).
 * Home Assistant requires the entity ids ({@code filter_entity_id}); they come from {@code entityIds}
 * or, in workflows imported from n8n, {@code additionalFields.entityIds}. The answer (one list per
 * entity) is flattened to one item per state, each with its {@code entity_id} (HA omits it from all
 * but the first state of an entity with {@code minimal_response}).
 */
public final class HistoryResource {

    private HistoryResource() {}

    public static HaResource resource() {
        return HaResource.builder("history", "History")
                .operation(
                        "getAll",
                        "Get Many",
                        "Get many state changes",
                        in -> in.api()
                                .send(historyRequest(in.params(), in.zone()))
                                .map(HaResponse::json)
                                .map(j -> Results.limit(flatten(j), in.params())))
                .field(
                        Fields.ids("entityIds", "Entities", StateResource.ENTITIES)
                                .description("Required by Home Assistant: the entities whose history to get"),
                        "getAll")
                .field(Fields.returnAll(), "getAll")
                .field(Fields.limit(), "getAll")
                .field(
                        Fields.timeRangeFields(
                                Parameter.string("entityIds")
                                        .displayName("Entity IDs")
                                        .placeholder("light.kitchen,sensor.door")
                                        .description(
                                                "Comma-separated (n8n's field; the Entities field above is the same)")
                                        .build(),
                                Parameter.bool("minimalResponse")
                                        .displayName("Minimal Response")
                                        .description(
                                                "Only last_changed and state for states other than the first and last")
                                        .build(),
                                Parameter.bool("noAttributes")
                                        .displayName("No Attributes")
                                        .description("Leave out the attributes (faster)")
                                        .build(),
                                Parameter.bool("significantChangesOnly")
                                        .displayName("Significant Changes Only")
                                        .description("Only significant state changes")
                                        .build()),
                        "getAll")
                .build();
    }

    static HaRequest historyRequest(ParameterValues params, ZoneId zone) {
        List<String> entities = new ArrayList<>(Values.ids(params, "entityIds"));
        for (String legacy : Values.ids(params, "additionalFields.entityIds")) {
            if (!entities.contains(legacy)) {
                entities.add(legacy);
            }
        }
        if (entities.isEmpty()) {
            throw new ParameterException(
                    "entityIds", "is required: Home Assistant returns history only for listed entities");
        }
        Optional<String> start = Values.dateTime(params, "additionalFields.startTime", zone);
        Optional<String> end = Values.dateTime(params, "additionalFields.endTime", zone);
        HaRequest request = HaRequest.get(
                        "Get history",
                        "/api/history/period"
                                + start.map(s -> "/" + HaRequest.segment(s)).orElse(""))
                .withQuery("filter_entity_id", String.join(",", entities));
        if (end.isPresent()) {
            request = request.withQuery("end_time", end.get());
        }
        if (flag(params, "additionalFields.minimalResponse")) {
            request = request.withQuery("minimal_response", null);
        }
        if (flag(params, "additionalFields.noAttributes")) {
            request = request.withQuery("no_attributes", null);
        }
        if (flag(params, "additionalFields.significantChangesOnly")) {
            request = request.withQuery("significant_changes_only", null);
        }
        return request;
    }

    private static boolean flag(ParameterValues params, String name) {
        return params.get(name).isPresent() && params.bool(name);
    }

    static List<Item> flatten(Object json) {
        List<Map<String, Object>> states = new ArrayList<>();
        for (Object perEntity : Json.asList(json)) {
            String entityId = null;
            for (Object s : Json.asList(perEntity)) {
                Map<String, Object> state = new LinkedHashMap<>(Json.asObject(s));
                if (state.get("entity_id") instanceof String id) {
                    entityId = id;
                } else if (entityId != null) {
                    Map<String, Object> withId = new LinkedHashMap<>();
                    withId.put("entity_id", entityId);
                    withId.putAll(state);
                    state = withId;
                }
                states.add(state);
            }
        }
        return states.stream().map(Item::of).toList();
    }
}
