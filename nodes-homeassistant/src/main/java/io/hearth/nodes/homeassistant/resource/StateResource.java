package io.hearth.nodes.homeassistant.resource;

import io.hearth.node.NodeApiException;
import io.hearth.node.ParameterException;
import io.hearth.node.ParameterValues;
import io.hearth.nodes.homeassistant.client.HaRequest;
import io.hearth.nodes.homeassistant.client.HaResponse;
import io.hearth.nodes.homeassistant.client.Json;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import reactor.core.publisher.Mono;

/**
 * State: get one entity's state, get all states, create or update (upsert) a state.
 * <p>
 * Upsert: {@code POST /api/states/<id>} replaces the whole state object, so an update without
 * {@code attributes} wipes them (n8n issue #36307). Here, by default ({@code attributesMode=merge}) the
 * current attributes are read first and the given ones merged over them; {@code replace} sends only the
 * given ones. An empty attribute list never sends {@code attributes: {}}; {@code __proto__}-style keys
 * are rejected; {@code forceUpdate} fires a state-changed event even if nothing changed.
 */
public final class StateResource implements HaResource {

    static final String ENTITY_ID_PATTERN = "[a-z0-9_]+\\.[a-z0-9_]+";

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

    static HaRequest listRequest() {
        return HaRequest.get("Get all states", "/api/states");
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
        return !"replace".equals(params.string("attributesMode"));
    }

    private static Mono<List<io.hearth.node.Item>> upsert(OperationInput in) {
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

    @Override
    public String value() {
        return "state";
    }

    @Override
    public String displayName() {
        return "State";
    }

    @Override
    public List<HaOperation> operations() {
        return List.of(
                new HaOperation(
                        "upsert",
                        "Create or Update",
                        "Create a new record, or update the current one if it already exists (upsert)",
                        StateResource::upsert),
                new HaOperation(
                        "get",
                        "Get",
                        "Get a state for a specific entity",
                        in -> in.api()
                                .send(getRequest(entityId(in.params())))
                                .map(HaResponse::json)
                                .map(j -> Results.items(j, "state"))),
                new HaOperation(
                        "getAll",
                        "Get Many",
                        "Get many states",
                        in -> in.api()
                                .send(listRequest())
                                .map(HaResponse::json)
                                .map(j -> Results.items(Results.limit(Json.asList(j), in.params()), "state"))));
    }

    @Override
    public String defaultOperation() {
        return "get";
    }
}
