package io.hearth.nodes.homeassistant.trigger;

import io.hearth.node.Item;
import io.hearth.node.trigger.TriggerContext;
import io.hearth.node.trigger.TriggerHandle;
import io.hearth.node.trigger.TriggerStatus;
import io.hearth.nodes.homeassistant.client.Json;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import reactor.core.Disposable;
import reactor.core.scheduler.Scheduler;

/**
 * One activated Home Assistant Trigger node: filters its subscription's events with its
 * {@link TriggerSpec}, runs "for" holds on a scheduler, starts executions through
 * {@link TriggerContext#emit} and passes connection statuses on to the editor (and the log).
 * <p>
 * A "for" hold: a matching change starts a timer for that entity; any further change of the watched
 * value (state or attribute) cancels it, a matching one starts a new one. When it runs out the item of
 * the change that started it is emitted, with {@code for_seconds}.
 */
public final class ActiveTrigger implements SubscriptionListener, TriggerHandle {

    private final TriggerContext context;
    private final TriggerSpec spec;
    private final Scheduler scheduler;
    private final Map<String, Hold> holds = new HashMap<>(); // guarded by this
    private final AtomicLong emitted = new AtomicLong();
    private volatile SubscriptionListener.Registration registration;
    private volatile boolean closed;
    private volatile TriggerStatus.State lastState = TriggerStatus.State.CONNECTING;

    public ActiveTrigger(TriggerContext context, TriggerSpec spec, Scheduler scheduler) {
        this.context = context;
        this.spec = spec;
        this.scheduler = scheduler;
    }

    public void attach(SubscriptionListener.Registration value) {
        this.registration = value;
    }

    public TriggerSpec spec() {
        return spec;
    }

    /** Executions started so far. */
    public long emitted() {
        return emitted.get();
    }

    @Override
    public void onEvent(Map<String, Object> event, boolean missed) {
        if (closed) {
            return;
        }
        switch (spec) {
            case TriggerSpec.StateTrigger state -> onStateChanged(state, event, missed);
            case TriggerSpec.EventTrigger events -> {
                if (!missed && events.matches(event)) {
                    emit(TriggerItems.event(event));
                }
            }
            case TriggerSpec.HaTrigger ha -> emit(TriggerItems.trigger(event));
        }
    }

    private void onStateChanged(TriggerSpec.StateTrigger state, Map<String, Object> event, boolean missed) {
        var change = state.evaluate(Json.asObject(event.get("data")));
        if (change.isEmpty()) {
            return;
        }
        var c = change.get();
        boolean start = c.matches() && (!missed || state.emitMissed());
        if (state.holdFor().isZero()) {
            if (start) {
                emit(TriggerItems.stateChange(state, c, event, missed));
            }
            return;
        }
        synchronized (this) {
            Hold previous = holds.remove(c.entityId());
            if (previous != null) {
                previous.task.dispose(); // the held value changed
            }
            if (start && !closed) {
                Map<String, Object> json = new LinkedHashMap<>(TriggerItems.stateChange(state, c, event, missed));
                json.put("for_seconds", state.holdFor().toMillis() / 1000.0);
                Hold hold = new Hold(json);
                holds.put(c.entityId(), hold);
                hold.task = scheduler.schedule(
                        () -> holdDone(c.entityId(), hold), state.holdFor().toMillis(), TimeUnit.MILLISECONDS);
            }
        }
    }

    private void holdDone(String entityId, Hold hold) {
        synchronized (this) {
            if (closed || holds.get(entityId) != hold) {
                return;
            }
            holds.remove(entityId);
        }
        emit(hold.json);
    }

    /** Entities with a running "for" hold (tests). */
    public synchronized int pendingHolds() {
        return holds.size();
    }

    private void emit(Map<String, Object> json) {
        emitted.incrementAndGet();
        try {
            context.emit(List.of(Item.of(json))).whenComplete((v, e) -> {
                if (e != null) {
                    context.log().warn("Could not start an execution for a Home Assistant event: {}", e.getMessage());
                }
            });
        } catch (RuntimeException e) {
            context.log().warn("Could not start an execution for a Home Assistant event: {}", e.getMessage());
        }
    }

    @Override
    public void onStatus(TriggerStatus status) {
        if (closed) {
            return;
        }
        TriggerStatus shown = status.state() == TriggerStatus.State.CONNECTED
                ? new TriggerStatus(
                        status.state(), status.message() + "; listening for " + spec.describe(), status.since())
                : status;
        TriggerStatus.State previous = lastState;
        lastState = status.state();
        context.reportStatus(shown);
        switch (status.state()) {
            case CONNECTED -> {
                if (previous != TriggerStatus.State.CONNECTED) {
                    context.log().info("{}", shown.message());
                }
            }
            case RECONNECTING -> context.log().warn("Home Assistant connection lost: {}", status.message());
            case AUTH_FAILED, ERROR -> context.log().error("{}", status.message());
            default -> {}
        }
    }

    /** Stops listening without a status (activation failed). */
    public void abandon() {
        stop();
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        stop();
        context.reportStatus(TriggerStatus.of(TriggerStatus.State.STOPPED, "Stopped"));
    }

    private void stop() {
        synchronized (this) {
            closed = true;
            holds.values().forEach(h -> h.task.dispose());
            holds.clear();
        }
        SubscriptionListener.Registration r = registration;
        if (r != null) {
            r.close();
        }
    }

    private static final class Hold {
        final Map<String, Object> json;
        Disposable task;

        Hold(Map<String, Object> json) {
            this.json = json;
        }
    }
}
