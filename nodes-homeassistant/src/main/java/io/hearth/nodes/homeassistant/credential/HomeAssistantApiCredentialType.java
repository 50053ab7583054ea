package io.hearth.nodes.homeassistant.credential;

import io.hearth.node.NodeApiException;
import io.hearth.node.credential.CredentialData;
import io.hearth.node.credential.CredentialDescription;
import io.hearth.node.credential.CredentialTestResult;
import io.hearth.node.credential.CredentialType;
import io.hearth.node.credential.FieldError;
import io.hearth.node.credential.RequestAuthentication;
import io.hearth.node.description.Parameter;
import io.hearth.nodes.homeassistant.client.HaConnectionSettings;
import io.hearth.nodes.homeassistant.client.HaRequest;
import io.hearth.nodes.homeassistant.client.HomeAssistantClient;
import io.hearth.nodes.homeassistant.client.HostAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import reactor.core.publisher.Mono;

/**
 * The "Home Assistant API" credential ({@code homeAssistantApi}), field-compatible with n8n's:
 * {@code host}, {@code port} (8123), {@code ssl}, {@code accessToken} (a long-lived access token),
 * plus Hearth's {@code allowUnauthorizedCerts} and {@code caCertificate} for self-signed or own-CA
 * https setups.
 * <ul>
 *   <li>{@link #normalize}: a URL pasted into host ({@code https://ha.local:8443/}) is split into host,
 *       port and SSL; whitespace and trailing slashes go.</li>
 *   <li>{@link #validate}: a bad host (characters, a path, empty), port (outside 1..65535), missing
 *       token or unreadable CA certificate is reported on its field.</li>
 *   <li>{@link #test}: {@code GET /api/} must answer {@code {"message": "API running."}} within 5 s;
 *       each failure (token rejected, not allowed, refused, unknown host, TLS, timeout) has its own message.
 *       No message contains the token.</li>
 * </ul>
 */
public final class HomeAssistantApiCredentialType implements CredentialType {

    public static final String NAME = "homeAssistantApi";
    static final Duration TEST_TIMEOUT = Duration.ofSeconds(5);

    private static final CredentialDescription DESCRIPTION = new CredentialDescription(
            NAME,
            "Home Assistant API",
            Parameter.all(
                    Parameter.string("host")
                            .displayName("Host")
                            .required()
                            .placeholder("homeassistant.local")
                            .description(
                                    "Host name or IP address of Home Assistant, without http:// (a pasted URL such as "
                                            + "https://ha.example.org:8443 is split into host, port and SSL)"),
                    Parameter.number("port", 1, 65535)
                            .displayName("Port")
                            .defaultValue(8123)
                            .description("8123 unless Home Assistant is behind a proxy (then usually 443)"),
                    Parameter.bool("ssl")
                            .displayName("SSL")
                            .defaultValue(false)
                            .description("Connect with https (and wss for the WebSocket API)"),
                    Parameter.secret("accessToken")
                            .displayName("Access Token")
                            .required()
                            .description("A long-lived access token: in Home Assistant open your profile page, "
                                    + "Security tab, 'Long-lived access tokens', and create one"),
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
                            .show("ssl", true)),
            Optional.of("https://developers.home-assistant.io/docs/auth_api/#long-lived-access-token"),
            "file:homeassistant.svg");

    /** HTTP Request with this credential ("Predefined Credential Type") sends the token as a Bearer header. */
    @Override
    public Optional<RequestAuthentication> requestAuthentication() {
        return Optional.of(RequestAuthentication.bearer("accessToken"));
    }

    @Override
    public CredentialDescription description() {
        return DESCRIPTION;
    }

    @Override
    public CredentialData normalize(CredentialData data) {
        HostAddress address = HostAddress.parse(
                data.string("host"),
                data.get("port").orElse(null),
                data.get("ssl").orElse(null));
        CredentialData out =
                data.with("host", address.host()).with("port", address.port()).with("ssl", address.ssl());
        Object token = data.values().get("accessToken");
        if (token instanceof String s && !s.equals(s.strip())) {
            out = out.with("accessToken", s.strip());
        }
        Object ca = data.values().get("caCertificate");
        if (ca instanceof String s) {
            out = out.with("caCertificate", s.strip());
        }
        return out;
    }

    @Override
    public List<FieldError> validate(CredentialData data) {
        List<FieldError> errors = new ArrayList<>();
        HostAddress address = HostAddress.parse(
                data.string("host"),
                data.get("port").orElse(null),
                data.get("ssl").orElse(null));
        address.hostProblem().ifPresent(p -> errors.add(new FieldError("host", "Host " + p)));
        address.portProblem().ifPresent(p -> errors.add(new FieldError("port", "Port " + p)));
        if (data.secret("accessToken").reveal().isBlank()) {
            errors.add(new FieldError("accessToken", "Access Token is required"));
        } else if (data.secret("accessToken").reveal().strip().chars().anyMatch(Character::isWhitespace)) {
            errors.add(new FieldError("accessToken", "Access Token must not contain spaces or line breaks"));
        }
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

    @Override
    public CompletionStage<CredentialTestResult> test(CredentialData data) {
        CredentialData normalized = normalize(data);
        List<FieldError> problems = validate(normalized);
        if (!problems.isEmpty()) {
            return CompletableFuture.completedFuture(CredentialTestResult.failed(
                    String.join("; ", problems.stream().map(FieldError::message).toList())));
        }
        HaConnectionSettings settings = HaConnectionSettings.fromCredential(normalized);
        HomeAssistantClient client;
        try {
            client = HomeAssistantClient.create(settings, HomeAssistantClient.Options.quick(TEST_TIMEOUT));
        } catch (RuntimeException e) {
            return CompletableFuture.completedFuture(CredentialTestResult.failed(e.getMessage()));
        }
        return client.send(HaRequest.get("Connect to Home Assistant", "/api/"))
                .map(response -> {
                    Object json = response.json();
                    if (json instanceof Map<?, ?> m && "API running.".equals(m.get("message"))) {
                        return CredentialTestResult.ok("Connected to Home Assistant at " + settings.baseUrl());
                    }
                    return CredentialTestResult.failed(
                            "Connected to " + settings.hostAndPort()
                                    + ", but it did not answer like Home Assistant's API (expected {\"message\": \"API running.\"})");
                })
                .onErrorResume(e -> Mono.just(CredentialTestResult.failed(testMessage(e))))
                .doFinally(s -> client.close())
                .toFuture();
    }

    static String testMessage(Throwable e) {
        if (e instanceof NodeApiException api) {
            String message = api.getMessage().replaceFirst("^Connect to Home Assistant failed: ", "");
            if (api.httpStatus().orElse(0) == 401) {
                message = "Access token rejected (401): Home Assistant answered but did not accept the token; "
                        + "create a new long-lived access token on your Home Assistant profile page";
            } else if (api.httpStatus().orElse(0) == 403) {
                message =
                        "Not allowed (403): Home Assistant refused this client (user permissions or an IP ban after failed logins)";
            }
            String hint = api.httpStatus().isPresent()
                    ? ""
                    : api.description().map(d -> ". " + d).orElse("");
            return capitalize(message) + hint;
        }
        return "Could not test the credential: " + e.getClass().getSimpleName();
    }

    private static String capitalize(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
