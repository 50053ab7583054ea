package io.hearth.nodes.homeassistant.trigger;

import io.hearth.nodes.homeassistant.client.HaSession;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import reactor.core.Disposable;
import reactor.core.scheduler.Scheduler;

/**
 * The heartbeat of a connection: a {@code ping} every {@code interval}; a ping still unanswered at the
 * next beat means the socket is dead. Timer on the given scheduler.
 */
final class Heartbeat {

    private final Duration interval;
    private final Scheduler scheduler;
    private Disposable timer;
    private volatile HaSession pinged;
    private volatile boolean outstanding;

    Heartbeat(Duration interval, Scheduler scheduler) {
        this.interval = interval;
        this.scheduler = scheduler;
    }

    /** Beats every interval until {@link #stop()}; {@code tick} runs at each beat. */
    synchronized void start(Runnable tick) {
        if (timer == null) {
            timer = scheduler.schedulePeriodically(
                    tick, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    synchronized void stop() {
        if (timer != null) {
            timer.dispose();
            timer = null;
        }
    }

    /**
     * One beat on {@code session}: pings it, or returns false when the previous ping on it is unanswered
     * (the socket is dead).
     */
    boolean beat(HaSession session) {
        if (pinged == session && outstanding) {
            return false;
        }
        pinged = session;
        outstanding = true;
        session.command(Map.of("type", "ping"), m -> outstanding = false);
        return true;
    }

    Duration interval() {
        return interval;
    }
}
