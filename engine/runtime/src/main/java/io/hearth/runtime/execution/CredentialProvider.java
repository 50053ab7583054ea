package io.hearth.runtime.execution;

import io.hearth.node.credential.CredentialData;
import io.hearth.runtime.workflow.CredentialRef;
import java.util.Optional;

/** Decrypts the credential a node references, in memory, when the node asks for it. */
@FunctionalInterface
public interface CredentialProvider {

    CredentialProvider NONE = (ref, type) -> Optional.empty();

    /** The credential {@code ref} of type {@code type}; empty if it does not exist or has another type. */
    Optional<CredentialData> credential(CredentialRef ref, String type);
}
