package io.hearth.nodes.homeassistant.client;

import io.hearth.node.NodeApiException;
import io.hearth.node.credential.Secret;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import reactor.core.publisher.Mono;

/**
 * Home Assistant's auth API for "Sign in with Home Assistant" (its OAuth2-style flow with the client id
 * being the application's URL and no client secret): the code from {@code /auth/authorize} and refresh
 * tokens are exchanged at {@code /auth/token}; Disconnect revokes the refresh token at {@code /auth/revoke}
 * (or, where that is missing, {@code /auth/token} with {@code action=revoke}). Calls go through the
 * client's HTTP connection (its TLS settings), without an access token.
 */
public final class HaSignInApi {

    private final HomeAssistantClient client;
    private final Clock clock;

    public HaSignInApi(HomeAssistantClient client, Clock clock) {
        this.client = client;
        this.clock = clock;
    }

    /** Where the browser signs in: Home Assistant's own login page. */
    public static String authorizeUrl(String baseUrl, String clientId, String redirectUri, String state) {
        return baseUrl + "/auth/authorize?response_type=code&client_id=" + HaRequest.encodeQuery(clientId)
                + "&redirect_uri=" + HaRequest.encodeQuery(redirectUri) + "&state=" + HaRequest.encodeQuery(state);
    }

    /** Exchanges an authorization code for tokens. */
    public Mono<SignInTokens> exchange(String code, String clientId) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "authorization_code");
        form.put("code", code);
        form.put("client_id", clientId);
        return token("Sign in with Home Assistant", form, clientId, Optional.empty());
    }

    /** A new access token for the stored refresh token. */
    public Mono<SignInTokens> refresh(SignInTokens tokens) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "refresh_token");
        form.put("refresh_token", tokens.refreshToken().reveal());
        form.put("client_id", tokens.clientId());
        return token("Refresh the Home Assistant sign-in", form, tokens.clientId(), Optional.of(tokens.refreshToken()));
    }

    /** Revokes the refresh token (and every access token it gave). */
    public Mono<Void> revoke(Secret refreshToken) {
        return client.postForm("Disconnect from Home Assistant", "/auth/revoke", Map.of("token", refreshToken.reveal()))
                .flatMap(r -> {
                    if (r.status() == 404 || r.status() == 405) { // before /auth/revoke existed
                        return client.postForm(
                                "Disconnect from Home Assistant",
                                "/auth/token",
                                Map.of("action", "revoke", "token", refreshToken.reveal()));
                    }
                    return Mono.just(r);
                })
                .flatMap(r -> r.status() / 100 == 2
                        ? Mono.<Void>empty()
                        : Mono.error(new NodeApiException(
                                "Disconnect from Home Assistant failed: Home Assistant answered " + r.status(),
                                r.status())));
    }

    private Mono<SignInTokens> token(
            String operation, Map<String, String> form, String clientId, Optional<Secret> previous) {
        return client.postForm(operation, "/auth/token", form).map(r -> {
            Map<String, Object> json = Json.asObject(Json.tryParse(r.text()).orElse(null));
            if (r.status() == 200) {
                return SignInTokens.fromTokenAnswer(json, clock.instant(), clientId, previous);
            }
            String error = Json.asString(json.get("error"));
            String detail = Json.asString(json.get("error_description"));
            if (previous.isPresent() && ("invalid_grant".equals(error) || r.status() == 403)) {
                throw signInAgain(operation, error.isEmpty() ? "HTTP " + r.status() : error);
            }
            throw new NodeApiException(
                    operation + " failed: Home Assistant refused it (" + r.status() + ")"
                            + (error.isEmpty() ? "" : ": " + error) + (detail.isEmpty() ? "" : " (" + detail + ")"),
                    r.status(),
                    previous.isPresent()
                            ? null
                            : "The sign-in took too long or was used twice; click 'Sign in with Home Assistant' again.",
                    null);
        });
    }

    /** Home Assistant no longer accepts the refresh token: the user must sign in again. */
    static NodeApiException signInAgain(String operation, String why) {
        return new NodeApiException(
                "Sign in again: Home Assistant no longer accepts this sign-in (" + why + "; the user or Disconnect "
                        + "revoked it)",
                401,
                "Open the Home Assistant credential and click 'Sign in with Home Assistant'.",
                null);
    }
}
