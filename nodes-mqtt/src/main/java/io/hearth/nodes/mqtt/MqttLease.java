package io.hearth.nodes.mqtt;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A publisher's hold on a {@link MqttConnection} (one node run): the connection stays open while it is held;
 * {@link #close()} releases it.
 */
final class MqttLease implements AutoCloseable {
    private final MqttConnection connection;
    private final AtomicBoolean closed = new AtomicBoolean();

    MqttLease(MqttConnection connection) {
        this.connection = connection;
    }

    /** Completes when the broker has the message (QoS 0: written; 1: PUBACK; 2: PUBCOMP). */
    CompletableFuture<Void> publish(String topic, byte[] payload, int qos, boolean retain) {
        return connection.publish(topic, payload, qos, retain);
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            connection.released();
        }
    }
}
