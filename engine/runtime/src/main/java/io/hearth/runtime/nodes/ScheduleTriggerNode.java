package io.hearth.runtime.nodes;

import io.hearth.node.Item;
import io.hearth.node.ParameterException;
import io.hearth.node.ParameterValues;
import io.hearth.node.description.FieldGroup;
import io.hearth.node.description.NodeDescription;
import io.hearth.node.description.NodeGroup;
import io.hearth.node.description.Option;
import io.hearth.node.description.Parameter;
import io.hearth.node.trigger.TriggerSchedule;
import io.hearth.runtime.schedule.CombinedSchedule;
import io.hearth.runtime.schedule.Schedules;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Fires on intervals (seconds to months) or cron expressions, in the workflow's time zone. The
 * rules are n8n's Schedule Trigger rules ({@code rule.interval[{field, secondsInterval, ...}]});
 * each becomes a cron schedule, the same mapping n8n uses, so a restart never shifts the times.
 * Versions 1 to 1.3 share their parameters; n8n 1.3 started refusing intervals out of range (seconds
 * and minutes 1-59, hours 1-23, days 1-31), which Hearth does for every version.
 */
public final class ScheduleTriggerNode implements io.hearth.node.trigger.ScheduleTriggerNode {

    public static final String TYPE = "hearth.scheduleTrigger";

    private static final NodeDescription DESCRIPTION = NodeDescription.builder(TYPE)
            .alias("n8n-nodes-base.scheduleTrigger")
            .displayName("Schedule Trigger")
            .versions(1, 1.1, 1.2, 1.3)
            .group(NodeGroup.TRIGGER)
            .categories("Triggers")
            .icon("fa:clock")
            .description("Starts the workflow on a schedule")
            .parameter(Parameter.fixedCollection(
                            "rule",
                            true,
                            "Add Rule",
                            new FieldGroup(
                                    "interval",
                                    "Trigger Interval",
                                    List.of(
                                            Parameter.options(
                                                            "field",
                                                            Option.of("Seconds", "seconds"),
                                                            Option.of("Minutes", "minutes"),
                                                            Option.of("Hours", "hours"),
                                                            Option.of("Days", "days"),
                                                            Option.of("Weeks", "weeks"),
                                                            Option.of("Months", "months"),
                                                            Option.of("Custom (Cron)", "cronExpression"))
                                                    .displayName("Trigger Interval")
                                                    .defaultValue("days")
                                                    .build(),
                                            Parameter.number("secondsInterval", 1, 59)
                                                    .displayName("Seconds Between Triggers")
                                                    .defaultValue(30)
                                                    .show("field", "seconds")
                                                    .build(),
                                            Parameter.number("minutesInterval", 1, 59)
                                                    .displayName("Minutes Between Triggers")
                                                    .defaultValue(5)
                                                    .show("field", "minutes")
                                                    .build(),
                                            Parameter.number("hoursInterval", 1, 23)
                                                    .displayName("Hours Between Triggers")
                                                    .defaultValue(1)
                                                    .show("field", "hours")
                                                    .build(),
                                            Parameter.number("daysInterval", 1, 31)
                                                    .displayName("Days Between Triggers")
                                                    .defaultValue(1)
                                                    .show("field", "days")
                                                    .build(),
                                            Parameter.number("weeksInterval", 1, 52)
                                                    .displayName("Weeks Between Triggers")
                                                    .defaultValue(1)
                                                    .show("field", "weeks")
                                                    .build(),
                                            Parameter.number("monthsInterval", 1, 12)
                                                    .displayName("Months Between Triggers")
                                                    .defaultValue(1)
                                                    .show("field", "months")
                                                    .build(),
                                            Parameter.number("triggerAtDayOfMonth", 1, 31)
                                                    .displayName("Trigger at Day of Month")
                                                    .defaultValue(1)
                                                    .show("field", "months")
                                                    .build(),
                                            Parameter.multiOptions(
                                                            "triggerAtDay",
                                                            Option.of("Monday", 1),
                                                            Option.of("Tuesday", 2),
                                                            Option.of("Wednesday", 3),
                                                            Option.of("Thursday", 4),
                                                            Option.of("Friday", 5),
                                                            Option.of("Saturday", 6),
                                                            Option.of("Sunday", 0))
                                                    .displayName("Trigger on Weekdays")
                                                    .defaultValue(List.of(0))
                                                    .show("field", "weeks")
                                                    .build(),
                                            Parameter.number("triggerAtHour", 0, 23)
                                                    .displayName("Trigger at Hour")
                                                    .defaultValue(0)
                                                    .show("field", "days", "weeks", "months")
                                                    .build(),
                                            Parameter.number("triggerAtMinute", 0, 59)
                                                    .displayName("Trigger at Minute")
                                                    .defaultValue(0)
                                                    .show("field", "hours", "days", "weeks", "months")
                                                    .build(),
                                            Parameter.string("expression")
                                                    .displayName("Expression")
                                                    .placeholder("eg. 0 15 * 1 sun")
                                                    .description(
                                                            "Cron with 5 fields (minute precision) or 6 (seconds first)")
                                                    .show("field", "cronExpression")
                                                    .build())))
                    .displayName("Trigger Rules")
                    .defaultValue(Map.of("interval", List.of(Map.of("field", "days")))))
            .build();

