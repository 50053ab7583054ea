package io.hearth.node;

/** Cooperative cancellation of a running execution (user cancel, execution timeout, shutdown). */
public interface Cancellation {

    boolean isCancelled();

    /** Runs {@code action} once when the execution is cancelled (at once if it already is). */
    void onCancel(Runnable action);

    default void throwIfCancelled() {
        if (isCancelled()) {
            throw new NodeException("The execution was cancelled");
        }
    }
}
