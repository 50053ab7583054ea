package io.hearth.nodes.homeassistant.trigger;

import io.hearth.node.support.Backoff;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import reactor.core.Disposable;
import reactor.core.scheduler.Scheduler;

/**
 * The life of a connection as a state machine: {@code NEW → CONNECTING → CONNECTED ⇄ RECONNECTING},
 * ending in {@code FAILED} (it never worked: no retry, registrations fail with the reason) or
 * {@code CLOSED} (its last listener left). A lost connection that worked before is retried after a capped
 * exponential backoff with jitter, or after {@code authRetryDelay} when the token was refused. Not
 * thread-safe: used under its connection's lock.
 */
final class Reconnects {

    enum Phase {
        NEW,
        CONNECTING,
        CONNECTED,
        RECONNECTING,
        FAILED,
        CLOSED
    }

    private final Backoff backoff;
    private final Duration authRetryDelay;
    private final Scheduler scheduler;
    private Phase phase = Phase.NEW;
    private boolean everConnected;
    private Disposable task;
    private boolean paused;
    private boolean due;

    Reconnects(ConnectionOptions options, Scheduler scheduler) {
        this.backoff = new Backoff(options.backoffInitial(), options.backoffMax());
        this.authRetryDelay = options.authRetryDelay();
        this.scheduler = scheduler;
    }

    Phase phase() {
        return phase;
    }

    boolean isOver() {
        return phase == Phase.CLOSED || phase == Phase.FAILED;
    }

    boolean everConnected() {
        return everConnected;
    }

    /** The first registration arrived: connect. */
    void start() {
        phase = Phase.CONNECTING;
    }

    /**
     * Whether a connect may go ahead now; while {@linkplain #pause paused} it is remembered and runs on
     * resume.
     */
    boolean mayConnect() {
        if (isOver()) {
            return false;
        }
        if (paused) {
            due = true;
            return false;
        }
        return true;
    }

    /** Authenticated; returns whether this was a reconnect. */
    boolean connected() {
        boolean reconnect = everConnected;
        everConnected = true;
        phase = Phase.CONNECTED;
        backoff.reset();
        return reconnect;
    }

    /**
     * The session was lost. Before the first success the connection has failed (empty); after it, the
     * delay after which {@code connect} is scheduled.
     */
    Optional<Duration> lost(boolean tokenRejected, Runnable connect) {
        if (!everConnected) {
            phase = Phase.FAILED;
            return Optional.empty();
        }
        phase = Phase.RECONNECTING;
        Duration delay = tokenRejected ? authRetryDelay : backoff.next();
        task = scheduler.schedule(connect, delay.toMillis(), TimeUnit.MILLISECONDS);
        return Optional.of(delay);
    }

    void close() {
        phase = Phase.CLOSED;
        if (task != null) {
            task.dispose();
        }
    }

    /** Test hook: holds due reconnects; returns whether one is due now that it is released. */
    boolean pause(boolean value) {
        paused = value;
        boolean run = !value && due;
        due = false;
        return run;
    }
}
