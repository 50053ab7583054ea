package io.hearth.runtime.schedule;

import com.cronutils.model.Cron;
import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.model.time.ExecutionTime;
import com.cronutils.parser.CronParser;
import io.hearth.node.trigger.TriggerSchedule;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Optional;

/**
 * A cron expression with seconds ({@code s m h dom mon dow}, Spring/Quartz style) or without
 * ({@code m h dom mon dow}, as in crontab and n8n), evaluated in a time zone so daylight-saving
 * changes land where a person expects.
 */
public final class CronSchedule implements TriggerSchedule {

    private static final CronParser PARSER =
            new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.SPRING53));

    private final String expression;
    private final ExecutionTime executionTime;
    private final ZoneId zone;
    private final int everyNthWeek;

    private CronSchedule(String expression, ExecutionTime executionTime, ZoneId zone, int everyNthWeek) {
        this.expression = expression;
        this.executionTime = executionTime;
        this.zone = zone;
        this.everyNthWeek = everyNthWeek;
    }

    /** Throws {@link IllegalArgumentException} with the parser's explanation for a bad expression. */
    public static CronSchedule parse(String expression, ZoneId zone) {
        return parse(expression, zone, 1);
    }

    static CronSchedule parse(String expression, ZoneId zone, int everyNthWeek) {
        String trimmed = expression.strip().replaceAll("\\s+", " ");
        String sixFields = trimmed.split(" ").length == 5 ? "0 " + trimmed : trimmed;
        Cron cron;
        try {
            cron = PARSER.parse(sixFields).validate();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("invalid cron expression '" + expression + "': " + e.getMessage());
        }
        return new CronSchedule(trimmed, ExecutionTime.forCron(cron), zone, Math.max(1, everyNthWeek));
    }

    @Override
    public Optional<ZonedDateTime> nextAfter(ZonedDateTime after) {
        // cron has whole seconds: 10:00:00.4 -> next second 10:00:01, not 10:00:01.4
        ZonedDateTime t = after.withZoneSameInstant(zone).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        for (int guard = 0; guard < 10_000; guard++) {
            Optional<ZonedDateTime> next = executionTime.nextExecution(t);
            if (next.isEmpty()) {
                return Optional.empty();
            }
            if (everyNthWeek == 1 || weeksSinceEpoch(next.get()) % everyNthWeek == 0) {
                return next;
            }
            t = next.get();
        }
        return Optional.empty();
    }

    private static long weeksSinceEpoch(ZonedDateTime t) {
        // Weeks counted from the Monday 1970-01-05 so every N weeks is stable across restarts.
        return Math.floorDiv(t.toLocalDate().toEpochDay() - 4, 7);
    }

    @Override
    public String describe() {
        return "cron " + expression + (everyNthWeek > 1 ? " every " + everyNthWeek + " weeks" : "") + " ("
                + zone.getId() + ")";
    }
}
