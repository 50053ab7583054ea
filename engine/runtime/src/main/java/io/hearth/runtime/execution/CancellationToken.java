package io.hearth.runtime.execution;

import io.hearth.node.Cancellation;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;

/** The cancellation state of one execution; callbacks run once, on the cancelling thread. */
final class CancellationToken implements Cancellation {

    private final AtomicReference<String> reason = new AtomicReference<>();
    private final List<Runnable> callbacks = new CopyOnWriteArrayList<>();

    /** Returns false if already cancelled. */
    boolean cancel(String why) {
        if (!reason.compareAndSet(null, why)) {
            return false;
        }
        for (Runnable r : callbacks) {
            try {
                r.run();
            } catch (RuntimeException ignored) {
                // a failing callback must not stop the others
            }
        }
        return true;
    }

    String reason() {
        return reason.get();
    }

    @Override
    public boolean isCancelled() {
        return reason.get() != null;
    }

    @Override
    public void onCancel(Runnable action) {
        callbacks.add(action);
        if (isCancelled() && callbacks.remove(action)) {
            action.run();
        }
    }
}
