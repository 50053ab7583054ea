package io.hearth.server.execution;

import static org.assertj.core.api.Assertions.assertThat;

import io.hearth.server.execution.ExecutionPruner.Round;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** When the next pruning round begins: about one batch after the last, at the rate executions arrive. */
class ExecutionPrunerPacingTest {

    private static final Duration INTERVAL = Duration.ofSeconds(2);
    private static final long MS = 1_000_000;

    @Test
    void waitsTheWholeIntervalWhenNothingWentBeyondTheRetention() {
        assertThat(ExecutionPruner.waitAfter(new Round(0, true), 2000 * MS, 3 * MS, 500, INTERVAL))
                .isEqualTo(INTERVAL.toNanos());
    }

    @Test
    void goesOnAtOnceWhenARoundStoppedAtItsShareOfABacklog() {
        assertThat(ExecutionPruner.waitAfter(new Round(50_000, false), 1000 * MS, 900 * MS, 500, INTERVAL))
                .isZero();
    }

    @Test
    void beginsTheNextRoundWhenAboutOneBatchMoreHasArrived() {
        // 8,000 executions a second: 4,000 went beyond the retention in the half second since the last round began;
        // one batch (500) more arrives in 62.5 ms, of which this round took 12.5.
        assertThat(ExecutionPruner.waitAfter(new Round(4000, true), 500 * MS, 12_500_000, 500, INTERVAL))
                .isEqualTo(50 * MS);
    }

    @Test
    void goesOnAtOnceWhenMoreThanABatchArrivedDuringTheRound() {
        assertThat(ExecutionPruner.waitAfter(new Round(4000, true), 500 * MS, 100 * MS, 500, INTERVAL))
                .isZero();
    }

    @Test
    void waitsNoLongerThanTheIntervalUnderALightLoad() {
        // 2 executions a second: a batch of 500 would take minutes to gather.
        assertThat(ExecutionPruner.waitAfter(new Round(4, true), 2000 * MS, MS, 500, INTERVAL))
                .isEqualTo(INTERVAL.toNanos());
    }
}
