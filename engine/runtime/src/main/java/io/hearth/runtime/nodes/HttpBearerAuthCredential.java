package io.hearth.runtime.nodes;

import io.hearth.node.credential.CredentialDescription;
import io.hearth.node.credential.CredentialType;
import io.hearth.node.credential.RequestAuthentication;
import io.hearth.node.description.Parameter;
import java.util.List;
import java.util.Optional;

/** A bearer token, n8n's {@code httpBearerAuth}: {@code Authorization: Bearer <token>}. */
public final class HttpBearerAuthCredential implements CredentialType {

    public static final String NAME = "httpBearerAuth";

    @Override
    public CredentialDescription description() {
        return new CredentialDescription(
                NAME,
                "Bearer Auth",
                List.of(Parameter.secret("token")
                        .displayName("Bearer Token")
                        .required()
                        .build()),
                Optional.empty(),
                "fa:key");
    }

    @Override
    public Optional<RequestAuthentication> requestAuthentication() {
        return Optional.of(RequestAuthentication.bearer("token"));
    }
}
