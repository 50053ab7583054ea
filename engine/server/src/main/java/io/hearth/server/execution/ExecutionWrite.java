package io.hearth.server.execution;

/**
 * One row to write: the summary and the JSON data.
 *
 * @param queued an insert that is a queue entry (queue mode): written without an instance, for a worker to claim
 */
record ExecutionWrite(ExecutionRecord record, String data, boolean queued) {

    ExecutionWrite(ExecutionRecord record, String data) {
        this(record, data, false);
    }
}
