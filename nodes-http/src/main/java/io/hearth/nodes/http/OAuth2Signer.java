package io.hearth.nodes.http;

import io.hearth.node.NodeException;
import io.hearth.node.credential.CredentialData;
import io.hearth.node.credential.OAuth2Client;
import io.hearth.node.credential.OAuth2Settings;
import io.hearth.node.credential.OAuth2Tokens;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Access tokens for HTTP Request's OAuth2 credentials: client-credentials tokens fetched and kept until
 * they expire; authorization-code tokens read from the credential and refreshed when they expire.
 */
final class OAuth2Signer {

    private static final Duration MARGIN = Duration.ofSeconds(30);
    private static final OAuth2Client CLIENT = new OAuth2Client();
    private static final Map<String, OAuth2Tokens> TOKENS = new ConcurrentHashMap<>();

    private OAuth2Signer() {}

    /** A valid access token for the credential (fetching or refreshing one when needed). */
    static CompletableFuture<OAuth2Tokens> token(CredentialData credential) {
        OAuth2Settings settings = io.hearth.runtime.nodes.OAuth2ApiCredential.settings(credential);
        String key = key(settings, credential);
        OAuth2Tokens cached = TOKENS.get(key);
        Instant now = Instant.now();
        if (cached != null && !cached.expiresWithin(MARGIN, now)) {
            return CompletableFuture.completedFuture(cached);
        }
        if (settings.grant() == OAuth2Settings.Grant.CLIENT_CREDENTIALS) {
            return CLIENT.clientCredentials(settings).thenApply(t -> remember(key, t));
        }
        OAuth2Tokens stored = cached != null
                ? cached
                : OAuth2Tokens.stored(credential)
                        .orElseThrow(() -> new NodeException(
                                "The OAuth2 credential has no tokens yet",
                                "Grant type " + credential.string("grantType")
                                        + " needs a signed-in account: Hearth cannot run"
                                        + " the browser sign-in yet; use Client Credentials, or import the credential with its"
                                        + " tokens (oauthTokenData)",
                                null));
        if (!stored.expiresWithin(MARGIN, now)) {
            return CompletableFuture.completedFuture(stored);
        }
        Optional<io.hearth.node.credential.Secret> refresh = stored.refreshToken();
        if (refresh.isEmpty()) {
            throw new NodeException("The OAuth2 access token has expired and the credential has no refresh token");
        }
        return CLIENT.refresh(settings, refresh.get()).thenApply(t -> remember(key, t));
    }

    /** Forgets a token the server refused (401), so the next call fetches or refreshes one. */
    static void forget(CredentialData credential) {
        TOKENS.remove(key(io.hearth.runtime.nodes.OAuth2ApiCredential.settings(credential), credential));
    }

    private static OAuth2Tokens remember(String key, OAuth2Tokens tokens) {
        TOKENS.put(key, tokens);
        return tokens;
    }

    private static String key(OAuth2Settings s, CredentialData credential) {
        return s.tokenUrl() + "|" + s.clientId() + "|"
                + Integer.toHexString(s.clientSecret().reveal().hashCode()) + "|" + s.scope() + "|"
                + Integer.toHexString(credential.string(OAuth2Tokens.FIELD).hashCode());
    }
}
