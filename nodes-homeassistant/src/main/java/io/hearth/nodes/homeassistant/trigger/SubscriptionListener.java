package io.hearth.nodes.homeassistant.trigger;

import io.hearth.node.trigger.TriggerStatus;
import java.util.Map;

/**
 * Receives what one subscription of an {@link HaEventConnection} delivers. Called on the connection's
 * socket thread (events, statuses) or a scheduler thread; implementations must not block.
 */
public interface SubscriptionListener {

    /**
     * One event: Home Assistant's {@code event} object ({@code {event_type, data, origin, time_fired,
     * context}}, or {@code {variables, context}} for {@code subscribe_trigger}). {@code missed} marks a
     * {@code state_changed} event synthesised after a reconnect from a change that happened while
     * disconnected.
     */
    void onEvent(Map<String, Object> event, boolean missed);

    /** The connection's health changed (connected, reconnecting with the reason, token rejected, subscription refused). */
    void onStatus(TriggerStatus status);

    /** One active subscription of a listener; {@link #close()} ends it (and the socket with the last one). */
    interface Registration extends AutoCloseable {

        /**
         * Completes when Home Assistant confirmed the subscription (or at once while the connection is
         * reconnecting after having worked before); fails with a {@link io.hearth.node.NodeException}
         * saying why otherwise (token rejected, not an administrator, invalid trigger, unreachable).
         */
        java.util.concurrent.CompletionStage<Void> ready();

        @Override
        void close();
    }
}
