package io.hearth.runtime.execution;

import io.hearth.common.SecretRedactor;
import io.hearth.node.ExecutionLimitException;
import io.hearth.node.Item;
import io.hearth.node.NodeException;
import io.hearth.node.NodeOutput;
import io.hearth.node.description.NodeGroup;
import io.hearth.runtime.execution.NodeAttempts.Attempted;
import io.hearth.runtime.execution.PreparedWorkflow.PreparedNode;
import io.hearth.runtime.workflow.OnError;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BiFunction;

/**
 * One execution of a workflow, n8n "v1" order:
 * <ol>
 * <li>The start node (a trigger) outputs the start items; a non-trigger start node runs on them.</li>
 * <li>Nodes run one at a time from a stack. After a node runs, the nodes connected to its outputs
 *     are pushed on top, output 0 first and, within an output, top-to-bottom on the canvas: each
 *     branch finishes before the next starts (depth first).</li>
 * <li>An output with no items starts nothing. A node with several connected inputs (Merge) waits
 *     until each has data; when nothing else can run, waiting nodes run with what they have (one at
 *     a time, none while one of its ancestors waits; a node that needs all its inputs never does).</li>
 * <li>A failing node is retried per its retry policy, then its onError decides: stop the
 *     execution, continue on the regular output, or continue on an error output.</li>
 * </ol>
 * Nodes that complete synchronously run in a loop on the calling thread; an asynchronous node
 * resumes the loop on the thread that completes it. Nothing blocks. A loop that has held its thread
 * for {@value #SLICE_MILLIS} ms goes on on the executor, so a long run never holds an event-loop
 * thread.
 * <p>
 * Limits ({@link ExecutionLimits}): the node runs of one execution, the items of one output, the
 * recorded data and the run time. A stop (cancel, timeout) takes effect between two nodes, or at
 * once when no node holds the run's lock: the result never waits for a node that does not return.
 * <p>This class holds the run's lock and its life cycle (start, drive, stop, finish). Under the lock it asks
 * {@link ExecutionOrder} what runs next, {@link NodeOutputs} what a node's outputs pass on and {@link LimitUsage}
 * whether a run stays within the limits; outside it, {@link GivenOutputs} says whether a node's output is pinned or
 * reused and {@link NodeAttempts} runs a node with its retries.
 */
final class ExecutionRun implements RunningExecution {

    private static final long SLICE_MILLIS = 20;

    private final ExecutionRequest request;
    private final RunState state;
    private final Executor blockingPool;
    private final ScheduledExecutorService timer;
    private final ExecutionLimits limits;
    private final CancellationToken cancellation = new CancellationToken();
    private final GivenOutputs given;
    private final NodeAttempts attempts;
    // Everything below is guarded by the lock; a stop request is lock-free so it can never wait behind the run.
    private final ReentrantLock lock = new ReentrantLock();
    private final AtomicReference<Stop> stopRequest = new AtomicReference<>();
    private final CompletableFuture<ExecutionResult> result = new CompletableFuture<>();
    private final ExecutionOrder order;
    private final LimitUsage usage;
    private final Instant startedAt;
    private ScheduledFuture<?> timeout;
    private Optional<ExecutionError> error = Optional.empty();
    private String lastNode;
    private boolean finished;

    ExecutionRun(
            ExecutionRequest request,
            RunState state,
            Executor blockingPool,
            ScheduledExecutorService timer,
            ExecutionLimits limits) {
        this.request = request;
        this.state = state;
        this.blockingPool = blockingPool;
        this.timer = timer;
        this.limits = limits;
        this.startedAt = state.clock().instant();
        this.given = new GivenOutputs(request);
        this.attempts = new NodeAttempts(state, cancellation, timer, blockingPool);
        this.order = new ExecutionOrder(request.workflow(), state);
        this.usage = new LimitUsage(limits, state);
    }

    /** How a stopped execution ends. */
    private record Stop(ExecutionStatus status, Optional<ExecutionError> error) {}

    @Override
    public String executionId() {
        return request.executionId();
    }

    @Override
    public CompletableFuture<ExecutionResult> result() {
        return result;
    }

    @Override
    public boolean cancel() {
        return stop("canceled", new Stop(ExecutionStatus.CANCELED, Optional.empty()));
    }

    /**
     * Ends the execution: at once when no node holds the lock, else the holder ends it before the
     * next node. Nodes learn of it through their {@link io.hearth.node.Cancellation}.
     */
    private boolean stop(String reason, Stop how) {
        if (!stopRequest.compareAndSet(null, how)) {
            return false;
        }
        cancellation.cancel(reason);
        if (lock.tryLock()) {
            try {
                endIfStopped();
            } finally {
                lock.unlock();
            }
        }
        return true;
    }

