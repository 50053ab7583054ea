package io.hearth.nodes.homeassistant.trigger;

import io.hearth.node.NodeApiException;
import io.hearth.node.NodeException;
import io.hearth.node.trigger.TriggerStatus;
import io.hearth.nodes.homeassistant.client.HaConnectionSettings;
import io.hearth.nodes.homeassistant.client.HaWebSocketProtocol;
import io.hearth.nodes.homeassistant.client.HaWebSocketProtocol.Handshake;
import io.hearth.nodes.homeassistant.client.HaWebSocketProtocol.Message;
import io.hearth.nodes.homeassistant.client.HomeAssistantClient;
import io.hearth.nodes.homeassistant.client.HomeAssistantErrors;
import io.hearth.nodes.homeassistant.client.Json;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Scheduler;

/**
 * One long-lived WebSocket to one Home Assistant (one credential), shared by every active trigger
 * using that credential.
 * <ul>
 *   <li><b>Multiplexing.</b> Each trigger registers a subscribe command; equal commands share one Home
 *       Assistant subscription (all state triggers share one {@code subscribe_events state_changed}),
 *       events are routed by subscription id and filtered per trigger by the listener. A subscription
 *       without listeners is ended with {@code unsubscribe_events}; the socket closes with the last one.</li>
 *   <li><b>Heartbeat.</b> A {@code ping} every {@link ConnectionOptions#heartbeat()}; if the previous one
 *       is still unanswered the socket is considered dead and reopened.</li>
 *   <li><b>Reconnect.</b> After a lost connection: capped exponential backoff with jitter, then
 *       authenticate and resubscribe everything. Listeners see {@code RECONNECTING} (with the reason),
 *       then {@code CONNECTED}; a token rejected on a reconnect gives {@code AUTH_FAILED} and slow retries.
 *       A connection that never worked does not retry: its registrations fail with the reason.</li>
 *   <li><b>Missed state changes.</b> While a {@code state_changed} subscription exists, the last known
 *       state of every entity is kept (seeded by {@code get_states}, updated by the events). After a
 *       reconnect a fresh {@code get_states} is compared with it and each difference is delivered once as
 *       a synthesised {@code state_changed} event marked {@code missed}. The snapshot is requested after
 *       the subscription, so a change is either in a live event received before the snapshot's answer
 *       or in the snapshot, never reported twice; a live event repeating a state already delivered is dropped.</li>
 * </ul>
 * Frames are handled on the socket's event-loop thread; timers (heartbeat, reconnect, handshake and
 * subscription timeouts) run on the given {@link Scheduler}. Shared state is guarded by this object's
 * monitor; listeners are called outside it. The token is never logged: the connection is named by
 * host and port only.
 */
public final class HaEventConnection {

    private static final Logger LOG = LoggerFactory.getLogger(HaEventConnection.class);
    private static final String STATE_KEY = key(TriggerSpec.StateTrigger.COMMAND);

    private enum Phase {
        NEW,
        CONNECTING,
        CONNECTED,
        RECONNECTING,
        FAILED,
        CLOSED
    }

    private final HaConnectionSettings settings;
    private final ConnectionOptions options;
    private final Scheduler scheduler;
    private final Runnable onClosed;
    private final HomeAssistantClient client;
    private final Backoff backoff;
    private final String name;

    private final AtomicInteger openSockets = new AtomicInteger();
    private final AtomicInteger socketsOpened = new AtomicInteger();
    private final AtomicLong eventsReceived = new AtomicLong();

    // guarded by this
    private final Map<String, Sub> subs = new LinkedHashMap<>();
    private Phase phase = Phase.NEW;
    private Session session;
    private boolean everConnected;
    private String haVersion = "";
    private NodeException failure;
    private TriggerStatus status;
    private Map<String, Map<String, Object>> lastKnown;
    private Disposable heartbeat;
    private Disposable reconnectTask;
    private boolean reconnectPaused;
    private boolean reconnectDue;

