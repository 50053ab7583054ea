package io.hearth.node.support;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;

/**
 * Capped exponential backoff with jitter: {@code initial}, doubling per attempt up to {@code max};
 * each delay is lowered by a random share of up to {@code jitter} (0.2: the delay lies in
 * [0.8 d, d]) so that many clients do not reconnect in step after a server (Home Assistant, an MQTT broker) restarts.
 * {@link #reset()} after a successful connection. Not thread-safe: used under its owner's lock.
 */
public final class Backoff {

    private final Duration initial;
    private final Duration max;
    private final double jitter;
    private final DoubleSupplier random;
    private int attempts;

    public Backoff(Duration initial, Duration max, double jitter, DoubleSupplier random) {
        this.initial = Objects.requireNonNull(initial, "initial");
        this.max = Objects.requireNonNull(max, "max");
        if (initial.isNegative() || initial.isZero() || max.compareTo(initial) < 0) {
            throw new IllegalArgumentException("need 0 < initial <= max, got " + initial + " and " + max);
        }
        if (jitter < 0 || jitter >= 1) {
            throw new IllegalArgumentException("jitter must be in [0, 1), got " + jitter);
        }
        this.jitter = jitter;
        this.random = Objects.requireNonNull(random, "random");
    }

    public Backoff(Duration initial, Duration max) {
        this(initial, max, 0.2, () -> ThreadLocalRandom.current().nextDouble());
    }

    /** The delay before the next attempt; every call counts as one attempt. */
    public Duration next() {
        long base = ceiling();
        attempts++;
        double r = Math.min(Math.max(random.getAsDouble(), 0), 1);
        long millis = Math.round(base * (1 - jitter * r));
        return Duration.ofMillis(Math.max(1, millis));
    }

    /** The delay before jitter for the next attempt. */
    long ceiling() {
        long millis = initial.toMillis();
        for (int i = 0; i < attempts && millis < max.toMillis(); i++) {
            millis *= 2;
        }
        return Math.min(millis, max.toMillis());
    }

    public void reset() {
        attempts = 0;
    }

    public int attempts() {
        return attempts;
    }
}
