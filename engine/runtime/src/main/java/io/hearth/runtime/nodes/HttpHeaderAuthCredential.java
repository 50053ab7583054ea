package io.hearth.runtime.nodes;

import io.hearth.node.credential.CredentialDescription;
import io.hearth.node.credential.CredentialType;
import io.hearth.node.credential.RequestAuthentication;
import io.hearth.node.description.Parameter;
import java.util.List;
import java.util.Optional;

/** A header name and its secret value, n8n's {@code httpHeaderAuth}. */
public final class HttpHeaderAuthCredential implements CredentialType {

    public static final String NAME = "httpHeaderAuth";

    @Override
    public CredentialDescription description() {
        return new CredentialDescription(
                NAME,
                "Header Auth",
                List.of(
                        Parameter.string("name")
                                .displayName("Name")
                                .required()
                                .placeholder("X-API-Key")
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
        return Optional.of(RequestAuthentication.headerNamedBy("name", "value"));
    }
}
