package io.hearth.runtime.execution;

import io.hearth.common.SecretRedactor;
import io.hearth.node.ActionNode;
import io.hearth.node.BlockingActionNode;
import io.hearth.node.ExecutionLimitException;
import io.hearth.node.ExecutionMode;
import io.hearth.node.Item;
import io.hearth.node.NodeException;
import io.hearth.node.NodeOutput;
import io.hearth.node.description.NodeGroup;
import io.hearth.node.description.TriggerRole;
import io.hearth.runtime.execution.PreparedWorkflow.PreparedNode;
import io.hearth.runtime.workflow.Connection;
import io.hearth.runtime.workflow.OnError;
import io.hearth.runtime.workflow.WorkflowLimits;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
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
 * <p>Kept as one class beyond 400 lines: the scheduling, a node's attempts, the limits and the recording all
 * change one run state under one lock, and their order is the execution's correctness; what needs neither
 * lives apart ({@link NodeOutputs}, {@link NodeFailures}, {@link LegacyOrder}).
 */
final class ExecutionRun implements RunningExecution {

    private final ExecutionRequest request;
    private final RunState state;
    private static final long SLICE_MILLIS = 20;
    // What a node run's record takes besides its items (name, type, times, status, sources), as JSON.
    private static final int RUN_RECORD_BYTES = 200;
    private static final int RECENT_NODES = 64;

