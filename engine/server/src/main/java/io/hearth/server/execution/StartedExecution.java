package io.hearth.server.execution;

import io.hearth.runtime.execution.ExecutionResult;
import io.hearth.runtime.execution.RunningExecution;
import java.util.concurrent.CompletableFuture;

/**
 * A started execution.
 *
 * @param started   completes when the start row is durable (at once when none is written first)
 * @param finished  completes with the result once the final record is durable (or was not to be kept)
 */
public record StartedExecution(
        String id,
        RunningExecution running,
        CompletableFuture<Void> started,
        CompletableFuture<ExecutionResult> finished,
        Persistence persistence) {

    /** Lets a webhook answer before the end: makes the execution durable now, as running. */
    public interface Persistence {
        CompletableFuture<Void> ensureStartRow();

        /**
         * Completes when a node starts after the webhook's response was given (Respond to Webhook): the execution
         * goes on, so the answer cannot wait for its end. A response given by the last node never completes it:
         * the execution ends first, and the answer follows its single final record.
         */
        CompletableFuture<Void> respondedWhileRunning();
    }
}
