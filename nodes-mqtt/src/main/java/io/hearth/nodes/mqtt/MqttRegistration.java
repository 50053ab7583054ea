package io.hearth.nodes.mqtt;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * A subscriber's place on a {@link MqttConnection}: its topic filters, and {@link #ready()} that completes once the
 * broker has subscribed them. Closing it leaves the connection.
 */
final class MqttRegistration implements AutoCloseable {
    private final MqttConnection connection;
    private final MqttSubscriber subscriber;
    private final List<TopicFilter> filters;
    private final CompletableFuture<Void> ready = new CompletableFuture<>();

    MqttRegistration(MqttConnection connection, MqttSubscriber subscriber, List<TopicFilter> filters) {
        this.connection = connection;
        this.subscriber = subscriber;
        this.filters = List.copyOf(filters);
    }

    CompletableFuture<Void> ready() {
        return ready;
    }

    MqttSubscriber subscriber() {
        return subscriber;
    }

    List<TopicFilter> filters() {
        return filters;
    }

    boolean wants(String topic) {
        return filters.stream().anyMatch(f -> f.matches(topic));
    }

    @Override
    public void close() {
        connection.unregister(this);
    }
}