    /** With the lock held: true (and finished) when a stop was requested. */
    private boolean endIfStopped() {
        Stop how = stopRequest.get();
        if (how == null) {
            return false;
        }
        if (!finished) {
            how.error().ifPresent(e -> error = Optional.of(e));
            finish(how.status(), how.error());
        }
        return true;
    }

    /** Refused by the concurrency gate (too many executions running and waiting), with its error. */
    void refuse(ExecutionError err) {
        lock.lock();
        try {
            fail(err);
        } finally {
            lock.unlock();
        }
    }

    void start() {
        if (result.isDone()) {
            return; // cancelled while it waited for a slot
        }
        limits.timeout()
                .ifPresent(limit ->
                        timeout = timer.schedule(() -> timeOut(limit), limit.toMillis(), TimeUnit.MILLISECONDS));
        PreparedNode start;
        try {
            start = StartNode.of(request.workflow(), request.startNode());
        } catch (NodeException e) {
            lock.lock();
            try {
                fail(new ExecutionError(e.getMessage(), "", Optional.empty(), 0, "WorkflowOperationError"));
            } finally {
                lock.unlock();
            }
            return;
        }
        lock.lock();
        try {
            if (endIfStopped()) {
                return;
            }
            if (start.type().description().group() == NodeGroup.TRIGGER) {
                // A trigger's output is what started the execution (the request, the firing, the manual input),
                // unless a manual run finds it pinned.
                List<Item> items = given.pinned(start)
                        .orElse(request.startItems().isEmpty() ? List.of(Item.empty()) : request.startItems());
                Instant now = state.clock().instant();
                request.listener()
                        .nodeStarted(
                                request.executionId(),
                                start.name(),
                                start.node().type());
                NodeRun run = StartNode.triggerRun(start, items, now);
                recordAndPropagate(start, run, run.output());
            } else {
                order.start(start, request.startItems());
            }
        } finally {
            lock.unlock();
        }
        drive();
    }

    /** Runs tasks until none is left, a node goes asynchronous or the thread has had its slice. */
    // a completion callback: nothing waits for the future it returns
    @SuppressWarnings("FutureReturnValueIgnored")
    private void drive() {
        long sliceEnd = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(SLICE_MILLIS);
        while (true) {
            NodeTask task;
            lock.lock();
            try {
                if (finished || endIfStopped()) {
                    return;
                }
                Optional<NodeTask> next = order.next();
                if (next.isEmpty()) {
                    finish(ExecutionStatus.SUCCESS, Optional.empty());
                    return;
                }
                task = next.get();
                Optional<ExecutionError> tooMany = usage.beforeRun(task.node().name());
                if (tooMany.isPresent()) {
                    fail(tooMany.get());
                    return;
                }
                if (System.nanoTime() > sliceEnd) {
                    order.pushBack(task);
                    continueElsewhere();
                    return;
                }
            } finally {
                lock.unlock();
            }
            request.listener()
                    .nodeStarted(
                            request.executionId(),
                            task.node().name(),
                            task.node().node().type());
            Instant nodeStart = state.clock().instant();
            long nanoStart = System.nanoTime();
            Optional<List<Item>> pinned = given.pinned(task.node());
            Optional<NodeRun> earlier = pinned.isPresent() ? Optional.empty() : reusedRun(task.node());
            if (earlier.isPresent()) {
                reuse(task, earlier.get());
                continue;
            }
            CompletableFuture<Attempted> outcome = pinned.isPresent()
                    ? CompletableFuture.completedFuture(Attempted.succeeded(NodeOutput.of(pinned.get()), 1))
                    : order.legacy() && LegacyOrder.skipsRun(task.node(), task.inputs())
                            ? CompletableFuture.completedFuture(Attempted.succeeded(NodeOutput.of(List.of()), 0))
                            : attempts.run(task);
            if (outcome.isDone()) {
                complete(task, outcome.join(), nodeStart, nanoStart);
            } else {
                final NodeTask t = task;
                outcome.whenComplete((a, ex) -> {
                    complete(t, a != null ? a : Attempted.failed(ex, 1), nodeStart, nanoStart);
                    drive();
                });
                return;
            }
        }
    }

    private void continueElsewhere() {
        try {
            blockingPool.execute(this::drive);
        } catch (RejectedExecutionException e) {
            stop("shutdown", new Stop(ExecutionStatus.CANCELED, Optional.empty()));
        }
    }

