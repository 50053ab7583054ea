package io.hearth.nodes.http;

import io.hearth.node.NodeApiException;
import io.hearth.node.NodeException;
import io.hearth.node.NodeExecutionContext;
import io.hearth.node.credential.CredentialData;
import io.hearth.node.credential.OAuth2Client;
import io.hearth.node.credential.OAuth2Settings;
import io.hearth.node.credential.OAuth2Tokens;
import io.hearth.node.credential.Secret;
import io.hearth.runtime.nodes.OAuth2ApiCredential;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Access tokens for HTTP Request's OAuth2 credentials. Client credentials: fetched and kept until they
 * expire. Authorization code / PKCE: the connected account's tokens, refreshed when they expire and when the
 * service refuses them; a refresh is stored in the credential (providers may rotate the refresh token, so the
 * next execution must start from the new one). Concurrent callers of one connection share one fetch or
 * refresh.
 */
final class OAuth2Signer {

    private static final Duration MARGIN = Duration.ofSeconds(30);
    private static final OAuth2Client CLIENT = new OAuth2Client();
    private static final Map<String, Connection> CONNECTIONS = new ConcurrentHashMap<>();

    private OAuth2Signer() {}

    /** A valid access token for the credential (fetching or refreshing one when needed). */
    static CompletableFuture<OAuth2Tokens> token(NodeExecutionContext context, CredentialData credential) {
        OAuth2Settings settings = OAuth2ApiCredential.settings(credential);
        if (settings.grant() == OAuth2Settings.Grant.CLIENT_CREDENTIALS) {
            return connection(settings, Optional.empty()).current(context, credential, Optional.empty());
        }
        Optional<OAuth2Tokens> stored = Optional.of(connected(credential));
        return connection(settings, stored).current(context, credential, stored);
    }

    /** A token to use instead of {@code refused}, which the service answered with its "token expired" status. */
    static CompletableFuture<OAuth2Tokens> replace(
            NodeExecutionContext context, CredentialData credential, OAuth2Tokens refused) {
        OAuth2Settings settings = OAuth2ApiCredential.settings(credential);
        Optional<OAuth2Tokens> stored = settings.grant() == OAuth2Settings.Grant.CLIENT_CREDENTIALS
                ? Optional.empty()
                : Optional.of(connected(credential));
        return connection(settings, stored).replace(context, credential, stored, refused.accessToken());
    }

    private static OAuth2Tokens connected(CredentialData credential) {
        return OAuth2Tokens.stored(credential)
                .filter(t -> !t.accessToken().isEmpty() || t.refreshToken().isPresent())
                .orElseThrow(() -> new NodeException(
                        "The OAuth2 credential is not connected",
                        "Open the credential and click 'Connect my account' (Grant Type "
                                + credential.string("grantType") + " signs in through the browser)",
                        null));
    }

    /** The connection of a client (client credentials) or of one sign-in (its refresh token). */
    private static Connection connection(OAuth2Settings settings, Optional<OAuth2Tokens> stored) {
        String key = stored.map(t -> "code|" + settings.tokenUrl() + "|" + settings.clientId() + "|"
                        + digest(t.refreshToken().orElse(t.accessToken()).reveal()))
                .orElseGet(() -> "cc|" + settings.tokenUrl() + "|" + settings.clientId() + "|"
                        + digest(settings.clientSecret().reveal()) + "|" + settings.scope());
        return CONNECTIONS.computeIfAbsent(key, k -> new Connection(settings));
    }

    /**
     * One client or sign-in: the tokens it last fetched or refreshed (in memory) and the renewal under way.
     * A sign-in's runs start from the tokens stored in the credential, which each refresh updates.
     */
    private static final class Connection {

        private final OAuth2Settings settings;
        // guarded by this
        private OAuth2Tokens renewed;
        private CompletableFuture<OAuth2Tokens> renewing;

        Connection(OAuth2Settings settings) {
            this.settings = settings;
        }