    HaEventConnection(
            HaConnectionSettings settings, ConnectionOptions options, Scheduler scheduler, Runnable onClosed) {
        this.settings = settings;
        this.options = options;
        this.scheduler = scheduler;
        this.onClosed = onClosed;
        this.client = HomeAssistantClient.create(settings, options.client());
        this.backoff = new Backoff(options.backoffInitial(), options.backoffMax());
        this.name = settings.hostAndPort();
        this.status = TriggerStatus.of(TriggerStatus.State.CONNECTING, "Connecting to Home Assistant at " + name);
    }

    // ------------------------------------------------------------------------------ registrations

    /**
     * Adds a listener for {@code command}'s events; empty when this connection is closed or failed
     * (the registry then opens a new one).
     */
    Optional<SubscriptionListener.Registration> tryRegister(
            Map<String, Object> command, SubscriptionListener listener) {
        Reg reg;
        List<Runnable> after = new ArrayList<>();
        synchronized (this) {
            if (phase == Phase.CLOSED || phase == Phase.FAILED) {
                return Optional.empty();
            }
            Sub sub = subs.computeIfAbsent(key(command), k -> new Sub(k, command));
            reg = new Reg(sub, listener);
            sub.regs.add(reg);
            switch (phase) {
                case NEW -> {
                    phase = Phase.CONNECTING;
                    heartbeat = scheduler.schedulePeriodically(
                            this::heartbeatTick,
                            options.heartbeat().toMillis(),
                            options.heartbeat().toMillis(),
                            TimeUnit.MILLISECONDS);
                    after.add(this::connect);
                }
                case CONNECTING -> {
                    // the subscription goes out after auth_ok; ready completes with its result
                }
                case CONNECTED -> {
                    if (sub.active) {
                        TriggerStatus s = connectedStatus();
                        after.add(() -> {
                            reg.status(s);
                            reg.ready.complete(null);
                        });
                    } else if (sub.haId == null && session != null && session.authenticated) {
                        subscribe(session, sub);
                    }
                }
                case RECONNECTING -> {
                    // worked before: listen as soon as the connection is back
                    TriggerStatus s = status;
                    after.add(() -> {
                        reg.status(s); // first: whoever waits on ready sees the status
                        reg.ready.complete(null);
                    });
                }
                default -> throw new IllegalStateException(phase.name());
            }
            if (!reg.ready.isDone()) {
                reg.timeout = scheduler.schedule(
                        () -> reg.ready.completeExceptionally(new NodeApiException(
                                "Home Assistant at " + name + " did not confirm the subscription within "
                                        + options.subscribeTimeout().toSeconds() + " s",
                                0,
                                "Home Assistant may be starting or overloaded; try again.",
                                null)),
                        options.subscribeTimeout().toMillis(),
                        TimeUnit.MILLISECONDS);
            }
        }
        after.forEach(Runnable::run);
        return Optional.of(reg);
    }

    private void unregister(Reg reg) {
        boolean closeNow = false;
        synchronized (this) {
            if (reg.closed) {
                return;
            }
            reg.closed = true;
            if (reg.timeout != null) {
                reg.timeout.dispose();
            }
            Sub sub = reg.sub;
            sub.regs.remove(reg);
            if (sub.regs.isEmpty() && subs.get(sub.key) == sub) {
                subs.remove(sub.key);
                if (sub.haId != null && session != null && session.authenticated && sub.active) {
                    unsubscribe(session, sub.haId);
                }
                if (sub.key.equals(STATE_KEY)) {
                    lastKnown = null;
                }
            }
            if (subs.isEmpty() && phase != Phase.CLOSED) {
                closeNow = true;
                phase = Phase.CLOSED;
                if (session != null) {
                    session.end();
                    session = null;
                }
                if (heartbeat != null) {
                    heartbeat.dispose();
                }
                if (reconnectTask != null) {
                    reconnectTask.dispose();
                }
            }
        }
        if (closeNow) {
            LOG.debug("Last trigger of {} closed: closing its WebSocket", name);
            client.close();
            onClosed.run();
        }
    }

    // ------------------------------------------------------------------------------ socket

