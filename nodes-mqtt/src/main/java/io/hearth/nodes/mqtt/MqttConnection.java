package io.hearth.nodes.mqtt;

import io.hearth.node.NodeException;
import io.hearth.node.support.Backoff;
import io.hearth.node.trigger.TriggerStatus;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One connection to a broker, shared by every MQTT node and trigger using the same credential (a broker lets one
 * connection per client ID live: two would throw each other out). It
 * <ul>
 *   <li>connects on first use and reconnects after a loss with capped backoff, resubscribing what its
 *       subscribers need (a persistent session keeps them at the broker, resubscribing is harmless);</li>
 *   <li>subscribes each topic filter once with the highest QoS any subscriber asked for, and routes each message
 *       to the subscribers whose filters match it (the bookkeeping: {@link MqttSubscriptions});</li>
 *   <li>acknowledges a QoS 1/2 message only when every subscriber has taken it ({@link MessageDelivery}) (its execution is durable): with a
 *       persistent session a message whose execution could not start is delivered again on the next connection
 *       (at least once);</li>
 *   <li>tells its subscribers how it is doing (connecting, connected, reconnecting with the reason, refused);</li>
 *   <li>closes when its last subscriber leaves, or after an idle time when only publishers used it.</li>
 * </ul>
 * The first connection attempt failing fails whoever waits for it with the reason; later losses are retried.
 * <p>The connection's state machine (connect, reconnect, idle close) and the holds on it ({@link MqttRegistration},
 * {@link MqttLease}) share this class's monitor; the parts that do not live apart: subscription bookkeeping
 * ({@link MqttSubscriptions}), message delivery ({@link MessageDelivery}), failures in words ({@link MqttFailures})
 * and Paho plumbing ({@link PahoClients}).
 */
final class MqttConnection {

    private static final Logger log = LoggerFactory.getLogger(MqttConnection.class);

    private enum State {
        CONNECTING,
        CONNECTED,
        WAITING,
        CLOSED
    }

    private final MqttSettings settings;
    private final MqttTimings timings;
    private final ScheduledExecutorService timer;
    private final Runnable onClosed;
    private final String clientId;
    private final MqttAsyncClient client;
    private final Backoff backoff;

    // guarded by this
    private State state = State.CONNECTING;
    private boolean everConnected;
    private final MqttSubscriptions subscriptions = new MqttSubscriptions();
    private final MessageDelivery delivery;
    private final List<CompletableFuture<Void>> connectedWaiters = new ArrayList<>();
    /** Why the first connect attempt failed: a publisher arriving after that learns it, not just "closed". */
    private Optional<NodeException> firstFailure = Optional.empty();

    private int leases;
    private ScheduledFuture<?> pending;
    private TriggerStatus status;

    MqttConnection(MqttSettings settings, MqttTimings timings, ScheduledExecutorService timer, Runnable onClosed) {
        this.settings = settings;
        this.timings = timings;
        this.timer = timer;
        this.onClosed = onClosed;
        this.clientId = settings.clientId().isEmpty() ? PahoClients.randomClientId() : settings.clientId();
        this.backoff = new Backoff(timings.backoffInitial(), timings.backoffMax());
        this.client = PahoClients.client(settings, clientId);
        this.delivery = new MessageDelivery(client, settings.cleanSession());
        client.setCallback(PahoClients.callback(this::connectionLost, this::messageArrived));
        this.status = TriggerStatus.of(TriggerStatus.State.CONNECTING, "Connecting to " + settings.describe());
    }

    String clientId() {
        return clientId;
    }

    MqttSettings settings() {
        return settings;
    }

    synchronized boolean isConnected() {
        return state == State.CONNECTED;
    }

    /** Whether a new subscriber or publisher may still join (not closed). */
    synchronized boolean isOpen() {
        return state != State.CLOSED;
    }

    synchronized TriggerStatus status() {
        return status;
    }

    void start() {
        connect();
    }

    /** Adds a subscriber; empty when the connection closed meanwhile (the caller opens a new one). */
    synchronized Optional<MqttRegistration> register(MqttSubscriber subscriber, List<TopicFilter> filters) {
        if (state == State.CLOSED) {
            return Optional.empty();
        }
        cancelPending(false);
        MqttRegistration r = new MqttRegistration(this, subscriber, filters);
        subscriptions.add(r);
        if (state == State.CONNECTED) {
            subscribeMissing();
        }
        return Optional.of(r);
    }

