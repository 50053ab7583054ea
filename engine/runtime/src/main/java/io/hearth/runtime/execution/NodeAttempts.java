package io.hearth.runtime.execution;

import io.hearth.node.ActionNode;
import io.hearth.node.BlockingActionNode;
import io.hearth.node.Item;
import io.hearth.node.NodeOutput;
import io.hearth.runtime.execution.PreparedWorkflow.PreparedNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Calls a node, and calls it again per its retry policy while it fails with an error worth another attempt
 * ({@link NodeFailures#isRetryable}), waiting on the timer between attempts. An action node answers with a future;
 * a blocking one runs on the blocking pool. A cancelled execution makes no further attempt.
 */
final class NodeAttempts {

    /** How a node's attempts ended: its output, or the failure of its last attempt. */
    record Attempted(NodeOutput output, Throwable failure, int attempts) {

        static Attempted succeeded(NodeOutput output, int attempts) {
            return new Attempted(output, null, attempts);
        }

        static Attempted failed(Throwable failure, int attempts) {
            return new Attempted(null, failure, attempts);
        }

        boolean ok() {
            return failure == null;
        }
    }

    private final RunState state;
    private final CancellationToken cancellation;
    private final ScheduledExecutorService timer;
    private final Executor blockingPool;

    NodeAttempts(
            RunState state, CancellationToken cancellation, ScheduledExecutorService timer, Executor blockingPool) {
        this.state = state;
        this.cancellation = cancellation;
        this.timer = timer;
        this.blockingPool = blockingPool;
    }

    /** Runs the task's node until it succeeds, fails for good or the execution is cancelled. */
    CompletableFuture<Attempted> run(NodeTask task) {
        return attempt(task, 1);
    }

    // handle(..).thenCompose(f -> f) unwraps the nested future: it is not ignored
    @SuppressWarnings("FutureReturnValueIgnored")
    private CompletableFuture<Attempted> attempt(NodeTask task, int attemptNumber) {
        CompletableFuture<NodeOutput> call;
        try {
            call = invoke(task);
        } catch (Throwable t) {
            call = CompletableFuture.failedFuture(t);
        }
        var policy = task.node().node().retry();
        if (call.isDone() && !call.isCompletedExceptionally()) {
            return CompletableFuture.completedFuture(Attempted.succeeded(call.join(), attemptNumber));
        }
        return call.handle((out, ex) -> {
                    if (ex == null) {
                        return CompletableFuture.completedFuture(Attempted.succeeded(out, attemptNumber));
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
                                ? CompletableFuture.completedFuture(Attempted.failed(cause, attemptNumber))
                                : attempt(task, attemptNumber + 1));
                    }
                    return CompletableFuture.completedFuture(Attempted.failed(cause, attemptNumber));
                })
                .thenCompose(f -> f);
    }

    private CompletableFuture<NodeOutput> invoke(NodeTask task) {
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
}
