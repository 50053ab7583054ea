package io.hearth.runtime.nodes.transform;

import io.hearth.node.ActionNode;
import io.hearth.node.Item;
import io.hearth.node.ItemLoop;
import io.hearth.node.NodeExecutionContext;
import io.hearth.node.NodeOutput;
import io.hearth.node.description.Condition;
import io.hearth.node.description.NodeDescription;
import io.hearth.node.description.NodeGroup;
import io.hearth.node.description.Option;
import io.hearth.node.description.Parameter;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;

/**
 * n8n's Date &amp; Time. Version 2 (Luxon): current date, add to / subtract from a date, format,
 * round, time between dates, extract a part — in the workflow's time zone. Version 1 (Moment):
 * format a date (with from/to time zones) and calculate (add/subtract). Both read dates as n8n does:
 * numbers as Unix seconds (under 12 digits) or milliseconds, ISO 8601, RFC 2822 and the formats
 * JavaScript's {@code Date} accepts; text without an offset is UTC (n8n: the server's zone).
 * <p>Kept in one file beyond 400 lines: it is the node's one declarative description (both versions' parameters,
 * as n8n declares them); what each version does lives in {@link DateTimeV1} and {@link DateTimeV2}.
 */
public final class DateTimeNode implements ActionNode {

    private static final Condition V1 = new Condition(Condition.Operator.LT, 2);
    private static final Condition V2 = new Condition(Condition.Operator.GTE, 2);

    private static final Option[] UNITS_TO_ADD = {
        Option.of("Years", "years"),
        Option.of("Quarters", "quarters"),
        Option.of("Months", "months"),
        Option.of("Weeks", "weeks"),
        Option.of("Days", "days"),
        Option.of("Hours", "hours"),
        Option.of("Minutes", "minutes"),
        Option.of("Seconds", "seconds"),
        Option.of("Milliseconds", "milliseconds")
    };

    private static final NodeDescription DESCRIPTION = NodeDescription.builder("hearth.dateTime")
            .alias("n8n-nodes-base.dateTime")
            .displayName("Date & Time")
            .versions(1, 2)
            .group(NodeGroup.TRANSFORM)
            .categories("Data Transformation", "Core Nodes")
            .keywords("Date", "Time", "Timestamp", "Format", "Timezone", "Luxon", "Moment")
            .icon("fa:clock")
            .subtitle("={{$parameter[\"action\"]}}")
            .description("Manipulate date and time values")
            .parameters(versionTwo())
            .parameters(versionOne())
            .build();

    private static Parameter.Builder v2(Parameter.Builder b, String... operations) {
        return b.show("@version", V2).show("operation", (Object[]) operations);
    }

    private static Parameter.Builder v1(Parameter.Builder b, String... actions) {
        return actions.length == 0
                ? b.show("@version", V1)
                : b.show("@version", V1).show("action", (Object[]) actions);
    }

    private static Parameter.Builder includeInputFields() {
        return Parameter.bool("includeInputFields")
                .displayName("Include Input Fields")
                .description("Whether to include all fields of the input item in the output item");
    }

    private static Parameter.Builder outputField(String defaultName, String operation) {
        return v2(
                Parameter.string("outputFieldName")
                        .displayName("Output Field Name")
                        .defaultValue(defaultName)
                        .description("Name of the field to put the output in"),
                operation);
    }

    private static Parameter.Builder options(String operation, Parameter... extra) {
        List<Parameter> fields = new ArrayList<>();
        fields.add(includeInputFields().build());
        fields.addAll(List.of(extra));
        return v2(
                Parameter.collection("options", "Add option", fields.toArray(Parameter[]::new))
                        .displayName("Options"),
                operation);
    }