    /** In a retry from the failed node: the retried execution's run of the node with the index it would run as now. */
    private Optional<NodeRun> reusedRun(PreparedNode node) {
        if (!given.reusesRuns()) {
            return Optional.empty();
        }
        lock.lock();
        try {
            return given.reused(node, state.runCount(node.name()));
        } finally {
            lock.unlock();
        }
    }

    /** The node does not run: its run in the retried execution stands for this one, and its output goes on. */
    private void reuse(NodeTask task, NodeRun earlier) {
        lock.lock();
        try {
            if (finished || endIfStopped()) {
                return;
            }
            NodeRun run = GivenOutputs.standIn(
                    task, earlier, state.runCount(task.node().name()));
            recordAndPropagate(task.node(), run, run.output());
        } finally {
            lock.unlock();
        }
    }

    private void complete(NodeTask task, Attempted attempted, Instant nodeStart, long nanoStart) {
        lock.lock();
        try {
            if (!finished && !endIfStopped()) {
                completeLocked(task, attempted, nodeStart, nanoStart);
            }
        } finally {
            lock.unlock();
        }
    }

    private void completeLocked(NodeTask task, Attempted done, Instant nodeStart, long nanoStart) {
        // A limit the node hit ends the execution, even if the node turned it into an error item.
        Attempted attempted = state.takeLimitHit()
                .map(hit -> Attempted.failed(hit, done.attempts()))
                .orElse(done);
        PreparedNode node = task.node();
        long took = (System.nanoTime() - nanoStart) / 1_000_000;
        int runIndex = state.runCount(node.name());
        BiFunction<List<List<Item>>, Optional<ExecutionError>, NodeRun> ranRun = (outputs, failure) -> new NodeRun(
                node.name(),
                node.node().type(),
                runIndex,
                nodeStart,
                took,
                attempted.attempts(),
                task.sources(),
                task.inputs(),
                outputs,
                failure,
                state.takeConsole(node.name()),
                state.takeMetadata(node.name()));
        if (attempted.ok()) {
            List<List<Item>> outputs = NodeOutputs.normalize(node, attempted.output(), task.inputs());
            recordAndPropagate(node, ranRun.apply(outputs, Optional.empty()), outputs);
            return;
        }
        ExecutionError err = NodeFailures.of(node, attempted.failure(), state.redactor());
        OnError mode = node.node().onError();
        if (mode == OnError.STOP_WORKFLOW
                || cancellation.isCancelled()
                || NodeFailures.unwrap(attempted.failure()) instanceof ExecutionLimitException) {
            record(ranRun.apply(List.of(), Optional.of(err)));
            error = Optional.of(err);
            finish(cancellation.isCancelled() ? ExecutionStatus.CANCELED : ExecutionStatus.ERROR, error);
            return;
        }
        List<List<Item>> outputs = NodeOutputs.afterFailure(node, task.inputs(), err);
        record(ranRun.apply(outputs, Optional.of(err)));
        order.propagate(node, outputs, runIndex);
    }

    /**
     * Records the run and hands {@code outputs} on, when it stays within the limits; else records what is kept of it
     * and ends the execution with the limit's error.
     */
    private void recordAndPropagate(PreparedNode node, NodeRun run, List<List<Item>> outputs) {
        switch (usage.check(node, run)) {
            case LimitUsage.Kept kept -> {
                record(kept.run());
                order.propagate(node, outputs, run.runIndex());
            }
            case LimitUsage.Refused refused -> {
                record(refused.run());
                fail(refused.error());
            }
        }
    }

    private void record(NodeRun run) {
        usage.ran(run.node());
        SecretRedactor redactor = state.redactor();
        NodeRun stored = redactor.isEmpty() ? run : RedactedRun.of(run, redactor);
        state.record(stored);
        lastNode = run.node();
        request.listener().nodeFinished(request.executionId(), stored);
    }

    private void timeOut(Duration limit) {
        stop("timeout", new Stop(ExecutionStatus.ERROR, Optional.of(ExecutionLimits.timedOut(limit))));
    }

    private void fail(ExecutionError err) {
        error = Optional.of(err);
        finish(ExecutionStatus.ERROR, error);
    }

    private void finish(ExecutionStatus status, Optional<ExecutionError> err) {
        if (finished) {
            return;
        }
        finished = true;
        if (timeout != null) {
            timeout.cancel(false);
        }
        try {
            state.saveStaticData();
        } catch (RuntimeException e) {
            org.slf4j.LoggerFactory.getLogger(ExecutionRun.class)
                    .warn("Execution {}: the workflow's static data could not be saved", request.executionId(), e);
        }
        result.complete(state.result(status, startedAt, Optional.ofNullable(lastNode), err));
    }
}