    @Override
    public NodeDescription description() {
        return DESCRIPTION;
    }

    @Override
    public TriggerSchedule schedule(ParameterValues parameters, ZoneId zone) {
        List<Map<String, Object>> rules = parameters.group("rule", "interval");
        if (rules.isEmpty()) {
            rules = List.of(Map.of("field", "days"));
        }
        List<TriggerSchedule> schedules = new ArrayList<>();
        for (int i = 0; i < rules.size(); i++) {
            schedules.add(rule(rules.get(i), zone, "rule.interval[" + i + "]"));
        }
        return schedules.size() == 1 ? schedules.getFirst() : new CombinedSchedule(schedules);
    }

    private static TriggerSchedule rule(Map<String, Object> r, ZoneId zone, String path) {
        String field = String.valueOf(r.getOrDefault("field", "days"));
        int minute = number(r, "triggerAtMinute", 0, 0, 59, path);
        int hour = number(r, "triggerAtHour", 0, 0, 23, path);
        String cron = switch (field) {
            case "seconds" -> "*/" + number(r, "secondsInterval", 30, 1, 59, path) + " * * * * *";
            case "minutes" -> "0 */" + number(r, "minutesInterval", 5, 1, 59, path) + " * * * *";
            case "hours" -> "0 " + minute + " */" + number(r, "hoursInterval", 1, 1, 23, path) + " * * *";
            case "days" -> "0 " + minute + " " + hour + " */" + number(r, "daysInterval", 1, 1, 31, path) + " * *";
            case "weeks" -> "0 " + minute + " " + hour + " * * " + weekdays(r.get("triggerAtDay"));
            case "months" ->
                "0 " + minute + " " + hour + " " + number(r, "triggerAtDayOfMonth", 1, 1, 31, path) + " */"
                        + number(r, "monthsInterval", 1, 1, 12, path) + " *";
            case "cronExpression" -> {
                Object expr = r.get("expression");
                if (expr == null || expr.toString().isBlank()) {
                    throw new ParameterException(path + ".expression", "is required");
                }
                yield expr.toString();
            }
            default ->
                throw new ParameterException(
                        path + ".field", "must be seconds, minutes, hours, days, weeks, months or cronExpression");
        };
        try {
            int weeks = field.equals("weeks") ? number(r, "weeksInterval", 1, 1, 52, path) : 1;
            return Schedules.cron(cron, zone, weeks);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(path + ".expression", e.getMessage());
        }
    }

    private static String weekdays(Object days) {
        List<?> list = days instanceof List<?> l && !l.isEmpty() ? l : List.of(0);
        return list.stream()
                .map(d -> {
                    int n = d instanceof Number num ? num.intValue() : Integer.parseInt(d.toString());
                    return String.valueOf(n == 0 ? 7 : n);
                })
                .distinct()
                .collect(Collectors.joining(","));
    }

    private static int number(Map<String, Object> r, String key, int dflt, int min, int max, String path) {
        Object v = r.get(key);
        int n;
        if (v == null || "".equals(v)) {
            n = dflt;
        } else if (v instanceof Number num) {
            n = num.intValue();
        } else {
            try {
                n = Integer.parseInt(v.toString().strip());
            } catch (NumberFormatException e) {
                throw new ParameterException(path + "." + key, "must be a whole number");
            }
        }
        if (n < min || n > max) {
            throw new ParameterException(path + "." + key, "must be between " + min + " and " + max);
        }
        return n;
    }

    @Override
    public List<Item> fire(ZonedDateTime t) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("timestamp", t.format(DateTimeFormatter.ISO_OFFSET_DATE_TIME));
        json.put(
                "Readable date",
                t.format(DateTimeFormatter.ofPattern("MMMM d", Locale.ENGLISH))
                        + ordinal(t.getDayOfMonth())
                        + t.format(DateTimeFormatter.ofPattern(" yyyy, h:mm:ss a", Locale.ENGLISH))
                                .toLowerCase(Locale.ENGLISH));
        json.put(
                "Readable time",
                t.format(DateTimeFormatter.ofPattern("h:mm:ss a", Locale.ENGLISH))
                        .toLowerCase(Locale.ENGLISH));
        json.put("Day of week", t.getDayOfWeek().getDisplayName(TextStyle.FULL, Locale.ENGLISH));
        json.put("Year", String.valueOf(t.getYear()));
        json.put("Month", t.getMonth().getDisplayName(TextStyle.FULL, Locale.ENGLISH));
        json.put("Day of month", String.format("%02d", t.getDayOfMonth()));
        json.put("Hour", String.format("%02d", t.getHour()));
        json.put("Minute", String.format("%02d", t.getMinute()));
        json.put("Second", String.format("%02d", t.getSecond()));
        json.put(
                "Timezone",
                t.getZone().getId() + " (UTC" + t.getOffset().getId().replace("Z", "+00:00") + ")");
        return List.of(Item.of(json));
    }

    private static String ordinal(int day) {
        if (day >= 11 && day <= 13) {
            return "th";
        }
        return switch (day % 10) {
            case 1 -> "st";
            case 2 -> "nd";
            case 3 -> "rd";
            default -> "th";
        };
    }
}