    private static List<Parameter> versionTwo() {
        List<Parameter.Builder> b = new ArrayList<>();
        b.add(Parameter.options(
                        "operation",
                        Option.of("Add to a Date", "addToDate"),
                        Option.of("Extract Part of a Date", "extractDate"),
                        Option.of("Format a Date", "formatDate"),
                        Option.of("Get Current Date", "getCurrentDate"),
                        Option.of("Get Time Between Dates", "getTimeBetweenDates"),
                        Option.of("Round a Date", "roundDate"),
                        Option.of("Subtract From a Date", "subtractFromDate"))
                .displayName("Operation")
                .noDataExpression()
                .defaultValue("getCurrentDate")
                .show("@version", V2));
        // Get Current Date
        b.add(v2(
                Parameter.bool("includeTime")
                        .displayName("Include Current Time")
                        .defaultValue(true)
                        .description("When deactivated, the time will be set to midnight"),
                "getCurrentDate"));
        b.add(outputField("currentDate", "getCurrentDate"));
        b.add(options(
                "getCurrentDate",
                Parameter.string("timezone")
                        .displayName("Timezone")
                        .placeholder("America/New_York")
                        .description(
                                "The timezone to use. If not set, the workflow's timezone is used. Use 'GMT' for +00:00.")
                        .build()));
        // Add to / Subtract from a date
        for (String op : List.of("addToDate", "subtractFromDate")) {
            boolean add = op.equals("addToDate");
            b.add(v2(
                    Parameter.string("magnitude")
                            .displayName(add ? "Date to Add To" : "Date to Subtract From")
                            .required()
                            .description("The date that you want to change"),
                    op));
            b.add(v2(
                    Parameter.options("timeUnit", UNITS_TO_ADD)
                            .displayName(add ? "Time Unit to Add" : "Time Unit to Subtract")
                            .defaultValue("days")
                            .required()
                            .description("Time unit for Duration parameter below"),
                    op));
            b.add(v2(
                    Parameter.number("duration")
                            .displayName("Duration")
                            .description(
                                    "The number of time units to " + (add ? "add to" : "subtract from") + " the date"),
                    op));
            b.add(outputField("newDate", op));
            b.add(options(op));
        }
        // Format a date
        b.add(v2(
                Parameter.string("date").displayName("Date").description("The date that you want to format"),
                "formatDate"));
        b.add(v2(
                Parameter.options(
                                "format",
                                Option.of("Custom Format", "custom"),
                                Option.of("MM/DD/YYYY", "MM/dd/yyyy", "Example: 09/04/1986"),
                                Option.of("YYYY/MM/DD", "yyyy/MM/dd", "Example: 1986/04/09"),
                                Option.of("MMMM DD YYYY", "MMMM dd yyyy", "Example: April 09 1986"),
                                Option.of("MM-DD-YYYY", "MM-dd-yyyy", "Example: 09-04-1986"),
                                Option.of("YYYY-MM-DD", "yyyy-MM-dd", "Example: 1986-04-09"),
                                Option.of("Unix Timestamp", "X", "Example: 1672531200"),
                                Option.of("Unix Ms Timestamp", "x", "Example: 1674691200000"))
                        .displayName("Format")
                        .defaultValue("MM/dd/yyyy")
                        .description("The format to convert the date to"),
                "formatDate"));
        b.add(v2(
                Parameter.string("customFormat")
                        .displayName("Custom Format")
                        .placeholder("yyyy-MM-dd")
                        .hint("Luxon's tokens")
                        .show("format", "custom"),
                "formatDate"));
        b.add(outputField("formattedDate", "formatDate"));
        b.add(options(
                "formatDate",
                Parameter.string("fromFormat")
                        .displayName("From Date Format")
                        .defaultValue("e.g yyyyMMdd")
                        .hint("Tokens are case sensitive")
                        .description("Format in which the input 'Date' is, when it is not recognized automatically")
                        .build(),
                Parameter.bool("timezone")
                        .displayName("Use Workflow Timezone")
                        .description("Whether to use the timezone of the input or the workflow's timezone")
                        .build()));
        // Round a date
        b.add(v2(
                Parameter.string("date").displayName("Date").description("The date that you want to round"),
                "roundDate"));
        b.add(v2(
                Parameter.options("mode", Option.of("Round Down", "roundDown"), Option.of("Round Up", "roundUp"))
                        .displayName("Mode")
                        .defaultValue("roundDown"),
                "roundDate"));
        b.add(v2(
                Parameter.options(
                                "toNearest",
                                Option.of("Year", "year"),
                                Option.of("Month", "month"),
                                Option.of("Week", "week"),
                                Option.of("Day", "day"),
                                Option.of("Hour", "hour"),
                                Option.of("Minute", "minute"),
                                Option.of("Second", "second"))
                        .displayName("To Nearest")
                        .defaultValue("month")
                        .show("mode", "roundDown"),
                "roundDate"));
        b.add(v2(
                Parameter.options("to", Option.of("End of Month", "month"))
                        .displayName("To")
                        .defaultValue("month")
                        .show("mode", "roundUp"),
                "roundDate"));
        b.add(outputField("roundedDate", "roundDate"));
        b.add(options("roundDate"));
        // Time between dates
        b.add(v2(Parameter.string("startDate").displayName("Start Date"), "getTimeBetweenDates"));
        b.add(v2(Parameter.string("endDate").displayName("End Date"), "getTimeBetweenDates"));
        b.add(v2(
                Parameter.multiOptions(
                                "units",
                                Option.of("Year", "year"),
                                Option.of("Month", "month"),
                                Option.of("Week", "week"),
                                Option.of("Day", "day"),
                                Option.of("Hour", "hour"),
                                Option.of("Minute", "minute"),
                                Option.of("Second", "second"),
                                Option.of("Millisecond", "millisecond"))
                        .displayName("Units")
                        .defaultValue(List.of("day")),
                "getTimeBetweenDates"));
        b.add(outputField("timeDifference", "getTimeBetweenDates"));
        b.add(options(
                "getTimeBetweenDates",
                Parameter.bool("isoString")
                        .displayName("Output as ISO String")
                        .description("Whether to output the date as ISO string or not")
                        .build()));
        // Extract part of a date
        b.add(v2(
                Parameter.string("date").displayName("Date").description("The date that you want to round"),
                "extractDate"));
        b.add(v2(
                Parameter.options(
                                "part",
                                Option.of("Year", "year"),
                                Option.of("Month", "month"),
                                Option.of("Week", "week"),
                                Option.of("Day", "day"),
                                Option.of("Hour", "hour"),
                                Option.of("Minute", "minute"),
                                Option.of("Second", "second"))
                        .displayName("Part")
                        .defaultValue("month"),
                "extractDate"));
        b.add(outputField("datePart", "extractDate"));
        b.add(options("extractDate"));
        return b.stream().map(Parameter.Builder::build).toList();
    }

