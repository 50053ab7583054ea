package io.hearth.node.credential;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The decrypted values of one credential, in memory only. Secret fields come back as
 * {@link Secret}; {@link #toString()} masks them.
 *
 * @param type         the credential type name
 * @param values       field name to value (JSON-like: String, Number, Boolean)
 * @param secretFields which fields are secret
 */
public record CredentialData(String type, Map<String, Object> values, Set<String> secretFields) {

    public CredentialData {
        values = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(values));
        secretFields = Set.copyOf(secretFields);
    }

    public Optional<Object> get(String field) {
        return Optional.ofNullable(values.get(field));
    }

    /** A non-secret text field; empty string when absent. */
    public String string(String field) {
        Object v = values.get(field);
        return v == null ? "" : v.toString();
    }

    public Secret secret(String field) {
        Object v = values.get(field);
        return Secret.of(v == null ? "" : v.toString());
    }

    public Optional<Long> integer(String field) {
        Object v = values.get(field);
        if (v instanceof Number n) {
            return Optional.of(n.longValue());
        }
        if (v instanceof String s && !s.isBlank()) {
            try {
                return Optional.of(Long.parseLong(s.trim()));
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    public boolean bool(String field) {
        Object v = values.get(field);
        return v instanceof Boolean b ? b : v != null && Boolean.parseBoolean(v.toString());
    }

    /** A copy with one field replaced. */
    public CredentialData with(String field, Object value) {
        Map<String, Object> copy = new LinkedHashMap<>(values);
        copy.put(field, value);
        return new CredentialData(type, copy, secretFields);
    }

    /** The non-empty secret values, for redaction. */
    public Collection<String> secretValues() {
        return secretFields.stream()
                .map(values::get)
                .filter(v -> v != null && !v.toString().isEmpty())
                .map(Object::toString)
                .toList();
    }

    @Override
    public String toString() {
        Map<String, Object> shown = new LinkedHashMap<>();
        values.forEach((k, v) -> shown.put(k, secretFields.contains(k) ? Secret.MASK : v));
        return "CredentialData[" + type + ", " + shown + "]";
    }
}
