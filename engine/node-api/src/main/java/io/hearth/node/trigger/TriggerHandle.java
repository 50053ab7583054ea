package io.hearth.node.trigger;

/** An active trigger; {@link #close()} stops it (workflow deactivated, server stopping). */
@FunctionalInterface
public interface TriggerHandle extends AutoCloseable {

    @Override
    void close();
}
