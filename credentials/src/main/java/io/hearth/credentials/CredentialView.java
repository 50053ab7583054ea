package io.hearth.credentials;

import io.hearth.node.credential.Secret;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A credential as the API shows it: non-secret values as stored, every secret that is set replaced by
 * {@value Secret#MASK}. Secret values never leave the module this way.
 *
 * @param values  field values; a set secret appears as {@value Secret#MASK}, an unset one is absent
 * @param secrets every secret field of the type, mapped to whether a value is stored for it
 */
public record CredentialView(
        String id,
        String name,
        String type,
        Map<String, Object> values,
        Map<String, Boolean> secrets,
        Instant createdAt,
        Instant updatedAt) {

    public CredentialView {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
        secrets = Collections.unmodifiableMap(new LinkedHashMap<>(secrets));
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(updatedAt, "updatedAt");
    }

    public boolean isSecretSet(String field) {
        return secrets.getOrDefault(field, false);
    }

    public CredentialSummary summary() {
        return new CredentialSummary(id, name, type, createdAt, updatedAt);
    }
}
