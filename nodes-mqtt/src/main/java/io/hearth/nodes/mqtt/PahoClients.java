package io.hearth.nodes.mqtt;

import java.util.concurrent.ThreadLocalRandom;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Paho client plumbing shared by {@link MqttConnection} and the credential test: connect options, client ids, a quiet disconnect. */
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
}
