package io.hearth.server.credential;

import io.hearth.credentials.CredentialNotFoundException;
import io.hearth.credentials.CredentialService;
import io.hearth.node.credential.CredentialData;
import io.hearth.runtime.execution.CredentialProvider;
import io.hearth.runtime.workflow.CredentialRef;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gives node runs the decrypted credential their workflow node references — decrypted per
 * execution, in memory only, and only when its type is the one asked for.
 */
public final class StoredCredentialProvider implements CredentialProvider {

    private static final Logger log = LoggerFactory.getLogger(StoredCredentialProvider.class);

    private final CredentialService credentials;

    public StoredCredentialProvider(CredentialService credentials) {
        this.credentials = credentials;
    }

    @Override
    public Optional<CredentialData> credential(CredentialRef ref, String type) {
        try {
            CredentialData data = credentials.decrypt(ref.id());
            if (!data.type().equals(type)) {
                log.warn("Credential {} is of type {}, not {}", ref.id(), data.type(), type);
                return Optional.empty();
            }
            return Optional.of(data);
        } catch (CredentialNotFoundException e) {
            return Optional.empty();
        }
    }
}
