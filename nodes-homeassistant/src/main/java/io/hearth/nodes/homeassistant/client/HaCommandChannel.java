package io.hearth.nodes.homeassistant.client;

import io.hearth.node.NodeApiException;
import io.hearth.node.credential.Secret;
import io.hearth.nodes.homeassistant.client.HaWebSocketProtocol.Message;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.core.publisher.MonoSink;
import reactor.core.scheduler.Scheduler;

/**
 * The node's WebSocket commands ({@code get_states}, registries, {@code call_service} with a response,
 * statistics...) over one shared, authenticated socket per Home Assistant instead of a socket each: opened
 * by the first command, kept while commands come, closed after {@code idle} without any. Commands sent
 * before {@code auth_ok} wait for it; when the socket ends, the commands under way fail with the reason and
 * the next command opens a new one.
 */
final class HaCommandChannel implements HaSession.Listener {

    private final HomeAssistantClient client;
    private final Scheduler scheduler;
    private final Duration handshakeTimeout;
    private final Duration idle;

    // guarded by this
    private HaSession session;
    private Secret sessionToken = Secret.of("");
    private final List<Request> waiting = new ArrayList<>();
    private final Set<Request> underway = new LinkedHashSet<>();
    private Disposable idleTimer;

    HaCommandChannel(HomeAssistantClient client, Scheduler scheduler, Duration handshakeTimeout, Duration idle) {
        this.client = client;
        this.scheduler = scheduler;
        this.handshakeTimeout = handshakeTimeout;
        this.idle = idle;
    }

    /** One command and who waits for its result. */
    private record Request(String operation, Map<String, Object> command, MonoSink<Optional<Object>> sink) {}

    /**
     * The command's result (empty for a null result); a failure names {@code operation}. With "Sign in with
     * Home Assistant", a refused access token is refreshed once and the command sent again.
     */
    Mono<Optional<Object>> send(String operation, Map<String, Object> command, Duration timeout) {
        HaTokens tokens = client.tokens();
        return tokens.current()
                .flatMap(token -> send(operation, command, token)
                        .onErrorResume(
                                e -> tokens.canRefresh()
                                        && e instanceof NodeApiException api
                                        && api.httpStatus().orElse(0) == 401,
                                e -> tokens.refreshAfter(token).flatMap(fresh -> send(operation, command, fresh))))
                .timeout(timeout, Mono.error(() -> new TimeoutException("no answer within " + timeout)));
    }

    private Mono<Optional<Object>> send(String operation, Map<String, Object> command, Secret token) {
        return Mono.<Optional<Object>>create(sink -> {
            Request r = new Request(operation, command, sink);
            sink.onDispose(() -> done(r));
            HaSession start = null;
            List<Request> failUnderway = List.of();
            synchronized (this) {
                cancelIdle();
                if (session == null || session.isOver() || !token.reveal().equals(sessionToken.reveal())) {
                    if (session != null && !session.isOver()) {
                        session.end(); // its token was refused or replaced
                        failUnderway = List.copyOf(underway);
                        underway.clear();
                    }
                    session = HaSession.create(client, token, this);
                    sessionToken = token;
                    start = session;
                }
                if (session.authenticated()) {
                    dispatch(session, r);
                } else {
                    waiting.add(r);
                }
            }
            failUnderway.forEach(u ->
                    u.sink().error(new NodeApiException(u.operation() + " failed: the connection was renewed", 0)));
            if (start != null) {
                start.start(client, scheduler, handshakeTimeout, () -> {}, () -> {});
            }
        });
    }

    /** Sends {@code r} on {@code s}. Called under the lock. */
    private void dispatch(HaSession s, Request r) {
        underway.add(r);
        s.command(r.command(), m -> {
            synchronized (this) {
                underway.remove(r);
                scheduleIdle();
            }
            if (m.success()) {
                r.sink().success(Optional.ofNullable(m.result()));
            } else {
                r.sink().error(HomeAssistantErrors.forCommand(r.operation(), m));
            }
        });
    }

    private void done(Request r) {
        synchronized (this) {
            waiting.remove(r);
            underway.remove(r);
            scheduleIdle();
        }
    }

    @Override
    public void onAuthenticated(HaSession s, String haVersion) {
        synchronized (this) {
            if (session != s) {
                return;
            }
            List<Request> ready = List.copyOf(waiting);
            waiting.clear();
            ready.forEach(r -> dispatch(s, r));
            scheduleIdle();
        }
    }

    @Override
    public void onMessage(HaSession s, Message message) {
        // no subscriptions on this socket
    }

    @Override
    public void onEnded(HaSession s, String reason, boolean tokenRejected, Throwable cause) {
        List<Request> failed = new ArrayList<>();
        synchronized (this) {
            if (session != s) {
                return;
            }
            session = null;
            failed.addAll(waiting);
            failed.addAll(underway);
            waiting.clear();
            underway.clear();
            cancelIdle();
        }
        for (Request r : failed) {
            r.sink()
                    .error(
                            tokenRejected
                                    ? new NodeApiException(
                                            r.operation() + " failed: access token rejected (401)",
                                            401,
                                            "Home Assistant refused the access token on the WebSocket API.",
                                            null)
                                    : new NodeApiException(r.operation() + " failed: " + reason, 0, null, cause));
        }
    }

    /** Closes the socket after {@code idle} without commands. Called under the lock. */
    private void scheduleIdle() {
        if (session == null || !waiting.isEmpty() || !underway.isEmpty()) {
            return;
        }
        cancelIdle();
        HaSession s = session;
        idleTimer = scheduler.schedule(
                () -> {
                    synchronized (this) {
                        if (session == s && waiting.isEmpty() && underway.isEmpty()) {
                            session = null;
                            s.end();
                        }
                    }
                },
                idle.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    private void cancelIdle() {
        if (idleTimer != null) {
            idleTimer.dispose();
            idleTimer = null;
        }
    }

    /** Closes the socket now. */
    void close() {
        HaSession s;
        synchronized (this) {
            s = session;
            session = null;
            cancelIdle();
        }
        if (s != null) {
            s.end();
        }
    }
}
