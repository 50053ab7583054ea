package io.hearth.nodes.mqtt;

import io.hearth.node.NodeException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import org.eclipse.paho.client.mqttv3.IMqttActionListener;
import org.eclipse.paho.client.mqttv3.IMqttDeliveryToken;
import org.eclipse.paho.client.mqttv3.IMqttToken;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttCallback;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Paho client plumbing shared by {@link MqttConnection} and the credential test: connect options, client ids, a quiet
 * disconnect, publishing as a future, and Paho's listener and callback interfaces from lambdas.
 */
final class PahoClients {

    private static final Logger log = LoggerFactory.getLogger(PahoClients.class);

    private PahoClients() {}

    /** n8n uses mqttjs_ and 8 random characters; Hearth names itself. */
    static String randomClientId() {
        String chars = "abcdefghijklmnopqrstuvwxyz0123456789";
        StringBuilder sb = new StringBuilder("hearth_");
        for (int i = 0; i < 8; i++) {
            sb.append(chars.charAt(ThreadLocalRandom.current().nextInt(chars.length())));
        }
        return sb.toString();
    }

    /** A client for {@code settings} that acknowledges messages only when told to (see {@link MessageDelivery}). */
    static MqttAsyncClient client(MqttSettings settings, String clientId) {
        try {
            MqttAsyncClient client = new MqttAsyncClient(settings.serverUri(), clientId, new MemoryPersistence());
            client.setManualAcks(true);
            return client;
        } catch (MqttException | IllegalArgumentException e) {
            throw new NodeException("The MQTT credential cannot be used: " + e.getMessage(), e);
        }
    }

    /** Paho's options for {@code settings}: MQTT 3.1.1, the credential's session, sign-in and TLS. */
    static MqttConnectOptions options(MqttSettings settings, MqttTimings timings, boolean cleanSession) {
        MqttConnectOptions o = new MqttConnectOptions();
        o.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1_1);
        o.setCleanSession(cleanSession);
        o.setAutomaticReconnect(false); // this class reconnects, with its own backoff and statuses
        o.setConnectionTimeout((int) Math.max(1, timings.connectTimeout().toSeconds()));
        o.setKeepAliveInterval((int) timings.keepAlive().toSeconds());
        o.setMaxInflight(1000);
        if (settings.signsIn()) {
            o.setUserName(settings.username());
            o.setPassword(settings.password().reveal().toCharArray());
        }
        if (settings.protocol().secure) {
            o.setSocketFactory(settings.tls().socketFactory());
            o.setHttpsHostnameVerificationEnabled(settings.tls().rejectUnauthorized());
        }
        return o;
    }

    /** Disconnects (waiting up to two seconds for the broker) and releases the client; failures are only logged. */
    static void disconnectQuietly(MqttAsyncClient client) {
        try {
            if (client.isConnected()) {
                client.disconnect(1000).waitForCompletion(2000);
            }
        } catch (MqttException e) {
            log.debug("Disconnecting from {}: {}", client.getServerURI(), e.getMessage());
        }
        try {
            client.close(true);
        } catch (MqttException e) {
            log.debug("Closing the client for {}: {}", client.getServerURI(), e.getMessage());
        }
    }

    /** Publishes; completes when the broker has the message (QoS 0: written; 1: PUBACK; 2: PUBCOMP). */
    static CompletableFuture<Void> publish(
            MqttAsyncClient client, MqttSettings settings, String topic, byte[] payload, int qos, boolean retain) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        try {
            client.publish(
                    topic,
                    payload,
                    qos,
                    retain,
                    null,
                    listener(
                            token -> done.complete(null),
                            e -> done.completeExceptionally(MqttFailures.publishing(settings, topic, e))));
        } catch (MqttException | IllegalArgumentException e) {
            done.completeExceptionally(MqttFailures.publishing(settings, topic, e));
        }
        return done;
    }

    /** Unsubscribes {@code filters}; a failure is only logged (a clean session's subscriptions end with it anyway). */
    static void unsubscribeQuietly(MqttAsyncClient client, List<String> filters, String where) {
        try {
            client.unsubscribe(filters.toArray(String[]::new));
        } catch (MqttException e) {
            log.debug("Unsubscribing {} from {} failed: {}", filters, where, e.getMessage());
        }
    }

    /** Paho's listener of an asynchronous action. */
    static IMqttActionListener listener(Consumer<IMqttToken> success, Consumer<Throwable> failure) {
        return new IMqttActionListener() {
            @Override
            public void onSuccess(IMqttToken token) {
                success.accept(token);
            }

            @Override
            public void onFailure(IMqttToken token, Throwable e) {
                failure.accept(e);
            }
        };
    }

    /** Paho's connection callback; an exception handling a message is logged, never thrown back into Paho. */
    static MqttCallback callback(Consumer<Throwable> connectionLost, BiConsumer<String, MqttMessage> messageArrived) {
        return new MqttCallback() {
            @Override
            public void connectionLost(Throwable cause) {
                connectionLost.accept(cause);
            }

            @Override
            public void messageArrived(String topic, MqttMessage message) {
                try {
                    messageArrived.accept(topic, message);
                } catch (RuntimeException e) {
                    // never let an exception reach Paho: it would drop the connection
                    log.warn("Handling a message on {} failed: {}", topic, e.toString());
                }
            }

            @Override
            public void deliveryComplete(IMqttDeliveryToken token) {}
        };
    }
}
