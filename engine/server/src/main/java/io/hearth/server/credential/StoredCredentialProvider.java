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
        // The usual reference, by an id that exists here, is resolved by the store's row cache: no listing of the
        // credentials (a database read) per execution on the node's thread. The rest as resolve() says.
        if (ref.hasId()) {
            try {
                return ofType(credentials.decrypt(ref.id()), ref, type);
            } catch (CredentialNotFoundException e) {
                // an id from another instance: by name below
            }
        }
        Optional<String> id = resolve(credentials, ref, type);
        if (id.isEmpty()) {
            return Optional.empty();
        }
        try {
            return ofType(credentials.decrypt(id.get()), ref, type);
        } catch (CredentialNotFoundException e) {
            return Optional.empty();
        }
    }

    private static Optional<CredentialData> ofType(CredentialData data, CredentialRef ref, String type) {
        if (!data.type().equals(type)) {
            log.warn("Credential {} is of type {}, not {}", ref.id(), data.type(), type);
            return Optional.empty();
        }
        return Optional.of(data);
    }

    /**
     * The stored credential a reference means, as n8n resolves imported references: by id, else (an
     * older export that names it only, or an id from another instance) by name among the credentials
     * of that type.
     */
    public static Optional<String> resolve(CredentialService credentials, CredentialRef ref, String type) {
        var ofType = credentials.list(type);
        if (ref.hasId() && ofType.stream().anyMatch(c -> c.id().equals(ref.id()))) {
            return Optional.of(ref.id());
        }
        if (ref.hasId() && credentials.get(ref.id()).isPresent()) {
            return Optional.of(ref.id()); // of another type: decrypt() and the type check above say so
        }
        return ofType.stream()
                .filter(c -> !ref.name().isBlank() && c.name().equals(ref.name()))
                .map(io.hearth.credentials.CredentialSummary::id)
                .findFirst();
    }
}
