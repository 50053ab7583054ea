package io.hearth.runtime.nodes;

import io.hearth.node.credential.BrowserSignIn;
import io.hearth.node.credential.CredentialData;
import io.hearth.node.credential.CredentialDescription;
import io.hearth.node.credential.CredentialType;
import io.hearth.node.credential.FieldError;
import io.hearth.node.credential.OAuth2Client;
import io.hearth.node.credential.OAuth2Settings;
import io.hearth.node.credential.OAuth2Tokens;
import io.hearth.node.description.Option;
import io.hearth.node.description.Parameter;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/**
 * A generic OAuth2 client, n8n's {@code oAuth2Api}: grant type, authorization and token URLs, client id
 * and secret, scope. With the Authorization Code and PKCE grants the user connects it through the browser
 * ({@link BrowserSignIn}: the editor's Connect button); the tokens live, encrypted, in the credential's
 * {@code oauthTokenData} (n8n's field). Client credentials tokens are fetched when a node needs them. HTTP
 * Request signs requests with the access token and refreshes it.
 */
public final class OAuth2ApiCredential implements CredentialType {

    public static final String NAME = "oAuth2Api";

    @Override
    public CredentialDescription description() {
        return new CredentialDescription(
                NAME,
                "OAuth2 API",
                List.of(
                        Parameter.options(
                                        "grantType",
                                        Option.of("Authorization Code", "authorizationCode"),
                                        Option.of("Client Credentials", "clientCredentials"),
                                        Option.of("PKCE", "pkce"))
                                .displayName("Grant Type")
                                .defaultValue("authorizationCode")
                                .build(),
                        Parameter.string("authUrl")
                                .displayName("Authorization URL")
                                .required()
                                .hide("grantType", "clientCredentials")
                                .build(),
                        Parameter.string("accessTokenUrl")
                                .displayName("Access Token URL")
                                .required()
                                .build(),
                        Parameter.string("clientId")
                                .displayName("Client ID")
                                .required()
                                .build(),
                        Parameter.secret("clientSecret")
                                .displayName("Client Secret")
                                .build(),
                        Parameter.string("scope").displayName("Scope").build(),
                        Parameter.string("authQueryParameters")
                                .displayName("Auth URI Query Parameters")
                                .placeholder("access_type=offline")
                                .hide("grantType", "clientCredentials")
                                .build(),
                        Parameter.secret(OAuth2Tokens.FIELD)
                                .displayName("Connection")
                                .description("Filled by Connect (the tokens of the signed-in account)")
                                .hide("grantType", "clientCredentials")
                                .build(),
                        Parameter.options(
                                        "authentication",
                                        Option.of("Header", "header", "Send the client id and secret as Basic auth"),
                                        Option.of("Body", "body", "Send the client id and secret in the body"))
                                .displayName("Authentication")
                                .defaultValue("header")
                                .build(),
                        Parameter.number("tokenExpiredStatusCode", 100, 599)
                                .displayName("Token Expired Status Code")
                                .defaultValue(401)
                                .description("The HTTP status with which the service says the access token has"
                                        + " expired (some answer 403)")
                                .build()),
                Optional.of("https://docs.n8n.io/integrations/builtin/credentials/httprequest/"),
                "fa:key");
    }

    @Override
    public List<FieldError> validate(CredentialData data) {
        List<FieldError> errors = new ArrayList<>();
        for (String field : List.of("accessTokenUrl", "authUrl")) {
            String value = data.string(field).strip();
            if (!value.isEmpty() && !value.matches("(?i)https?://.+")) {
                errors.add(new FieldError(field, "must be an http:// or https:// URL"));
            }
        }
        return errors;
    }

    @Override
    public Optional<BrowserSignIn> browserSignIn() {
        return Optional.of(new Connect());
    }

    /** The browser sign-in of the Authorization Code and PKCE grants. */
    private static final class Connect implements BrowserSignIn {

        private static final OAuth2Client CLIENT = new OAuth2Client();

        @Override
        public String tokenField() {
            return OAuth2Tokens.FIELD;
        }

        @Override
        public String buttonText() {
            return "Connect my account";
        }

        @Override
        public URI authorizationUri(CredentialData data, URI publicUrl, URI redirectUri, String state) {
            return authorizationUri(data, publicUrl, redirectUri, state, "");
        }

        @Override
        public URI authorizationUri(
                CredentialData data, URI publicUrl, URI redirectUri, String state, String codeVerifier) {
            OAuth2Settings settings = settings(data);
            if (settings.grant() == OAuth2Settings.Grant.CLIENT_CREDENTIALS) {
                throw new IllegalArgumentException(
                        "Grant Type is Client Credentials: Hearth fetches the tokens itself, there is nothing to connect");
            }
            if (settings.authorizationUrl().isEmpty()) {
                throw new IllegalArgumentException("Authorization URL is required to connect");
            }
            return OAuth2Client.authorizationUri(settings, redirectUri, state, challenge(settings, codeVerifier));
        }

        @Override
        public CompletionStage<Map<String, Object>> exchange(
                CredentialData data, URI publicUrl, URI redirectUri, String code) {
            return exchange(data, publicUrl, redirectUri, code, "");
        }

        @Override
        public CompletionStage<Map<String, Object>> exchange(
                CredentialData data, URI publicUrl, URI redirectUri, String code, String codeVerifier) {
            OAuth2Settings settings = settings(data);
            Optional<String> verifier =
                    settings.grant() == OAuth2Settings.Grant.PKCE ? Optional.of(codeVerifier) : Optional.empty();
            return CLIENT.exchangeCode(settings, code, redirectUri, verifier)
                    .thenApply(tokens -> Map.<String, Object>of(OAuth2Tokens.FIELD, tokens.toStored()));
        }

        private static Optional<String> challenge(OAuth2Settings settings, String codeVerifier) {
            if (settings.grant() != OAuth2Settings.Grant.PKCE) {
                return Optional.empty();
            }
            if (codeVerifier.isEmpty()) {
                throw new IllegalArgumentException("Grant Type PKCE needs a code verifier kept by the server");
            }
            return Optional.of(OAuth2Client.codeChallenge(codeVerifier));
        }
    }

    /** The settings for {@link io.hearth.node.credential.OAuth2Client} from this credential's values. */
    public static OAuth2Settings settings(CredentialData data) {
        OAuth2Settings.Grant grant = switch (data.string("grantType")) {
            case "clientCredentials" -> OAuth2Settings.Grant.CLIENT_CREDENTIALS;
            case "pkce" -> OAuth2Settings.Grant.PKCE;
            default -> OAuth2Settings.Grant.AUTHORIZATION_CODE;
        };
        String auth = data.string("authUrl").strip();
        return new OAuth2Settings(
                grant,
                auth.isEmpty() ? Optional.empty() : Optional.of(URI.create(auth)),
                URI.create(data.string("accessTokenUrl").strip()),
                data.string("clientId"),
                data.secret("clientSecret"),
                data.string("scope"),
                data.string("authQueryParameters"),
                data.string("authentication").equals("body"));
    }
}
