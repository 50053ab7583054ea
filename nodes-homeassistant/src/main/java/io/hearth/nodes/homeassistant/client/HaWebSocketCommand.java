package io.hearth.nodes.homeassistant.client;

import io.hearth.node.NodeApiException;
import io.hearth.node.credential.Secret;
import io.hearth.nodes.homeassistant.client.HaWebSocketProtocol.Handshake;
import io.hearth.nodes.homeassistant.client.HaWebSocketProtocol.Message;
import java.util.Map;
import java.util.Optional;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.core.publisher.SynchronousSink;
import reactor.netty.http.websocket.WebsocketInbound;
import reactor.netty.http.websocket.WebsocketOutbound;

/**
 * One command over a fresh WebSocket connection: authenticate, send the command, read its result,
 * close. The protocol itself is {@link HaWebSocketProtocol}.
 */
final class HaWebSocketCommand {

    private HaWebSocketCommand() {}

    /** Emits the command's result (empty Optional for a null result) and completes, closing the connection. */
    static Publisher<Optional<Object>> run(
            WebsocketInbound in,
            WebsocketOutbound out,
            Secret token,
            Map<String, Object> command,
            String operation,
            int maxMessage) {
        Sinks.Many<String> outgoing = Sinks.many().unicast().onBackpressureBuffer();
        Handshake handshake = new Handshake(token);
        HaWebSocketProtocol.Ids ids = new HaWebSocketProtocol.Ids();
        long[] commandId = {-1};

        Mono<Optional<Object>> result = in.aggregateFrames(maxMessage)
                .receive()
                .asString()
                .concatMapIterable(HaWebSocketProtocol::decode)
                .<Optional<Object>>handle((Message m, SynchronousSink<Optional<Object>> sink) -> {
                    if (!handshake.authenticated()) {
                        switch (handshake.onMessage(m)) {
                            case Handshake.Send send -> outgoing.tryEmitNext(send.text());
                            case Handshake.Authenticated ok -> {
                                commandId[0] = ids.next();
                                outgoing.tryEmitNext(HaWebSocketProtocol.encodeCommand(commandId[0], command));
                            }
                            case Handshake.Failed failed ->
                                sink.error(
                                        failed.tokenRejected()
                                                ? new NodeApiException(
                                                        operation + " failed: access token rejected (401)",
                                                        401,
                                                        "Home Assistant refused the access token on the WebSocket API.",
                                                        null)
                                                : new NodeApiException(
                                                        operation + " failed: unexpected WebSocket answer: "
                                                                + failed.message(),
                                                        0));
                            case Handshake.Wait w -> {}
                        }
                        return;
                    }
                    if (m.isResult() && m.id().isPresent() && m.id().get() == commandId[0]) {
                        if (m.success()) {
                            sink.next(Optional.ofNullable(m.result()));
                        } else {
                            sink.error(commandError(operation, m));
                        }
                    }
                })
                .next()
                .switchIfEmpty(Mono.error(() -> new NodeApiException(
                        operation + " failed: Home Assistant closed the WebSocket connection before answering", 0)));

        Flux<Optional<Object>> sending =
                out.sendString(outgoing.asFlux()).then().thenMany(Flux.empty());
        return Flux.merge(sending, result).next();
    }

    static NodeApiException commandError(String operation, Message m) {
        return HomeAssistantErrors.forCommand(operation, m);
    }
}