    private static List<Parameter> versionOne() {
        List<Parameter.Builder> b = new ArrayList<>();
        b.add(v1(Parameter.options(
                        "action",
                        Option.of("Calculate a Date", "calculate", "Add or subtract time from a date"),
                        Option.of("Format a Date", "format", "Convert a date to a different format"))
                .displayName("Action")
                .defaultValue("format")));
        b.add(v1(
                Parameter.string("value")
                        .displayName("Value")
                        .required()
                        .description("The value that should be converted"),
                "format"));
        b.add(v1(
                Parameter.string("dataPropertyName")
                        .displayName("Property Name")
                        .defaultValue("data")
                        .required()
                        .description("Name of the property to which to write the converted date"),
                "format"));
        b.add(v1(
                Parameter.bool("custom")
                        .displayName("Custom Format")
                        .description("Whether a predefined format should be selected or custom format entered"),
                "format"));
        b.add(v1(
                Parameter.string("toFormat")
                        .displayName("To Format")
                        .placeholder("YYYY-MM-DD")
                        .description("The format to convert the date to (Moment.js tokens)")
                        .show("custom", true),
                "format"));
        b.add(v1(
                Parameter.options(
                                "toFormat",
                                Option.of("MM/DD/YYYY", "MM/DD/YYYY", "Example: 09/04/1986"),
                                Option.of("YYYY/MM/DD", "YYYY/MM/DD", "Example: 1986/04/09"),
                                Option.of("MMMM DD YYYY", "MMMM DD YYYY", "Example: April 09 1986"),
                                Option.of("MM-DD-YYYY", "MM-DD-YYYY", "Example: 09-04-1986"),
                                Option.of("YYYY-MM-DD", "YYYY-MM-DD", "Example: 1986-04-09"),
                                Option.of("Unix Timestamp", "X", "Example: 513388800.879"),
                                Option.of("Unix Ms Timestamp", "x", "Example: 513388800"))
                        .displayName("To Format")
                        .defaultValue("MM/DD/YYYY")
                        .description("The format to convert the date to")
                        .show("custom", false),
                "format"));
        b.add(v1(
                Parameter.collection(
                                "options",
                                "Add option",
                                Parameter.string("fromFormat")
                                        .displayName("From Format")
                                        .description(
                                                "In case the input format is not recognized you can provide the format")
                                        .build(),
                                Parameter.string("fromTimezone")
                                        .displayName("From Timezone Name or ID")
                                        .defaultValue("UTC")
                                        .description("The timezone to convert from")
                                        .build(),
                                Parameter.string("toTimezone")
                                        .displayName("To Timezone Name or ID")
                                        .defaultValue("UTC")
                                        .description("The timezone to convert to")
                                        .build())
                        .displayName("Options"),
                "format"));
        b.add(v1(
                Parameter.string("value")
                        .displayName("Date Value")
                        .required()
                        .description("The date string or timestamp from which you want to add/subtract time"),
                "calculate"));
        b.add(v1(
                Parameter.options(
                                "operation",
                                Option.of("Add", "add", "Add time to Date Value"),
                                Option.of("Subtract", "subtract", "Subtract time from Date Value"))
                        .displayName("Operation")
                        .noDataExpression()
                        .defaultValue("add")
                        .required(),
                "calculate"));
        b.add(v1(
                Parameter.number("duration").displayName("Duration").minValue(0).required(), "calculate"));
        b.add(v1(
                Parameter.options(
                                "timeUnit",
                                Option.of("Quarters", "quarters"),
                                Option.of("Years", "years"),
                                Option.of("Months", "months"),
                                Option.of("Weeks", "weeks"),
                                Option.of("Days", "days"),
                                Option.of("Hours", "hours"),
                                Option.of("Minutes", "minutes"),
                                Option.of("Seconds", "seconds"),
                                Option.of("Milliseconds", "milliseconds"))
                        .displayName("Time Unit")
                        .defaultValue("days")
                        .required(),
                "calculate"));
        b.add(v1(
                Parameter.string("dataPropertyName")
                        .displayName("Property Name")
                        .defaultValue("data")
                        .required()
                        .description("Name of the output property to which to write the converted date"),
                "calculate"));
        b.add(v1(
                Parameter.collection(
                                "options",
                                "Add option",
                                Parameter.string("fromFormat")
                                        .displayName("From Format")
                                        .description("Format for parsing the value as a date (Moment.js tokens)")
                                        .build())
                        .displayName("Options"),
                "calculate"));
        return b.stream().map(Parameter.Builder::build).toList();
    }

    @Override
    public NodeDescription description() {
        return DESCRIPTION;
    }

    @Override
    public CompletionStage<NodeOutput> execute(NodeExecutionContext context) {
        ZoneId workflowZone = context.workflow().timezone();
        if (context.node().typeVersion() < 2) {
            String action = context.parameters().string("action").isEmpty()
                    ? "format"
                    : context.parameters().string("action");
            return ItemLoop.flatMap(context, in -> DateTimeV1.apply(in, action, workflowZone));
        }
        String operation = context.parameters().string("operation");
        boolean includeInput = context.parameters().bool("options.includeInputFields");
        return ItemLoop.map(context, in -> {
            Map<String, Object> json =
                    includeInput ? new LinkedHashMap<>(in.item().json()) : new LinkedHashMap<>();
            json.put(
                    in.parameters().string("outputFieldName"),
                    DateTimeV2.apply(in.parameters(), operation, workflowZone, context));
            return new Item(json, includeInput ? in.item().binary() : Map.of(), List.of());
        });
    }
}
