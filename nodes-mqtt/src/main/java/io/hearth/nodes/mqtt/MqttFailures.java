package io.hearth.nodes.mqtt;

import io.hearth.node.NodeException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.SSLException;
import org.eclipse.paho.client.mqttv3.MqttException;

/**
 * Why a connection to a broker failed or ended, in words a user can act on: "connection refused", "not
 * authorized", "TLS handshake failed" and the others, each with what usually fixes it.
 */
final class MqttFailures {

    private MqttFailures() {}

    /** What went wrong; {@code authentication} for refusals of the credential itself (user, password, client ID). */
    record Failure(String message, boolean authentication) {}

    static Failure of(MqttSettings s, Throwable e) {
        String where = s.describe();
        Optional<SSLException> tls = cause(e, SSLException.class);
        if (tls.isPresent()) {
            return new Failure(tlsMessage(s, tls.get()), false);
        }
        boolean lost = e instanceof MqttException m && m.getReasonCode() == MqttException.REASON_CODE_CONNECTION_LOST;
        if (s.protocol().secure
                && !lost
                && (cause(e, java.net.SocketException.class).isPresent()
                        || cause(e, java.io.EOFException.class).isPresent())
                && cause(e, ConnectException.class).isEmpty()) {
            // a plain listener answers a TLS ClientHello by closing the connection
            return new Failure(
                    "TLS handshake failed with " + where + " (the broker closed the connection during the handshake): "
                            + "it probably does not speak TLS on this port; choose Mqtt (or Ws), or the broker's TLS port",
                    false);
        }
        if (cause(e, ConnectException.class).isPresent()) {
            return new Failure("Connection refused by " + where + ": no MQTT broker listens there", false);
        }
        if (cause(e, UnknownHostException.class).isPresent()) {
            return new Failure("Unknown host '" + s.host() + "': the name does not resolve", false);
        }
        if (cause(e, NoRouteToHostException.class).isPresent()) {
            return new Failure("No route to " + where, false);
        }
        if (e instanceof MqttException m) {
            return switch (m.getReasonCode()) {
                case MqttException.REASON_CODE_NOT_AUTHORIZED ->
                    new Failure(
                            "Not authorized: the broker at " + where + " refused the connection (CONNACK 5)"
                                    + (s.signsIn()
                                            ? "; check the user name and password"
                                            : "; it wants a user name and password"),
                            true);
                case MqttException.REASON_CODE_FAILED_AUTHENTICATION ->
                    new Failure(
                            "Not authorized: the broker at " + where + " refused the user name or password (CONNACK 4)",
                            true);
                case MqttException.REASON_CODE_INVALID_CLIENT_ID ->
                    new Failure(
                            "The broker at " + where + " rejected the client ID '" + s.clientId() + "' (CONNACK 2)",
                            true);
                case MqttException.REASON_CODE_BROKER_UNAVAILABLE ->
                    new Failure("The broker at " + where + " is unavailable (CONNACK 3)", false);
                case MqttException.REASON_CODE_INVALID_PROTOCOL_VERSION ->
                    new Failure("The broker at " + where + " does not speak MQTT 3.1.1 (CONNACK 1)", false);
                case MqttException.REASON_CODE_CLIENT_TIMEOUT ->
                    new Failure(
                            "No answer from " + where + " in time"
                                    + (s.protocol().secure
                                            ? ""
                                            : ": if the broker expects TLS on this port, choose Mqtts (or Wss)"),
                            false);
                case MqttException.REASON_CODE_CONNECTION_LOST ->
                    new Failure("Connection to " + where + " lost" + rootMessage(m), false);
                default -> new Failure("MQTT connection to " + where + " failed: " + describe(m), false);
            };
        }
        return new Failure("MQTT connection to " + where + " failed: " + describe(e), false);
    }

    private static String tlsMessage(MqttSettings s, SSLException e) {
        String reason = Optional.ofNullable(e.getMessage()).orElse(e.getClass().getSimpleName());
        String hint = "";
        if (reason.contains("Unsupported or unrecognized SSL message") || reason.contains("plaintext")) {
            hint = ": the broker does not speak TLS on this port; choose Mqtt (or Ws), or the broker's TLS port";
        } else if (reason.contains("PKIX")
                || reason.contains("certificat")
                || reason.contains("No subject")
                || reason.contains("No name matching")) {
            hint = ": the broker's certificate is not trusted; paste its CA under CA Certificates (SSL on), or turn "
                    + "off Reject Unauthorized Certificate only if you trust this broker";
        } else if (reason.contains("bad_certificate") || reason.contains("certificate_required")) {
            hint = ": the broker wants a client certificate it trusts (Client Certificate and Client Key, SSL on)";
        }
        return "TLS handshake failed with " + s.describe() + " (" + reason + ")" + hint;
    }

    // identity is the test: a cause chain ends at a Throwable that is its own cause
    @SuppressWarnings("ReferenceEquality")
    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root == e || root.getMessage() == null ? "" : " (" + root.getMessage() + ")";
    }

    private static String describe(Throwable e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return message + rootMessage(e);
    }

    // identity is the test: a cause chain ends at a Throwable that is its own cause
    @SuppressWarnings("ReferenceEquality")
    private static <T extends Throwable> Optional<T> cause(Throwable e, Class<T> type) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return Optional.of(type.cast(t));
            }
        }
        return Optional.empty();
    }

    /** Why a publish failed: a topic the client refuses, or the broker's or connection's failure. */
    static NodeException publishing(MqttSettings settings, String topic, Throwable e) {
        if (e instanceof IllegalArgumentException) {
            return new NodeException("Topic: '" + topic + "' cannot be published to (" + e.getMessage() + ")", e);
        }
        return new NodeException(
                "Publishing to '" + topic + "' failed: " + of(settings, e).message(), e);
    }

    /** The broker refused to subscribe {@code filters} (SUBACK 0x80). */
    static NodeException subscriptionRefused(MqttSettings settings, List<String> filters) {
        return new NodeException("The broker at " + settings.describe() + " refused the subscription to "
                + String.join(", ", filters)
                + " (SUBACK 0x80: not allowed for this user, or not a valid topic filter for it)");
    }

    static NodeException subscribing(MqttSettings settings, Throwable e) {
        return new NodeException(
                "Subscribing at " + settings.describe() + " failed: "
                        + of(settings, e).message(),
                e);
    }

    /** The innermost cause's message (its class when it has none): what a lost connection's status names. */
    // identity is the test: a cause chain ends at a Throwable that is its own cause
    @SuppressWarnings("ReferenceEquality")
    static String rootReason(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    }

    /** A retry delay as a status tells it: "500 ms", "2.5 s". */
    static String delay(Duration d) {
        long ms = d.toMillis();
        return ms < 1000 ? ms + " ms" : String.format(java.util.Locale.ROOT, "%.1f s", ms / 1000.0);
    }
}
