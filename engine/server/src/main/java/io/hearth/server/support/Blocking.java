package io.hearth.server.support;

import java.util.concurrent.Callable;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * Runs blocking work (JDBC, file I/O) on a bounded pool so it never blocks an event-loop thread.
 *
 * <p>Cancelling (a client that disconnects or times out) never interrupts work that has started:
 * Reactor's own elastic schedulers interrupt the running task, and an interrupt during a file write
 * closes the {@code FileChannel} under it (H2, still usable by URL, then closes the whole database until a
 * restart), and a JDBC call cut short leaves its connection in doubt. Started work runs to its end and its result
 * is dropped.
 */
@Component
public class Blocking implements AutoCloseable {

    private static final int THREADS = 32;

    private final ThreadPoolExecutor pool = new ThreadPoolExecutor(
            THREADS,
            THREADS,
            60,
            TimeUnit.SECONDS,
            new LinkedBlockingQueue<>(100_000),
            Thread.ofPlatform().name("hearth-blocking-", 0).daemon(true).factory());
    private final Scheduler scheduler;

    public Blocking() {
        pool.allowCoreThreadTimeOut(true);
        // A plain Executor (not the ExecutorService): Reactor cancels tasks it submitted to an ExecutorService
        // with Future.cancel(true), which interrupts.
        // a plain Executor on purpose: given the ExecutorService itself, Reactor builds a different Scheduler
        @SuppressWarnings("UnnecessaryMethodReference")
        Scheduler plain = Schedulers.fromExecutor(pool::execute);
        scheduler = plain;
    }

    public <T> Mono<T> call(Callable<T> work) {
        return Mono.fromCallable(work).subscribeOn(scheduler);
    }

    public Mono<Void> run(Runnable work) {
        return Mono.<Void>fromRunnable(work).subscribeOn(scheduler);
    }

    public Scheduler scheduler() {
        return scheduler;
    }

    @Override
    public void close() {
        scheduler.dispose();
        pool.shutdown();
    }
}
