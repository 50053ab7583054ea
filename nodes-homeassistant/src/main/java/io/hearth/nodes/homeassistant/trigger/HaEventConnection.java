package io.hearth.nodes.homeassistant.trigger;

import io.hearth.node.NodeApiException;
import io.hearth.node.NodeException;
import io.hearth.node.credential.Secret;
import io.hearth.node.trigger.TriggerStatus;
import io.hearth.nodes.homeassistant.client.HaConnectionSettings;
import io.hearth.nodes.homeassistant.client.HaSession;
import io.hearth.nodes.homeassistant.client.HaWebSocketProtocol.Message;
import io.hearth.nodes.homeassistant.client.HomeAssistantClient;
import io.hearth.nodes.homeassistant.client.Json;
import io.hearth.nodes.homeassistant.trigger.Subscriptions.Listening;
import io.hearth.nodes.homeassistant.trigger.Subscriptions.Sub;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;

/**
 * One long-lived WebSocket to one Home Assistant (one credential), shared by every active trigger using
 * that credential. It coordinates focused parts, each guarded by this object's monitor:
 * <ul>
 *   <li>the {@link HaSession} of the current socket (handshake, command ids, results);</li>
 *   <li>{@link Subscriptions}: equal subscribe commands share one Home Assistant subscription, events are
 *       routed by its id; a subscription without listeners is ended with {@code unsubscribe_events}, and
 *       the socket closes with the last one;</li>
 *   <li>{@link Heartbeat}: a {@code ping} every {@link ConnectionOptions#heartbeat()}; one unanswered at
 *       the next beat means the socket is dead;</li>
 *   <li>{@link Reconnects}: after a lost connection, capped exponential backoff with jitter, then
 *       authenticate and resubscribe everything; listeners see {@code RECONNECTING} (with the reason),
 *       then {@code CONNECTED}; a token rejected on a reconnect gives {@code AUTH_FAILED} and slow retries;
 *       a connection that never worked does not retry: its registrations fail with the reason;</li>
 *   <li>{@link MissedChanges}: state changes that happened while disconnected are delivered once after
 *       the reconnect, marked missed.</li>
 * </ul>
 * Listeners are called outside the monitor. The token is never logged: the connection is named by host
 * and port only.
 * <p>Kept in one file beyond 400 lines: it is the coordinator of the parts above, and what is left (the
 * connection's state transitions on open, authentication, events and loss) must happen under its one monitor.
 */
public final class HaEventConnection {

    private static final Logger LOG = LoggerFactory.getLogger(HaEventConnection.class);
    private static final String STATE_KEY = Subscriptions.key(TriggerSpec.StateTrigger.COMMAND);

    private final HaConnectionSettings settings;
    private final ConnectionOptions options;
    private final Scheduler scheduler;
    private final Runnable onClosed;
    private final HomeAssistantClient client;
    private final String name;
    private final Heartbeat heartbeat;

    private final AtomicInteger openSockets = new AtomicInteger();
    private final AtomicInteger socketsOpened = new AtomicInteger();
    private final AtomicLong eventsReceived = new AtomicLong();

    // guarded by this
    private final Subscriptions subs = new Subscriptions();
    private final Reconnects reconnects;
    private final MissedChanges missed = new MissedChanges();
    private HaSession session;
    private Secret sessionToken;
    private Secret refused;
    private boolean refreshedBeforeFirstConnect;
    private boolean sessionIsReconnect;
    private String haVersion = "";
    private TriggerStatus status;

    HaEventConnection(
            HaConnectionSettings settings, ConnectionOptions options, Scheduler scheduler, Runnable onClosed) {
        this.settings = settings;
        this.options = options;
        this.scheduler = scheduler;
        this.onClosed = onClosed;
        this.client = HomeAssistantClient.create(settings, options.client());
        this.name = settings.hostAndPort();
        this.heartbeat = new Heartbeat(options.heartbeat(), scheduler);
        this.reconnects = new Reconnects(options, scheduler);
        this.status = TriggerStatus.of(TriggerStatus.State.CONNECTING, "Connecting to Home Assistant at " + name);
    }

