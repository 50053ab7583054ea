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
 * @param writer       writes a value the plugin obtained back to the stored credential (not part of equality)
 */
public record CredentialData(
        String type, Map<String, Object> values, Set<String> secretFields, CredentialWriter writer) {

    public CredentialData {
        values = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(values));
        secretFields = Set.copyOf(secretFields);
        writer = writer == null ? CredentialWriter.NONE : writer;
    }

    /** Values that are not written back anywhere ({@link CredentialWriter#NONE}). */
    public CredentialData(String type, Map<String, Object> values, Set<String> secretFields) {
        this(type, values, secretFields, CredentialWriter.NONE);
    }

    /** The same values, written back through {@code writer}. */
    public CredentialData withWriter(CredentialWriter writer) {
        return new CredentialData(type, values, secretFields, writer);
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
        return new CredentialData(type, copy, secretFields, writer);
    }

    /** The non-empty secret values, for redaction. */
    public Collection<String> secretValues() {
        return secretFields.stream()
                .map(values::get)
                .filter(v -> v != null && !v.toString().isEmpty())
                .map(Object::toString)
                .toList();
    }

    /** Equal when type, values and secret fields are: where the values are written back is not part of them. */
    @Override
    public boolean equals(Object o) {
        return o instanceof CredentialData d
                && type.equals(d.type)
                && values.equals(d.values)
                && secretFields.equals(d.secretFields);
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(type, values, secretFields);
    }

    @Override
    public String toString() {
        Map<String, Object> shown = new LinkedHashMap<>();
        values.forEach((k, v) -> shown.put(k, secretFields.contains(k) ? Secret.MASK : v));
        return "CredentialData[" + type + ", " + shown + "]";
    }
}