    /** A subscriber leaves; the last one to leave (with no publisher left) closes the connection. */
    void unregister(MqttRegistration r) {
        List<String> unneeded = new ArrayList<>();
        synchronized (this) {
            if (!subscriptions.remove(r)) {
                return;
            }
            if (!r.ready().isDone()) {
                r.ready().completeExceptionally(new NodeException("Stopped before the subscription was confirmed"));
            }
            // With a persistent session the broker keeps the subscriptions and queues messages for when the
            // trigger is back; with a clean one, topics nobody needs any more are unsubscribed.
            if (settings.cleanSession()) {
                unneeded.addAll(subscriptions.releaseUnshared(r));
            }
            if (subscriptions.isEmpty() && leases == 0) {
                close();
                return;
            }
            if (state != State.CONNECTED) {
                return;
            }
        }
        if (!unneeded.isEmpty()) {
            PahoClients.unsubscribeQuietly(client, unneeded, settings.describe());
        }
    }

    /** Subscribes the filters registrations need beyond what the broker has (or with a higher QoS). */
    private synchronized void subscribeMissing() {
        Map<String, Integer> missing = subscriptions.missing();
        if (missing.isEmpty()) {
            subscriptions.completeWaiting();
            reportConnected();
            return;
        }
        String[] filters = missing.keySet().toArray(String[]::new);
        int[] qos = missing.values().stream().mapToInt(Integer::intValue).toArray();
        try {
            client.subscribe(
                    filters,
                    qos,
                    null,
                    PahoClients.listener(token -> subscribed(filters, token.getGrantedQos()), this::subscribeFailed));
        } catch (MqttException e) {
            subscribeFailed(e);
        }
    }

    private synchronized void subscribed(String[] filters, int[] granted) {
        subscriptions.granted(filters, granted, refused -> MqttFailures.subscriptionRefused(settings, refused));
        reportConnected();
    }

    private synchronized void subscribeFailed(Throwable e) {
        subscriptions.failWaiting(() -> MqttFailures.subscribing(settings, e));
        // the connection is likely gone: connectionLost follows and resubscribes
    }

    private void reportConnected() {
        if (state == State.CONNECTED) {
            broadcast(TriggerStatus.of(TriggerStatus.State.CONNECTED, "Connected to " + settings.describe()));
        }
    }

    /** Publishes once connected; see {@link MqttLease#publish}. */
    CompletableFuture<Void> publish(String topic, byte[] payload, int qos, boolean retain) {
        return whenConnected().thenCompose(v -> PahoClients.publish(client, settings, topic, payload, qos, retain));
    }

    /** A publisher's lease ended: with nobody left, the connection closes after the idle time (at once when not connected). */
    synchronized void released() {
        leases--;
        if (leases == 0 && subscriptions.isEmpty() && state != State.CLOSED) {
            cancelPending(false);
            if (state == State.CONNECTED) {
                pending = timer.schedule(this::closeIfIdle, timings.idleClose().toMillis(), TimeUnit.MILLISECONDS);
            } else {
                close(); // not connected and nobody left: stop retrying
            }
        }
    }

    /** Empty when the connection closed meanwhile. */
    synchronized Optional<MqttLease> lease() {
        if (state == State.CLOSED) {
            return Optional.empty();
        }
        if (leases == 0 && subscriptions.isEmpty()) {
            cancelPending(false);
        }
        leases++;
        return Optional.of(new MqttLease(this));
    }

    private synchronized void closeIfIdle() {
        if (leases == 0 && subscriptions.isEmpty()) {
            close();
        }
    }

    /** Completes when connected; fails with the reason if the first attempt fails or it takes too long. */
    // removes this very future: identity, which is CompletableFuture's equals, is what remove needs; the timeout task
    // cannot throw; when the connection comes first, its completeExceptionally is a no-op
    @SuppressWarnings({"UndefinedEquals", "FutureReturnValueIgnored"})
    private CompletableFuture<Void> whenConnected() {
        CompletableFuture<Void> f = new CompletableFuture<>();
        synchronized (this) {
            if (state == State.CONNECTED) {
                return CompletableFuture.completedFuture(null);
            }
            if (state == State.CLOSED) {
                return CompletableFuture.failedFuture(
                        firstFailure.orElseGet(() -> new NodeException("The MQTT connection was closed")));
            }
            connectedWaiters.add(f);
        }
        long waitMillis = timings.publishWait().toMillis();
        timer.schedule(
                () -> {
                    if (f.completeExceptionally(new NodeException("Not connected to " + settings.describe() + " within "
                            + timings.publishWait().toSeconds() + " s: " + status().message()))) {
                        synchronized (this) {
                            connectedWaiters.remove(f);
                        }
                    }
                },
                waitMillis,
                TimeUnit.MILLISECONDS);
        return f;
    }

