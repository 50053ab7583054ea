package io.hearth.nodes.homeassistant.trigger;

import io.hearth.nodes.homeassistant.client.HomeAssistantClient;
import java.time.Duration;
import java.util.Objects;

/**
 * Timing of the shared event connections.
 *
 * @param heartbeat        a {@code ping} is sent this often; a ping still unanswered at the next beat means the
 *                         connection is dead and is reopened
 * @param handshakeTimeout time from opening the socket to {@code auth_ok}
 * @param subscribeTimeout time an activation waits for Home Assistant to confirm its subscription
 * @param backoffInitial   first reconnect delay (doubling per failed attempt, with jitter)
 * @param backoffMax       reconnect delay cap
 * @param authRetryDelay   reconnect delay after the token was rejected ({@code auth_invalid}) on a reconnect
 * @param client           connect timeout, TLS handshake timeout (the HTTP client's options)
 */
public record ConnectionOptions(
        Duration heartbeat,
        Duration handshakeTimeout,
        Duration subscribeTimeout,
        Duration backoffInitial,
        Duration backoffMax,
        Duration authRetryDelay,
        HomeAssistantClient.Options client) {

    public static final ConnectionOptions DEFAULT = new ConnectionOptions(
            Duration.ofSeconds(30),
            Duration.ofSeconds(20),
            Duration.ofSeconds(45),
            Duration.ofSeconds(1),
            // Low on purpose: a trigger is back within a few seconds of Home Assistant answering again (a
            // restart or an update), and a refused connection every 3 s costs nothing.
            Duration.ofSeconds(3),
            Duration.ofSeconds(60),
            HomeAssistantClient.Options.DEFAULT);

    public ConnectionOptions {
        Objects.requireNonNull(heartbeat, "heartbeat");
        Objects.requireNonNull(handshakeTimeout, "handshakeTimeout");
        Objects.requireNonNull(subscribeTimeout, "subscribeTimeout");
        Objects.requireNonNull(backoffInitial, "backoffInitial");
        Objects.requireNonNull(backoffMax, "backoffMax");
        Objects.requireNonNull(authRetryDelay, "authRetryDelay");
        Objects.requireNonNull(client, "client");
    }

    public ConnectionOptions withHeartbeat(Duration value) {
        return new ConnectionOptions(
                value, handshakeTimeout, subscribeTimeout, backoffInitial, backoffMax, authRetryDelay, client);
    }

    public ConnectionOptions withBackoff(Duration initial, Duration max) {
        return new ConnectionOptions(
                heartbeat, handshakeTimeout, subscribeTimeout, initial, max, authRetryDelay, client);
    }

    public ConnectionOptions withAuthRetryDelay(Duration value) {
        return new ConnectionOptions(
                heartbeat, handshakeTimeout, subscribeTimeout, backoffInitial, backoffMax, value, client);
    }
}
