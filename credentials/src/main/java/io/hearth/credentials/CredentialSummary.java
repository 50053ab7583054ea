package io.hearth.credentials;

import java.time.Instant;
import java.util.Objects;

/** A credential in a list: no values at all. */
public record CredentialSummary(String id, String name, String type, Instant createdAt, Instant updatedAt) {

    public CredentialSummary {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(updatedAt, "updatedAt");
    }
}
