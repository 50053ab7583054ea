package io.hearth.server.execution;

import java.util.concurrent.CompletableFuture;

/**
 * Starts executions that nobody waits on (schedules, event triggers, webhooks that answer at once):
 * run here, or — in queue mode — queued for whichever worker claims them. Either way the returned
 * stage completes once the execution is durable, so an accepted firing is never lost.
 */
public interface ExecutionLauncher {

    CompletableFuture<Void> launch(StartRequest request);

    /**
     * Like {@link #launch}, but completes when the execution has ended where it runs here; where it runs elsewhere
     * (the queue) once it is queued. Default: {@link #launch}.
     */
    default CompletableFuture<Void> launchAndAwaitEnd(StartRequest request) {
        return launch(request);
    }

    /** Runs on this instance: the start row is written first. */
    static ExecutionLauncher local(ExecutionService executions) {
        return new ExecutionLauncher() {
            @Override
            public CompletableFuture<Void> launch(StartRequest request) {
                return start(request).started();
            }

            @Override
            public CompletableFuture<Void> launchAndAwaitEnd(StartRequest request) {
                StartedExecution started = start(request);
                return started.started().thenCompose(v -> started.finished().handle((r, e) -> null));
            }

            private StartedExecution start(StartRequest request) {
                return executions.start(
                        request.toBuilder().persistStartFirst(true).build());
            }
        };
    }
}
