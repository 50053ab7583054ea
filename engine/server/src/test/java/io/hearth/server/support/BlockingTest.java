package io.hearth.server.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;

class BlockingTest {

    @Test
    void cancellingDoesNotInterruptWorkThatHasStarted() throws Exception {
        try (Blocking blocking = new Blocking()) {
            CountDownLatch started = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            CountDownLatch finished = new CountDownLatch(1);
            AtomicBoolean interrupted = new AtomicBoolean();
            Disposable subscription = blocking.run(() -> {
                        started.countDown();
                        try {
                            release.await();
                        } catch (InterruptedException e) {
                            interrupted.set(true);
                        }
                        interrupted.compareAndSet(false, Thread.currentThread().isInterrupted());
                        finished.countDown();
                    })
                    .subscribe();
            assertThat(started.await(5, TimeUnit.SECONDS)).isTrue();

            subscription.dispose();
            Thread.sleep(50);
            release.countDown();

            assertThat(finished.await(5, TimeUnit.SECONDS)).isTrue();
            assertThat(interrupted).as("the worker thread was interrupted").isFalse();
        }
    }

    @Test
    void runsWorkOffTheCallingThreadAndReturnsItsResult() {
        try (Blocking blocking = new Blocking()) {
            AtomicReference<String> thread = new AtomicReference<>();
            String result = blocking.call(() -> {
                        thread.set(Thread.currentThread().getName());
                        return "done";
                    })
                    .block(Duration.ofSeconds(5));
            assertThat(result).isEqualTo("done");
            assertThat(thread.get())
                    .startsWith("hearth-blocking-")
                    .isNotEqualTo(Thread.currentThread().getName());
        }
    }
}
