package io.hearth.server.trigger;

import io.hearth.node.credential.CredentialData;
import io.hearth.runtime.execution.CredentialProvider;
import io.hearth.runtime.execution.PreparedWorkflow.PreparedNode;
import io.hearth.runtime.workflow.CredentialRef;
import java.util.Optional;

/** The credential of a type a node declares and its workflow entry references. */
final class NodeCredentials {

    private NodeCredentials() {}

    static Optional<CredentialData> of(PreparedNode node, String type, CredentialProvider provider) {
        boolean declared = node.type().description().credentials().stream()
                .anyMatch(c -> c.type().equals(type));
        CredentialRef ref = node.node().credentials().get(type);
        return declared && ref != null ? provider.credential(ref, type) : Optional.empty();
    }
}
