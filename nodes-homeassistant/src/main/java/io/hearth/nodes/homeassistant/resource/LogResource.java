package io.hearth.nodes.homeassistant.resource;

import io.hearth.node.ParameterValues;
import io.hearth.node.description.Parameter;
import io.hearth.nodes.homeassistant.client.HaRequest;
import io.hearth.nodes.homeassistant.client.HaResponse;
import java.time.ZoneId;
import java.util.Optional;

/** Log: the error log as text ({@code {errorLog}}) and logbook entries (time range, one entity). */
public final class LogResource {

    private LogResource() {}

    public static HaResource resource() {
        return HaResource.builder("log", "Log")
                .operation(
                        "getErroLogs",
                        "Get Error Logs",
                        "Get Home Assistant's error log (home-assistant.log)",
                        in -> in.api()
                                .send(errorLogRequest())
                                .map(r -> Results.one(Results.wrap("errorLog", r.text()))))
                .operation(
                        "getLogbookEntries",
                        "Get Logbook Entries",
                        "Get all logs",
                        in -> in.api()
                                .send(logbookRequest(in.params(), in.zone()))
                                .map(HaResponse::json)
                                .map(j -> Results.items(j, "entry")))
                .field(
                        Fields.timeRangeFields(Parameter.string("entityId")
                                .displayName("Entity ID")
                                .placeholder("light.kitchen")
                                .description("Only entries of this entity")
                                .build()),
                        "getLogbookEntries")
                .build();
    }

    static HaRequest errorLogRequest() {
        return HaRequest.get("Get error log", "/api/error_log").asAdminOnly();
    }

    static HaRequest logbookRequest(ParameterValues params, ZoneId zone) {
        Optional<String> start = Values.dateTime(params, "additionalFields.startTime", zone);
        Optional<String> end = Values.dateTime(params, "additionalFields.endTime", zone);
        String entity = Values.ids(params, "additionalFields.entityId").stream()
                .findFirst()
                .orElse("");
        HaRequest request = HaRequest.get(
                "Get logbook entries",
                "/api/logbook" + start.map(s -> "/" + HaRequest.segment(s)).orElse(""));
        if (!entity.isEmpty()) {
            request = request.withQuery("entity", entity);
        }
        if (end.isPresent()) {
            request = request.withQuery("end_time", end.get());
        }
        return request;
    }
}
