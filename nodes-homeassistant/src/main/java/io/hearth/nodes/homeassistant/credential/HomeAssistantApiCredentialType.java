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
            fields(),
            Optional.of("https://developers.home-assistant.io/docs/auth_api/#long-lived-access-token"),
            "file:homeassistant.svg");

    private static List<Parameter> fields() {
        List<Parameter> fields = new ArrayList<>(HostFields.address());
        fields.add(Parameter.secret("accessToken")
                .displayName("Access Token")
                .required()
                .description("A long-lived access token: in Home Assistant open your profile page, "
                        + "Security tab, 'Long-lived access tokens', and create one")
                .build());
        fields.addAll(HostFields.tls());
        return List.copyOf(fields);
    }

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
        CredentialData out = HostFields.normalize(data);
        if (data.values().get("accessToken") instanceof String s && !s.equals(s.strip())) {
            out = out.with("accessToken", s.strip());
        }
        return out;
    }

    @Override
    public List<FieldError> validate(CredentialData data) {
        List<FieldError> errors = new ArrayList<>(HostFields.validate(data));
        if (data.secret("accessToken").reveal().isBlank()) {
            errors.add(new FieldError("accessToken", "Access Token is required"));
        } else if (data.secret("accessToken").reveal().strip().chars().anyMatch(Character::isWhitespace)) {
            errors.add(new FieldError("accessToken", "Access Token must not contain spaces or line breaks"));
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
