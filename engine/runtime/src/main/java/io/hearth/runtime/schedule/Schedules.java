package io.hearth.runtime.schedule;

import io.hearth.node.trigger.TriggerSchedule;
import java.time.ZoneId;

/** Factory for schedules. */
public final class Schedules {

    private Schedules() {}

    /** A cron schedule that, when {@code everyNthWeek} > 1, fires only in every N-th week. */
    public static TriggerSchedule cron(String expression, ZoneId zone, int everyNthWeek) {
        return CronSchedule.parse(expression, zone, everyNthWeek);
    }
}
