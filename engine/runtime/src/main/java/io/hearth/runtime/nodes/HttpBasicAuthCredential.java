package io.hearth.runtime.nodes;

import io.hearth.node.credential.CredentialDescription;
import io.hearth.node.credential.CredentialType;
import io.hearth.node.credential.RequestAuthentication;
import io.hearth.node.description.Parameter;
import java.util.List;
import java.util.Optional;

/** User name and password, n8n's {@code httpBasicAuth}; the Webhook node checks requests against it. */
public final class HttpBasicAuthCredential implements CredentialType {

    public static final String NAME = "httpBasicAuth";

    @Override
    public CredentialDescription description() {
        return new CredentialDescription(
                NAME,
                "Basic Auth",
                List.of(
                        Parameter.string("user").displayName("User").required().build(),
                        Parameter.secret("password")
                                .displayName("Password")
                                .required()
                                .build()),
                Optional.empty(),
                "fa:user-lock");
    }

    @Override
    public Optional<RequestAuthentication> requestAuthentication() {
        return Optional.of(RequestAuthentication.basic("user", "password"));
    }
}