    private void connect() {
        Session s;
        synchronized (this) {
            if (phase == Phase.CLOSED || phase == Phase.FAILED) {
                return;
            }
            if (reconnectPaused) {
                reconnectDue = true;
                return;
            }
            s = new Session(everConnected, settings.accessToken());
            session = s;
        }
        LOG.debug("Opening the Home Assistant WebSocket {}", settings);
        Disposable socket = client.<Void>websocket((in, out) -> {
                    openSockets.incrementAndGet();
                    socketsOpened.incrementAndGet();
                    Mono<Void> receive = in.aggregateFrames(HomeAssistantClient.maxWebSocketMessage())
                            .receive()
                            .asString()
                            .doOnNext(text -> onFrame(s, text))
                            .then()
                            .doFinally(signal -> s.completeOutgoing());
                    Mono<Void> send = out.sendString(s.outgoing.asFlux()).then();
                    return Mono.when(receive, send).doFinally(signal -> openSockets.decrementAndGet());
                })
                .subscribe(null, e -> onSocketEnded(s, e), () -> onSocketEnded(s, null));
        s.attach(socket);
        s.handshakeTimer = scheduler.schedule(
                () -> {
                    boolean late;
                    synchronized (this) {
                        late = session == s && !s.authenticated;
                    }
                    if (late) {
                        lost(
                                s,
                                "Home Assistant at " + name + " did not complete the WebSocket handshake within "
                                        + options.handshakeTimeout().toSeconds() + " s",
                                false);
                    }
                },
                options.handshakeTimeout().toMillis(),
                TimeUnit.MILLISECONDS);
    }

    private void onSocketEnded(Session s, Throwable error) {
        String reason = error == null
                ? "Home Assistant at " + name + " closed the connection"
                : HomeAssistantErrors.forTransport("Connecting to Home Assistant", settings, error)
                        .getMessage();
        lost(s, reason, false, error);
    }

    private void onFrame(Session s, String text) {
        List<Message> messages;
        try {
            messages = HaWebSocketProtocol.decode(text);
        } catch (IllegalArgumentException e) {
            LOG.warn("{}: ignoring a message: {}", name, e.getMessage());
            return;
        }
        for (Message m : messages) {
            try {
                onMessage(s, m);
            } catch (RuntimeException e) {
                LOG.error("{}: failed to handle a '{}' message", name, m.type(), e);
            }
        }
    }

    private void onMessage(Session s, Message m) {
        if (!s.authenticated) {
            Handshake.Step step;
            synchronized (this) {
                if (session != s) {
                    return;
                }
                step = s.handshake.onMessage(m);
                switch (step) {
                    case Handshake.Send send -> s.send(send.text());
                    case Handshake.Authenticated ok -> authenticated(s);
                    default -> {}
                }
            }
            if (step instanceof Handshake.Failed failed) {
                if (failed.tokenRejected()) {
                    lost(s, "Home Assistant rejected the access token (auth_invalid): " + failed.message(), true);
                } else {
                    lost(s, "Home Assistant at " + name + " broke the WebSocket protocol: " + failed.message(), false);
                }
            }
            return;
        }
        switch (m.type()) {
            case "event" -> onEvent(s, m);
            case "result", "pong" -> {
                Consumer<Message> handler;
                synchronized (this) {
                    handler = session == s && m.id().isPresent() ? s.pending.remove(m.id().get()) : null;
                }
                if (handler != null) {
                    handler.accept(m);
                }
            }
            default -> LOG.debug("{}: ignoring a '{}' message", name, m.type());
        }
    }

    /** auth_ok: resubscribe everything (and take a state snapshot). Called under the lock. */
    private void authenticated(Session s) {
        s.authenticated = true;
        if (s.handshakeTimer != null) {
            s.handshakeTimer.dispose();
        }
        boolean reconnect = everConnected;
        everConnected = true;
        phase = Phase.CONNECTED;
        backoff.reset();
        haVersion = s.handshake.haVersion();
        status = connectedStatus();
        LOG.info(
                "{} Home Assistant {} at {} ({} subscription(s))",
                reconnect ? "Reconnected to" : "Connected to",
                haVersion,
                name,
                subs.size());
        command(s, Map.of("type", "supported_features", "features", Map.of("coalesce_messages", 1)), m -> {});
        for (Sub sub : subs.values()) {
            subscribe(s, sub);
        }
    }

