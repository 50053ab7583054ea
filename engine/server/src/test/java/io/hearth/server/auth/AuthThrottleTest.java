package io.hearth.server.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.hearth.server.auth.AuthThrottle.Kind;
import io.hearth.server.config.HearthProperties;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class AuthThrottleTest {

    private Instant now = Instant.parse("2026-01-01T00:00:00Z");
    private final Clock clock = new Clock() {
        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    };

    private AuthThrottle throttle() {
        return new AuthThrottle(
                new HearthProperties(
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        new HearthProperties.Auth(5, 20, Duration.ofMinutes(15), Duration.ofHours(1))),
                clock);
    }

    @Test
    void anAccountWaitsLongerAfterEachFailureBeyondTheFreeOnes() {
        AuthThrottle t = throttle();
        for (int i = 0; i < 5; i++) {
            assertThat(t.waitFor(Kind.ACCOUNT, "a@x")).isEmpty();
            t.failed(Kind.ACCOUNT, "a@x");
        }
        assertThat(t.waitFor(Kind.ACCOUNT, "a@x")).isEmpty();
        t.failed(Kind.ACCOUNT, "a@x");
        assertThat(t.waitFor(Kind.ACCOUNT, "a@x")).contains(Duration.ofSeconds(1));
        t.failed(Kind.ACCOUNT, "a@x");
        assertThat(t.waitFor(Kind.ACCOUNT, "a@x")).contains(Duration.ofSeconds(2));
        for (int i = 0; i < 30; i++) {
            t.failed(Kind.ACCOUNT, "a@x");
        }
        assertThat(t.waitFor(Kind.ACCOUNT, "a@x")).contains(Duration.ofMinutes(15));
        assertThat(t.waitFor(Kind.ACCOUNT, "b@x")).isEmpty();
        assertThat(t.waitFor(Kind.ADDRESS, "a@x")).isEmpty();
    }

    @Test
    void addressesGetMoreFreeFailuresAndSuccessClears() {
        AuthThrottle t = throttle();
        for (int i = 0; i < 20; i++) {
            t.failed(Kind.ADDRESS, "10.0.0.1");
        }
        assertThat(t.waitFor(Kind.ADDRESS, "10.0.0.1")).isEmpty();
        t.failed(Kind.ADDRESS, "10.0.0.1");
        assertThat(t.waitFor(Kind.ADDRESS, "10.0.0.1")).isPresent();
        t.succeeded(Kind.ADDRESS, "10.0.0.1");
        assertThat(t.waitFor(Kind.ADDRESS, "10.0.0.1")).isEmpty();
    }

    @Test
    void theWaitEndsAndOldFailuresAreForgotten() {
        AuthThrottle t = throttle();
        for (int i = 0; i < 7; i++) {
            t.failed(Kind.ACCOUNT, "a@x");
        }
        now = now.plusSeconds(3);
        assertThat(t.waitFor(Kind.ACCOUNT, "a@x")).isEmpty();
        now = now.plus(Duration.ofHours(2));
        t.failed(Kind.ACCOUNT, "a@x");
        assertThat(t.waitFor(Kind.ACCOUNT, "a@x")).isEmpty(); // counted from 1 again
    }
}
