package io.hearth.runtime.execution;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executor;

/**
 * Admits executions while fewer than {@code maxRunning} run in total and fewer than the workflow's
 * own cap run of that workflow; the others wait, first come first served (one whose workflow is at
 * its cap lets later ones of other workflows pass). Beyond {@code maxWaiting} waiting executions,
 * new ones are refused.
 */
final class ConcurrencyGate {

    private final int maxRunning;
    private final int maxWaiting;
    private final Executor executor;
    private final Map<String, Integer> runningPerWorkflow = new HashMap<>();
    private final ArrayDeque<Waiting> waiting = new ArrayDeque<>();
    private int running;

    private record Waiting(String workflow, int cap, ExecutionRun run) {}

    /**
     * @param executor where waiting executions start once admitted (never the thread of the one that
     *                 made room: a chain of executions would otherwise nest on one stack)
     */
    ConcurrencyGate(int maxRunning, int maxWaiting, Executor executor) {
        if (maxRunning < 1 || maxWaiting < 0) {
            throw new IllegalArgumentException("maxRunning must be at least 1, maxWaiting not negative");
        }
        this.maxRunning = maxRunning;
        this.maxWaiting = maxWaiting;
        this.executor = executor;
    }

    /** Starts {@code run} now (on this thread) or once a slot is free. */
    // a completion callback: nothing waits for the future it returns
    @SuppressWarnings("FutureReturnValueIgnored")
    void submit(String workflow, int cap, ExecutionRun run) {
        Waiting w = new Waiting(workflow, cap, run);
        synchronized (this) {
            if (!fits(workflow, cap)) {
                if (waiting.size() >= maxWaiting) {
                    run.refuse(tooMany(running, waiting.size()));
                    return;
                }
                waiting.add(w);
                // Cancelled while waiting: leave the line at once.
                run.result().whenComplete((r, e) -> leave(w));
                return;
            }
            take(workflow);
        }
        start(w);
    }

    private static ExecutionError tooMany(int running, int waiting) {
        return new ExecutionError(
                "Too many executions: " + running + " running and " + waiting + " waiting for a free slot",
                "Try again later; the server's limits are hearth.executions.limits.max-running and max-waiting",
                Optional.empty(),
                0,
                ExecutionError.TOO_MANY_EXECUTIONS);
    }

    synchronized int running() {
        return running;
    }

    synchronized int waiting() {
        return waiting.size();
    }

    private boolean fits(String workflow, int cap) {
        return running < maxRunning && runningPerWorkflow.getOrDefault(workflow, 0) < cap;
    }

    private void take(String workflow) {
        running++;
        runningPerWorkflow.merge(workflow, 1, Integer::sum);
    }

    // a completion callback: nothing waits for the future it returns
    @SuppressWarnings("FutureReturnValueIgnored")
    private void start(Waiting w) {
        w.run().result().whenComplete((r, e) -> release(w.workflow()));
        w.run().start();
    }

    private synchronized void leave(Waiting w) {
        waiting.remove(w);
    }

    private void release(String workflow) {
        List<Waiting> admitted = new ArrayList<>();
        synchronized (this) {
            running--;
            runningPerWorkflow.computeIfPresent(workflow, (k, n) -> n <= 1 ? null : n - 1);
            for (Iterator<Waiting> it = waiting.iterator(); it.hasNext() && running < maxRunning; ) {
                Waiting w = it.next();
                if (w.run().result().isDone()) {
                    it.remove();
                } else if (fits(w.workflow(), w.cap())) {
                    it.remove();
                    take(w.workflow());
                    admitted.add(w);
                }
            }
        }
        for (Waiting w : admitted) {
            executor.execute(() -> start(w));
        }
    }
}