    /** Sends a subscribe command for {@code sub} on {@code s}. Called under the lock. */
    private void subscribe(Session s, Sub sub) {
        sub.active = false;
        long id = command(s, sub.command, m -> onSubscribeResult(s, sub, m));
        sub.haId = id;
        s.subsById.put(id, sub);
        if (sub.key.equals(STATE_KEY)) {
            // after the subscription: every change is then in a live event or in the snapshot
            boolean compare = s.reconnect && lastKnown != null;
            s.snapshotPending = true;
            s.compareSnapshot = compare;
            command(s, Map.of("type", "get_states"), m -> onSnapshot(s, m, compare));
        }
    }

    private void unsubscribe(Session s, long haId) {
        s.subsById.remove(haId);
        command(s, Map.of("type", "unsubscribe_events", "subscription", haId), m -> {
            if (!m.success()) {
                LOG.debug("{}: unsubscribe_events {} failed: {}", name, haId, m.errorMessage());
            }
        });
    }

    /** Sends a command with a fresh id; {@code onResult} gets its answer. Called under the lock. */
    private long command(Session s, Map<String, Object> command, Consumer<Message> onResult) {
        long id = s.ids.next();
        s.pending.put(id, onResult);
        s.send(HaWebSocketProtocol.encodeCommand(id, command));
        return id;
    }

    private void onSubscribeResult(Session s, Sub sub, Message m) {
        List<Runnable> after = new ArrayList<>();
        synchronized (this) {
            if (session != s || sub.haId == null || !m.id().equals(Optional.of(sub.haId))) {
                return;
            }
            if (subs.get(sub.key) != sub) { // every listener left while the answer was under way
                if (m.success() && s.authenticated) {
                    unsubscribe(s, sub.haId);
                }
                return;
            }
            if (m.success()) {
                sub.active = true;
                TriggerStatus connected = connectedStatus();
                for (Reg reg : sub.regs) {
                    after.add(() -> {
                        reg.status(connected); // first: whoever waits on ready sees the status
                        reg.ready.complete(null);
                    });
                }
            } else {
                NodeException error = subscribeError(sub.command, m);
                s.subsById.remove(sub.haId);
                sub.haId = null;
                LOG.warn("{}: {}", name, error.getMessage());
                TriggerStatus failed = TriggerStatus.of(TriggerStatus.State.ERROR, error.getMessage());
                for (Reg reg : sub.regs) {
                    after.add(() -> {
                        if (!reg.ready.completeExceptionally(error)) {
                            reg.status(failed);
                        }
                    });
                }
            }
        }
        after.forEach(Runnable::run);
    }

    private void onEvent(Session s, Message m) {
        eventsReceived.incrementAndGet();
        Map<String, Object> event = Json.asObject(m.fields().get("event"));
        List<Map<String, Object>> missed = List.of();
        Sub sub;
        synchronized (this) {
            if (session != s || m.id().isEmpty()) {
                return;
            }
            sub = s.subsById.get(m.id().get());
            if (sub == null) {
                return;
            }
            if (sub.key.equals(STATE_KEY) && lastKnown != null) {
                Map<String, Object> data = Json.asObject(event.get("data"));
                String entityId = Json.asString(data.get("entity_id"));
                Map<String, Object> known = lastKnown.get(entityId);
                Map<String, Object> oldState =
                        data.get("old_state") instanceof Map<?, ?> ? Json.asObject(data.get("old_state")) : null;
                Map<String, Object> newState =
                        data.get("new_state") instanceof Map<?, ?> ? Json.asObject(data.get("new_state")) : null;
                if (known != null && newState != null && sameVersion(known, newState)) {
                    return; // already delivered (from the snapshot after a reconnect)
                }
                if (s.snapshotPending
                        && s.compareSnapshot
                        && known != null
                        && oldState != null
                        && differs(known, oldState)) {
                    // a change while disconnected, followed by a live one before the snapshot came back
                    missed = List.of(synthetic(entityId, known, oldState));
                }
                if (newState == null) {
                    lastKnown.remove(entityId);
                } else {
                    lastKnown.put(entityId, newState);
                }
            }
        }
        List<Reg> regs = sub.regs;
        for (Map<String, Object> e : missed) {
            deliver(regs, e, true);
        }
        deliver(regs, event, false);
    }

