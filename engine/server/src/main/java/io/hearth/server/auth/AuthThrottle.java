package io.hearth.server.auth;

import io.hearth.server.config.HearthProperties;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * Slows down guessing: failed sign-ins per account and per client address, and webhook authentication failures
 * per address. After the free failures each further one doubles the wait before the next attempt is even checked
 * (up to a maximum); a success clears the account and the address. In memory, per instance, bounded in size.
 */
@Component
public class AuthThrottle {

    /** What is counted: an account (email), or a client address for sign-ins or for webhooks. */
    public enum Kind {
        ACCOUNT,
        ADDRESS,
        WEBHOOK_ADDRESS
    }

    private static final int MAX_ENTRIES = 50_000;

    private record Entry(int failures, Instant last, Instant blockedUntil) {}

    private final Map<String, Entry> entries = new ConcurrentHashMap<>();
    private final HearthProperties.Auth settings;
    private final Clock clock;

    public AuthThrottle(HearthProperties properties, Clock clock) {
        this.settings = properties.auth();
        this.clock = clock;
    }

    /** How long {@code who} must still wait before an attempt is checked; empty when it may try now. */
    public Optional<Duration> waitFor(Kind kind, String who) {
        Entry e = entries.get(key(kind, who));
        Instant now = clock.instant();
        if (e == null || !e.blockedUntil().isAfter(now)) {
            return Optional.empty();
        }
        Duration left = Duration.between(now, e.blockedUntil());
        return Optional.of(left.isZero() ? Duration.ofMillis(1) : left);
    }

    public void failed(Kind kind, String who) {
        Instant now = clock.instant();
        if (entries.size() >= MAX_ENTRIES) {
            prune(now);
        }
        int free = kind == Kind.ACCOUNT ? settings.accountFreeFailures() : settings.addressFreeFailures();
        entries.compute(key(kind, who), (k, e) -> {
            int failures = e == null || e.last().plus(settings.forgetAfter()).isBefore(now) ? 1 : e.failures() + 1;
            Instant blockedUntil = failures <= free ? now : now.plus(backoff(failures - free));
            return new Entry(failures, now, blockedUntil);
        });
    }

    public void succeeded(Kind kind, String who) {
        entries.remove(key(kind, who));
    }

    private Duration backoff(int over) {
        Duration max = settings.maxLockout();
        if (over >= 40) {
            return max;
        }
        Duration d = Duration.ofSeconds(1L << (over - 1));
        return d.compareTo(max) > 0 ? max : d;
    }

    private void prune(Instant now) {
        entries.values()
                .removeIf(e -> !e.blockedUntil().isAfter(now)
                        && e.last().plus(settings.forgetAfter()).isBefore(now));
        if (entries.size() >= MAX_ENTRIES) {
            // Under a flood of distinct addresses keep the blocked ones; the rest start over.
            entries.values().removeIf(e -> !e.blockedUntil().isAfter(now));
        }
    }

    private static String key(Kind kind, String who) {
        return kind.name() + ':' + who;
    }
}
