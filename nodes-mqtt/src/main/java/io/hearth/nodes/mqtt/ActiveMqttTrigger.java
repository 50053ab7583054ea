package io.hearth.nodes.mqtt;

import io.hearth.node.Item;
import io.hearth.node.trigger.TriggerContext;
import io.hearth.node.trigger.TriggerHandle;
import io.hearth.node.trigger.TriggerStatus;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One activated MQTT Trigger: one execution per message on its topics, started off the client's thread; in
 * arrival order one after the other when "Parallel Processing" is off. Connection statuses go to the editor
 * (and the log) through {@link TriggerContext#reportStatus}.
 */
final class ActiveMqttTrigger implements MqttSubscriber, TriggerHandle {

    /** The trigger's options (n8n's names). */
    record Options(boolean jsonParseBody, boolean onlyMessage, boolean parallelProcessing) {}

    private final TriggerContext context;
    private final List<TopicFilter> filters;
    private final Options options;
    private final AtomicLong emitted = new AtomicLong();
    private CompletableFuture<Void> inOrder = CompletableFuture.completedFuture(null); // guarded by this
    private volatile MqttRegistration registration;
    private volatile boolean closed;
    private volatile TriggerStatus.State lastState = TriggerStatus.State.CONNECTING;

    ActiveMqttTrigger(TriggerContext context, List<TopicFilter> filters, Options options) {
        this.context = context;
        this.filters = List.copyOf(filters);
        this.options = options;
    }

    void attach(MqttRegistration value) {
        this.registration = value;
    }

    /** Executions started so far (tests, benchmarks). */
    long emitted() {
        return emitted.get();
    }

    @Override
    public CompletionStage<Void> onMessage(String topic, byte[] payload, int qos, boolean retained) {
        if (closed) {
            return CompletableFuture.completedFuture(null);
        }
        List<Item> items =
                List.of(Item.of(MqttMessages.item(topic, payload, options.jsonParseBody(), options.onlyMessage())));
        emitted.incrementAndGet();
        if (options.parallelProcessing()) {
            CompletableFuture<Void> accepted = new CompletableFuture<>();
            // the execution may run a while on the emitting thread: never on the MQTT client's own
            Thread.ofVirtual().name("mqtt-trigger").start(() -> relay(context.emit(items), accepted, topic));
            return accepted;
        }
        synchronized (this) {
            CompletableFuture<Void> done = new CompletableFuture<>();
            inOrder = inOrder.handle((v, e) -> null).thenCompose(v -> {
                relay(context.emitAndAwaitEnd(items), done, topic);
                return done.handle((x, e) -> null);
            });
            return done;
        }
    }

    private void relay(CompletionStage<Void> stage, CompletableFuture<Void> to, String topic) {
        try {
            stage.whenComplete((v, e) -> {
                if (e != null) {
                    context.log().warn("Could not start an execution for a message on {}: {}", topic, e.getMessage());
                    to.completeExceptionally(e);
                } else {
                    to.complete(null);
                }
            });
        } catch (RuntimeException e) {
            context.log().warn("Could not start an execution for a message on {}: {}", topic, e.getMessage());
            to.completeExceptionally(e);
        }
    }

    @Override
    public void onStatus(TriggerStatus status) {
        if (closed) {
            return;
        }
        TriggerStatus shown = status.state() == TriggerStatus.State.CONNECTED
                ? new TriggerStatus(
                        status.state(),
                        status.message() + "; listening to " + TopicFilter.describe(filters),
                        status.since())
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
            case RECONNECTING -> context.log().warn("{}", status.message());
            case AUTH_FAILED, ERROR -> context.log().error("{}", status.message());
            default -> {}
        }
    }

    /** Stops listening without a status (activation failed). */
    void abandon() {
        closed = true;
        MqttRegistration r = registration;
        if (r != null) {
            r.close();
        }
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        abandon();
        context.reportStatus(TriggerStatus.of(TriggerStatus.State.STOPPED, "Stopped"));
    }
}
