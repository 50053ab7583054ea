package io.hearth.nodes.mqtt;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands a message to the subscribers that want it and acknowledges a QoS 1/2 message only when every one of them has
 * taken it (its execution is durable). With a persistent session a message not taken stays unacknowledged, so the
 * broker delivers it again on the next connection (at least once).
 */
final class MessageDelivery {

    private static final Logger log = LoggerFactory.getLogger(MessageDelivery.class);

    private final MqttAsyncClient client;
    private final boolean cleanSession;

    MessageDelivery(MqttAsyncClient client, boolean cleanSession) {
        this.client = client;
        this.cleanSession = cleanSession;
    }

    // a completion callback: nothing waits for the future it returns
    @SuppressWarnings("FutureReturnValueIgnored")
    void deliver(String topic, MqttMessage message, List<MqttRegistration> targets) {
        int qos = message.getQos();
        int id = message.getId();
        byte[] payload = message.getPayload();
        List<CompletableFuture<Void>> taken = new ArrayList<>();
        for (MqttRegistration r : targets) {
            try {
                taken.add(r.subscriber()
                        .onMessage(topic, payload, qos, message.isRetained())
                        .toCompletableFuture());
            } catch (RuntimeException e) {
                taken.add(CompletableFuture.failedFuture(e));
            }
        }
        if (qos == 0) {
            return;
        }
        CompletableFuture.allOf(taken.toArray(CompletableFuture[]::new)).whenComplete((v, e) -> {
            if (e != null && !cleanSession) {
                // not acknowledged: the broker delivers it again on the next connection of this session
                log.warn(
                        "A message on {} was not taken ({}); the broker delivers it again on the next connection",
                        topic,
                        e.getMessage());
                return;
            }
            try {
                client.messageArrivedComplete(id, qos);
            } catch (MqttException ex) {
                log.debug("Acknowledging message {} failed: {}", id, ex.getMessage());
            }
        });
    }
}
