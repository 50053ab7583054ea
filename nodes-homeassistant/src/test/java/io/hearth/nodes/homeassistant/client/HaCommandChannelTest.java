package io.hearth.nodes.homeassistant.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.hearth.node.NodeApiException;
import io.hearth.node.credential.Secret;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Schedulers;
import reactor.netty.Connection;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;

/**
 * The shared command socket against a small in-process server speaking Home Assistant's WebSocket protocol
 * (it answers {@code echo} commands with their {@code value}): what a real Home Assistant cannot be made to
 * do on demand (drop the socket mid-command, refuse the token).
 */
class HaCommandChannelTest {

    private DisposableServer server;
    private final AtomicInteger sockets = new AtomicInteger();
    private final List<Connection> serverSide = new CopyOnWriteArrayList<>();
    private HomeAssistantClient client;

    private void start(boolean acceptToken, boolean answerCommands) {
        server = HttpServer.create()
                .host("127.0.0.1")
                .port(0)
                .route(routes -> routes.ws(HaWebSocketProtocol.PATH, (in, out) -> {
                    sockets.incrementAndGet();
                    in.withConnection(serverSide::add);
                    Flux<String> replies = in.receive().asString().concatMap(text -> {
                        Map<String, Object> m = Json.asObject(Json.parse(text));
                        if ("auth".equals(m.get("type"))) {
                            return Flux.just(
                                    acceptToken
                                            ? "{\"type\":\"auth_ok\",\"ha_version\":\"test\"}"
                                            : "{\"type\":\"auth_invalid\",\"message\":\"Invalid access token\"}");
                        }
                        if (!answerCommands) {
                            return Flux.empty();
                        }
                        return Flux.just(Json.write(Map.of(
                                "id", m.get("id"), "type", "result", "success", true, "result", m.get("value"))));
                    });
                    return out.sendString(
                            Flux.concat(Flux.just("{\"type\":\"auth_required\",\"ha_version\":\"test\"}"), replies));
                }))
                .bindNow();
        client = HomeAssistantClient.create(
                new HaConnectionSettings("127.0.0.1", server.port(), false, Secret.of("t"), false, Optional.empty()),
                HomeAssistantClient.Options.quick(Duration.ofSeconds(5)));
    }

    @AfterEach
    void stop() {
        if (client != null) {
            client.close();
        }
        if (server != null) {
            server.disposeNow();
        }
    }

    private Object echo(Object value) {
        return client.command("Echo", Map.of("type", "echo", "value", value)).block(Duration.ofSeconds(10));
    }

    @Test
    void manyCommandsShareOneAuthenticatedSocket() {
        start(true, true);
        assertThat(echo("a")).isEqualTo("a");
        assertThat(Flux.range(0, 20)
                        .flatMap(i -> client.command("Echo", Map.of("type", "echo", "value", i)))
                        .collectList()
                        .block(Duration.ofSeconds(10)))
                .hasSize(20);
        assertThat(sockets.get()).isEqualTo(1);
    }

    @Test
    void aDroppedSocketFailsTheCommandUnderWayAndTheNextOpensANewOne() {
        start(true, false);
        var pending = client.command("Wait forever", Map.of("type", "echo", "value", 1))
                .subscribeOn(Schedulers.boundedElastic())
                .toFuture();
        await().atMost(Duration.ofSeconds(10)).until(() -> !serverSide.isEmpty());
        serverSide.forEach(Connection::dispose);
        await().atMost(Duration.ofSeconds(10)).until(pending::isDone);
        assertThat(pending).isCompletedExceptionally();
        assertThatThrownBy(pending::join).hasMessageContaining("Wait forever failed");
        assertThatThrownBy(() -> client.command("Again", Map.of("type", "echo", "value", 2))
                        .block(Duration.ofSeconds(20)))
                .hasMessageContaining("Again failed"); // the server still answers nothing: the command times out
        assertThat(sockets.get()).isEqualTo(2);
    }

    @Test
    void aRefusedTokenFailsTheCommandWith401() {
        start(false, true);
        assertThatThrownBy(() -> echo("x"))
                .isInstanceOf(NodeApiException.class)
                .hasMessageContaining("Echo failed: access token rejected (401)")
                .satisfies(e -> assertThat(((NodeApiException) e).httpStatus()).hasValue(401));
    }
}
