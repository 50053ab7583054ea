package io.hearth.node.credential;

import java.net.URI;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * A credential its user fills by signing in through the browser (an OAuth2 authorization code flow), as
 * "Sign in with Home Assistant" does. The editor shows a button instead of the field sign-in fills; the
 * server sends the browser to {@link #authorizationUri}, receives the code at its callback
 * ({@code <public URL>rest/oauth2-credential/callback}), stores what {@link #exchange} returns (encrypted,
 * like every secret) and offers Disconnect ({@link #revoke}). A credential type declares it through
 * {@link CredentialType#browserSignIn()}.
 */
public interface BrowserSignIn {

    /** The secret field sign-in fills (the editor shows the sign-in button instead of it). */
    String tokenField();

    /** The button's text, e.g. "Sign in with Home Assistant". */
    String buttonText();

    /**
     * Where to send the user's browser. {@code publicUrl} is Hearth's base URL (some providers, such as Home
     * Assistant, identify an application by it), {@code redirectUri} Hearth's callback and {@code state} the
     * value the callback must bring back.
     */
    URI authorizationUri(CredentialData data, URI publicUrl, URI redirectUri, String state);

    /**
     * Exchanges the code the provider sent to the callback; completes with the values to store in the
     * credential (at least {@link #tokenField()}), failing with a message users can act on.
     */
    CompletionStage<Map<String, Object>> exchange(CredentialData data, URI publicUrl, URI redirectUri, String code);

    /**
     * As {@link #authorizationUri(CredentialData, URI, URI, String)}, with the PKCE code verifier (RFC 7636)
     * the server keeps with this sign-in until its callback: a provider that uses PKCE sends its challenge.
     */
    default URI authorizationUri(
            CredentialData data, URI publicUrl, URI redirectUri, String state, String codeVerifier) {
        return authorizationUri(data, publicUrl, redirectUri, state);
    }

    /** As {@link #exchange(CredentialData, URI, URI, String)}, with the sign-in's PKCE code verifier. */
    default CompletionStage<Map<String, Object>> exchange(
            CredentialData data, URI publicUrl, URI redirectUri, String code, String codeVerifier) {
        return exchange(data, publicUrl, redirectUri, code);
    }

    /** Revokes, at the provider, what sign-in stored (Disconnect). Default: nothing to revoke. */
    default CompletionStage<Void> revoke(CredentialData data) {
        return CompletableFuture.completedFuture(null);
    }
}
