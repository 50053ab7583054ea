package io.hearth.runtime.workflow;

import java.time.Duration;

/**
 * Retry on fail: up to {@code maxTries} attempts in all, waiting {@code waitBetweenTries} between
 * them, doubled after each attempt when {@code exponentialBackoff}. n8n caps tries at 5 and the wait
 * at 5 s; Hearth allows up to {@link #MAX_TRIES} tries and {@link #MAX_WAIT} between them.
 */
public record RetryPolicy(boolean enabled, int maxTries, Duration waitBetweenTries, boolean exponentialBackoff) {

    public static final int MAX_TRIES = 50;
    public static final Duration MAX_WAIT = Duration.ofMinutes(10);
    public static final RetryPolicy NONE = new RetryPolicy(false, 3, Duration.ofSeconds(1), false);

    public RetryPolicy {
        if (maxTries < 1 || maxTries > MAX_TRIES) {
            throw new IllegalArgumentException("maxTries must be between 1 and " + MAX_TRIES);
        }
        if (waitBetweenTries.isNegative() || waitBetweenTries.compareTo(MAX_WAIT) > 0) {
            throw new IllegalArgumentException("waitBetweenTries must be between 0 and " + MAX_WAIT.toMillis() + " ms");
        }
    }

    public int attempts() {
        return enabled ? maxTries : 1;
    }

    /** The wait before attempt {@code attempt} (2 = the first retry). */
    public Duration waitBefore(int attempt) {
        if (!exponentialBackoff) {
            return waitBetweenTries;
        }
        long millis = waitBetweenTries.toMillis() << Math.min(attempt - 2, 20);
        return Duration.ofMillis(Math.min(millis, MAX_WAIT.toMillis()));
    }
}