    private void onSnapshot(Session s, Message m, boolean compare) {
        List<Map<String, Object>> missed = new ArrayList<>();
        List<Reg> regs;
        synchronized (this) {
            if (session != s) {
                return;
            }
            s.snapshotPending = false;
            Sub sub = subs.get(STATE_KEY);
            if (sub == null) {
                return;
            }
            if (!m.success()) {
                LOG.warn(
                        "{}: get_states failed ({}); changes missed while disconnected cannot be detected",
                        name,
                        m.errorMessage());
                return;
            }
            Map<String, Map<String, Object>> fresh = new HashMap<>();
            for (Object o : Json.asList(m.result())) {
                Map<String, Object> state = Json.asObject(o);
                fresh.put(Json.asString(state.get("entity_id")), state);
            }
            if (compare && lastKnown != null) {
                lastKnown.forEach((entityId, known) -> {
                    Map<String, Object> now = fresh.get(entityId);
                    if (now != null && differs(known, now)) {
                        missed.add(synthetic(entityId, known, now));
                    }
                });
            }
            lastKnown = fresh;
            regs = sub.regs;
        }
        if (compare) {
            LOG.info("{}: {} state change(s) happened while disconnected", name, missed.size());
        }
        for (Map<String, Object> e : missed) {
            deliver(regs, e, true);
        }
    }

    private void deliver(List<Reg> regs, Map<String, Object> event, boolean missed) {
        for (Reg reg : regs) {
            if (!reg.closed) {
                try {
                    reg.listener.onEvent(event, missed);
                } catch (RuntimeException e) {
                    LOG.error("{}: a trigger failed to handle an event", name, e);
                }
            }
        }
    }

    private void heartbeatTick() {
        Session dead = null;
        synchronized (this) {
            Session s = session;
            if (s == null || !s.authenticated || phase != Phase.CONNECTED) {
                return;
            }
            if (s.pingOutstanding) {
                dead = s;
            } else {
                s.pingOutstanding = true;
                command(s, Map.of("type", "ping"), m -> s.pingOutstanding = false);
            }
        }
        if (dead != null) {
            lost(dead, "no pong from Home Assistant at " + name + " within " + seconds(options.heartbeat()), false);
        }
    }

    /**
     * The session is over: before the first success every registration fails with {@code reason}; after
     * it, listeners hear RECONNECTING (or AUTH_FAILED) and a reconnect is scheduled.
     */
    private void lost(Session s, String reason, boolean tokenRejected) {
        lost(s, reason, tokenRejected, null);
    }

    private void lost(Session s, String reason, boolean tokenRejected, Throwable cause) {
        List<Runnable> after = new ArrayList<>();
        synchronized (this) {
            if (session != s || phase == Phase.CLOSED || phase == Phase.FAILED) {
                return;
            }
            session = null;
            s.end();
            for (Sub sub : subs.values()) {
                sub.haId = null;
                sub.active = false;
            }
            if (!everConnected) {
                phase = Phase.FAILED;
                failure = tokenRejected
                        ? new NodeApiException(
                                reason,
                                401,
                                "Create a long-lived access token on your Home Assistant profile "
                                        + "page (Security tab) and update the credential.",
                                null)
                        : new NodeApiException(reason, 0, null, cause);
                LOG.warn("Could not connect to Home Assistant at {}: {}", name, reason);
                NodeException f = failure;
                for (Sub sub : subs.values()) {
                    for (Reg reg : sub.regs) {
                        after.add(() -> reg.ready.completeExceptionally(f));
                    }
                }
                if (heartbeat != null) {
                    heartbeat.dispose();
                }
            } else {
                phase = Phase.RECONNECTING;
                Duration delay = tokenRejected ? options.authRetryDelay() : backoff.next();
                String retry = "; reconnecting in " + seconds(delay);
                status = TriggerStatus.of(
                        tokenRejected ? TriggerStatus.State.AUTH_FAILED : TriggerStatus.State.RECONNECTING,
                        reason + retry);
                LOG.warn("Home Assistant connection {} lost: {}{}", name, reason, retry);
                reconnectTask = scheduler.schedule(this::connect, delay.toMillis(), TimeUnit.MILLISECONDS);
                TriggerStatus st = status;
                for (Sub sub : subs.values()) {
                    for (Reg reg : sub.regs) {
                        after.add(() -> reg.status(st));
                    }
                }
            }
        }
        after.forEach(Runnable::run);
    }

