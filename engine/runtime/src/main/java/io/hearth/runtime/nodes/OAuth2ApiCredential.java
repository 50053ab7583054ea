package io.hearth.runtime.nodes;

import io.hearth.node.credential.CredentialData;
import io.hearth.node.credential.CredentialDescription;
import io.hearth.node.credential.CredentialType;
import io.hearth.node.credential.FieldError;
import io.hearth.node.credential.OAuth2Settings;
import io.hearth.node.description.Option;
import io.hearth.node.description.Parameter;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A generic OAuth2 client, n8n's {@code oAuth2Api}: grant type, authorization and token URLs, client id
 * and secret, scope. Tokens live in the credential's {@code oauthTokenData} (client credentials are
 * fetched when a node needs them). HTTP Request signs requests with the access token.
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
                        Parameter.options(
                                        "authentication",
                                        Option.of("Header", "header", "Send the client id and secret as Basic auth"),
                                        Option.of("Body", "body", "Send the client id and secret in the body"))
                                .displayName("Authentication")
                                .defaultValue("header")
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
