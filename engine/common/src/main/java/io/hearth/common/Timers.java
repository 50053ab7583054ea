package io.hearth.common;

import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;

/**
 * Timers for deadlines that are nearly always cancelled: an execution's timeout, a Code node run's
 * deadline. A {@link ScheduledThreadPoolExecutor} keeps a cancelled task in its queue until the
 * task's time comes unless told otherwise; with an execution timeout of an hour that was one task
 * (64 bytes) per execution of the last hour on the heap: 60 MB after the benchmark's ~930,000
 * reference executions, most of the old generation of a 128 MB heap, so every later load ran into
 * full collections (~130 ms pauses).
 */
public final class Timers {

    private Timers() {}

    /** One daemon thread named {@code name}; a cancelled task leaves the queue at once. */
    public static ScheduledExecutorService daemon(String name) {
        ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(
                1, Thread.ofPlatform().name(name).daemon(true).factory());
        timer.setRemoveOnCancelPolicy(true);
        return timer;
    }
}