    // ------------------------------------------------------------------------------ registrations

    /**
     * Adds a listener for {@code command}'s events; empty when this connection is closed or failed
     * (the registry then opens a new one).
     */
    Optional<SubscriptionListener.Registration> tryRegister(
            Map<String, Object> command, SubscriptionListener listener) {
        Listening reg;
        List<Runnable> after = new ArrayList<>();
        synchronized (this) {
            if (reconnects.isOver()) {
                return Optional.empty();
            }
            Sub sub = subs.want(command);
            reg = new Listening(sub, listener, this::unregister);
            sub.listeners.add(reg);
            switch (reconnects.phase()) {
                case NEW -> {
                    reconnects.start();
                    heartbeat.start(this::heartbeatTick);
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
                    } else if (sub.haId == null && session != null && session.authenticated()) {
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
                default -> throw new IllegalStateException(reconnects.phase().name());
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

    private void unregister(Listening reg) {
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
            sub.listeners.remove(reg);
            Long haId = sub.haId;
            boolean wasActive = sub.active;
            if (subs.dropIfUnused(sub)) {
                if (haId != null && session != null && session.authenticated() && wasActive) {
                    unsubscribe(session, haId);
                }
                if (sub.key.equals(STATE_KEY)) {
                    missed.forget();
                }
            }
            if (subs.isEmpty() && reconnects.phase() != Reconnects.Phase.CLOSED) {
                closeNow = true;
                reconnects.close();
                if (session != null) {
                    session.end();
                    session = null;
                }
                heartbeat.stop();
            }
        }
        if (closeNow) {
            LOG.debug("Last trigger of {} closed: closing its WebSocket", name);
            client.close();
            onClosed.run();
        }
    }

    // ------------------------------------------------------------------------------ session

    /**
     * Opens a session with the current access token; with "Sign in with Home Assistant", after Home
     * Assistant refused the last one, with a refreshed one. A refresh Home Assistant refuses ("Sign in
     * again") counts as a refused token.
     */
    private void connect() {
        Mono<Secret> token;
        synchronized (this) {
            if (!reconnects.mayConnect()) {
                return;
            }
            token = refused != null
                    ? client.tokens().refreshAfter(refused)
                    : client.tokens().current();
            refused = null;
        }
        token.subscribe(this::open, e -> lost(null, e.getMessage(), true, e));
    }

    private void open(Secret token) {
        HaSession s;
        synchronized (this) {
            if (!reconnects.mayConnect() || session != null) {
                return;
            }
            s = HaSession.create(client, token, new SessionListener());
            session = s;
            sessionToken = token;
        }
        LOG.debug("Opening the Home Assistant WebSocket {}", settings);
        s.start(
                client,
                scheduler,
                options.handshakeTimeout(),
                () -> {
                    openSockets.incrementAndGet();
                    socketsOpened.incrementAndGet();
                },
                openSockets::decrementAndGet);
    }

    /** What the current session reports. */
    private final class SessionListener implements HaSession.Listener {

        @Override
        public void onAuthenticated(HaSession s, String version) {
            synchronized (HaEventConnection.this) {
                if (session != s) {
                    return;
                }
                sessionIsReconnect = reconnects.connected();
                haVersion = version;
                status = connectedStatus();
                LOG.info(
                        "{} Home Assistant {} at {} ({} subscription(s))",
                        sessionIsReconnect ? "Reconnected to" : "Connected to",
                        haVersion,
                        name,
                        subs.all().size());
                s.command(Map.of("type", "supported_features", "features", Map.of("coalesce_messages", 1)), m -> {});
                for (Sub sub : subs.all()) {
                    subscribe(s, sub);
                }
            }
        }

        @Override
        public void onMessage(HaSession s, Message m) {
            if ("event".equals(m.type())) {
                onEvent(s, m);
            } else {
                LOG.debug("{}: ignoring a '{}' message", name, m.type());
            }
        }

        @Override
        public void onEnded(HaSession s, String reason, boolean tokenRejected, Throwable cause) {
            boolean refresh = tokenRejected && client.tokens().canRefresh();
            boolean refreshNow = false;
            if (refresh) {
                synchronized (HaEventConnection.this) {
                    if (session == s) {
                        refused = sessionToken; // the next connect refreshes it, after the usual backoff
                        // before the first success a lost session fails the trigger: refresh and try once now
                        if (!reconnects.everConnected() && !refreshedBeforeFirstConnect) {
                            refreshedBeforeFirstConnect = true;
                            refreshNow = true;
                            session = null;
                            s.end();
                            subs.sessionEnded();
                        }
                    }
                }
            }
            if (refreshNow) {
                connect();
                return;
            }
            lost(s, reason, tokenRejected && !refresh, cause);
        }
    }

    /** Sends the subscribe command of {@code sub} on {@code s} (and, for state changes, a snapshot). */
    private void subscribe(HaSession s, Sub sub) {
        long id = s.command(sub.command, m -> onSubscribeResult(s, sub, m));
        subs.sent(sub, id);
        if (sub.key.equals(STATE_KEY)) {
            // after the subscription: every change is then in a live event or in the snapshot
            boolean compare = missed.subscribed(sessionIsReconnect);
            s.command(Map.of("type", "get_states"), m -> onSnapshot(s, m, compare));
        }
    }

    private void unsubscribe(HaSession s, long haId) {
        s.command(Map.of("type", "unsubscribe_events", "subscription", haId), m -> {
            if (!m.success()) {
                LOG.debug("{}: unsubscribe_events {} failed: {}", name, haId, m.errorMessage());
            }
        });
    }

    private void onSubscribeResult(HaSession s, Sub sub, Message m) {
        List<Runnable> after = new ArrayList<>();
        synchronized (this) {
            if (session != s || sub.haId == null || !m.id().equals(Optional.of(sub.haId))) {
                return;
            }
            if (!subs.isWanted(sub)) { // every listener left while the answer was under way
                if (m.success() && s.authenticated()) {
                    unsubscribe(s, sub.haId);
                }
                return;
            }
            if (m.success()) {
                sub.active = true;
                TriggerStatus connected = connectedStatus();
                for (Listening reg : sub.listeners) {
                    after.add(() -> {
                        reg.status(connected); // first: whoever waits on ready sees the status
                        reg.ready.complete(null);
                    });
                }
            } else {
                NodeException error = Subscriptions.subscribeError(sub.command, m);
                subs.refused(sub);
                LOG.warn("{}: {}", name, error.getMessage());
                TriggerStatus failed = TriggerStatus.of(TriggerStatus.State.ERROR, error.getMessage());
                for (Listening reg : sub.listeners) {
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

    private void onEvent(HaSession s, Message m) {
        eventsReceived.incrementAndGet();
        Map<String, Object> event = Json.asObject(m.fields().get("event"));
        List<MissedChanges.Delivery> deliveries;
        Sub sub;
        synchronized (this) {
            if (session != s || m.id().isEmpty()) {
                return;
            }
            sub = subs.byHaId(m.id().get()).orElse(null);
            if (sub == null) {
                return;
            }
            deliveries = sub.key.equals(STATE_KEY)
                    ? missed.onEvent(event)
                    : List.of(new MissedChanges.Delivery(event, false));
        }
        for (MissedChanges.Delivery d : deliveries) {
            for (Listening reg : sub.listeners) {
                reg.event(d.event(), d.missed());
            }
        }
    }

    private void onSnapshot(HaSession s, Message m, boolean compare) {
        List<Map<String, Object>> changes;
        List<Listening> regs;
        synchronized (this) {
            if (session != s) {
                return;
            }
            Optional<Sub> sub =
                    subs.all().stream().filter(x -> x.key.equals(STATE_KEY)).findFirst();
            if (sub.isEmpty()) {
                missed.snapshotFailed();
                return;
            }
            if (!m.success()) {
                missed.snapshotFailed();
                LOG.warn(
                        "{}: get_states failed ({}); changes missed while disconnected cannot be detected",
                        name,
                        m.errorMessage());
                return;
            }
            changes = missed.snapshot(m.result(), compare);
            regs = sub.get().listeners;
        }
        if (compare) {
            LOG.info("{}: {} state change(s) happened while disconnected", name, changes.size());
        }
        for (Map<String, Object> e : changes) {
            for (Listening reg : regs) {
                reg.event(e, true);
            }
        }
    }

    private void heartbeatTick() {
        HaSession dead = null;
        synchronized (this) {
            HaSession s = session;
            if (s == null || !s.authenticated() || reconnects.phase() != Reconnects.Phase.CONNECTED) {
                return;
            }
            if (!heartbeat.beat(s)) {
                dead = s;
            }
        }
        if (dead != null) {
            lost(
                    dead,
                    "no pong from Home Assistant at " + name + " within " + seconds(heartbeat.interval()),
                    false,
                    null);
        }
    }

    /**
     * The session is over (or, {@code s} null, no token could be had for one): before the first success
     * every registration fails with {@code reason}; after it, listeners hear RECONNECTING (or AUTH_FAILED)
     * and a reconnect is scheduled.
     */
    private void lost(HaSession s, String reason, boolean tokenRejected, Throwable cause) {
        List<Runnable> after = new ArrayList<>();
        synchronized (this) {
            if (session != s || reconnects.isOver()) {
                return;
            }
            session = null;
            if (s != null) {
                s.end();
            }
            subs.sessionEnded();
            Optional<Duration> retry = reconnects.lost(tokenRejected, this::connect);
            if (retry.isEmpty()) {
                NodeException failure = cause instanceof NodeException given
                        ? given
                        : tokenRejected
                                ? new NodeApiException(
                                        reason,
                                        401,
                                        "Create a long-lived access token on your Home Assistant profile "
                                                + "page (Security tab) and update the credential.",
                                        null)
                                : new NodeApiException(reason, 0, null, cause);
                LOG.warn("Could not connect to Home Assistant at {}: {}", name, reason);
                for (Listening reg : subs.listeners()) {
                    after.add(() -> reg.ready.completeExceptionally(failure));
                }
                heartbeat.stop();
            } else {
                String again = "; reconnecting in " + seconds(retry.get());
                status = TriggerStatus.of(
                        tokenRejected ? TriggerStatus.State.AUTH_FAILED : TriggerStatus.State.RECONNECTING,
                        reason + again);
                LOG.warn("Home Assistant connection {} lost: {}{}", name, reason, again);
                TriggerStatus st = status;
                for (Listening reg : subs.listeners()) {
                    after.add(() -> reg.status(st));
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

    private static String seconds(Duration d) {
        return d.toMillis() % 1000 == 0
                ? d.toSeconds() + " s"
                : String.format(java.util.Locale.ROOT, "%.1f s", d.toMillis() / 1000.0);
    }

    // ------------------------------------------------------------------------------ test hooks and metrics

    /**
     * Test hook: while paused, a due reconnect waits; resuming runs it at once. Lets a test change
     * states after Home Assistant is back but before the trigger reconnects.
     */
    public void pauseReconnects(boolean paused) {
        boolean connectNow;
        synchronized (this) {
            connectNow = reconnects.pause(paused);
        }
        if (connectNow) {
            connect();
        }
    }

    /** False once closed or failed (the registry then opens a new connection). */
    synchronized boolean acceptsRegistrations() {
        return !reconnects.isOver();
    }

    /** Whether the socket is open and authenticated. */
    public synchronized boolean isConnected() {
        return reconnects.phase() == Reconnects.Phase.CONNECTED;
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
        return subs.all().size();
    }

    public synchronized int listenerCount() {
        return subs.listenerCount();
    }

    @Override
    public String toString() {
        return "HaEventConnection[" + name + "]";
    }
}
