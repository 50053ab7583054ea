package io.hearth.node.credential;

import io.hearth.node.NodeApiException;
import io.hearth.node.support.MiniJson;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * The OAuth2 token endpoint calls every OAuth2 credential needs: client credentials, authorization
 * code (with PKCE) and refresh, plus the authorization URL a browser opens. Non-blocking (the JDK's
 * HttpClient); no secret appears in an error message. Reusable by any credential type or plugin.
 */
public final class OAuth2Client {

    private static final SecureRandom RANDOM = new SecureRandom();
    private final HttpClient http;
    private final Clock clock;

    public OAuth2Client() {
        this(
                HttpClient.newBuilder()
                        .version(HttpClient.Version.HTTP_1_1)
                        .connectTimeout(Duration.ofSeconds(15))
                        .build(),
                Clock.systemUTC());
    }

    public OAuth2Client(HttpClient http, Clock clock) {
        this.http = http;
        this.clock = clock;
    }

    /** Tokens for the client itself (grant type client_credentials). */
    public CompletableFuture<OAuth2Tokens> clientCredentials(OAuth2Settings settings) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "client_credentials");
        if (!settings.scope().isEmpty()) {
            form.put("scope", settings.scope());
        }
        return token(settings, form, Optional.empty());
    }

    /** Exchanges the code the provider sent to {@code redirectUri} for tokens. */
    public CompletableFuture<OAuth2Tokens> exchangeCode(
            OAuth2Settings settings, String code, URI redirectUri, Optional<String> codeVerifier) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "authorization_code");
        form.put("code", code);
        form.put("redirect_uri", redirectUri.toString());
        codeVerifier.ifPresent(v -> form.put("code_verifier", v));
        return token(settings, form, Optional.empty());
    }

    /** New tokens for a refresh token; a provider that sends no new refresh token keeps the old one. */
    public CompletableFuture<OAuth2Tokens> refresh(OAuth2Settings settings, Secret refreshToken) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "refresh_token");
        form.put("refresh_token", refreshToken.reveal());
        return token(settings, form, Optional.of(refreshToken));
    }

    /** Where to send the user's browser to sign in. */
    public static URI authorizationUri(
            OAuth2Settings settings, URI redirectUri, String state, Optional<String> codeChallenge) {
        URI base = settings.authorizationUrl()
                .orElseThrow(() -> new IllegalArgumentException("the credential has no Authorization URL"));
        StringBuilder q = new StringBuilder(base.getRawQuery() == null ? "" : base.getRawQuery() + "&");
        q.append("response_type=code");
        q.append("&client_id=").append(encode(settings.clientId()));
        q.append("&redirect_uri=").append(encode(redirectUri.toString()));
        q.append("&state=").append(encode(state));
        if (!settings.scope().isEmpty()) {
            q.append("&scope=").append(encode(settings.scope()));
        }
        codeChallenge.ifPresent(c -> q.append("&code_challenge=").append(c).append("&code_challenge_method=S256"));
        if (!settings.extraAuthorizationParameters().isBlank()) {
            q.append('&').append(settings.extraAuthorizationParameters().replaceFirst("^[?&]", ""));
        }
        String s = base.toString();
        int question = s.indexOf('?');
        return URI.create((question >= 0 ? s.substring(0, question) : s) + "?" + q);
    }

    /** A random PKCE code verifier (and OAuth2 state). */
    public static String randomToken() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** The S256 PKCE challenge of a verifier. */
    public static String codeChallenge(String verifier) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(hash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private CompletableFuture<OAuth2Tokens> token(
            OAuth2Settings settings, Map<String, String> form, Optional<Secret> previousRefresh) {
        HttpRequest.Builder request = HttpRequest.newBuilder(settings.tokenUrl())
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "application/json");
        Map<String, String> body = new LinkedHashMap<>(form);
        if (settings.credentialsInBody() || settings.clientSecret().isEmpty()) {
            body.put("client_id", settings.clientId());
            if (!settings.clientSecret().isEmpty()) {
                body.put("client_secret", settings.clientSecret().reveal());
            }
        } else {
            request.header(
                    "Authorization",
                    RequestAuthentication.basicValue(
                            encode(settings.clientId()),
                            encode(settings.clientSecret().reveal())));
        }
        StringBuilder text = new StringBuilder();
        body.forEach((k, v) -> text.append(text.isEmpty() ? "" : "&")
                .append(encode(k))
                .append('=')
                .append(encode(v)));
        String endpoint = settings.tokenUrl().getScheme() + "://"
                + settings.tokenUrl().getAuthority() + settings.tokenUrl().getPath();
        return http.sendAsync(
                        request.POST(HttpRequest.BodyPublishers.ofString(text.toString()))
                                .build(),
                        HttpResponse.BodyHandlers.ofString())
                .handle((response, failure) -> {
                    if (failure != null) {
                        Throwable cause = failure.getCause() != null ? failure.getCause() : failure;
                        throw new NodeApiException(
                                "The OAuth2 token endpoint " + endpoint + " could not be reached: "
                                        + cause.getClass().getSimpleName(),
                                0);
                    }
                    Object json;
                    try {
                        json = MiniJson.parse(response.body());
                    } catch (IllegalArgumentException e) {
                        json = Map.of();
                    }
                    Map<?, ?> answer = json instanceof Map<?, ?> m ? m : Map.of();
                    if (response.statusCode() >= 400 || answer.containsKey("error")) {
                        String error = answer.get("error") == null
                                ? "HTTP " + response.statusCode()
                                : answer.get("error").toString();
                        String detail = answer.get("error_description") == null
                                ? ""
                                : " (" + answer.get("error_description") + ")";
                        throw new NodeApiException(
                                "The OAuth2 token endpoint refused the request: " + error + detail,
                                response.statusCode(),
                                "Token URL: " + endpoint,
                                null);
                    }
                    @SuppressWarnings("unchecked")
                    Map<String, ?> typed = (Map<String, ?>) answer;
                    try {
                        return OAuth2Tokens.fromResponse(typed, clock.instant(), previousRefresh);
                    } catch (IllegalArgumentException e) {
                        throw new NodeApiException(
                                "The OAuth2 token endpoint's answer has no access token", response.statusCode());
                    }
                });
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
