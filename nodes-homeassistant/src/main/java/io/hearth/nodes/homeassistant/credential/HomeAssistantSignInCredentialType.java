package io.hearth.nodes.homeassistant.credential;

import io.hearth.node.NodeApiException;
import io.hearth.node.credential.BrowserSignIn;
import io.hearth.node.credential.CredentialData;
import io.hearth.node.credential.CredentialDescription;
import io.hearth.node.credential.CredentialTestResult;
import io.hearth.node.credential.CredentialType;
import io.hearth.node.credential.FieldError;
import io.hearth.node.credential.Secret;
import io.hearth.node.description.Parameter;
import io.hearth.nodes.homeassistant.client.HaAuth;
import io.hearth.nodes.homeassistant.client.HaConnectionSettings;
import io.hearth.nodes.homeassistant.client.HaRequest;
import io.hearth.nodes.homeassistant.client.HaSignInApi;
import io.hearth.nodes.homeassistant.client.HomeAssistantClient;
import io.hearth.nodes.homeassistant.client.SignInTokens;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import reactor.core.publisher.Mono;

/**
 * "Home Assistant (Sign in)" ({@value HaConnectionSettings#SIGN_IN_CREDENTIAL}): instead of pasting a
 * long-lived token, the user signs in on Home Assistant's own page. Home Assistant's auth API identifies the
 * application by its URL (the client id is Hearth's public URL, no client secret): {@code /auth/authorize}
 * sends the browser back to Hearth's callback with a code, {@code /auth/token} exchanges it for a refresh
 * token and a 30-minute access token. The tokens are stored encrypted in {@code oauthTokenData}; the node
 * and the trigger refresh the access token ({@link io.hearth.nodes.homeassistant.client.HaTokens}).
 * Disconnect revokes the refresh token. Host, port and TLS fields are those of the "Home Assistant API"
 * credential.
 */
public final class HomeAssistantSignInCredentialType implements CredentialType {

    public static final String NAME = HaConnectionSettings.SIGN_IN_CREDENTIAL;
    static final Duration TIMEOUT = Duration.ofSeconds(15);

    private static final CredentialDescription DESCRIPTION = new CredentialDescription(
            NAME,
            "Home Assistant (Sign in)",
            fields(),
            Optional.of("https://developers.home-assistant.io/docs/auth_api/"),
            "file:homeassistant.svg");

    private static List<Parameter> fields() {
        List<Parameter> fields = new ArrayList<>(HostFields.address());
        fields.add(Parameter.secret(HaConnectionSettings.SIGN_IN_FIELD)
                .displayName("Sign-in")
                .description("Filled by 'Sign in with Home Assistant'")
                .build());
        fields.addAll(HostFields.tls());
        return List.copyOf(fields);
    }

    @Override
    public CredentialDescription description() {
        return DESCRIPTION;
    }

    @Override
    public CredentialData normalize(CredentialData data) {
        return HostFields.normalize(data);
    }

    @Override
    public List<FieldError> validate(CredentialData data) {
        return HostFields.validate(data);
    }

    @Override
    public Optional<BrowserSignIn> browserSignIn() {
        return Optional.of(new SignIn());
    }

    /** Refreshes the access token: proves Home Assistant still accepts the sign-in. */
    @Override
    public CompletionStage<CredentialTestResult> test(CredentialData data) {
        CredentialData normalized = normalize(data);
        List<FieldError> problems = validate(normalized);
        if (!problems.isEmpty()) {
            return CompletableFuture.completedFuture(CredentialTestResult.failed(
                    String.join("; ", problems.stream().map(FieldError::message).toList())));
        }
        Optional<SignInTokens> tokens = SignInTokens.fromStored(
                normalized.secret(HaConnectionSettings.SIGN_IN_FIELD).reveal());
        if (tokens.isEmpty()) {
            return CompletableFuture.completedFuture(CredentialTestResult.failed(
                    "Not signed in yet: save the credential and click 'Sign in with Home Assistant'"));
        }
        HaConnectionSettings settings = HaConnectionSettings.fromCredential(normalized);
        return withClient(
                        settings,
                        client -> client.signInApi()
                                .refresh(tokens.get())
                                .flatMap(fresh -> client.send(HaRequest.get("Connect to Home Assistant", "/api/")))
                                .map(ok ->
                                        CredentialTestResult.ok("Signed in to Home Assistant at " + settings.baseUrl()))
                                .onErrorResume(e -> Mono.just(CredentialTestResult.failed(message(e)))))
                .toFuture();
    }

    private static String message(Throwable e) {
        return e instanceof NodeApiException api
                ? api.getMessage() + api.description().map(d -> ". " + d).orElse("")
                : "Could not test the credential: " + e.getClass().getSimpleName();
    }

    /** Settings to reach the Home Assistant of {@code data} before (or without) sign-in tokens. */
    static HaConnectionSettings unsignedSettings(CredentialData data) {
        return HaConnectionSettings.withAuth(data, new HaAuth.LongLivedToken(Secret.of("")));
    }

    private static <T> Mono<T> withClient(HaConnectionSettings settings, Function<HomeAssistantClient, Mono<T>> work) {
        return Mono.using(
                () -> HomeAssistantClient.create(settings, HomeAssistantClient.Options.quick(TIMEOUT)),
                work,
                HomeAssistantClient::close);
    }

    /** The browser sign-in with Home Assistant's auth API. */
    private final class SignIn implements BrowserSignIn {

        @Override
        public String tokenField() {
            return HaConnectionSettings.SIGN_IN_FIELD;
        }

        @Override
        public String buttonText() {
            return "Sign in with Home Assistant";
        }

        @Override
        public URI authorizationUri(CredentialData data, URI publicUrl, URI redirectUri, String state) {
            return URI.create(HaSignInApi.authorizeUrl(
                    unsignedSettings(normalize(data)).baseUrl(), publicUrl.toString(), redirectUri.toString(), state));
        }

        @Override
        public CompletionStage<Map<String, Object>> exchange(
                CredentialData data, URI publicUrl, URI redirectUri, String code) {
            HaConnectionSettings settings = unsignedSettings(normalize(data));
            return withClient(settings, client -> client.signInApi().exchange(code, publicUrl.toString()))
                    .map(tokens -> Map.<String, Object>of(HaConnectionSettings.SIGN_IN_FIELD, tokens.toStored()))
                    .toFuture();
        }

        @Override
        public CompletionStage<Void> revoke(CredentialData data) {
            Optional<SignInTokens> tokens = SignInTokens.fromStored(
                    data.secret(HaConnectionSettings.SIGN_IN_FIELD).reveal());
            if (tokens.isEmpty()) {
                return CompletableFuture.completedFuture(null);
            }
            return withClient(
                            unsignedSettings(normalize(data)),
                            client -> client.signInApi().revoke(tokens.get().refreshToken()))
                    .toFuture();
        }
    }
}