    private TriggerStatus connectedStatus() {
        return TriggerStatus.of(
                TriggerStatus.State.CONNECTED,
                "Connected to Home Assistant " + (haVersion.isBlank() ? "" : haVersion + " ") + "at " + name);
    }

    // ------------------------------------------------------------------------------ test hooks and metrics

    /**
     * Test hook: while paused, a due reconnect waits; resuming runs it at once. Lets a test change
     * states after Home Assistant is back but before the trigger reconnects.
     */
    public void pauseReconnects(boolean paused) {
        boolean connectNow;
        synchronized (this) {
            reconnectPaused = paused;
            connectNow = !paused && reconnectDue;
            reconnectDue = false;
        }
        if (connectNow) {
            connect();
        }
    }

    /** False once closed or failed (the registry then opens a new connection). */
    synchronized boolean acceptsRegistrations() {
        return phase != Phase.CLOSED && phase != Phase.FAILED;
    }

    /** Whether the socket is open and authenticated. */
    public synchronized boolean isConnected() {
        return phase == Phase.CONNECTED;
    }

    /** Physical sockets open right now (0 or 1). */
    public int openSockets() {
        return openSockets.get();
    }

    /** Physical sockets opened so far (1 + reconnects). */
    public int socketsOpened() {
        return socketsOpened.get();
    }

    public long eventsReceived() {
        return eventsReceived.get();
    }

    /** Home Assistant subscriptions currently wanted (equal commands counted once). */
    public synchronized int subscriptionCount() {
        return subs.size();
    }

    public synchronized int listenerCount() {
        return subs.values().stream().mapToInt(s -> s.regs.size()).sum();
    }

    @Override
    public String toString() {
        return "HaEventConnection[" + name + "]";
    }

    // ------------------------------------------------------------------------------ helpers

    static String key(Map<String, Object> command) {
        return Json.write(canonical(command));
    }

    private static Object canonical(Object value) {
        if (value instanceof Map<?, ?> m) {
            Map<String, Object> sorted = new TreeMap<>();
            m.forEach((k, v) -> sorted.put(String.valueOf(k), canonical(v)));
            return sorted;
        }
        if (value instanceof List<?> l) {
            return l.stream().map(HaEventConnection::canonical).toList();
        }
        return value;
    }

    /** The same state object version: equal {@code last_updated} and state. */
    static boolean sameVersion(Map<String, Object> a, Map<String, Object> b) {
        Object ua = a.get("last_updated");
        return ua != null
                && ua.equals(b.get("last_updated"))
                && java.util.Objects.equals(a.get("state"), b.get("state"));
    }

    /** A change a trigger could care about: the state or an attribute differs. */
    static boolean differs(Map<String, Object> known, Map<String, Object> now) {
        return !java.util.Objects.equals(known.get("state"), now.get("state"))
                || !java.util.Objects.equals(known.get("attributes"), now.get("attributes"));
    }

