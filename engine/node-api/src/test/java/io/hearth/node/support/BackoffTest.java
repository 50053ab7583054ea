package io.hearth.node.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class BackoffTest {

    @Test
    void doublesFromOneSecondUpToTheCapWithoutJitter() {
        Backoff b = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(30), 0, () -> 0.5);
        List<Long> delays = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            delays.add(b.next().toSeconds());
        }
        assertThat(delays).containsExactly(1L, 2L, 4L, 8L, 16L, 30L, 30L, 30L);
        assertThat(b.attempts()).isEqualTo(8);
    }

    @Test
    void jitterLowersEachDelayByAtMostItsShareAndNeverExceedsTheCap() {
        Random random = new Random(42);
        Backoff b = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(30), 0.2, random::nextDouble);
        for (int i = 0; i < 200; i++) {
            long ceiling = b.ceiling();
            long d = b.next().toMillis();
            assertThat(d).isBetween(Math.round(ceiling * 0.8), ceiling).isLessThanOrEqualTo(30_000);
        }
    }

    @Test
    void resetStartsOverAfterASuccessfulConnection() {
        Backoff b = new Backoff(Duration.ofMillis(500), Duration.ofSeconds(4), 0, () -> 0);
        b.next();
        b.next();
        b.next();
        b.reset();
        assertThat(b.next()).isEqualTo(Duration.ofMillis(500));
    }

    @Test
    void rejectsNonsense() {
        assertThatThrownBy(() -> new Backoff(Duration.ZERO, Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Backoff(Duration.ofSeconds(2), Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(2), 1.5, () -> 0))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