    private void connect() {
        synchronized (this) {
            if (state == State.CLOSED) {
                return;
            }
            state = State.CONNECTING;
            pending = null;
        }
        try {
            client.connect(
                    PahoClients.options(settings, timings, settings.cleanSession()),
                    null,
                    PahoClients.listener(token -> connected(), this::connectFailed));
        } catch (MqttException | RuntimeException e) {
            connectFailed(e);
        }
    }

    private void connected() {
        List<CompletableFuture<Void>> waiters;
        synchronized (this) {
            if (state == State.CLOSED) {
                disconnectQuietly();
                return;
            }
            state = State.CONNECTED;
            everConnected = true;
            backoff.reset();
            subscriptions.forgetGranted(); // whatever the session kept, subscribing again is harmless
            waiters = List.copyOf(connectedWaiters);
            connectedWaiters.clear();
            log.info("MQTT connected to {} as {}", settings.describe(), clientId);
            subscribeMissing();
        }
        waiters.forEach(w -> w.complete(null));
    }

    private void connectFailed(Throwable e) {
        MqttFailures.Failure failure = MqttFailures.of(settings, e);
        List<CompletableFuture<Void>> failed = new ArrayList<>();
        synchronized (this) {
            if (state == State.CLOSED) {
                return;
            }
            if (!everConnected) {
                // the first attempt: whoever waits learns why (after the status, which they show), and the
                // connection ends (the next use tries anew)
                broadcast(TriggerStatus.of(
                        failure.authentication() ? TriggerStatus.State.AUTH_FAILED : TriggerStatus.State.ERROR,
                        failure.message()));
                subscriptions.all().forEach(r -> failed.add(r.ready()));
                failed.addAll(connectedWaiters);
                connectedWaiters.clear();
                firstFailure = Optional.of(new NodeException(failure.message(), e));
                close();
            }
        }
        if (firstFailure.isPresent()) {
            failed.forEach(f -> f.completeExceptionally(firstFailure.get()));
            return;
        }
        synchronized (this) {
            if (state == State.CLOSED) {
                return;
            }
            Duration delay = failure.authentication() ? timings.refusedRetry() : backoff.next();
            broadcast(TriggerStatus.of(
                    failure.authentication() ? TriggerStatus.State.AUTH_FAILED : TriggerStatus.State.RECONNECTING,
                    failure.message() + "; trying again in " + MqttFailures.delay(delay)));
            scheduleConnect(delay);
        }
    }

    private void connectionLost(Throwable cause) {
        synchronized (this) {
            if (state == State.CLOSED) {
                return;
            }
            subscriptions.forgetGranted();
            Duration delay = backoff.next();
            MqttFailures.Failure failure = MqttFailures.of(settings, cause);
            log.warn("MQTT connection to {} lost: {}", settings.describe(), failure.message());
            broadcast(TriggerStatus.of(
                    TriggerStatus.State.RECONNECTING,
                    "Connection to " + settings.describe() + " lost (" + MqttFailures.rootReason(cause)
                            + "); reconnecting in " + MqttFailures.delay(delay)));
            scheduleConnect(delay);
        }
    }

    private void scheduleConnect(Duration delay) {
        state = State.WAITING;
        pending = timer.schedule(this::connect, delay.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void cancelPending(boolean connectAttemptToo) {
        if (pending != null && (connectAttemptToo || state != State.WAITING)) {
            pending.cancel(false);
            pending = null;
        }
    }

    /** Ends the connection for good: no more reconnects; disconnects in the background. */
    synchronized void close() {
        if (state == State.CLOSED) {
            return;
        }
        state = State.CLOSED;
        cancelPending(true);
        NodeException closed = new NodeException("The MQTT connection was closed");
        connectedWaiters.forEach(w -> w.completeExceptionally(closed));
        connectedWaiters.clear();
        onClosed.run();
        // Paho's disconnect waits for the broker: not on the shared timer thread
        Thread.ofVirtual().name("mqtt-disconnect").start(this::disconnectQuietly);
    }

    private void disconnectQuietly() {
        PahoClients.disconnectQuietly(client);
    }

    private synchronized void broadcast(TriggerStatus s) {
        status = s;
        for (MqttRegistration r : subscriptions.all()) {
            try {
                r.subscriber().onStatus(s);
            } catch (RuntimeException e) {
                log.warn("A trigger failed to take a status: {}", e.toString());
            }
        }
    }

    private void messageArrived(String topic, MqttMessage message) {
        List<MqttRegistration> targets;
        synchronized (this) {
            targets = subscriptions.matching(topic);
        }
        delivery.deliver(topic, message, targets);
    }
}
