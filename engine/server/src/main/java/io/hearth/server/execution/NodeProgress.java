package io.hearth.server.execution;

/**
 * How far a node of a running execution got (the editor's live view).
 *
 * @param runs    finished runs
 * @param items   output items of the finished runs, all outputs
 * @param running whether a run of it is in progress
 * @param failed  whether its last finished run failed
 */
public record NodeProgress(int runs, long items, boolean running, boolean failed) {
    static final NodeProgress NONE = new NodeProgress(0, 0, false, false);

    NodeProgress started() {
        return new NodeProgress(runs, items, true, failed);
    }

    NodeProgress finished(int output, boolean error) {
        return new NodeProgress(runs + 1, items + output, false, error);
    }
}