    /** A {@code state_changed} event for a change seen only by comparing states. */
    static Map<String, Object> synthetic(String entityId, Map<String, Object> oldState, Map<String, Object> newState) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("entity_id", entityId);
        data.put("old_state", oldState);
        data.put("new_state", newState);
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("event_type", "state_changed");
        event.put("data", data);
        event.put("origin", "LOCAL");
        event.put("time_fired", newState.get("last_updated"));
        event.put("context", newState.get("context"));
        return event;
    }

    static NodeException subscribeError(Map<String, Object> command, Message m) {
        String type = Json.asString(command.get("type"));
        String code = m.errorCode();
        String text = m.errorMessage().isBlank() ? code : m.errorMessage();
        int echo = text.indexOf(". Got {"); // voluptuous errors repeat the whole message
        if (echo > 0) {
            text = text.substring(0, echo + 1);
        }
        if (text.length() > 300) {
            text = text.substring(0, 300) + "...";
        }
        if ("subscribe_trigger".equals(type)) {
            if ("unauthorized".equals(code)) {
                return new NodeApiException(
                        "Home Assistant refused the trigger config (unauthorized): subscribe_trigger is "
                                + "allowed to administrators only, and the access token's user is not an administrator",
                        403,
                        "Use a long-lived access token of an administrator, or the 'State Changed' or 'Event' mode.",
                        null);
            }
            return new NodeApiException(
                    "Home Assistant rejected the trigger config (" + code + "): " + text,
                    400,
                    "Check the trigger against Home Assistant's automation trigger documentation.",
                    null);
        }
        String what = command.get("event_type") == null ? "all events" : "'" + command.get("event_type") + "' events";
        if ("unauthorized".equals(code)) {
            return new NodeApiException(
                    "Home Assistant refused to subscribe to " + what + " (unauthorized): only "
                            + "administrators may subscribe to this; other users are limited to a fixed list of event types "
                            + "such as state_changed",
                    403,
                    "Use a long-lived access token of an administrator.",
                    null);
        }
        return HomeAssistantErrors.forCommand("Subscribing to " + what, m);
    }

    private static String seconds(Duration d) {
        return d.toMillis() % 1000 == 0
                ? d.toSeconds() + " s"
                : String.format(java.util.Locale.ROOT, "%.1f s", d.toMillis() / 1000.0);
    }

    /** One Home Assistant subscription shared by the listeners that asked for the same command. */
    private static final class Sub {
        final String key;
        final Map<String, Object> command;
        final List<Reg> regs = new CopyOnWriteArrayList<>();
        Long haId;
        boolean active;

        Sub(String key, Map<String, Object> command) {
            this.key = key;
            this.command = command;
        }
    }

    private final class Reg implements SubscriptionListener.Registration {
        final Sub sub;
        final SubscriptionListener listener;
        final CompletableFuture<Void> ready = new CompletableFuture<>();
        volatile boolean closed;
        Disposable timeout;

        Reg(Sub sub, SubscriptionListener listener) {
            this.sub = sub;
            this.listener = listener;
            ready.whenComplete((v, e) -> {
                Disposable t = timeout;
                if (t != null) {
                    t.dispose();
                }
            });
        }

        void status(TriggerStatus s) {
            if (!closed) {
                try {
                    listener.onStatus(s);
                } catch (RuntimeException e) {
                    LOG.error("{}: a trigger failed to take a status", name, e);
                }
            }
        }

        @Override
        public CompletionStage<Void> ready() {
            return ready;
        }

        @Override
        public void close() {
            unregister(this);
        }
    }

    /** One physical socket: its handshake, ids, pending commands and subscription ids. */
    private static final class Session {
        final boolean reconnect;
        final Handshake handshake;
        final HaWebSocketProtocol.Ids ids = new HaWebSocketProtocol.Ids();
        final Sinks.Many<String> outgoing = Sinks.many().unicast().onBackpressureBuffer();
        final Map<Long, Sub> subsById = new HashMap<>();
        final Map<Long, Consumer<Message>> pending = new HashMap<>();
        volatile boolean authenticated;
        volatile boolean pingOutstanding;
        boolean snapshotPending;
        boolean compareSnapshot;
        boolean ended;
        Disposable socket;
        Disposable handshakeTimer;

        Session(boolean reconnect, io.hearth.node.credential.Secret token) {
            this.reconnect = reconnect;
            this.handshake = new Handshake(token);
        }

        synchronized void send(String text) {
            if (!ended) {
                outgoing.tryEmitNext(text);
            }
        }

        synchronized void completeOutgoing() {
            outgoing.tryEmitComplete();
        }

        synchronized void attach(Disposable d) {
            if (ended) {
                d.dispose();
            } else {
                socket = d;
            }
        }

        synchronized void end() {
            ended = true;
            outgoing.tryEmitComplete();
            if (socket != null) {
                socket.dispose();
            }
            if (handshakeTimer != null) {
                handshakeTimer.dispose();
            }
        }
    }
}
