package io.hearth.nodes.homeassistant.client;

import io.hearth.node.credential.CredentialData;
import io.hearth.node.credential.Secret;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Where and how to reach one Home Assistant, read from a {@code homeAssistantApi} credential.
 * {@link #toString()} never shows the token.
 *
 * @param host                   host name or IP address (IPv6 without brackets)
 * @param port                   TCP port
 * @param ssl                    https/wss instead of http/ws
 * @param accessToken            the long-lived access token
 * @param allowUnauthorizedCerts trust any certificate and skip host name checks
 * @param caCertificate          PEM text of a CA (or self-signed certificate) to trust instead of the JDK's
 */
public record HaConnectionSettings(
        String host,
        int port,
        boolean ssl,
        Secret accessToken,
        boolean allowUnauthorizedCerts,
        Optional<String> caCertificate) {

    public static final int DEFAULT_PORT = 8123;

    public HaConnectionSettings {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(accessToken, "accessToken");
        caCertificate = caCertificate == null ? Optional.empty() : caCertificate.filter(s -> !s.isBlank());
    }

    /** Reads (and normalises, like the credential type does) the fields of a credential. */
    public static HaConnectionSettings fromCredential(CredentialData data) {
        HostAddress address = HostAddress.parse(
                data.string("host"),
                data.get("port").orElse(null),
                data.get("ssl").orElse(null));
        return new HaConnectionSettings(
                address.host(),
                address.port(),
                address.ssl(),
                data.secret("accessToken"),
                data.bool("allowUnauthorizedCerts"),
                Optional.of(data.string("caCertificate")).filter(s -> !s.isBlank()));
    }

    /** {@code http(s)://host:port} without a trailing slash. */
    public String baseUrl() {
        return (ssl ? "https" : "http") + "://" + hostForUrl() + ":" + port;
    }

    /** {@code ws(s)://host:port/api/websocket}. */
    public String websocketUrl() {
        return (ssl ? "wss" : "ws") + "://" + hostForUrl() + ":" + port + "/api/websocket";
    }

    /** {@code host:port} for messages. */
    public String hostAndPort() {
        return hostForUrl() + ":" + port;
    }

    private String hostForUrl() {
        return host.contains(":") ? "[" + host + "]" : host;
    }

    /**
     * A digest of every value, the token included, identifying "the same credential" for client
     * caching: a changed token or TLS setting gives a new client. The token cannot be recovered from it.
     */
    public String fingerprint() {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            String material = String.join(
                    "\u0000",
                    host.toLowerCase(Locale.ROOT),
                    Integer.toString(port),
                    Boolean.toString(ssl),
                    Boolean.toString(allowUnauthorizedCerts),
                    caCertificate.orElse(""),
                    accessToken.reveal());
            return HexFormat.of().formatHex(sha.digest(material.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public String toString() {
        return "HaConnectionSettings[" + baseUrl() + ", token " + Secret.MASK
                + (allowUnauthorizedCerts ? ", any certificate" : "")
                + (caCertificate.isPresent() ? ", custom CA" : "") + "]";
    }
}
