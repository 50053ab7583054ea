package io.hearth.nodes.homeassistant.trigger;

import io.hearth.node.NodeApiException;
import io.hearth.node.NodeException;
import io.hearth.node.trigger.TriggerStatus;
import io.hearth.nodes.homeassistant.client.HaWebSocketProtocol.Message;
import io.hearth.nodes.homeassistant.client.HomeAssistantErrors;
import io.hearth.nodes.homeassistant.client.Json;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;

/**
 * Subscription sharing: equal subscribe commands share one Home Assistant subscription (every state
 * trigger shares one {@code subscribe_events state_changed}); each has the listeners that asked for it, and
 * Home Assistant's id on the current session routes its events. Not thread-safe: used under its
 * connection's lock (listeners are called by the connection outside it).
 */
final class Subscriptions {

    private static final Logger LOG = LoggerFactory.getLogger(Subscriptions.class);

    private final Map<String, Sub> byKey = new LinkedHashMap<>();
    private final Map<Long, Sub> byHaId = new HashMap<>();

    /** The subscription for {@code command}, created if none is wanted yet. */
    Sub want(Map<String, Object> command) {
        return byKey.computeIfAbsent(key(command), k -> new Sub(k, command));
    }

    /** Drops {@code sub} when its last listener left; returns whether it was dropped. */
    boolean dropIfUnused(Sub sub) {
        if (sub.listeners.isEmpty() && byKey.get(sub.key) == sub) {
            byKey.remove(sub.key);
            if (sub.haId != null) {
                byHaId.remove(sub.haId);
            }
            return true;
        }
        return false;
    }

    boolean isWanted(Sub sub) {
        return byKey.get(sub.key) == sub;
    }

    Collection<Sub> all() {
        return byKey.values();
    }

    boolean isEmpty() {
        return byKey.isEmpty();
    }

    /** The subscription whose events carry Home Assistant's id {@code haId}. */
    Optional<Sub> byHaId(long haId) {
        return Optional.ofNullable(byHaId.get(haId));
    }

    /** Sent on the current session with id {@code haId} (not confirmed yet). */
    void sent(Sub sub, long haId) {
        sub.haId = haId;
        sub.active = false;
        byHaId.put(haId, sub);
    }

    /** Home Assistant refused it: no id any more. */
    void refused(Sub sub) {
        if (sub.haId != null) {
            byHaId.remove(sub.haId);
        }
        sub.haId = null;
    }

    /** The session ended: every subscription must be sent again on the next. */
    void sessionEnded() {
        byHaId.clear();
        for (Sub sub : byKey.values()) {
            sub.haId = null;
            sub.active = false;
        }
    }

    int listenerCount() {
        return byKey.values().stream().mapToInt(s -> s.listeners.size()).sum();
    }

    /** Every listener, for statuses. */
    List<Listening> listeners() {
        List<Listening> out = new ArrayList<>();
        byKey.values().forEach(s -> out.addAll(s.listeners));
        return out;
    }

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
            return l.stream().map(Subscriptions::canonical).toList();
        }
        return value;
    }

    /** Why Home Assistant refused a subscription, in a user's terms. */
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

    /** One Home Assistant subscription shared by the listeners that asked for the same command. */
    static final class Sub {
        final String key;
        final Map<String, Object> command;
        final List<Listening> listeners = new CopyOnWriteArrayList<>();
        Long haId;
        boolean active;

        Sub(String key, Map<String, Object> command) {
            this.key = key;
            this.command = command;
        }
    }

    /** One listener of a subscription: a trigger's registration. */
    static final class Listening implements SubscriptionListener.Registration {
        final Sub sub;
        final SubscriptionListener listener;
        final CompletableFuture<Void> ready = new CompletableFuture<>();
        private final Consumer<Listening> onClose;
        volatile boolean closed;
        volatile Disposable timeout;

        // a completion callback: nothing waits for the future it returns
        @SuppressWarnings("FutureReturnValueIgnored")
        Listening(Sub sub, SubscriptionListener listener, Consumer<Listening> onClose) {
            this.sub = sub;
            this.listener = listener;
            this.onClose = onClose;
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
                    LOG.error("A trigger failed to take a status", e);
                }
            }
        }

        void event(Map<String, Object> event, boolean missed) {
            if (!closed) {
                try {
                    listener.onEvent(event, missed);
                } catch (RuntimeException e) {
                    LOG.error("A trigger failed to handle an event", e);
                }
            }
        }

        @Override
        public CompletionStage<Void> ready() {
            return ready;
        }

        @Override
        public void close() {
            onClose.accept(this);
        }
    }
}
