package io.hearth.nodes.mqtt;

import io.hearth.node.trigger.TriggerStatus;
import java.util.concurrent.CompletionStage;

/** Who listens to messages on a broker connection (a trigger). */
interface MqttSubscriber {

    /** A message on one of its filters; completes when taken (QoS 1/2 are acknowledged after that). */
    CompletionStage<Void> onMessage(String topic, byte[] payload, int qos, boolean retained);

    /** How the connection is doing (connecting, connected, reconnecting with the reason, refused). */
    void onStatus(TriggerStatus status);
}
