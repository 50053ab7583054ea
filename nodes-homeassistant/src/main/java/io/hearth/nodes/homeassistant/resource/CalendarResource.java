package io.hearth.nodes.homeassistant.resource;

import io.hearth.node.Item;
import io.hearth.node.NodeApiException;
import io.hearth.node.ParameterValues;
import io.hearth.node.description.DynamicOptions;
import io.hearth.node.description.LocatorMode;
import io.hearth.node.description.Parameter;
import io.hearth.nodes.homeassistant.client.HaRequest;
import io.hearth.nodes.homeassistant.client.HaResponse;
import io.hearth.nodes.homeassistant.client.Json;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import reactor.core.publisher.Mono;

/**
 * Calendar: the calendar entities ({@code GET /api/calendars}) and the events of one calendar in a time
 * range ({@code GET /api/calendars/<entity>?start&end}; default: from now for 7 days), one item per event.
 */
public final class CalendarResource {

    static final Duration DEFAULT_RANGE = Duration.ofDays(7);

    private CalendarResource() {}

    public static HaResource resource() {
        return HaResource.builder("calendar", "Calendar")
                .operation(
                        "getEvents",
                        "Get Events",
                        "Get the events of a calendar in a time range",
                        CalendarResource::events)
                .operation(
                        "getAll",
                        "Get Many",
                        "Get the calendars",
                        in -> in.api().send(listRequest()).map(HaResponse::json).map(j -> Results.items(j, "calendar")))
                .field(
                        Parameter.resourceLocator(
                                        "calendarEntityId",
                                        LocatorMode.list("From List", DynamicOptions.of("getCalendarEntities")),
                                        LocatorMode.id("By ID", "^calendar\\.[a-z0-9_]+$", "calendar.family"))
                                .displayName("Calendar")
                                .required(),
                        "getEvents")
                .field(
                        Parameter.dateTime("startTime")
                                .displayName("Start Time")
                                .description("Default: now"),
                        "getEvents")
                .field(
                        Parameter.dateTime("endTime")
                                .displayName("End Time")
                                .description("Default: 7 days after the start"),
                        "getEvents")
                .field(Fields.returnAll(), "getEvents")
                .field(Fields.limit(), "getEvents")
                .dropdown(
                        "getCalendarEntities",
                        (api, ctx) -> StateResource.entities(api, id -> id.startsWith("calendar.")))
                .build();
    }

    static HaRequest eventsRequest(ParameterValues params, ZoneId zone, java.time.Instant now) {
        String calendar = Values.required(params, "calendarEntityId");
        String start = Values.dateTime(params, "startTime", zone).orElseGet(() -> Values.format(now));
        String end = Values.dateTime(params, "endTime", zone)
                .orElseGet(() -> Values.format(Values.parseDateTime("startTime", start, zone)
                        .toInstant()
                        .plus(DEFAULT_RANGE)));
        return HaRequest.get("Get events of '" + calendar + "'", "/api/calendars/" + HaRequest.segment(calendar))
                .withQuery("start", start)
                .withQuery("end", end)
                .about("calendar '" + calendar + "'");
    }

    static HaRequest listRequest() {
        return HaRequest.get("List calendars", "/api/calendars");
    }

    /** Home Assistant answers a bare 400 for a calendar it does not have: named here when the list lacks it. */
    private static Mono<List<Item>> events(OperationInput in) {
        HaRequest request = eventsRequest(in.params(), in.zone(), in.now());
        String calendar = Values.required(in.params(), "calendarEntityId");
        return in.api()
                .send(request)
                .map(HaResponse::json)
                .map(j -> Results.items(Results.limit(Json.asList(j), in.params()), "event"))
                .onErrorResume(
                        e -> e instanceof NodeApiException api
                                && api.httpStatus().orElse(0) == 400,
                        e -> in.api()
                                .send(listRequest())
                                .map(HaResponse::json)
                                .flatMap(calendars -> Json.asList(calendars).stream()
                                                .anyMatch(c -> calendar.equals(
                                                        Json.asObject(c).get("entity_id")))
                                        ? Mono.<List<Item>>error(e)
                                        : Mono.<List<Item>>error(new NodeApiException(
                                                request.operation() + " failed: unknown calendar '" + calendar
                                                        + "' (404)",
                                                404,
                                                "Pick a calendar from the list (Home Assistant's calendar entities).",
                                                e))));
    }
}
