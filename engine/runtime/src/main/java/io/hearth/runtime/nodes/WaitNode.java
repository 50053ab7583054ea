package io.hearth.runtime.nodes;

import io.hearth.node.ActionNode;
import io.hearth.node.NodeExecutionContext;
import io.hearth.node.NodeOutput;
import io.hearth.node.ParameterException;
import io.hearth.node.ParameterValues;
import io.hearth.node.description.NodeDescription;
import io.hearth.node.description.NodeGroup;
import io.hearth.node.description.Option;
import io.hearth.node.description.Parameter;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.concurrent.CompletionStage;

/**
 * Pauses the execution for a time interval or until a moment, without holding a thread.
 * Parameters as n8n's Wait node ({@code resume}, {@code amount}, {@code unit}, {@code dateTime}).
 */
public final class WaitNode implements ActionNode {

    public static final String TYPE = "hearth.wait";

    private static final NodeDescription DESCRIPTION = NodeDescription.builder(TYPE)
            .alias("n8n-nodes-base.wait")
            .displayName("Wait")
            .versions(1, 1.1)
            .group(NodeGroup.TRANSFORM)
            .categories("Flow")
            .icon("fa:pause-circle")
            .description("Waits before continuing with the execution")
            .parameter(Parameter.options(
                            "resume",
                            Option.of("After Time Interval", "timeInterval", "Waits for a certain amount of time"),
                            Option.of("At Specified Time", "specificTime", "Waits until a date and time"))
                    .displayName("Resume")
                    .defaultValue("timeInterval")
                    .noDataExpression())
            .parameter(Parameter.number("amount")
                    .displayName("Wait Amount")
                    .minValue(0)
                    .precision(2)
                    .defaultValue(1)
                    .show("resume", "timeInterval"))
            .parameter(Parameter.options(
                            "unit",
                            Option.of("Seconds", "seconds"),
                            Option.of("Minutes", "minutes"),
                            Option.of("Hours", "hours"),
                            Option.of("Days", "days"))
                    .displayName("Wait Unit")
                    .defaultValue("hours")
                    .show("resume", "timeInterval"))
            .parameter(Parameter.dateTime("dateTime")
                    .displayName("Date and Time")
                    .required()
                    .description("The date and time to wait for before continuing")
                    .show("resume", "specificTime"))
            .build();

    @Override
    public NodeDescription description() {
        return DESCRIPTION;
    }

    @Override
    public CompletionStage<NodeOutput> execute(NodeExecutionContext context) {
        ParameterValues p = context.parameters();
        Duration wait;
        if (p.string("resume").equals("specificTime")) {
            Instant until = parseDateTime(p.requiredString("dateTime"), context);
            wait = Duration.between(context.now(), until);
        } else {
            double amount = p.number("amount");
            if (amount < 0) {
                throw new ParameterException("amount", "must not be negative");
            }
            double seconds = switch (p.string("unit")) {
                case "seconds" -> amount;
                case "minutes" -> amount * 60;
                case "hours" -> amount * 3600;
                case "days" -> amount * 86400;
                default -> throw new ParameterException("unit", "must be seconds, minutes, hours or days");
            };
            wait = Duration.ofMillis(Math.round(seconds * 1000));
        }
        context.log().debug("Waiting {}", wait);
        return context.delay(wait).thenApply(v -> NodeOutput.of(context.items()));
    }

    private static Instant parseDateTime(String text, NodeExecutionContext context) {
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            try {
                return ZonedDateTime.parse(text).toInstant();
            } catch (DateTimeParseException e2) {
                try {
                    return java.time.LocalDateTime.parse(text)
                            .atZone(context.workflow().timezone())
                            .toInstant();
                } catch (DateTimeParseException e3) {
                    throw new ParameterException("dateTime", "must be an ISO-8601 date-time, got '" + text + "'");
                }
            }
        }
    }
}
