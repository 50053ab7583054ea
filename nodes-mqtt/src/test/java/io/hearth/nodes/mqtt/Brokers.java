package io.hearth.nodes.mqtt;

import io.hearth.node.credential.CredentialData;
import io.hearth.testsupport.RealMosquitto;
import io.hearth.testsupport.TestCertificates;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** MQTT credentials for the real Mosquitto of a test. */
final class Brokers {

    private Brokers() {}

    static final Set<String> SECRETS = Set.of("password", "ca", "cert", "key");

    /** Plain TCP, signing in as the broker's user. */
    static Map<String, Object> plain(RealMosquitto broker) {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("protocol", "mqtt");
        c.put("host", broker.host());
        c.put("port", broker.port());
        c.put("username", broker.user());
        c.put("password", broker.password());
        return c;
    }

    /** TLS with the broker's test CA pasted under CA Certificates. */
    static Map<String, Object> tls(RealMosquitto broker) {
        Map<String, Object> c = plain(broker);
        c.put("protocol", "mqtts");
        c.put("port", broker.tlsPort());
        c.put("ssl", true);
        c.put("ca", TestCertificates.pem(broker.certificates().caCert()));
        return c;
    }

    static Map<String, Object> with(Map<String, Object> values, Object... keyValues) {
        Map<String, Object> c = new LinkedHashMap<>(values);
        for (int i = 0; i < keyValues.length; i += 2) {
            c.put((String) keyValues[i], keyValues[i + 1]);
        }
        return c;
    }

    static CredentialData credential(Map<String, Object> values) {
        return new CredentialData(MqttCredentialType.NAME, values, SECRETS);
    }
}
