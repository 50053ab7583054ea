package io.hearth.server.execution;

import io.hearth.runtime.execution.RunningExecution;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * An execution in progress on this instance, with what is needed to record it: its request, its start record (and
 * whether the start row is written), the runtime's handle to cancel it, and how far each node got.
 */
final class LiveExecution implements StartedExecution.Persistence {
    private final StartRequest request;
    private final ExecutionRecord startRecord;
    private final ExecutionWriter writer;
    private final Map<String, NodeProgress> progress = new ConcurrentHashMap<>();
    // guarded by this
    private RunningExecution running;
    private boolean cancelRequested;
    private CompletableFuture<Void> startRow;
    private CompletableFuture<Void> endWrite;
    private final CompletableFuture<Void> respondedWhileRunning = new CompletableFuture<>();
    private volatile boolean stoppedByShutdown;

    /** @param rowExists whether the start row is written already (a queue wrote it) */
    LiveExecution(StartRequest request, ExecutionRecord startRecord, ExecutionWriter writer, boolean rowExists) {
        this.request = request;
        this.startRecord = startRecord;
        this.writer = writer;
        this.startRow = rowExists ? CompletableFuture.completedFuture(null) : null;
    }

    StartRequest request() {
        return request;
    }

    ExecutionRecord startRecord() {
        return startRecord;
    }

    /** Per node name; updated by the runtime's listener as nodes start and finish. */
    Map<String, NodeProgress> progress() {
        return progress;
    }

    @Override
    public synchronized CompletableFuture<Void> ensureStartRow() {
        if (startRow == null) {
            // Asked for after the end's write was chosen (the run ended meanwhile): that write is the row.
            startRow = endWrite != null
                    ? endWrite
                    : writer.insert(
                            startRecord,
                            ExecutionCodec.startData(
                                    request.startNode(), request.recordableStartItems(), request.parent()));
        }
        return startRow;
    }

    /** Chooses and queues the end's write, given whether a start row was written, under the start row's lock. */
    synchronized CompletableFuture<Void> writeEnd(Function<Boolean, CompletableFuture<Void>> write) {
        endWrite = write.apply(startRow != null);
        return endWrite;
    }

    @Override
    public CompletableFuture<Void> respondedWhileRunning() {
        return respondedWhileRunning;
    }

    /** A node starts: when the webhook was answered already, its answer is due now rather than at the end. */
    void nodeStarting() {
        if (!respondedWhileRunning.isDone()
                && request.responder().map(r -> r.hasResponded()).orElse(false)) {
            respondedWhileRunning.complete(null);
        }
    }

    synchronized boolean hasStartRow() {
        return startRow != null;
    }

    /** The runtime's handle, given before the first node runs; a cancel that came first applies now. */
    void setRunning(RunningExecution run) {
        boolean cancel;
        synchronized (this) {
            running = run;
            cancel = cancelRequested;
        }
        if (cancel) {
            run.cancel();
        }
    }

    boolean cancel() {
        RunningExecution run;
        synchronized (this) {
            run = running;
            if (run == null) {
                cancelRequested = true;
                return true;
            }
        }
        return run.cancel();
    }

    /** Stopped because the server shuts down: true when it was running and is now cancelled. */
    boolean stopForShutdown() {
        stoppedByShutdown = true;
        RunningExecution run;
        synchronized (this) {
            run = running;
        }
        return run != null && run.cancel();
    }

    boolean stoppedByShutdown() {
        return stoppedByShutdown;
    }
}
