package io.hearth.testsupport;

import java.util.function.Supplier;

/**
 * A component started once per test JVM on first use (a broker, a mail server). A start that failed is
 * remembered, so the other tests of the JVM fail at once with the same reason instead of trying again.
 */
final class JvmShared<T> {

    private final Supplier<T> start;
    private T value;
    private RuntimeException failure;

    JvmShared(Supplier<T> start) {
        this.start = start;
    }

    synchronized T get() {
        if (value != null) {
            return value;
        }
        if (failure != null) {
            throw failure;
        }
        try {
            value = start.get();
            return value;
        } catch (RuntimeException e) {
            failure = e;
            throw e;
        }
    }
}
