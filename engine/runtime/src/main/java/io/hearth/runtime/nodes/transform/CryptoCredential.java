package io.hearth.runtime.nodes.transform;

import io.hearth.node.credential.CredentialDescription;
import io.hearth.node.credential.CredentialType;
import io.hearth.node.description.Parameter;
import java.util.List;
import java.util.Optional;

/** n8n's {@code crypto} credential: the HMAC secret and the signing key of Crypto version 2. */
public final class CryptoCredential implements CredentialType {

    public static final String NAME = "crypto";

    @Override
    public CredentialDescription description() {
        return new CredentialDescription(
                NAME,
                "Crypto",
                List.of(
                        Parameter.secret("hmacSecret")
                                .displayName("Hmac Secret")
                                .description("Secret used in the Hmac action")
                                .build(),
                        Parameter.secret("signPrivateKey")
                                .rows(4)
                                .displayName("Private Key")
                                .description("Private Key used in the Sign action")
                                .build()),
                Optional.empty(),
                "fa:key");
    }
}
