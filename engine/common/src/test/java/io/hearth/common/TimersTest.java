package io.hearth.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class TimersTest {

    @Test
    void cancelledDeadlinesLeaveNothingQueued() {
        ScheduledExecutorService timer = Timers.daemon("timers-test");
        try {
            for (int i = 0; i < 1000; i++) {
                ScheduledFuture<?> deadline = timer.schedule(() -> {}, 1, TimeUnit.HOURS);
                deadline.cancel(false);
            }

            assertThat(((ScheduledThreadPoolExecutor) timer).getQueue()).isEmpty();
        } finally {
            timer.shutdownNow();
        }
    }

    @Test
    void runsOnADaemonThreadOfTheGivenName() throws Exception {
        ScheduledExecutorService timer = Timers.daemon("timers-test-name");
        try {
            Thread thread = timer.schedule(Thread::currentThread, 0, TimeUnit.MILLISECONDS)
                    .get(30, TimeUnit.SECONDS);

            assertThat(thread.getName()).isEqualTo("timers-test-name");
            assertThat(thread.isDaemon()).isTrue();
        } finally {
            timer.shutdownNow();
        }
    }
}