        CompletableFuture<OAuth2Tokens> current(
                NodeExecutionContext context, CredentialData credential, Optional<OAuth2Tokens> stored) {
            OAuth2Tokens now;
            synchronized (this) {
                now = stored.orElse(renewed);
            }
            if (now != null && !now.accessToken().isEmpty() && !now.expiresWithin(MARGIN, Instant.now())) {
                return CompletableFuture.completedFuture(now);
            }
            return replace(context, credential, stored, now == null ? Secret.of("") : now.accessToken());
        }

        // a completion callback: nothing waits for the future it returns
        @SuppressWarnings("FutureReturnValueIgnored")
        CompletableFuture<OAuth2Tokens> replace(
                NodeExecutionContext context,
                CredentialData credential,
                Optional<OAuth2Tokens> stored,
                Secret refused) {
            synchronized (this) {
                if (renewed != null
                        && !renewed.accessToken().reveal().equals(refused.reveal())
                        && !renewed.expiresWithin(MARGIN, Instant.now())) {
                    return CompletableFuture.completedFuture(renewed); // another caller renewed it meanwhile
                }
                if (renewing != null) {
                    return renewing;
                }
                CompletableFuture<OAuth2Tokens> started = new CompletableFuture<>();
                renewing = started;
                renew(context, credential, renewed != null ? renewed : stored.orElse(null))
                        .whenComplete((fresh, failure) -> {
                            synchronized (this) {
                                if (fresh != null) {
                                    renewed = fresh;
                                }
                                renewing = null;
                            }
                            if (failure != null) {
                                started.completeExceptionally(unwrap(failure));
                            } else {
                                started.complete(fresh);
                            }
                        });
                return started;
            }
        }

        private CompletableFuture<OAuth2Tokens> renew(
                NodeExecutionContext context, CredentialData credential, OAuth2Tokens from) {
            if (settings.grant() == OAuth2Settings.Grant.CLIENT_CREDENTIALS) {
                return CLIENT.clientCredentials(settings);
            }
            if (from.refreshToken().isEmpty()) {
                return CompletableFuture.failedFuture(new NodeException(
                        "The OAuth2 access token has expired and the credential has no refresh token: reconnect it",
                        "Open the credential and click 'Connect my account' again (some services only send a refresh"
                                + " token when asked, e.g. Auth URI Query Parameters access_type=offline)",
                        null));
            }
            context.treatAsSecret(from.refreshToken().get().reveal());
            return CLIENT.refresh(settings, from.refreshToken().get())
                    .exceptionally(failure -> {
                        throw refused(unwrap(failure));
                    })
                    .thenApply(fresh -> {
                        context.treatAsSecret(fresh.accessToken().reveal());
                        fresh.refreshToken().ifPresent(r -> context.treatAsSecret(r.reveal()));
                        // written back unless the credential changed meanwhile (a new Connect, Disconnect): over
                        // what this run read, or over what this connection wrote at its last refresh
                        String read = credential.string(OAuth2Tokens.FIELD);
                        if (!credential.writer().replace(OAuth2Tokens.FIELD, read, fresh.toStored())
                                && !from.toStored().equals(read)) {
                            credential.writer().replace(OAuth2Tokens.FIELD, from.toStored(), fresh.toStored());
                        }
                        return fresh;
                    });
        }
    }

    /** A refresh the token endpoint refused means the sign-in is gone (revoked, expired): the user must reconnect. */
    private static RuntimeException refused(Throwable failure) {
        if (failure instanceof NodeApiException api
                && api.httpStatus().isPresent()
                && api.httpStatus().getAsInt() >= 400
                && api.httpStatus().getAsInt() < 500) {
            return new NodeApiException(
                    "The OAuth2 credential must be reconnected: " + api.getMessage(),
                    api.httpStatus().getAsInt(),
                    "The service no longer accepts the credential's refresh token (revoked or expired). Open the"
                            + " credential and click 'Connect my account' again",
                    null);
        }
        return failure instanceof RuntimeException r ? r : new CompletionException(failure);
    }

    private static Throwable unwrap(Throwable e) {
        Throwable t = e;
        while (t instanceof CompletionException && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }

    private static String digest(String secret) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
