package io.hearth.server.execution;

import java.util.concurrent.CompletableFuture;

/**
 * Starts executions that nobody waits on (schedules, event triggers, webhooks that answer at once):
 * run here, or — in queue mode — queued for whichever worker claims them. Either way the returned
 * stage completes once the execution is durable, so an accepted firing is never lost.
 */
public interface ExecutionLauncher {

    CompletableFuture<Void> launch(StartRequest request);

    /** Runs on this instance: the start row is written first. */
    static ExecutionLauncher local(ExecutionService executions) {
        return request -> executions
                .start(new StartRequest(
                        request.workflowId(),
                        request.versionId(),
                        request.prepared(),
                        request.mode(),
                        request.startNode(),
                        request.startItems(),
                        request.responder(),
                        request.retryOf(),
                        true,
                        request.executionId(),
                        request.secrets()))
                .started();
    }
}
