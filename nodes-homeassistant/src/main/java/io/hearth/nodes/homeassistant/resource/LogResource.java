package io.hearth.nodes.homeassistant.resource;

import io.hearth.node.ParameterValues;
import io.hearth.nodes.homeassistant.client.HaRequest;
import io.hearth.nodes.homeassistant.client.HaResponse;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;

/** Log: the error log as text ({@code {errorLog}}) and logbook entries (time range, one entity). */
public final class LogResource implements HaResource {

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

    @Override
    public String value() {
        return "log";
    }

    @Override
    public String displayName() {
        return "Log";
    }

    @Override
    public List<HaOperation> operations() {
        return List.of(
                new HaOperation(
                        "getErroLogs",
                        "Get Error Logs",
                        "Get Home Assistant's error log (home-assistant.log)",
                        in -> in.api()
                                .send(errorLogRequest())
                                .map(r -> Results.one(Results.wrap("errorLog", r.text())))),
                new HaOperation(
                        "getLogbookEntries",
                        "Get Logbook Entries",
                        "Get all logs",
                        in -> in.api()
                                .send(logbookRequest(in.params(), in.zone()))
                                .map(HaResponse::json)
                                .map(j -> Results.items(j, "entry"))));
    }
}
