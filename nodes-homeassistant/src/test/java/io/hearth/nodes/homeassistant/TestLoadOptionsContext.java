package io.hearth.nodes.homeassistant;

import io.hearth.node.LoadOptionsContext;
import io.hearth.node.NodeLogger;
import io.hearth.node.credential.CredentialData;
import java.util.Map;
import java.util.Optional;

/** A {@link LoadOptionsContext} over a parameter map and one credential. */
record TestLoadOptionsContext(
        Map<String, Object> currentParameters, Optional<CredentialData> credential, Optional<String> search)
        implements LoadOptionsContext {

    static TestLoadOptionsContext of(CredentialData credential, Map<String, Object> parameters) {
        return new TestLoadOptionsContext(parameters, Optional.of(credential), Optional.empty());
    }

    @Override
    public Optional<CredentialData> credential(String credentialType) {
        return credential.filter(c -> c.type().equals(credentialType));
    }

    @Override
    public NodeLogger log() {
        return new NodeLogger() {
            @Override
            public void debug(String message, Object... args) {}

            @Override
            public void info(String message, Object... args) {}

            @Override
            public void warn(String message, Object... args) {}

            @Override
            public void error(String message, Object... args) {}
        };
    }
}
