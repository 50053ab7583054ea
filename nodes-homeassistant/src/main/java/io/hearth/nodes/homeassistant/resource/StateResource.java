package io.hearth.nodes.homeassistant.resource;

import io.hearth.node.Item;
import io.hearth.node.NodeApiException;
import io.hearth.node.ParameterException;
import io.hearth.node.ParameterValues;
import io.hearth.node.description.Condition;
import io.hearth.node.description.DynamicOptions;
import io.hearth.node.description.LocatorMode;
import io.hearth.node.description.Option;
import io.hearth.node.description.Parameter;
import io.hearth.nodes.homeassistant.client.HaRequest;
import io.hearth.nodes.homeassistant.client.HaResponse;
import io.hearth.nodes.homeassistant.client.HomeAssistantApi;
import io.hearth.nodes.homeassistant.client.Json;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import reactor.core.publisher.Mono;

/**
 * State: get one entity's state, get all states, create or update (upsert) a state.
 * <p>
 * Upsert: {@code POST /api/states/<id>} replaces the whole state object, so an update without
 * {@code attributes} wipes them (n8n issue #36307). "Keep Existing Attributes" ({@code keepAttributes})
 * reads the current attributes first and merges the given ones over them; off, the entity gets exactly the
 * given attributes, as with n8n's node. It is on for new nodes (type version 2) and off for type version 1,
 * n8n's only version, so imported n8n workflows behave as in n8n. An empty attribute list never sends
 * {@code attributes: {}}; {@code __proto__}-style keys are rejected; {@code forceUpdate} fires a
 * state-changed event even if nothing changed.
 * <p>
 * Owns the entity dropdowns ({@code getAllEntities}, also used by History and the trigger).
 */
public final class StateResource {

    /** The dropdown of every entity, labelled {@code friendly_name (entity_id)}. */
    public static final String ENTITIES = "getAllEntities";

    static final String ENTITY_ID_PATTERN = "[a-z0-9_]+\\.[a-z0-9_]+";

    private StateResource() {}

    public static HaResource resource() {
        return HaResource.builder("state", "State")
                .operation(
                        "upsert",
                        "Create or Update",
                        "Create a new record, or update the current one if it already exists (upsert)",
                        StateResource::upsert)
                .operation("get", "Get", "Get a state for a specific entity", StateResource::get)
                .operation("getAll", "Get Many", "Get many states", StateResource::getAll)
                .operation(
                        "delete",
                        "Delete",
                        "Remove an entity's state (it comes back when its integration sets it again)",
                        in -> in.api()
                                .send(deleteRequest(entityId(in.params())))
                                .map(HaResponse::json)
                                .map(j -> Results.items(j, "message")))
                .defaultOperation("get")
                .field(
                        Parameter.resourceLocator(
                                        "entityId",
                                        LocatorMode.list("From List", DynamicOptions.of(ENTITIES)),
                                        LocatorMode.id(
                                                "By ID", "^[a-z0-9_]+\\.[a-z0-9_]+$", "sensor.outside_temperature"))
                                .displayName("Entity")
                                .required(),
                        "get",
                        "upsert",
                        "delete")
                .field(Parameter.string("state").displayName("State").required(), "upsert")
                .field(Fields.nameValues("stateAttributes", "State Attributes", "Add Attribute"), "upsert")
                .field(keepAttributes(false).show("@version", 1), "upsert")
                .field(keepAttributes(true).show("@version", new Condition(Condition.Operator.GTE, 2)), "upsert")
                .field(
                        Parameter.bool("forceUpdate")
                                .displayName("Force Update")
                                .defaultValue(false)
                                .description("Fire a state-changed event even if state and attributes did not change"),
                        "upsert")
                .field(Fields.returnAll(), "getAll")
                .field(Fields.limit(), "getAll")
                .dropdown(ENTITIES, (api, ctx) -> entities(api, id -> true))
                .build();
    }

    /** One declaration per type version: only the default differs. */
    private static Parameter.Builder keepAttributes(boolean byDefault) {
        return Parameter.bool("keepAttributes")
                .displayName("Keep Existing Attributes")
                .defaultValue(byDefault)
                .description("On: the given attributes are merged over the entity's current ones. Off: the entity "
                        + "gets exactly the given attributes, the others are removed (n8n's behaviour).");
    }

