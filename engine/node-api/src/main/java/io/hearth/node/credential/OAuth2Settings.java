package io.hearth.node.credential;

import java.net.URI;
import java.util.Objects;
import java.util.Optional;

/**
 * Where and how to obtain OAuth2 tokens for a credential (n8n's {@code oAuth2Api} fields). Used by
 * {@link OAuth2Client}; credential types that sign in with OAuth2 build one from their fields.
 *
 * @param grant             authorization code (a user signs in once) or client credentials (server to server)
 * @param authorizationUrl  where the user's browser signs in (authorization code only)
 * @param tokenUrl          where codes, client credentials and refresh tokens are exchanged for tokens
 * @param clientId          the client id registered with the provider
 * @param clientSecret      its secret (may be empty for public clients)
 * @param scope             space- or comma-separated scopes, empty for none
 * @param extraAuthorizationParameters query text added to the authorization URL, e.g. {@code access_type=offline}
 * @param credentialsInBody send client id and secret as form fields instead of a Basic header
 */
public record OAuth2Settings(
        Grant grant,
        Optional<URI> authorizationUrl,
        URI tokenUrl,
        String clientId,
        Secret clientSecret,
        String scope,
        String extraAuthorizationParameters,
        boolean credentialsInBody) {

    public OAuth2Settings {
        Objects.requireNonNull(grant, "grant");
        Objects.requireNonNull(tokenUrl, "tokenUrl");
        authorizationUrl = authorizationUrl == null ? Optional.empty() : authorizationUrl;
        clientId = clientId == null ? "" : clientId;
        clientSecret = clientSecret == null ? Secret.of("") : clientSecret;
        scope = scope == null ? "" : String.join(" ", scope.strip().split("[,\\s]+"));
        extraAuthorizationParameters = extraAuthorizationParameters == null ? "" : extraAuthorizationParameters;
    }

    /** The OAuth2 grant types Hearth supports (n8n's "Grant Type"). */
    public enum Grant {
        AUTHORIZATION_CODE,
        CLIENT_CREDENTIALS,
        PKCE
    }
}
