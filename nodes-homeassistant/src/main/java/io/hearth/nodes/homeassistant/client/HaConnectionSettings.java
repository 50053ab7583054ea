package io.hearth.nodes.homeassistant.client;

import io.hearth.node.NodeException;
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
 * Where and how to reach one Home Assistant, read from a "Home Assistant API" credential (a long-lived
 * access token) or a "Home Assistant (Sign in)" one (the tokens of "Sign in with Home Assistant").
 * {@link #toString()} never shows a token.
 *
 * @param host                   host name or IP address (IPv6 without brackets)
 * @param port                   TCP port
 * @param ssl                    https/wss instead of http/ws
 * @param auth                   the long-lived access token or the sign-in tokens
 * @param allowUnauthorizedCerts trust any certificate and skip host name checks
 * @param caCertificate          PEM text of a CA (or self-signed certificate) to trust instead of the JDK's
 */
public record HaConnectionSettings(
        String host,
        int port,
        boolean ssl,
        HaAuth auth,
        boolean allowUnauthorizedCerts,
        Optional<String> caCertificate) {

    public static final int DEFAULT_PORT = 8123;

    /** The credential type of "Sign in with Home Assistant". */
    public static final String SIGN_IN_CREDENTIAL = "homeAssistantOAuth2Api";

    /** Its field holding what sign-in stored ({@link SignInTokens}); n8n's name for OAuth2 token data. */
    public static final String SIGN_IN_FIELD = "oauthTokenData";

    public HaConnectionSettings {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(auth, "auth");
        caCertificate = caCertificate == null ? Optional.empty() : caCertificate.filter(s -> !s.isBlank());
    }

    /** With a long-lived access token. */
    public HaConnectionSettings(
            String host,
            int port,
            boolean ssl,
            Secret accessToken,
            boolean allowUnauthorizedCerts,
            Optional<String> caCertificate) {
        this(host, port, ssl, new HaAuth.LongLivedToken(accessToken), allowUnauthorizedCerts, caCertificate);
    }

    /**
     * Reads (and normalises, like the credential types do) the fields of a credential; a sign-in credential
     * that was never signed in (or was disconnected) is refused with what to do.
     */
    public static HaConnectionSettings fromCredential(CredentialData data) {
        return withAuth(data, auth(data));
    }

    /** The address and TLS fields of a credential with {@code auth} (e.g. none yet, before sign-in). */
    public static HaConnectionSettings withAuth(CredentialData data, HaAuth auth) {
        HostAddress address = HostAddress.parse(
                data.string("host"),
                data.get("port").orElse(null),
                data.get("ssl").orElse(null));
        return new HaConnectionSettings(
                address.host(),
                address.port(),
                address.ssl(),
                auth,
                data.bool("allowUnauthorizedCerts"),
                Optional.of(data.string("caCertificate")).filter(s -> !s.isBlank()));
    }

    private static HaAuth auth(CredentialData data) {
        if (!SIGN_IN_CREDENTIAL.equals(data.type())) {
            return new HaAuth.LongLivedToken(data.secret("accessToken"));
        }
        String stored = data.secret(SIGN_IN_FIELD).reveal();
        return new HaAuth.SignIn(
                SignInTokens.fromStored(stored)
                        .orElseThrow(() -> new NodeException(
                                "The Home Assistant credential is not signed in",
                                "Open the credential and click 'Sign in with Home Assistant'.",
                                null)),
                stored,
                data.writer());
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
                    auth.identity());
            return HexFormat.of().formatHex(sha.digest(material.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public String toString() {
        return "HaConnectionSettings[" + baseUrl() + (auth instanceof HaAuth.SignIn ? ", signed in " : ", token ")
                + Secret.MASK
                + (allowUnauthorizedCerts ? ", any certificate" : "")
                + (caCertificate.isPresent() ? ", custom CA" : "") + "]";
    }
}
