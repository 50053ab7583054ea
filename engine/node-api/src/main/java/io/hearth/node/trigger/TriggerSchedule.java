package io.hearth.node.trigger;

import java.time.ZonedDateTime;
import java.util.Optional;

/** Fire times of a schedule. */
public interface TriggerSchedule {

    /** The first fire time strictly after {@code after}; empty if the schedule never fires again. */
    Optional<ZonedDateTime> nextAfter(ZonedDateTime after);

    /** Human-readable form, e.g. "every 5 minutes" or "cron 0 9 * * 1-5 (Europe/Amsterdam)". */
    String describe();
}
