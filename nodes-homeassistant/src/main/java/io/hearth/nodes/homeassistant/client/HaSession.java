package io.hearth.nodes.homeassistant.client;

import io.hearth.node.credential.Secret;
import io.hearth.nodes.homeassistant.client.HaWebSocketProtocol.Handshake;
import io.hearth.nodes.homeassistant.client.HaWebSocketProtocol.Message;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Scheduler;

/**
 * One physical WebSocket to Home Assistant's {@code /api/websocket}: the authentication handshake (with a
 * deadline), command ids, the result handler of each pending command, and the outgoing frames. What a
 * session carries (subscriptions, node commands) is its owner's business; the owner hears through a
 * {@link Listener} when the session is authenticated, each message that is not a result it asked for
 * (events), and once when the session ends by itself (closed, refused token, protocol error, no
 * handshake in time). Ending it with {@link #end()} is silent. Thread-safe; callbacks run on the socket's
 * thread or the scheduler's, never under this object's lock. The token is never logged.
 */
public final class HaSession {

    private static final Logger LOG = LoggerFactory.getLogger(HaSession.class);

    /** What a session tells its owner. */
    public interface Listener {

        /** {@code auth_ok}: commands may be sent now. */
        void onAuthenticated(HaSession session, String haVersion);

        /** A message that is not the result of a command sent with a handler: events (and unknown types). */
        void onMessage(HaSession session, Message message);

        /**
         * The session ended by itself; called once. {@code tokenRejected}: Home Assistant answered
         * {@code auth_invalid}.
         */
        void onEnded(HaSession session, String reason, boolean tokenRejected, Throwable cause);
    }

    private final String name;
    private final Listener listener;
    private final Handshake handshake;
    private final HaWebSocketProtocol.Ids ids = new HaWebSocketProtocol.Ids();
    private final Sinks.Many<String> outgoing = Sinks.many().unicast().onBackpressureBuffer();
    private final AtomicBoolean over = new AtomicBoolean();
    private final Map<Long, Consumer<Message>> pending = new HashMap<>(); // guarded by this
    private volatile boolean authenticated;
    private Disposable socket; // guarded by this
    private Disposable handshakeTimer; // guarded by this

    private HaSession(String name, Secret token, Listener listener) {
        this.name = name;
        this.listener = listener;
        this.handshake = new Handshake(token);
    }

    /** A session that authenticates with {@code token} once {@linkplain #start started}. */
    public static HaSession create(HomeAssistantClient client, Secret token, Listener listener) {
        return new HaSession(client.settings().hostAndPort(), token, listener);
    }

    /**
     * Opens the socket on {@code client}'s address and TLS settings; the listener then hears
     * {@link Listener#onAuthenticated} or {@link Listener#onEnded}. {@code onSocketOpen} and
     * {@code onSocketClosed} count physical sockets.
     */
    public void start(
            HomeAssistantClient client,
            Scheduler scheduler,
            Duration handshakeTimeout,
            Runnable onSocketOpen,
            Runnable onSocketClosed) {
        Disposable opened = client.<Void>websocket((in, out) -> {
                    onSocketOpen.run();
                    Mono<Void> receive = in.aggregateFrames(HomeAssistantClient.maxWebSocketMessage())
                            .receive()
                            .asString()
                            .doOnNext(this::onFrame)
                            .then()
                            .doFinally(signal -> outgoing.tryEmitComplete());
                    Mono<Void> send = out.sendString(outgoing.asFlux()).then();
                    return Mono.when(receive, send).doFinally(signal -> onSocketClosed.run());
                })
                .subscribe(
                        null,
                        e -> ended(
                                HomeAssistantErrors.forTransport("Connecting to Home Assistant", client.settings(), e)
                                        .getMessage(),
                                false,
                                e),
                        () -> ended("Home Assistant at " + name + " closed the connection", false, null));
        Disposable timer = scheduler.schedule(
                () -> {
                    if (!authenticated) {
                        ended(
                                "Home Assistant at " + name + " did not complete the WebSocket handshake within "
                                        + handshakeTimeout.toSeconds() + " s",
                                false,
                                null);
                    }
                },
                handshakeTimeout.toMillis(),
                TimeUnit.MILLISECONDS);
        synchronized (this) {
            socket = opened;
            handshakeTimer = timer;
        }
        if (over.get()) { // ended while being set up
            release();
        }
    }

