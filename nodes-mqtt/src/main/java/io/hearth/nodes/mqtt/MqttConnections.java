package io.hearth.nodes.mqtt;

import io.hearth.node.credential.CredentialData;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Function;

/**
 * The open broker connections, one per credential ({@link MqttSettings#fingerprint()}): the MQTT node and every MQTT
 * Trigger with equal settings use the same one. A connection is opened by its first user and leaves this registry
 * when it closes.
 * <p>
 * {@link #shared()} is the process-wide registry the nodes loaded by {@link java.util.ServiceLoader} use: a broker
 * allows one connection per client ID, so the publishing node and the triggers must share theirs even though
 * they are separate node types. Tests make their own.
 */
public final class MqttConnections {

    private static final MqttConnections SHARED = new MqttConnections(MqttTimings.DEFAULT);

    private final MqttTimings timings;
    private final ScheduledExecutorService timer;
    private final Map<String, MqttConnection> connections = new HashMap<>();

    MqttConnections(MqttTimings timings) {
        this.timings = timings;
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "mqtt-connections");
            t.setDaemon(true);
            return t;
        });
    }

    static MqttConnections shared() {
        return SHARED;
    }

    /** Registers with the connection of {@code credential}, opening it if needed. */
    MqttRegistration register(CredentialData credential, MqttSubscriber subscriber, List<TopicFilter> filters) {
        return use(credential, c -> c.register(subscriber, filters));
    }

    /** A publisher's lease on the connection of {@code credential}, opening it if needed. */
    MqttLease lease(CredentialData credential) {
        return use(credential, MqttConnection::lease);
    }

    private <T> T use(CredentialData credential, Function<MqttConnection, Optional<T>> join) {
        MqttSettings settings = MqttSettings.from(credential);
        String key = settings.fingerprint();
        while (true) {
            MqttConnection connection;
            boolean created = false;
            synchronized (this) {
                connection = connections.get(key);
                if (connection == null || !connection.isOpen()) {
                    MqttConnection[] made = new MqttConnection[1];
                    made[0] = new MqttConnection(settings, timings, timer, () -> removed(key, made[0]));
                    connection = made[0];
                    connections.put(key, connection);
                    created = true;
                }
            }
            Optional<T> joined = join.apply(connection);
            if (created) {
                connection.start();
            }
            if (joined.isPresent()) {
                return joined.get();
            }
            // closed in between: open a new one
        }
    }

    private synchronized void removed(String key, MqttConnection connection) {
        connections.remove(key, connection);
    }

    /** Connections open now (tests, diagnostics). */
    synchronized List<MqttConnection> connections() {
        return List.copyOf(connections.values());
    }

    /** Closes every connection (tests). */
    void closeAll() {
        connections().forEach(MqttConnection::close);
    }
}
