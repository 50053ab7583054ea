package io.hearth.nodes.homeassistant.resource;

import io.hearth.node.ParameterException;
import io.hearth.node.ParameterValues;
import io.hearth.node.description.Parameter;
import io.hearth.nodes.homeassistant.client.HaRequest;
import io.hearth.nodes.homeassistant.client.HaResponse;
import io.hearth.nodes.homeassistant.client.Json;
import java.util.Map;

/** Event: fire an event with data; list event types with their listener counts. */
public final class EventResource {

    private EventResource() {}

    public static HaResource resource() {
        return HaResource.builder("event", "Event")
                .operation(
                        "create",
                        "Create",
                        "Create an event",
                        in -> in.api()
                                .send(fireRequest(in.params()))
                                .map(HaResponse::json)
                                .map(j -> Results.items(j, "message")))
                .operation(
                        "getAll",
                        "Get Many",
                        "Get many events",
                        in -> in.api()
                                .send(listRequest())
                                .map(HaResponse::json)
                                .map(j -> Results.items(Results.limit(Json.asList(j), in.params()), "event")))
                .defaultOperation("getAll")
                .field(
                        Parameter.string("eventType")
                                .displayName("Event Type")
                                .required()
                                .placeholder("my_event"),
                        "create")
                .field(Fields.dataMode(), "create")
                .field(
                        Fields.nameValues("eventAttributes", "Event Data", "Add Field")
                                .show("dataMode", "fields"),
                        "create")
                .field(Fields.jsonData("Event data as a JSON object").show("dataMode", "json"), "create")
                .field(Fields.returnAll(), "getAll")
                .field(Fields.limit(), "getAll")
                .build();
    }

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
}
