package io.hearth.runtime.execution;

import java.util.concurrent.CompletableFuture;

/** An execution in progress: its eventual result, and a way to cancel it. */
public interface RunningExecution {

    String executionId();

    CompletableFuture<ExecutionResult> result();

    /** Stops the execution; it finishes as canceled. Returns false if it had already finished. */
    boolean cancel();
}
