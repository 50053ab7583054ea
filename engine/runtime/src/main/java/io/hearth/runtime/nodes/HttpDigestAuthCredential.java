package io.hearth.runtime.nodes;

import io.hearth.node.credential.CredentialDescription;
import io.hearth.node.credential.CredentialType;
import io.hearth.node.description.Parameter;
import java.util.List;
import java.util.Optional;

/**
 * User and password for HTTP Digest authentication, n8n's {@code httpDigestAuth}. Digest answers a
 * challenge from the server, so the HTTP Request node applies it itself (no static request authentication).
 */
public final class HttpDigestAuthCredential implements CredentialType {

    public static final String NAME = "httpDigestAuth";

    @Override
    public CredentialDescription description() {
        return new CredentialDescription(
                NAME,
                "Digest Auth",
                List.of(
                        Parameter.string("user").displayName("User").required().build(),
                        Parameter.secret("password")
                                .displayName("Password")
                                .required()
                                .build()),
                Optional.empty(),
                "fa:user-lock");
    }
}
