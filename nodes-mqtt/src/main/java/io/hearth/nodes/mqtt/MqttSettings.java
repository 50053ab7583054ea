package io.hearth.nodes.mqtt;

import io.hearth.node.credential.CredentialData;
import io.hearth.node.credential.Secret;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;

/**
 * How to reach an MQTT broker, read from an MQTT credential (n8n's fields).
 *
 * @param protocol     transport: TCP, TLS, WebSocket or WebSocket over TLS
 * @param host         broker host name or address
 * @param port         broker port
 * @param username     empty: connect without one
 * @param password     sent with the user name (n8n sends both only when both are set)
 * @param cleanSession false: the broker keeps the session (subscriptions, QoS 1/2 messages) while disconnected
 * @param clientId     empty: a random one per connection
 * @param tls          CA, client certificate, key and whether to verify the broker (used by TLS protocols)
 */
record MqttSettings(
        Protocol protocol,
        String host,
        int port,
        String username,
        Secret password,
        boolean cleanSession,
        String clientId,
        MqttTls tls) {

    static final int DEFAULT_PORT = 1883;

    /** The credential's transport choices: n8n's three plus WebSocket over TLS. */
    enum Protocol {
        MQTT("mqtt", "tcp", false),
        MQTTS("mqtts", "ssl", true),
        WS("ws", "ws", false),
        WSS("wss", "wss", true);

        final String value;
        final String pahoScheme;
        final boolean secure;

        Protocol(String value, String pahoScheme, boolean secure) {
            this.value = value;
            this.pahoScheme = pahoScheme;
            this.secure = secure;
        }

        static Optional<Protocol> of(String value) {
            for (Protocol p : values()) {
                if (p.value.equals(value.strip().toLowerCase(Locale.ROOT))) {
                    return Optional.of(p);
                }
            }
            return Optional.empty();
        }

        boolean webSocket() {
            return this == WS || this == WSS;
        }
    }

    static MqttSettings from(CredentialData c) {
        Protocol protocol = Protocol.of(c.string("protocol")).orElse(Protocol.MQTT);
        MqttTls tls = c.bool("ssl")
                ? new MqttTls(
                        text(c.secret("ca")),
                        text(c.secret("cert")),
                        text(c.secret("key")),
                        c.get("rejectUnauthorized")
                                .map(v -> c.bool("rejectUnauthorized"))
                                .orElse(true))
                : MqttTls.SYSTEM_DEFAULTS;
        return new MqttSettings(
                protocol,
                c.string("host").strip(),
                c.integer("port").map(Long::intValue).orElse(DEFAULT_PORT),
                c.string("username"),
                c.secret("password"),
                c.get("clean").map(v -> c.bool("clean")).orElse(true),
                c.string("clientId").strip(),
                tls);
    }

    private static Optional<String> text(Secret s) {
        return Optional.of(s.reveal()).filter(v -> !v.isBlank());
    }

    /** Paho's server URI, e.g. {@code ssl://broker:8883} or {@code ws://broker:9001/mqtt} (mqtt.js's path). */
    String serverUri() {
        String h = host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
        return protocol.pahoScheme + "://" + h + ":" + port + (protocol.webSocket() ? "/mqtt" : "");
    }

    /** {@code mqtts://broker:8883}, as users write it, for messages. */
    String describe() {
        return protocol.value + "://" + host + ":" + port;
    }

    /** n8n sends user name and password only when both are set. */
    boolean signsIn() {
        return !username.isEmpty() && !password.isEmpty();
    }

    /**
     * One connection serves every node using equal settings: this key identifies them (a hash, so no secret can
     * be read back from it).
     */
    String fingerprint() {
        String all = String.join(
                "\u0000",
                protocol.value,
                host,
                Integer.toString(port),
                username,
                password.reveal(),
                Boolean.toString(cleanSession),
                clientId,
                tls.caCertificates().orElse(""),
                tls.clientCertificate().orElse(""),
                tls.clientKey().orElse(""),
                Boolean.toString(tls.rejectUnauthorized()));
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(all.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
