package io.hearth.credentials;

import java.time.Instant;

/** One row of the {@code credentials} table, as stored: {@code data} is ciphertext. */
record CredentialRow(
        String id, String name, String type, String data, String keyId, Instant createdAt, Instant updatedAt) {

    CredentialSummary summary() {
        return new CredentialSummary(id, name, type, createdAt, updatedAt);
    }

    @Override
    public String toString() {
        return "CredentialRow[" + id + ", " + name + ", " + type + ", key " + keyId + "]";
    }
}