    static String entityId(ParameterValues params) {
        String id = Values.required(params, "entityId");
        if (!id.matches(ENTITY_ID_PATTERN)) {
            throw new ParameterException(
                    "entityId", "must look like 'domain.object_id' (lower case, digits, '_'): '" + id + "'");
        }
        return id;
    }

    static HaRequest getRequest(String entityId) {
        return HaRequest.get("Get state of '" + entityId + "'", "/api/states/" + HaRequest.segment(entityId))
                .about("entity '" + entityId + "'");
    }

    static HaRequest deleteRequest(String entityId) {
        return HaRequest.delete("Delete state of '" + entityId + "'", "/api/states/" + HaRequest.segment(entityId))
                .about("entity '" + entityId + "'")
                .asAdminOnly();
    }

    /**
     * The upsert request. {@code current} is the entity's current attributes (empty if it does not exist),
     * used in merge mode.
     */
    static HaRequest upsertRequest(ParameterValues params, Map<String, Object> current) {
        String entityId = entityId(params);
        String state = params.string("state");
        if (state.isEmpty()) {
            throw new ParameterException("state", "is required");
        }
        if (state.length() > 255) {
            throw new ParameterException("state", "must be at most 255 characters (Home Assistant's limit)");
        }
        Map<String, Object> given = Values.nameValues(params, "stateAttributes");
        Map<String, Object> attributes = new LinkedHashMap<>();
        if (merge(params)) {
            attributes.putAll(current);
        }
        attributes.putAll(given);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("state", state);
        if (!attributes.isEmpty()) {
            body.put("attributes", attributes);
        }
        if (params.get("forceUpdate").isPresent() && params.bool("forceUpdate")) {
            body.put("force_update", true);
        }
        return HaRequest.post(
                        "Create or update state of '" + entityId + "'",
                        "/api/states/" + HaRequest.segment(entityId),
                        body)
                .asAdminOnly();
    }

    static boolean merge(ParameterValues params) {
        return params.bool("keepAttributes");
    }

    private static Mono<List<Item>> upsert(OperationInput in) {
        String entityId = entityId(in.params());
        Mono<Map<String, Object>> current = Mono.just(Map.of());
        if (merge(in.params())) {
            current = in.api()
                    .send(getRequest(entityId))
                    .map(r -> Json.asObject(Json.asObject(r.json()).get("attributes")))
                    .onErrorResume(
                            e -> e instanceof NodeApiException api
                                    && api.httpStatus().orElse(0) == 404,
                            e -> Mono.just(Map.of()));
        }
        return current.flatMap(attrs -> in.api().send(upsertRequest(in.params(), attrs)))
                .map(HaResponse::json)
                .map(j -> Results.items(j, "state"));
    }

    private static Mono<List<Item>> get(OperationInput in) {
        return in.api()
                .send(getRequest(entityId(in.params())))
                .map(HaResponse::json)
                .map(j -> Results.items(j, "state"));
    }

    private static Mono<List<Item>> getAll(OperationInput in) {
        return in.api().states().map(j -> Results.items(Results.limit(Json.asList(j), in.params()), "state"));
    }

    /** Entity options of the states {@code keep} accepts, labelled {@code friendly_name (entity_id)}. */
    static Mono<List<Option>> entities(HomeAssistantApi api, Predicate<String> keep) {
        return api.states().map(states -> entityOptions(states, keep));
    }

    static List<Option> entityOptions(Object states, Predicate<String> keep) {
        List<Option> out = new ArrayList<>();
        for (Object s : Json.asList(states)) {
            Map<String, Object> state = Json.asObject(s);
            String id = Json.asString(state.get("entity_id"));
            if (id.isEmpty() || !keep.test(id)) {
                continue;
            }
            String friendly =
                    Json.asString(Json.asObject(state.get("attributes")).get("friendly_name"));
            out.add(Option.of(Dropdown.label(friendly, id), id, "State: " + Json.asString(state.get("state"))));
        }
        return Dropdown.sorted(out);
    }
}
