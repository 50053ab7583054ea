package io.hearth.nodes.homeassistant.resource;

import io.hearth.node.Item;
import io.hearth.node.ParameterException;
import io.hearth.node.ParameterValues;
import io.hearth.node.description.Option;
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
                .operation(
                        "getStatistics",
                        "Get Statistics",
                        "Get long-term statistics (mean, min, max, sum... per hour, day, week or month)",
                        in -> in.api()
                                .command("Get statistics", statisticsCommand(in.params(), in.zone(), in.now()))
                                .map(result -> Results.limit(statisticRows(result), in.params())))
                .field(
                        Fields.ids("entityIds", "Entities", StateResource.ENTITIES)
                                .description("Required by Home Assistant: the entities whose history to get"),
                        "getAll")
                .field(Fields.returnAll(), "getAll", "getStatistics")
                .field(Fields.limit(), "getAll", "getStatistics")
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
                .field(
                        Fields.ids("statisticIds", "Statistics", "getStatisticIds")
                                .required()
                                .description("Sensors with a state class, or external statistics such as "
                                        + "'energy:grid'"),
                        "getStatistics")
                .field(
                        Parameter.options(
                                        "period",
                                        Option.of("5 Minutes", "5minute"),
                                        Option.of("Hour", "hour"),
                                        Option.of("Day", "day"),
                                        Option.of("Week", "week"),
                                        Option.of("Month", "month"))
                                .displayName("Period")
                                .defaultValue("hour"),
                        "getStatistics")
                .field(
                        Parameter.multiOptions(
                                        "types",
                                        Option.of("Change", "change"),
                                        Option.of("Maximum", "max"),
                                        Option.of("Mean", "mean"),
                                        Option.of("Minimum", "min"),
                                        Option.of("State", "state"),
                                        Option.of("Sum", "sum"))
                                .displayName("Values")
                                .defaultValue(List.of())
                                .description("Which values (empty: all Home Assistant has)"),
                        "getStatistics")
                .field(Fields.timeRangeFields(), "getStatistics")
                .dropdown(
                        "getStatisticIds",
                        (api, ctx) -> api.command("Load statistics", Map.of("type", "recorder/list_statistic_ids"))
                                .map(result -> Dropdown.sorted(Json.asList(result).stream()
                                        .map(Json::asObject)
                                        .map(s -> Option.of(
                                                Dropdown.label(
                                                        Json.asString(s.get("name")),
                                                        Json.asString(s.get("statistic_id"))),
                                                Json.asString(s.get("statistic_id")),
                                                Json.asString(s.get("statistics_unit_of_measurement"))))
                                        .toList()))
                                .defaultIfEmpty(List.of()))
                .build();
    }

    /** Default range of statistics: the last 24 hours, as for history. */
    static final java.time.Duration STATISTICS_RANGE = java.time.Duration.ofDays(1);

    /** {@code recorder/statistics_during_period} for the chosen statistics, period, values and range. */
    static Map<String, Object> statisticsCommand(ParameterValues params, ZoneId zone, java.time.Instant now) {
        List<String> ids = Values.ids(params, "statisticIds");
        if (ids.isEmpty()) {
            throw new ParameterException("statisticIds", "is required: the statistics to get");
        }
        String period = params.string("period").isBlank() ? "hour" : params.string("period");
        if (!List.of("5minute", "hour", "day", "week", "month").contains(period)) {
            throw new ParameterException("period", "must be 5minute, hour, day, week or month, got '" + period + "'");
        }
        Map<String, Object> command = new LinkedHashMap<>();
        command.put("type", "recorder/statistics_during_period");
        command.put(
                "start_time",
                Values.dateTime(params, "additionalFields.startTime", zone)
                        .orElseGet(() -> Values.format(now.minus(STATISTICS_RANGE))));
        Values.dateTime(params, "additionalFields.endTime", zone).ifPresent(end -> command.put("end_time", end));
        command.put("statistic_ids", ids);
        command.put("period", period);
        List<String> types = Values.ids(params, "types");
        if (!types.isEmpty()) {
            command.put("types", types);
        }
        return command;
    }

    /**
     * HA's {@code {statistic_id: [{start, end, mean, ...}]}} as one item per row, with its statistic id and
     * start/end as ISO-8601 (HA sends epoch milliseconds).
     */
    static List<Item> statisticRows(Object result) {
        List<Item> out = new ArrayList<>();
        Json.asObject(result).forEach((id, rows) -> {
            for (Object r : Json.asList(rows)) {
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("statistic_id", id);
                Json.asObject(r).forEach((k, v) -> row.put(k, isTime(k) && v instanceof Number n ? iso(n) : v));
                out.add(Item.of(row));
            }
        });
        return out;
    }

    private static boolean isTime(String key) {
        return key.equals("start") || key.equals("end") || key.equals("last_reset");
    }

    private static String iso(Number epochMillis) {
        return java.time.Instant.ofEpochMilli(epochMillis.longValue()).toString();
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
