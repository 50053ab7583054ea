package io.hearth.node;

import io.hearth.node.credential.CredentialData;
import java.util.Map;
import java.util.Optional;

/**
 * What a {@link LoadOptionsMethod} gets: the node's current (unresolved) parameter values, the
 * credential selected on the node, and an optional search text typed by the user.
 */
public interface LoadOptionsContext {

    Map<String, Object> currentParameters();

    Optional<CredentialData> credential(String credentialType);

    Optional<String> search();

    NodeLogger log();
}
