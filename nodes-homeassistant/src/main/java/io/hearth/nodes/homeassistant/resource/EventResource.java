package io.hearth.nodes.homeassistant.resource;

import io.hearth.node.ParameterException;
import io.hearth.node.ParameterValues;
import io.hearth.nodes.homeassistant.client.HaRequest;
import io.hearth.nodes.homeassistant.client.HaResponse;
import io.hearth.nodes.homeassistant.client.Json;
import java.util.List;
import java.util.Map;

/** Event: fire an event with data; list event types with their listener counts. */
public final class EventResource implements HaResource {

    static HaRequest fireRequest(ParameterValues params) {
        String eventType = params.string("eventType").strip();
        if (eventType.isEmpty()) {
            throw new ParameterException("eventType", "is required");
        }
        if (!eventType.matches("[^\\s/?#]+")) {
            throw new ParameterException("eventType", "must not contain spaces, '/', '?' or '#': '" + eventType + "'");
        }
        return HaRequest.post(
                        "Fire event '" + eventType + "'",
                        "/api/events/" + HaRequest.segment(eventType),
                        data(params, "eventAttributes"))
                .asAdminOnly();
    }

    /** The data of an event or service call: name/value fields (typed) or a JSON object, per {@code dataMode}. */
    static Map<String, Object> data(ParameterValues params, String fieldsCollection) {
        if ("json".equals(params.string("dataMode"))) {
            return Values.jsonObject(params, "jsonData");
        }
        return Values.nameValues(params, fieldsCollection);
    }

    static HaRequest listRequest() {
        return HaRequest.get("List event types", "/api/events");
    }

    @Override
    public String value() {
        return "event";
    }

    @Override
    public String displayName() {
        return "Event";
    }

    @Override
    public List<HaOperation> operations() {
        return List.of(
                new HaOperation(
                        "create",
                        "Create",
                        "Create an event",
                        in -> in.api()
                                .send(fireRequest(in.params()))
                                .map(HaResponse::json)
                                .map(j -> Results.items(j, "message"))),
                new HaOperation(
                        "getAll",
                        "Get Many",
                        "Get many events",
                        in -> in.api()
                                .send(listRequest())
                                .map(HaResponse::json)
                                .map(j -> Results.items(Results.limit(Json.asList(j), in.params()), "event"))));
    }

    @Override
    public String defaultOperation() {
        return "getAll";
    }
}
