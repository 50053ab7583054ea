package io.hearth.node.credential;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Tokens from an OAuth2 token endpoint, stored with the credential under {@value #FIELD} (n8n's field
 * name, so an imported n8n credential keeps working): {@code access_token}, {@code refresh_token},
 * {@code token_type}, {@code expires_in}, {@code scope}, plus Hearth's {@code expires_at}.
 */
public record OAuth2Tokens(
        Secret accessToken,
        Optional<Secret> refreshToken,
        String tokenType,
        Optional<Instant> expiresAt,
        String scope) {

    /** The credential field that holds the tokens (secret, never shown, never sent back by the API). */
    public static final String FIELD = "oauthTokenData";

    public OAuth2Tokens {
        refreshToken = refreshToken == null ? Optional.empty() : refreshToken.filter(s -> !s.isEmpty());
        tokenType = tokenType == null || tokenType.isBlank() ? "Bearer" : tokenType;
        expiresAt = expiresAt == null ? Optional.empty() : expiresAt;
        scope = scope == null ? "" : scope;
    }

    /**
     * Reads a token endpoint's JSON answer. A refresh answer without a new refresh token keeps
     * {@code previousRefresh}.
     */
    public static OAuth2Tokens fromResponse(Map<String, ?> json, Instant now, Optional<Secret> previousRefresh) {
        Object access = json.get("access_token");
        if (!(access instanceof String a) || a.isBlank()) {
            throw new IllegalArgumentException("the token endpoint's answer has no access_token");
        }
        Optional<Instant> expires = Optional.empty();
        Object in = json.get("expires_in");
        if (in instanceof Number n) {
            expires = Optional.of(now.plusSeconds(n.longValue()));
        } else if (in instanceof String s && s.matches("\\d+")) {
            expires = Optional.of(now.plusSeconds(Long.parseLong(s)));
        }
        Optional<Secret> refresh = json.get("refresh_token") instanceof String r && !r.isBlank()
                ? Optional.of(Secret.of(r))
                : previousRefresh;
        return new OAuth2Tokens(
                Secret.of(a),
                refresh,
                json.get("token_type") instanceof String t ? t : "Bearer",
                expires,
                json.get("scope") instanceof String s ? s : "");
    }

    /** The tokens stored with a credential, if any. */
    public static Optional<OAuth2Tokens> stored(CredentialData credential) {
        return stored(credential.values().get(FIELD));
    }

    /** The tokens of a stored {@value #FIELD} value (its JSON text), if any. */
    public static Optional<OAuth2Tokens> stored(Object raw) {
        if (raw instanceof Map<?, ?> m) {
            return Optional.of(fromStored(m));
        }
        if (raw instanceof String s && !s.isBlank()) {
            Object parsed = io.hearth.node.support.MiniJson.parse(s);
            if (parsed instanceof Map<?, ?> m) {
                return Optional.of(fromStored(m));
            }
        }
        return Optional.empty();
    }

    private static OAuth2Tokens fromStored(Map<?, ?> m) {
        Object at = m.get("access_token");
        Optional<Instant> expires = Optional.empty();
        if (m.get("expires_at") instanceof String s && !s.isBlank()) {
            expires = Optional.of(Instant.parse(s));
        }
        return new OAuth2Tokens(
                Secret.of(at == null ? "" : at.toString()),
                m.get("refresh_token") instanceof String r ? Optional.of(Secret.of(r)) : Optional.empty(),
                m.get("token_type") instanceof String t ? t : "Bearer",
                expires,
                m.get("scope") instanceof String s ? s : "");
    }

    /** The JSON text to store under {@value #FIELD}. */
    public String toStored() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("access_token", accessToken.reveal());
        refreshToken.ifPresent(r -> m.put("refresh_token", r.reveal()));
        m.put("token_type", tokenType);
        expiresAt.ifPresent(e -> m.put("expires_at", e.toString()));
        if (!scope.isEmpty()) {
            m.put("scope", scope);
        }
        return io.hearth.node.support.MiniJson.write(m);
    }

    /** True when the access token has expired or will within {@code margin}. */
    public boolean expiresWithin(Duration margin, Instant now) {
        return expiresAt.map(e -> !now.plus(margin).isBefore(e)).orElse(false);
    }

    /** The {@code Authorization} header value. */
    public String authorizationHeader() {
        String type = tokenType.equalsIgnoreCase("bearer") ? "Bearer" : tokenType;
        return type + " " + accessToken.reveal();
    }
}
