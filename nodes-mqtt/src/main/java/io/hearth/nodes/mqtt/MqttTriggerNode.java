package io.hearth.nodes.mqtt;

import io.hearth.node.NodeException;
import io.hearth.node.ParameterValues;
import io.hearth.node.credential.CredentialData;
import io.hearth.node.description.NodeDescription;
import io.hearth.node.description.NodeGroup;
import io.hearth.node.description.Parameter;
import io.hearth.node.trigger.TriggerContext;
import io.hearth.node.trigger.TriggerHandle;
import io.hearth.node.trigger.TriggerNode;
import io.hearth.node.trigger.TriggerStatus;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;

/**
 * The MQTT Trigger ({@code hearth.mqttTrigger}, n8n's {@code n8n-nodes-base.mqttTrigger} 1): subscribes to topics
 * (wildcards, a QoS per topic) over the credential's shared connection and starts one execution per message. It
 * survives broker restarts (the connection reconnects with backoff and subscribes again), with a persistent session
 * (Clean Session off) gets what was published while it was away, and acknowledges QoS 1/2 messages only once their
 * execution is durable. Activation completes when the broker confirmed the subscriptions, or fails with the reason:
 * connection refused, not authorized, TLS handshake failed, subscription refused.
 */
public final class MqttTriggerNode extends MqttNodeType implements TriggerNode {

    static final String NAME = "hearth.mqttTrigger";

    private static final NodeDescription DESCRIPTION = describe(NAME, "n8n-nodes-base.mqttTrigger", NodeGroup.TRIGGER)
            .displayName("MQTT Trigger")
            .keywords("MQTT", "subscribe", "Zigbee2MQTT", "Tasmota", "ESPHome")
            .description("Listens to MQTT events")
            .subtitle("={{$parameter[\"topics\"]}}")
            .parameter(Parameter.string("topics")
                    .displayName("Topics")
                    .required()
                    .placeholder("zigbee2mqtt/+/action:1, tasmota/#")
                    .description("Topics to subscribe to, separated by commas. Wildcards: + for one level, # for "
                            + "all levels below. QoS 0 unless the topic is followed by a colon and the QoS: "
                            + "topicA:1,topicB:2"))
            .parameter(Parameter.collection(
                            "options",
                            "Add option",
                            Parameter.bool("jsonParseBody")
                                    .displayName("JSON Parse Body")
                                    .defaultValue(false)
                                    .description("Whether to try parse the message to an object")
                                    .build(),
                            Parameter.bool("onlyMessage")
                                    .displayName("Only Message")
                                    .defaultValue(false)
                                    .description("Whether to return only the message property")
                                    .build(),
                            Parameter.bool("parallelProcessing")
                                    .displayName("Parallel Processing")
                                    .defaultValue(true)
                                    .description("Whether to process messages in parallel or by keeping the message in "
                                            + "order (the next execution starts when the previous one has ended)")
                                    .build())
                    .displayName("Options"))
            .documentationUrl("https://docs.n8n.io/integrations/builtin/core-nodes/n8n-nodes-base.mqtttrigger/")
            .build();

    /** The node as loaded by {@link java.util.ServiceLoader}: the process-wide connections. */
    public MqttTriggerNode() {
        this(MqttConnections.shared());
    }

    MqttTriggerNode(MqttConnections connections) {
        super(connections, DESCRIPTION);
    }

    @Override
    public CompletionStage<TriggerHandle> activate(TriggerContext context) {
        ActiveMqttTrigger trigger;
        MqttRegistration registration;
        try {
            CredentialData credential =
                    MqttCredentialType.selectedAndUsable(context.credential(MqttCredentialType.NAME));
            ParameterValues p = context.parameters();
            List<TopicFilter> filters = TopicFilter.parseTopics(p.string("topics"));
            ActiveMqttTrigger.Options options = new ActiveMqttTrigger.Options(
                    p.bool("options.jsonParseBody"),
                    p.bool("options.onlyMessage"),
                    p.get("options.parallelProcessing").isEmpty() || p.bool("options.parallelProcessing"));
            context.reportStatus(TriggerStatus.of(
                    TriggerStatus.State.CONNECTING,
                    "Connecting to " + MqttSettings.from(credential).describe()));
            trigger = new ActiveMqttTrigger(context, filters, options);
            registration = connections.register(credential, trigger, filters);
            trigger.attach(registration);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
        return registration.ready().handle((ok, error) -> {
            if (error != null) {
                trigger.abandon();
                Throwable cause =
                        error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
                throw cause instanceof NodeException ne ? ne : new NodeException(cause.getMessage(), cause);
            }
            return trigger;
        });
    }
}
