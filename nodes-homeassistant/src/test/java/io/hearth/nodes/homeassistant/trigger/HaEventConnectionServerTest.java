package io.hearth.nodes.homeassistant.trigger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.hearth.node.credential.Secret;
import io.hearth.node.trigger.TriggerStatus;
import io.hearth.nodes.homeassistant.client.HaConnectionSettings;
import io.hearth.nodes.homeassistant.client.HaWebSocketProtocol;
import io.hearth.nodes.homeassistant.client.Json;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntPredicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.netty.Connection;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;

/**
 * Connection behaviour a real Home Assistant cannot be made to show on demand, against a small
 * in-process WebSocket server speaking HA's protocol: a server that stops answering pings, and one that
 * rejects the token on a reconnect.
 */
class HaEventConnectionServerTest {

    private DisposableServer server;
    private final AtomicInteger sockets = new AtomicInteger();
    private final List<Connection> serverSide = new CopyOnWriteArrayList<>();
    private HaEventConnections connections;

    /** Starts the fake server on a free port; the connections' timers are short. */
    private void start(IntPredicate acceptToken, boolean answerPings) {
        server = bind(0, acceptToken, answerPings);
        connections = new HaEventConnections(ConnectionOptions.DEFAULT
                .withHeartbeat(Duration.ofMillis(300))
                .withBackoff(Duration.ofMillis(100), Duration.ofMillis(400))
                .withAuthRetryDelay(Duration.ofMillis(500)));
    }

    /**
     * A server that authenticates the n-th socket if {@code acceptToken} says so, confirms every command
     * (get_states: no entities) and answers pings if told.
     */
    private DisposableServer bind(int port, IntPredicate acceptToken, boolean answerPings) {
        return HttpServer.create()
                .host("127.0.0.1")
                .port(port)
                .route(routes -> routes.ws(HaWebSocketProtocol.PATH, (in, out) -> {
                    int n = sockets.incrementAndGet();
                    in.withConnection(serverSide::add);
                    Flux<String> replies = in.receive().asString().concatMap(text -> {
                        Map<String, Object> m = Json.asObject(Json.parse(text));
                        Object id = m.get("id");
                        return switch (String.valueOf(m.get("type"))) {
                            case "auth" ->
                                Flux.just(
                                        acceptToken.test(n)
                                                ? "{\"type\":\"auth_ok\",\"ha_version\":\"test\"}"
                                                : "{\"type\":\"auth_invalid\",\"message\":\"Invalid access token or password\"}");
                            case "ping" ->
                                answerPings ? Flux.just("{\"id\":" + id + ",\"type\":\"pong\"}") : Flux.empty();
                            case "get_states" ->
                                Flux.just("{\"id\":" + id + ",\"type\":\"result\",\"success\":true,\"result\":[]}");
                            default ->
                                Flux.just("{\"id\":" + id + ",\"type\":\"result\",\"success\":true,\"result\":null}");
                        };
                    });
                    return out.sendString(
                            Flux.concat(Flux.just("{\"type\":\"auth_required\",\"ha_version\":\"test\"}"), replies));
                }))
                .bindNow();
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.disposeNow();
        }
    }

    private HaConnectionSettings settings() {
        return new HaConnectionSettings("127.0.0.1", server.port(), false, Secret.of("token"), false, Optional.empty());
    }

    private static final class Recorder implements SubscriptionListener {
        final List<TriggerStatus> statuses = new CopyOnWriteArrayList<>();

        @Override
        public void onEvent(Map<String, Object> event, boolean missed) {}

        @Override
        public void onStatus(TriggerStatus status) {
            statuses.add(status);
        }

        boolean saw(TriggerStatus.State state, String text) {
            return statuses.stream()
                    .anyMatch(s -> s.state() == state && s.message().contains(text));
        }
    }

    @Test
    void aMissingPongReopensTheSocketAndResubscribes() {
        start(n -> true, false);
        Recorder listener = new Recorder();
        var registration = connections.register(settings(), TriggerSpec.StateTrigger.COMMAND, listener);
        await().atMost(Duration.ofSeconds(10))
                .until(() -> registration.ready().toCompletableFuture().isDone());
        await().atMost(Duration.ofSeconds(10)).until(() -> listener.saw(TriggerStatus.State.RECONNECTING, "no pong"));
        await().atMost(Duration.ofSeconds(10))
                .until(() ->
                        sockets.get() >= 2 && listener.statuses.getLast().state() == TriggerStatus.State.CONNECTED);
        registration.close();
        await().atMost(Duration.ofSeconds(10)).until(() -> connections.size() == 0);
    }

    @Test
    void aTokenRejectedOnAReconnectReportsAuthFailedAndKeepsRetrying() {
        start(n -> n == 1 || n >= 4, true); // 2nd and 3rd attempts: auth_invalid
        Recorder listener = new Recorder();
        var registration =
                connections.register(settings(), Map.of("type", "subscribe_events", "event_type", "x"), listener);
        await().atMost(Duration.ofSeconds(10))
                .until(() -> registration.ready().toCompletableFuture().isDone());
        assertThat(registration.ready().toCompletableFuture().isCompletedExceptionally())
                .isFalse();
        HaEventConnection connection = connections.connections().getFirst();

        serverSide.forEach(Connection::dispose); // Home Assistant drops the connection
        await().atMost(Duration.ofSeconds(10))
                .until(() -> listener.saw(
                        TriggerStatus.State.AUTH_FAILED, "Home Assistant rejected the access token (auth_invalid)"));
        await().atMost(Duration.ofSeconds(10))
                .until(() -> sockets.get() >= 4
                        && connection.isConnected()
                        && listener.statuses.getLast().state() == TriggerStatus.State.CONNECTED);
        registration.close();
    }
}
