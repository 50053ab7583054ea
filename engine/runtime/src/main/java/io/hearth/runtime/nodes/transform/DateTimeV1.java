package io.hearth.runtime.nodes.transform;

import io.hearth.expression.DateTimeValue;
import io.hearth.expression.Luxon;
import io.hearth.node.Item;
import io.hearth.node.ItemLoop;
import io.hearth.node.NodeException;
import io.hearth.node.ParameterValues;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Date &amp; Time version 1's actions on one item, with Moment.js semantics. */
final class DateTimeV1 {

    private DateTimeV1() {}

    /** The output item (none when the value is undefined, as n8n skips it). */
    static List<Item> apply(ItemLoop.ItemInput in, String action, ZoneId workflowZone) {
        ParameterValues p = in.parameters();
        Object value;
        if (action.equals("calculate")) {
            value = calculate(p);
        } else {
            Optional<Object> raw = p.get("value");
            if (raw.isEmpty()) {
                return List.of();
            }
            value = format(raw.get(), p, workflowZone);
        }
        Map<String, Object> json = new LinkedHashMap<>(in.item().json());
        // n8n writes through a path array: a dotted name is one literal key
        json.put(p.string("dataPropertyName").isEmpty() ? "data" : p.string("dataPropertyName"), value);
        return List.of(new Item(json, in.item().binary(), List.of()));
    }

    private static String format(Object raw, ParameterValues p, ZoneId workflowZone) {
        Object value = raw instanceof DateTimeValue d ? Luxon.iso(d.toZonedDateTime()) : raw;
        String fromFormat = p.get("options.fromFormat").map(Descriptions::text).orElse(null);
        String fromZone = p.string("options.fromTimezone");
        String toZone = p.string("options.toTimezone");
        boolean zones = !fromZone.isEmpty() || !toZone.isEmpty();
        String toFormat = p.string("toFormat").isEmpty() ? "MM/DD/YYYY" : p.string("toFormat");
        ZonedDateTime date;
        Optional<ZonedDateTime> number = MomentDates.fromNumber(value, ZoneOffset.UTC);
        if (number.isPresent()) {
            date = number.get();
        } else {
            String text = Descriptions.text(value);
            if (fromFormat == null && MomentDates.parse(text, ZoneOffset.UTC).isEmpty()) {
                throw new NodeException(
                        "The date input format could not be recognized. Please set the \"From Format\" field");
            }
            ZoneId from = zones ? zone(fromZone.isEmpty() ? workflowZone.getId() : fromZone) : ZoneOffset.UTC;
            Optional<ZonedDateTime> parsed;
            if (fromFormat != null && !fromFormat.isEmpty()) {
                parsed = MomentDates.parse(text, fromFormat, from, false);
            } else {
                // moment-timezone re-reads ISO text without an offset in the "from" zone; other text is UTC
                parsed = MomentDates.parse(text, from)
                        .flatMap(m -> m.iso()
                                ? Optional.of(m.time())
                                : MomentDates.parse(text, ZoneOffset.UTC).map(MomentDates.Parsed::time));
            }
            if (parsed.isEmpty()) {
                return "Invalid date";
            }
            date = parsed.get();
        }
        if (zones) {
            date = date.withZoneSameInstant(zone(toZone.isEmpty() ? workflowZone.getId() : toZone));
        }
        return MomentFormat.format(date, toFormat);
    }

    private static String calculate(ParameterValues p) {
        Object value = p.get("value").orElse("");
        String fromFormat = p.string("options.fromFormat");
        ZonedDateTime date;
        if (!fromFormat.isEmpty()) {
            date = MomentDates.parse(Descriptions.text(value), fromFormat, ZoneOffset.UTC, true)
                    .orElseThrow(() -> new NodeException(
                            "Date input cannot be parsed. Please recheck the value and the \"From Format\" field."));
        } else if (value instanceof Number n) {
            date = Instant.ofEpochMilli(n.longValue()).atZone(ZoneOffset.UTC);
        } else {
            Object v = value instanceof DateTimeValue d ? Luxon.iso(d.toZonedDateTime()) : value;
            date = MomentDates.parse(Descriptions.text(v), ZoneOffset.UTC)
                    .map(MomentDates.Parsed::time)
                    .orElseThrow(() -> new NodeException(
                            "Unrecognized date input. Please specify a format in the \"From Format\" field."));
        }
        double duration = p.get("duration").isPresent() ? p.number("duration") : 0;
        String unit = p.string("timeUnit").isEmpty() ? "days" : p.string("timeUnit");
        date = Luxon.plus(date, unit, "subtract".equals(p.string("operation")) ? -duration : duration);
        return Luxon.iso(date.withZoneSameInstant(ZoneOffset.UTC));
    }

    private static ZoneId zone(String name) {
        return DateTimeV2.zone(name);
    }
}
