package io.hearth.nodes.mqtt;

import io.hearth.node.ActionNode;
import io.hearth.node.ItemLoop;
import io.hearth.node.NodeException;
import io.hearth.node.NodeExecutionContext;
import io.hearth.node.NodeOutput;
import io.hearth.node.ParameterValues;
import io.hearth.node.credential.CredentialData;
import io.hearth.node.description.NodeDescription;
import io.hearth.node.description.NodeGroup;
import io.hearth.node.description.Option;
import io.hearth.node.description.Parameter;
import io.hearth.node.support.MiniJson;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * The MQTT node ({@code hearth.mqtt}, n8n's {@code n8n-nodes-base.mqtt} 1): publishes one message per input item,
 * the item's JSON or the Message parameter (an expression picks a property: {@code {{ $json.state }}}), with QoS 0,
 * 1 or 2 and the retain flag, and passes its input items on. It publishes over the credential's shared connection
 * ({@link MqttConnections}), not one per run; each item's message is confirmed by the broker (QoS 1: PUBACK, 2:
 * PUBCOMP) before the next is sent.
 */
public final class MqttNode extends MqttNodeType implements ActionNode {

    static final String NAME = "hearth.mqtt";

    private static final NodeDescription DESCRIPTION = describe(NAME, "n8n-nodes-base.mqtt", NodeGroup.ACTION)
            .displayName("MQTT")
            .keywords("MQTT", "publish", "Zigbee2MQTT", "Tasmota")
            .description("Push messages to MQTT")
            .subtitle("={{$parameter[\"topic\"]}}")
            .parameter(Parameter.string("topic")
                    .displayName("Topic")
                    .required()
                    .placeholder("zigbee2mqtt/living_room_lamp/set")
                    .description("The topic to publish to"))
            .parameter(Parameter.bool("sendInputData")
                    .displayName("Send Input Data")
                    .defaultValue(true)
                    .description("Whether to send the data the node receives as JSON"))
            .parameter(Parameter.string("message")
                    .displayName("Message")
                    .required()
                    .placeholder("{\"state\": \"TOGGLE\"}")
                    .description("The message to publish (an expression such as {{ $json.state }} sends one property)")
                    .show("sendInputData", false))
            .parameter(Parameter.collection(
                            "options",
                            "Add option",
                            Parameter.options(
                                            "qos",
                                            Option.of("Received at Most Once", 0),
                                            Option.of("Received at Least Once", 1),
                                            Option.of("Exactly Once", 2))
                                    .displayName("QoS")
                                    .defaultValue(0)
                                    .description("QoS subscription level")
                                    .build(),
                            Parameter.bool("retain")
                                    .displayName("Retain")
                                    .defaultValue(false)
                                    .description("The broker keeps the last retained message of the topic and hands it "
                                            + "to every new subscriber (without it a message nobody is subscribed to "
                                            + "is dropped)")
                                    .build())
                    .displayName("Options"))
            .documentationUrl("https://docs.n8n.io/integrations/builtin/app-nodes/n8n-nodes-base.mqtt/")
            .build();

    /** The node as loaded by {@link java.util.ServiceLoader}: the process-wide connections. */
    public MqttNode() {
        this(MqttConnections.shared());
    }

    MqttNode(MqttConnections connections) {
        super(connections, DESCRIPTION);
    }

    @Override
    public CompletionStage<NodeOutput> execute(NodeExecutionContext context) {
        CredentialData credential;
        MqttLease lease;
        try {
            credential = MqttCredentialType.selectedAndUsable(context.credential(MqttCredentialType.NAME));
            lease = connections.lease(credential);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
        return ItemLoop.flatMapAsync(context, in -> {
                    ParameterValues p = in.parameters();
                    String topic = publishTopic(p.requiredString("topic"));
                    String message =
                            p.bool("sendInputData") ? MiniJson.write(in.item().json()) : p.string("message");
                    int qos = (int) p.integer("options.qos");
                    if (qos < 0 || qos > 2) {
                        throw new NodeException("Options → QoS: " + qos + " does not exist (0, 1 or 2)");
                    }
                    return lease.publish(topic, message.getBytes(StandardCharsets.UTF_8), qos, p.bool("options.retain"))
                            .thenApply(v -> List.of(in.item()));
                })
                .whenComplete((out, e) -> lease.close());
    }

    /** A topic to publish to: not empty, no wildcards (they only exist in subscriptions). */
    static String publishTopic(String topic) {
        if (topic.contains("+") || topic.contains("#")) {
            throw new NodeException("Topic: '" + topic + "' contains a wildcard (+ or #); messages are published to "
                    + "one concrete topic");
        }
        if (topic.indexOf('\u0000') >= 0) {
            throw new NodeException("Topic: a topic cannot contain the NUL character");
        }
        return topic;
    }
}
