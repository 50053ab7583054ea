package io.hearth.runtime.nodes.transform;

import io.hearth.expression.DateTimeValue;
import io.hearth.expression.Luxon;
import io.hearth.node.NodeException;
import io.hearth.node.NodeExecutionContext;
import io.hearth.node.ParameterValues;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Date &amp; Time version 2's operations on one item, with Luxon's semantics. */
final class DateTimeV2 {

    private DateTimeV2() {}

    private static final ZoneId ETC_UTC = ZoneId.of("Etc/UTC");

    /** The value the operation writes to the output field. */
    static Object apply(ParameterValues p, String operation, ZoneId workflowZone, NodeExecutionContext context) {
        return switch (operation.isEmpty() ? "getCurrentDate" : operation) {
            case "getCurrentDate" -> {
                String name = p.string("options.timezone");
                ZoneId zone = name.isEmpty() ? workflowZone : zone(name);
                ZonedDateTime now = context.now().atZone(zone);
                yield Luxon.iso(
                        p.get("includeTime").isEmpty() || p.bool("includeTime") ? now : Luxon.startOf(now, "day"));
            }
            case "addToDate", "subtractFromDate" -> {
                ZonedDateTime date = parse(p.get("magnitude").orElse(null), workflowZone, "");
                double amount = p.get("duration").isPresent() ? p.number("duration") : 0;
                String unit = p.string("timeUnit").isEmpty() ? "days" : p.string("timeUnit");
                yield Luxon.iso(Luxon.plus(date, unit, operation.equals("addToDate") ? amount : -amount));
            }
            case "formatDate" -> {
                Optional<Object> date = p.get("date");
                if (date.isEmpty()) {
                    yield null;
                }
                ZonedDateTime parsed = parse(
                        date.get(), p.bool("options.timezone") ? workflowZone : null, p.string("options.fromFormat"));
                String format = p.string("format").isEmpty() ? "MM/dd/yyyy" : p.string("format");
                yield Luxon.format(parsed, format.equals("custom") ? p.string("customFormat") : format);
            }
            case "roundDate" -> {
                ZonedDateTime date = parse(p.get("date").orElse(null), workflowZone, "");
                if ("roundUp".equals(p.string("mode"))) {
                    String to = p.string("to").isEmpty() ? "month" : p.string("to");
                    yield Luxon.iso(Luxon.startOf(Luxon.plus(date, to, 1), to));
                }
                yield Luxon.iso(Luxon.startOf(date, p.string("toNearest").isEmpty() ? "month" : p.string("toNearest")));
            }
            case "getTimeBetweenDates" -> {
                ZonedDateTime start = parse(p.get("startDate").orElse(null), workflowZone, "");
                ZonedDateTime end = parse(p.get("endDate").orElse(null), workflowZone, "");
                List<String> units = new ArrayList<>();
                for (Object u : p.get("units").isPresent() ? p.list("units") : List.<Object>of("day")) {
                    units.add(String.valueOf(u));
                }
                var duration = Luxon.diff(end, start, units);
                yield p.bool("options.isoString") ? Luxon.durationIso(duration) : duration;
            }
            case "extractDate" -> {
                ZonedDateTime date = parse(p.get("date").orElse(null), workflowZone, "");
                yield switch (p.string("part").isEmpty() ? "month" : p.string("part")) {
                    case "year" -> date.getYear();
                    case "month" -> date.getMonthValue();
                    case "week" -> date.get(java.time.temporal.IsoFields.WEEK_OF_WEEK_BASED_YEAR);
                    case "day" -> date.getDayOfMonth();
                    case "hour" -> date.getHour();
                    case "minute" -> date.getMinute();
                    case "second" -> date.getSecond();
                    default -> throw new NodeException("Date & Time → Part: '" + p.string("part") + "' is not known");
                };
            }
            default -> throw new NodeException("Date & Time → Operation: '" + operation + "' is not known");
        };
    }

    /**
     * n8n's parseDate: a Luxon DateTime stays as it is; a number is a Unix timestamp; text is read
     * with {@code fromFormat} or as Moment reads it, then put in {@code zone} — or, without one, in
     * the fixed offset the text names after a "+", else UTC.
     */
    static ZonedDateTime parse(Object date, ZoneId zone, String fromFormat) {
        if (date instanceof DateTimeValue d) {
            return d.toZonedDateTime();
        }
        Optional<ZonedDateTime> number =
                fromFormat.isEmpty() ? MomentDates.fromNumber(date, ZoneOffset.UTC) : Optional.empty();
        ZoneId target = zone;
        ZonedDateTime parsed;
        if (number.isPresent()) {
            parsed = number.get();
        } else {
            String text = Descriptions.text(date);
            int plus = text.indexOf('+');
            if (target == null && plus >= 0) {
                // n8n names the zone after the hours written after the first "+" ("+02:00" is Etc/GMT-2)
                String hours = text.substring(plus + 1, Math.min(text.length(), plus + 3));
                try {
                    target = ZoneId.of("Etc/GMT-" + Integer.parseInt(hours));
                } catch (RuntimeException e) {
                    throw new NodeException("Invalid date format");
                }
            }
            Optional<ZonedDateTime> read = fromFormat.isEmpty()
                    ? MomentDates.parse(text, ZoneOffset.UTC).map(MomentDates.Parsed::time)
                    : Luxon.parse(text, fromFormat, ZoneOffset.UTC);
            parsed = read.orElseThrow(() -> new NodeException("Invalid date format"));
        }
        return parsed.withZoneSameInstant(target == null ? ETC_UTC : target);
    }

    static ZoneId zone(String name) {
        return Luxon.zone(name)
                .orElseThrow(
                        () -> new NodeException("The timezone " + name + " is not valid. Please check the timezone."));
    }
}
