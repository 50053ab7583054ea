package io.hearth.nodes.homeassistant.client;

import io.hearth.node.NodeApiException;
import io.hearth.node.credential.Secret;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What "Sign in with Home Assistant" stores (encrypted, in the credential's {@code oauthTokenData}): the
 * refresh token Home Assistant issued to Hearth, the client id it was issued for (Hearth's public URL: a
 * refresh must name it again), and the last access token with its expiry. Home Assistant's access tokens
 * live 30 minutes; its refresh tokens until the user (or Disconnect) revokes them.
 */
public record SignInTokens(Secret accessToken, Optional<Instant> expiresAt, Secret refreshToken, String clientId) {

    public SignInTokens {
        expiresAt = expiresAt == null ? Optional.empty() : expiresAt;
    }

    /** Reads {@code /auth/token}'s answer (a refresh answer has no refresh token: {@code previous} keeps it). */
    public static SignInTokens fromTokenAnswer(
            Map<String, Object> json, Instant now, String clientId, Optional<Secret> previousRefresh) {
        if (!(json.get("access_token") instanceof String access) || access.isBlank()) {
            throw new NodeApiException("Home Assistant's token answer has no access token", 0);
        }
        Secret refresh = json.get("refresh_token") instanceof String r && !r.isBlank()
                ? Secret.of(r)
                : previousRefresh.orElseThrow(
                        () -> new NodeApiException("Home Assistant's token answer has no refresh token", 0));
        Optional<Instant> expires = json.get("expires_in") instanceof Number n
                ? Optional.of(now.plusSeconds(n.longValue()))
                : Optional.empty();
        return new SignInTokens(Secret.of(access), expires, refresh, clientId);
    }

    /** The stored form, parsed; empty when the credential has not been signed in. */
    public static Optional<SignInTokens> fromStored(String json) {
        if (json == null || json.isBlank()) {
            return Optional.empty();
        }
        Map<String, Object> m = Json.asObject(Json.tryParse(json).orElse(null));
        if (!(m.get("refresh_token") instanceof String refresh) || refresh.isBlank()) {
            return Optional.empty();
        }
        Optional<Instant> expires = m.get("expires_at") instanceof String e && !e.isBlank()
                ? Optional.of(Instant.parse(e))
                : Optional.empty();
        return Optional.of(new SignInTokens(
                Secret.of(Json.asString(m.get("access_token"))),
                expires,
                Secret.of(refresh),
                Json.asString(m.get("client_id"))));
    }

    /** The text stored under {@code oauthTokenData}. */
    public String toStored() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("access_token", accessToken.reveal());
        m.put("refresh_token", refreshToken.reveal());
        m.put("token_type", "Bearer");
        expiresAt.ifPresent(e -> m.put("expires_at", e.toString()));
        m.put("client_id", clientId);
        return Json.write(m);
    }

    public SignInTokens withAccess(Secret token, Optional<Instant> expires) {
        return new SignInTokens(token, expires, refreshToken, clientId);
    }

    @Override
    public String toString() {
        return "SignInTokens[" + Secret.MASK + ", expires "
                + expiresAt.map(Instant::toString).orElse("?") + ", client " + clientId + "]";
    }
}