    public boolean authenticated() {
        return authenticated;
    }

    public boolean isOver() {
        return over.get();
    }

    /**
     * Sends a command with a fresh id; {@code onResult} gets its result (or its {@code pong}). Returns the id
     * (events of a subscription carry it). Does nothing once the session is over.
     */
    public long command(Map<String, Object> command, Consumer<Message> onResult) {
        long id = ids.next();
        synchronized (this) {
            if (over.get()) {
                return id;
            }
            pending.put(id, onResult);
        }
        send(HaWebSocketProtocol.encodeCommand(id, command));
        return id;
    }

    /** Forgets the handler of a command whose answer no longer matters. */
    public synchronized void forget(long id) {
        pending.remove(id);
    }

    /** Closes the socket without telling the listener. */
    public void end() {
        if (over.compareAndSet(false, true)) {
            release();
        }
    }

    private void send(String text) {
        if (!over.get()) {
            outgoing.tryEmitNext(text);
        }
    }

    private void ended(String reason, boolean tokenRejected, Throwable cause) {
        if (over.compareAndSet(false, true)) {
            release();
            listener.onEnded(this, reason, tokenRejected, cause);
        }
    }

    private void release() {
        Disposable s;
        Disposable t;
        synchronized (this) {
            s = socket;
            t = handshakeTimer;
            pending.clear();
        }
        outgoing.tryEmitComplete();
        if (s != null) {
            s.dispose();
        }
        if (t != null) {
            t.dispose();
        }
    }

    private void onFrame(String text) {
        List<Message> messages;
        try {
            messages = HaWebSocketProtocol.decode(text);
        } catch (IllegalArgumentException e) {
            LOG.warn("{}: ignoring a message: {}", name, e.getMessage());
            return;
        }
        for (Message m : messages) {
            try {
                onMessage(m);
            } catch (RuntimeException e) {
                LOG.error("{}: failed to handle a '{}' message", name, m.type(), e);
            }
        }
    }

    private void onMessage(Message m) {
        if (over.get()) {
            return;
        }
        if (!authenticated) {
            switch (handshake.onMessage(m)) {
                case Handshake.Send send -> send(send.text());
                case Handshake.Authenticated ok -> {
                    authenticated = true;
                    Disposable t;
                    synchronized (this) {
                        t = handshakeTimer;
                    }
                    if (t != null) {
                        t.dispose();
                    }
                    listener.onAuthenticated(this, ok.haVersion());
                }
                case Handshake.Failed failed -> {
                    if (failed.tokenRejected()) {
                        ended(
                                "Home Assistant rejected the access token (auth_invalid): " + failed.message(),
                                true,
                                null);
                    } else {
                        ended(
                                "Home Assistant at " + name + " broke the WebSocket protocol: " + failed.message(),
                                false,
                                null);
                    }
                }
                case Handshake.Wait w -> {}
            }
            return;
        }
        if ((m.isResult() || "pong".equals(m.type())) && m.id().isPresent()) {
            Consumer<Message> handler;
            synchronized (this) {
                handler = pending.remove(m.id().get());
            }
            if (handler != null) {
                handler.accept(m);
                return;
            }
        }
        listener.onMessage(this, m);
    }

    @Override
    public String toString() {
        return "HaSession[" + name + (authenticated ? ", authenticated" : "") + (over.get() ? ", over" : "") + "]";
    }
}
