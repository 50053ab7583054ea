package io.hearth.credentials;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** A decrypted credential, inside the module only. {@link #toString()} shows no values. */
record StoredCredential(
        String id, String name, String type, Map<String, Object> values, Instant createdAt, Instant updatedAt) {

    StoredCredential {
        values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    @Override
    public String toString() {
        return "StoredCredential[" + id + ", " + name + ", " + type + ", fields " + values.keySet() + "]";
    }
}