    private final Executor blockingPool;
    private final ScheduledExecutorService timer;
    private final ExecutionLimits limits;
    private final CancellationToken cancellation = new CancellationToken();
    // Everything below is guarded by the lock; a stop request is lock-free so it can never wait behind the run.
    private final ReentrantLock lock = new ReentrantLock();
    private final AtomicReference<Stop> stopRequest = new AtomicReference<>();
    private final CompletableFuture<ExecutionResult> result = new CompletableFuture<>();
    private final Deque<Task> stack = new ArrayDeque<>();
    private final Map<String, Waiting> waiting = new LinkedHashMap<>();
    private final Instant startedAt;
    private ScheduledFuture<?> timeout;
    private Optional<ExecutionError> error = Optional.empty();
    private String lastNode;
    private boolean finished;
    private int nodeRuns;
    private long recordedBytes;
    private final RecordedSize.Ledger recorded = new RecordedSize.Ledger();
    private final ArrayDeque<String> recentNodes = new ArrayDeque<>();
    // n8n's executionOrder "v0" (LegacyOrder) rather than "v1"
    private final boolean legacyOrder;

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
        this.legacyOrder = request.workflow().workflow().settings().legacyExecutionOrder();
    }

    /** How a stopped execution ends. */
    private record Stop(ExecutionStatus status, Optional<ExecutionError> error) {}

    private record Task(PreparedNode node, List<List<Item>> inputs, List<Optional<InputSource>> sources) {}

    /** Data collected for a node that waits for several inputs. */
    private static final class Waiting {
        final PreparedNode node;
        final List<List<Item>> inputs;
        final List<Optional<InputSource>> sources;
        final boolean[] filled;

        Waiting(PreparedNode node) {
            this.node = node;
            int n = node.inputCount();
            this.inputs = new ArrayList<>(Collections.nCopies(n, List.of()));
            this.sources = new ArrayList<>(Collections.nCopies(n, Optional.empty()));
            this.filled = new boolean[n];
        }

        void put(int index, List<Item> items, InputSource source) {
            if (filled[index]) {
                List<Item> joined = new ArrayList<>(inputs.get(index));
                joined.addAll(items);
                inputs.set(index, joined);
            } else {
                inputs.set(index, items);
                sources.set(index, Optional.of(source));
                filled[index] = true;
            }
        }

        boolean complete() {
            for (int i : node.connectedInputs()) {
                if (!filled[i]) {
                    return false;
                }
            }
            return true;
        }

        Task task() {
            return new Task(node, List.copyOf(inputs), List.copyOf(sources));
        }
    }

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

    /** Refused by the concurrency gate: too many executions running and waiting. */
    void refuse(int running, int waiting) {
        lock.lock();
        try {
            error = Optional.of(new ExecutionError(
                    "Too many executions: " + running + " running and " + waiting + " waiting for a free slot",
                    "Try again later; the server's limits are hearth.executions.limits.max-running and max-waiting",
                    Optional.empty(),
                    0,
                    ExecutionError.TOO_MANY_EXECUTIONS));
            finish(ExecutionStatus.ERROR, error);
        } finally {
            lock.unlock();
        }
    }

    private static final String LIMIT_KIND = ExecutionError.LIMIT;

    void start() {
        if (result.isDone()) {
            return; // cancelled while it waited for a slot
        }
        limits.timeout()
                .ifPresent(limit ->
                        timeout = timer.schedule(() -> timeOut(limit), limit.toMillis(), TimeUnit.MILLISECONDS));
        PreparedNode start;
        try {
            start = startNode();
        } catch (NodeException e) {
            lock.lock();
            try {
                error = Optional.of(
                        new ExecutionError(e.getMessage(), "", Optional.empty(), 0, "WorkflowOperationError"));
                finish(ExecutionStatus.ERROR, error);
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
                List<Item> items = pinnedItems(start)
                        .orElse(request.startItems().isEmpty() ? List.of(Item.empty()) : request.startItems());
                Instant now = state.clock().instant();
                request.listener()
                        .nodeStarted(
                                request.executionId(),
                                start.name(),
                                start.node().type());
                NodeRun run = new NodeRun(
                        start.name(),
                        start.node().type(),
                        0,
                        now,
                        0,
                        1,
                        List.of(),
                        List.of(),
                        outputsWith(start, items),
                        Optional.empty(),
                        List.of(),
                        Map.of());
                Optional<NodeRun> kept = withinLimits(start, run);
                if (kept.isEmpty()) {
                    return;
                }
                record(kept.get());
                propagate(start, run.output(), 0);
            } else {
                stack.push(new Task(start, List.of(request.startItems()), List.of(Optional.empty())));
            }
        } finally {
            lock.unlock();
        }
        drive();
    }

    private List<List<Item>> outputsWith(PreparedNode node, List<Item> first) {
        List<List<Item>> outs = new ArrayList<>(Collections.nCopies(Math.max(1, node.outputCount()), List.of()));
        outs.set(0, first);
        return outs;
    }

    private PreparedNode startNode() {
        var prepared = request.workflow();
        if (request.startNode().isPresent()) {
            String name = request.startNode().get();
            return prepared.node(name)
                    .orElseThrow(() -> new NodeException("The workflow has no node named '" + name + "'"));
        }
        PreparedNode firstTrigger = null;
        for (PreparedNode n : prepared.nodes()) {
            if (n.node().disabled()) {
                continue;
            }
            if (n.type().description().group() == NodeGroup.TRIGGER) {
                if (n.type().description().triggerRole().equals(Optional.of(TriggerRole.MANUAL))) {
                    return n;
                }
                if (firstTrigger == null) {
                    firstTrigger = n;
                }
            }
        }
        if (firstTrigger != null) {
            return firstTrigger;
        }
        for (PreparedNode n : prepared.nodes()) {
            if (n.connectedInputs().isEmpty() && !n.node().disabled() && !isAnnotation(n)) {
                return n;
            }
        }
        throw new NodeException("The workflow has no trigger or start node");
    }

    /** A node without inputs or outputs (a sticky note) annotates the canvas and never runs. */
    private static boolean isAnnotation(PreparedNode n) {
        var d = n.type().description();
        return d.inputs().isEmpty()
                && d.outputs().isEmpty()
                && d.dynamicOutputs().isEmpty();
    }

    /** Runs tasks until the stack is empty, a node goes asynchronous or the thread has had its slice. */
    private void drive() {
        long sliceEnd = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(SLICE_MILLIS);
        while (true) {
            Task task;
            lock.lock();
            try {
                if (finished || endIfStopped()) {
                    return;
                }
                task = stack.pollFirst();
                if (task == null) {
                    task = nextWaiting();
                }
                if (task == null) {
                    finish(ExecutionStatus.SUCCESS, Optional.empty());
                    return;
                }
                if (nodeRuns >= limits.maxNodeRuns()) {
                    error = Optional.of(tooManyNodeRuns(task.node().name()));
                    finish(ExecutionStatus.ERROR, error);
                    return;
                }
                if (System.nanoTime() > sliceEnd) {
                    stack.addFirst(task);
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
            Optional<List<Item>> pinned = pinnedItems(task.node());
            Optional<NodeRun> earlier = pinned.isPresent() ? Optional.empty() : reusedRun(task.node());
            if (earlier.isPresent()) {
                reuse(task, earlier.get());
                continue;
            }
            CompletableFuture<Attempted> outcome = pinned.isPresent()
                    ? CompletableFuture.completedFuture(new Attempted(NodeOutput.of(pinned.get()), null, 1))
                    : legacyOrder && LegacyOrder.skipsRun(task.node(), task.inputs())
                            ? CompletableFuture.completedFuture(new Attempted(NodeOutput.of(List.of()), null, 0))
                            : attempt(task, 1);
            if (outcome.isDone()) {
                complete(task, outcome.join(), nodeStart, nanoStart);
            } else {
                final Task t = task;
                outcome.whenComplete((a, ex) -> {
                    complete(t, a != null ? a : new Attempted(null, ex, 1), nodeStart, nanoStart);
                    drive();
                });
                return;
            }
        }
    }

    /**
     * As n8n when nothing else can run: the first node (in the order they started waiting) that may
     * run with the inputs it has, and none of whose ancestors still waits. A node that needs all its
     * inputs (Merge's Choose Branch) never runs with some missing; what is left waiting when nothing
     * can run is dropped.
     */
    private Task nextWaiting() {
        Iterator<Waiting> it = waiting.values().iterator();
        while (it.hasNext()) {
            Waiting w = it.next();
            if (w.node.requiresAllInputs() && !legacyOrder) {
                continue;
            }
            boolean ancestorWaits = waiting.keySet().stream()
                    .anyMatch(other -> !other.equals(w.node.name())
                            && request.workflow().ancestors(w.node.name()).contains(other));
            if (ancestorWaits) {
                continue;
            }
            it.remove();
            if (w.inputs.stream().allMatch(List::isEmpty)) {
                continue; // v0: inputs that received only empty outputs
            }
            return w.task();
        }
        return null;
    }

    private void continueElsewhere() {
        try {
            blockingPool.execute(this::drive);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            stop("shutdown", new Stop(ExecutionStatus.CANCELED, Optional.empty()));
        }
    }

    private ExecutionError tooManyNodeRuns(String next) {
        // The loop: from the previous run of the node that would run next, to it.
        List<String> recent = new ArrayList<>(recentNodes);
        int from = recent.lastIndexOf(next);
        String loop = "";
        if (from >= 0) {
            List<String> cycle = new ArrayList<>(recent.subList(from, recent.size()));
            // Told from where the loop was entered: its node that ran first in this execution.
            List<String> firstRun = new ArrayList<>(state.runData().keySet());
            String entry = cycle.stream()
                    .min(java.util.Comparator.comparingInt(firstRun::indexOf))
                    .orElse(next);
            Collections.rotate(cycle, -cycle.indexOf(entry));
            cycle.add(entry);
            if (cycle.size() > 12) {
                cycle = List.of(cycle.getFirst(), cycle.get(1), "…", cycle.get(cycle.size() - 2), cycle.getLast());
            }
            loop = " (" + String.join(" → ", cycle) + ")";
        }
        return new ExecutionError(
                "Stopped after " + nodeRuns + " node runs: the workflow may loop forever" + loop,
                "If the workflow really needs more, raise the workflow setting maxNodeRuns",
                Optional.empty(),
                0,
                LIMIT_KIND);
    }

    private record Attempted(NodeOutput output, Throwable failure, int attempts) {}

    /** As in n8n: a manual run does not run a pinned, enabled node; its pinned items leave its first output. */
    private Optional<List<Item>> pinnedItems(PreparedNode node) {
        if (request.mode() != ExecutionMode.MANUAL || node.node().disabled()) {
            return Optional.empty();
        }
        return request.workflow().pinned(node.name());
    }

    /** In a retry from the failed node: the retried execution's run of the node with the index it would run as now. */
    private Optional<NodeRun> reusedRun(PreparedNode node) {
        if (request.reused().runs().isEmpty()) {
            return Optional.empty();
        }
        lock.lock();
        try {
            return request.reused().run(node.name(), state.runCount(node.name()));
        } finally {
            lock.unlock();
        }
    }

    /** The node does not run: its run in the retried execution stands for this one, and its output goes on. */
    private void reuse(Task task, NodeRun earlier) {
        lock.lock();
        try {
            if (finished || endIfStopped()) {
                return;
            }
            PreparedNode node = task.node();
            List<List<Item>> outputs = new ArrayList<>(earlier.output());
            while (outputs.size() < node.outputCount()) {
                outputs.add(List.of());
            }
            NodeRun run = new NodeRun(
                    node.name(),
                    node.node().type(),
                    state.runCount(node.name()),
                    earlier.startedAt(),
                    earlier.executionTime(),
                    earlier.attempts(),
                    task.sources(),
                    task.inputs(),
                    outputs,
                    earlier.error(),
                    earlier.console(),
                    earlier.metadata());
            Optional<NodeRun> kept = withinLimits(node, run);
            if (kept.isEmpty()) {
                return;
            }
            record(kept.get());
            propagate(node, outputs, run.runIndex());
        } finally {
            lock.unlock();
        }
    }

    private CompletableFuture<Attempted> attempt(Task task, int attemptNumber) {
        CompletableFuture<NodeOutput> call;
        try {
            call = invoke(task);
        } catch (Throwable t) {
            call = CompletableFuture.failedFuture(t);
        }
        var policy = task.node().node().retry();
        if (call.isDone() && !call.isCompletedExceptionally()) {
            return CompletableFuture.completedFuture(new Attempted(call.join(), null, attemptNumber));
        }
        return call.handle((out, ex) -> {
                    if (ex == null) {
                        return CompletableFuture.completedFuture(new Attempted(out, null, attemptNumber));
                    }
                    Throwable cause = NodeFailures.unwrap(ex);
                    if (attemptNumber < policy.attempts()
                            && !cancellation.isCancelled()
                            && NodeFailures.isRetryable(cause)) {
                        Duration wait = policy.waitBefore(attemptNumber + 1);
                        CompletableFuture<Void> delay = new CompletableFuture<>();
                        ScheduledFuture<?> f =
                                timer.schedule(() -> delay.complete(null), wait.toMillis(), TimeUnit.MILLISECONDS);
                        cancellation.onCancel(() -> {
                            f.cancel(false);
                            delay.complete(null);
                        });
                        return delay.thenCompose(v -> cancellation.isCancelled()
                                ? CompletableFuture.completedFuture(new Attempted(null, cause, attemptNumber))
                                : attempt(task, attemptNumber + 1));
                    }
                    return CompletableFuture.completedFuture(new Attempted(null, cause, attemptNumber));
                })
                .thenCompose(f -> f);
    }

    private CompletableFuture<NodeOutput> invoke(Task task) {
        PreparedNode node = task.node();
        List<List<Item>> inputs = task.inputs();
        if (node.node().executeOnce()) {
            List<List<Item>> once = new ArrayList<>();
            for (List<Item> in : inputs) {
                once.add(in.isEmpty() ? in : List.of(in.getFirst()));
            }
            inputs = once;
        }
        NodeRunInput runInput = new NodeRunInput(node, inputs, task.sources(), state.runCount(node.name()));
        RunContext ctx = new RunContext(state, runInput, cancellation, timer);
        return switch (node.type()) {
            case ActionNode a -> a.execute(ctx).toCompletableFuture();
            case BlockingActionNode b ->
                CompletableFuture.supplyAsync(
                        () -> {
                            try {
                                return b.executeBlocking(ctx);
                            } catch (RuntimeException e) {
                                throw e;
                            } catch (Exception e) {
                                throw new CompletionException(e);
                            }
                        },
                        blockingPool);
            // A trigger reached by a connection (not the start node) passes its input through.
            default ->
                CompletableFuture.completedFuture(NodeOutput.of(inputs.isEmpty() ? List.of() : inputs.getFirst()));
        };
    }

    private void complete(Task task, Attempted attempted, Instant nodeStart, long nanoStart) {
        lock.lock();
        try {
            if (!finished && !endIfStopped()) {
                completeLocked(task, attempted, nodeStart, nanoStart);
            }
        } finally {
            lock.unlock();
        }
    }

    private void completeLocked(Task task, Attempted done, Instant nodeStart, long nanoStart) {
        // A limit the node hit ends the execution, even if the node turned it into an error item.
        Attempted attempted = state.takeLimitHit()
                .map(hit -> new Attempted(null, hit, done.attempts()))
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
        if (attempted.failure() == null) {
            List<List<Item>> outputs = NodeOutputs.normalize(node, attempted.output(), task.inputs());
            NodeRun run = ranRun.apply(outputs, Optional.empty());
            Optional<NodeRun> kept = withinLimits(node, run);
            if (kept.isEmpty()) {
                return;
            }
            record(kept.get());
            propagate(node, outputs, runIndex);
            return;
        }
        ExecutionError err = NodeFailures.of(node, attempted.failure(), state.redactor());
        OnError mode = node.node().onError();
        if (mode == OnError.STOP_WORKFLOW
                || cancellation.isCancelled()
                || NodeFailures.unwrap(attempted.failure()) instanceof ExecutionLimitException) {
            NodeRun run = ranRun.apply(List.of(), Optional.of(err));
            record(run);
            error = Optional.of(err);
            finish(cancellation.isCancelled() ? ExecutionStatus.CANCELED : ExecutionStatus.ERROR, error);
            return;
        }
        List<Item> in = task.inputs().isEmpty() ? List.of() : task.inputs().getFirst();
        List<Item> onward = new ArrayList<>();
        for (int i = 0; i < in.size(); i++) {
            // As n8n: a node that fails as a whole and continues on its regular output hands its first
            // input on unchanged (the error is in the node's run). Hearth sends them to the error
            // output instead when there is one, each with the error (n8n hands them to output 0 there too).
            onward.add(
                    mode == OnError.CONTINUE_ERROR_OUTPUT
                            ? NodeOutputs.withError(in.get(i), err, i)
                            : in.get(i).pairedWith(i));
        }
        if (onward.isEmpty() && mode == OnError.CONTINUE_ERROR_OUTPUT) {
            onward.add(NodeOutputs.withError(Item.empty(), err, 0));
        }
        List<List<Item>> outputs = new ArrayList<>(Collections.nCopies(node.outputCount(), List.of()));
        if (!outputs.isEmpty()) { // a node without outputs (Stop and Error) has nowhere to continue
            outputs.set(mode == OnError.CONTINUE_ERROR_OUTPUT ? node.outputCount() - 1 : 0, onward);
        }
        NodeRun run = ranRun.apply(outputs, Optional.of(err));
        record(run);
        propagate(node, outputs, runIndex);
    }

    private void propagate(PreparedNode node, List<List<Item>> outputs, int runIndex) {
        if (legacyOrder) {
            propagateLegacy(node, outputs, runIndex);
            return;
        }
        List<Task> next = new ArrayList<>();
        for (int o = 0; o < outputs.size() && o < node.children().size(); o++) {
            List<Item> items = outputs.get(o);
            if (items.isEmpty()) {
                continue;
            }
            InputSource source = new InputSource(node.name(), o, runIndex);
            for (Connection c : node.children().get(o)) {
                PreparedNode target = request.workflow().node(c.node()).orElseThrow();
                if (target.node().disabled()) {
                    // A disabled node hands its first input straight on.
                    propagate(target, List.of(items), 0);
                    continue;
                }
                if (target.waitsForSeveralInputs()) {
                    Waiting w = waiting.computeIfAbsent(target.name(), k -> new Waiting(target));
                    w.put(c.index(), items, source);
                    if (w.complete()) {
                        waiting.remove(target.name());
                        next.add(w.task());
                    }
                } else {
                    int n = Math.max(target.inputCount(), c.index() + 1);
                    List<List<Item>> inputs = new ArrayList<>(Collections.nCopies(n, List.of()));
                    List<Optional<InputSource>> sources = new ArrayList<>(Collections.nCopies(n, Optional.empty()));
                    inputs.set(c.index(), items);
                    sources.set(c.index(), Optional.of(source));
                    next.add(new Task(target, inputs, sources));
                }
            }
        }
        for (int i = next.size() - 1; i >= 0; i--) {
            stack.addFirst(next.get(i));
        }
    }

    /**
     * n8n's legacy order ("v0"): the nodes an output starts join the end of the queue, in the order
     * the connections are stored; an output without items still reaches a node's second (or later)
     * input; a node that starts waiting for its other inputs first has the branches that feed them
     * run ({@link LegacyOrder#branchesToRun}).
     */
    private void propagateLegacy(PreparedNode node, List<List<Item>> outputs, int runIndex) {
        List<List<Connection>> stored =
                request.workflow().workflow().connections().mainOutputs(node.name());
        for (int o = 0; o < outputs.size() && o < stored.size(); o++) {
            List<Item> items = outputs.get(o);
            InputSource source = new InputSource(node.name(), o, runIndex);
            for (Connection c : stored.get(o)) {
                if (items.isEmpty() && c.index() == 0) {
                    continue;
                }
                PreparedNode target = request.workflow().node(c.node()).orElseThrow();
                if (target.node().disabled()) {
                    if (!items.isEmpty()) {
                        propagateLegacy(target, List.of(items), 0);
                    }
                    continue;
                }
                if (target.waitsForSeveralInputs()) {
                    boolean first = !waiting.containsKey(target.name());
                    Waiting w = waiting.computeIfAbsent(target.name(), k -> new Waiting(target));
                    w.put(c.index(), items, source);
                    if (w.complete()) {
                        waiting.remove(target.name());
                        stack.addLast(w.task());
                    } else if (first) {
                        Set<String> queued = new HashSet<>();
                        stack.forEach(t -> queued.add(t.node().name()));
                        for (String forced : LegacyOrder.branchesToRun(
                                request.workflow(), target, node, items.isEmpty(), queued, state.runData(), runIndex)) {
                            PreparedNode f = request.workflow().node(forced).orElseThrow();
                            stack.addLast(new Task(f, List.of(List.of(Item.empty())), List.of(Optional.of(source))));
                            queued.add(forced);
                        }
                    }
                } else {
                    int n = Math.max(target.inputCount(), c.index() + 1);
                    List<List<Item>> inputs = new ArrayList<>(Collections.nCopies(n, List.of()));
                    List<Optional<InputSource>> sources = new ArrayList<>(Collections.nCopies(n, Optional.empty()));
                    inputs.set(c.index(), items);
                    sources.set(c.index(), Optional.of(source));
                    stack.addLast(new Task(target, inputs, sources));
                }
            }
        }
    }

    /**
     * The run as it goes into the record, or empty when it went past a limit and the execution
     * ended: an output over maxItemsPerOutput, or data past maxDataBytes when the workflow fails on
     * overflow. When it truncates instead, a run past the limit keeps its items out of the record
     * (and out of memory: they go on to the next node only).
     */
    private Optional<NodeRun> withinLimits(PreparedNode node, NodeRun run) {
        for (List<Item> output : run.output()) {
            if (output.size() > limits.maxItemsPerOutput()) {
                failAtLimit(
                        run,
                        NodeFailures.of(
                                node,
                                ExecutionLimitException.tooManyItems(output.size(), limits.maxItemsPerOutput()),
                                state.redactor()));
                return Optional.empty();
            }
        }
        long room = limits.maxDataBytes() - recordedBytes;
        RecordedSize.Ledger.Count count = recorded.count(run.input(), run.output(), limits.maxDataBytes());
        long size = RUN_RECORD_BYTES + count.bytes();
        if (size <= room) {
            recordedBytes += size;
            recorded.keep(count);
            return Optional.of(run);
        }
        // One node's data past the limit is refused either way: the limit also bounds what an execution holds.
        if (limits.dataOverflow() == WorkflowLimits.DataOverflow.FAIL || size > limits.maxDataBytes()) {
            failAtLimit(run, NodeFailures.of(node, limits.dataLimitExceeded(), state.redactor()));
            return Optional.empty();
        }
        return Optional.of(new NodeRun(
                run.node(),
                run.type(),
                run.runIndex(),
                run.startedAt(),
                run.executionTime(),
                run.attempts(),
                run.sources(),
                run.input().stream().map(DroppedItems::of).toList(),
                run.output().stream().map(DroppedItems::of).toList(),
                run.error(),
                List.of(),
                Map.of()));
    }

    /** Records the run that went past a limit without its output, and ends the execution with the error. */
    private void failAtLimit(NodeRun run, ExecutionError err) {
        record(new NodeRun(
                run.node(),
                run.type(),
                run.runIndex(),
                run.startedAt(),
                run.executionTime(),
                run.attempts(),
                run.sources(),
                run.input(),
                List.of(),
                Optional.of(err),
                List.of(),
                Map.of()));
        error = Optional.of(err);
        finish(ExecutionStatus.ERROR, error);
    }

    private void record(NodeRun run) {
        nodeRuns++;
        if (recentNodes.size() == RECENT_NODES) {
            recentNodes.removeFirst();
        }
        recentNodes.addLast(run.node());
        SecretRedactor redactor = state.redactor();
        NodeRun stored = redactor.isEmpty() ? run : RedactedRun.of(run, redactor);
        state.record(stored);
        lastNode = run.node();
        request.listener().nodeFinished(request.executionId(), stored);
    }

    private void timeOut(Duration limit) {
        String after = limit.toMillis() % 1000 == 0 ? limit.toSeconds() + " s" : limit.toMillis() + " ms";
        stop(
                "timeout",
                new Stop(
                        ExecutionStatus.ERROR,
                        Optional.of(new ExecutionError(
                                "The execution timed out after " + after,
                                "Raise the workflow setting executionTimeout (seconds) or make the slow node faster",
                                Optional.empty(),
                                0,
                                "Timeout"))));
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
        Map<String, List<NodeRun>> runData = new LinkedHashMap<>();
        state.runData().forEach((k, v) -> runData.put(k, List.copyOf(v)));
        var wf = request.workflow().workflow();
        result.complete(new ExecutionResult(
                request.executionId(),
                wf.id().orElse(""),
                status,
                request.mode(),
                startedAt,
                state.clock().instant(),
                Collections.unmodifiableMap(runData),
                Optional.ofNullable(lastNode),
                err,
                status == ExecutionStatus.SUCCESS ? Map.of() : state.nodeStates()));
    }
}
