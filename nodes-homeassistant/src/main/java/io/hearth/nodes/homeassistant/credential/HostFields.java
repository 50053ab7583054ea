package io.hearth.nodes.homeassistant.credential;

import io.hearth.node.NodeApiException;
import io.hearth.node.credential.CredentialData;
import io.hearth.node.credential.FieldError;
import io.hearth.node.description.Parameter;
import io.hearth.nodes.homeassistant.client.HomeAssistantClient;
import io.hearth.nodes.homeassistant.client.HostAddress;
import java.util.ArrayList;
import java.util.List;

/**
 * Where Home Assistant is and how to trust it: the fields both Home Assistant credentials have (n8n's
 * {@code host}, {@code port}, {@code ssl}; Hearth's {@code allowUnauthorizedCerts}, {@code caCertificate}),
 * their normalisation (a pasted {@code https://ha.local:8443/} becomes host, port and SSL) and checks.
 */
final class HostFields {

    private HostFields() {}

    static List<Parameter> address() {
        return Parameter.all(
                Parameter.string("host")
                        .displayName("Host")
                        .required()
                        .placeholder("homeassistant.local")
                        .description("Host name or IP address of Home Assistant, without http:// (a pasted URL such as "
                                + "https://ha.example.org:8443 is split into host, port and SSL)"),
                Parameter.number("port", 1, 65535)
                        .displayName("Port")
                        .defaultValue(8123)
                        .description("8123 unless Home Assistant is behind a proxy (then usually 443)"),
                Parameter.bool("ssl")
                        .displayName("SSL")
                        .defaultValue(false)
                        .description("Connect with https (and wss for the WebSocket API)"));
    }

    static List<Parameter> tls() {
        return Parameter.all(
                Parameter.bool("allowUnauthorizedCerts")
                        .displayName("Ignore SSL Issues")
                        .defaultValue(false)
                        .description("Connect even if the certificate cannot be verified (self-signed, expired, "
                                + "other host name). Prefer 'CA Certificate'.")
                        .show("ssl", true),
                Parameter.text("caCertificate", 6)
                        .displayName("CA Certificate")
                        .placeholder("-----BEGIN CERTIFICATE-----")
                        .description("PEM certificate of the CA that signed Home Assistant's certificate, or the "
                                + "self-signed certificate itself: it is trusted for this credential only")
                        .show("ssl", true));
    }

    /** Host, port and SSL as canonical values; a pasted URL split; the CA certificate trimmed. */
    static CredentialData normalize(CredentialData data) {
        HostAddress address = address(data);
        CredentialData out =
                data.with("host", address.host()).with("port", address.port()).with("ssl", address.ssl());
        if (data.values().get("caCertificate") instanceof String s) {
            out = out.with("caCertificate", s.strip());
        }
        return out;
    }

    /** Problems with host, port and CA certificate, each on its field. */
    static List<FieldError> validate(CredentialData data) {
        List<FieldError> errors = new ArrayList<>();
        HostAddress address = address(data);
        address.hostProblem().ifPresent(p -> errors.add(new FieldError("host", "Host " + p)));
        address.portProblem().ifPresent(p -> errors.add(new FieldError("port", "Port " + p)));
        String ca = data.string("caCertificate");
        if (address.ssl() && !ca.isBlank()) {
            try {
                HomeAssistantClient.parsePem(ca);
            } catch (NodeApiException e) {
                errors.add(new FieldError("caCertificate", e.getMessage()));
            }
        }
        return errors;
    }

    private static HostAddress address(CredentialData data) {
        return HostAddress.parse(
                data.string("host"),
                data.get("port").orElse(null),
                data.get("ssl").orElse(null));
    }
}
