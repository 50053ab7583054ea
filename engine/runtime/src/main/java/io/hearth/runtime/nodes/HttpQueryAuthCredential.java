package io.hearth.runtime.nodes;

import io.hearth.node.credential.CredentialDescription;
import io.hearth.node.credential.CredentialType;
import io.hearth.node.credential.RequestAuthentication;
import io.hearth.node.description.Parameter;
import java.util.List;
import java.util.Optional;

/** A query parameter name and its secret value, n8n's {@code httpQueryAuth}. */
public final class HttpQueryAuthCredential implements CredentialType {

    public static final String NAME = "httpQueryAuth";

    @Override
    public CredentialDescription description() {
        return new CredentialDescription(
                NAME,
                "Query Auth",
                List.of(
                        Parameter.string("name")
                                .displayName("Name")
                                .required()
                                .placeholder("api_key")
                                .build(),
                        Parameter.secret("value")
                                .displayName("Value")
                                .required()
                                .build()),
                Optional.empty(),
                "fa:key");
    }

    @Override
    public Optional<RequestAuthentication> requestAuthentication() {
        return Optional.of(RequestAuthentication.queryNamedBy("name", "value"));
    }
}
