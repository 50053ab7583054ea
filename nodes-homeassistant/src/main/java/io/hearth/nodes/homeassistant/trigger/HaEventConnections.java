package io.hearth.nodes.homeassistant.trigger;

import io.hearth.nodes.homeassistant.client.HaConnectionSettings;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * The shared event connections of a trigger node: one {@link HaEventConnection} per credential, keyed by
 * {@link HaConnectionSettings#fingerprint()} (host, port, TLS settings and token; the token cannot be
 * read back from it and is never logged). A connection is opened by the first registration and removed
 * when its last registration closes. Owned by the node instance: no static state.
 */
public final class HaEventConnections {

    private final ConnectionOptions options;
    private final Scheduler scheduler;
    private final Map<String, HaEventConnection> connections = new HashMap<>();

    public HaEventConnections(ConnectionOptions options, Scheduler scheduler) {
        this.options = options;
        this.scheduler = scheduler;
    }

    public HaEventConnections(ConnectionOptions options) {
        this(options, Schedulers.parallel());
    }

    public HaEventConnections() {
        this(ConnectionOptions.DEFAULT);
    }

    /**
     * Registers {@code listener} for {@code command}'s events on the connection of {@code settings},
     * opening it if needed. See {@link SubscriptionListener.Registration#ready()} for when it listens.
     */
    public SubscriptionListener.Registration register(
            HaConnectionSettings settings, Map<String, Object> command, SubscriptionListener listener) {
        String key = settings.fingerprint();
        while (true) {
            HaEventConnection connection;
            synchronized (this) {
                connection = connections.get(key);
                if (connection == null || !connection.acceptsRegistrations()) {
                    HaEventConnection[] created = new HaEventConnection[1];
                    created[0] = new HaEventConnection(settings, options, scheduler, () -> removed(key, created[0]));
                    connection = created[0];
                    connections.put(key, connection);
                }
            }
            Optional<SubscriptionListener.Registration> registration = connection.tryRegister(command, listener);
            if (registration.isPresent()) {
                return registration.get();
            }
            // closed or failed in between: open a new one
        }
    }

    private synchronized void removed(String key, HaEventConnection connection) {
        connections.remove(key, connection);
    }

    /** Connections (credentials) currently in use. */
    public synchronized int size() {
        return connections.size();
    }

    /** The connections in use, for tests and diagnostics. */
    public synchronized List<HaEventConnection> connections() {
        return List.copyOf(connections.values());
    }

    /** Physical WebSockets open right now, over all credentials. */
    public synchronized int openSockets() {
        return connections.values().stream()
                .mapToInt(HaEventConnection::openSockets)
                .sum();
    }
}
