package io.hearth.credentials;

import io.hearth.common.SecretRedactor;
import io.hearth.node.credential.CredentialData;
import io.hearth.node.credential.CredentialDescription;
import io.hearth.node.credential.CredentialType;
import io.hearth.node.credential.FieldError;
import io.hearth.node.credential.Secret;
import io.hearth.node.description.Parameter;
import io.hearth.node.description.ParameterType.StringType;
import io.hearth.node.support.HeaderText;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The values a credential create, update or test stores: submitted values merged with the stored secrets they keep,
 * normalised and validated by the type, required fields checked; a kept secret never goes with changed connection
 * values.
 */
final class CredentialValues {

    private CredentialValues() {}

    static Set<String> secretFields(CredentialType type) {
        return Set.copyOf(type.description().secretFieldNames());
    }

    /**
     * The values to store or test when {@code submitted} may keep secrets of {@code existing}: the merge, prepared,
     * refused when a kept secret would go with changed connection values.
     */
    static Map<String, Object> prepareWithStored(
            CredentialType type, Map<String, ?> submitted, StoredCredential existing) {
        Set<String> secrets = secretFields(type);
        Map<String, Object> prepared = prepare(type, merge(submitted, existing.values(), secrets), List.of());
        List<String> changed = type.description().fields().stream()
                .filter(f -> !f.isSecret() && f.holdsValue())
                .filter(f -> !sameValue(effective(f, existing.values()), effective(f, prepared)))
                .map(Parameter::displayName)
                .toList();
        if (changed.isEmpty()) {
            return prepared;
        }
        List<FieldError> errors = new ArrayList<>();
        for (String secret : secrets) {
            Object sent = submitted.get(secret);
            boolean kept = sent == null || Secret.MASK.equals(sent);
            if (kept && !isEmpty(existing.values().get(secret))) {
                String label = type.description()
                        .field(secret)
                        .map(Parameter::displayName)
                        .orElse(secret);
                errors.add(new FieldError(
                        "data." + secret,
                        label + " must be entered again: " + String.join(", ", changed)
                                + " changed, and a saved secret is only sent where it was saved"));
            }
        }
        if (!errors.isEmpty()) {
            throw new CredentialValidationException(errors);
        }
        return prepared;
    }

    private static Object effective(Parameter field, Map<String, Object> values) {
        Object value = values.get(field.name());
        return value == null ? field.defaultValue() : value;
    }

    private static boolean sameValue(Object a, Object b) {
        if (a instanceof Number x && b instanceof Number y) {
            return new java.math.BigDecimal(x.toString()).compareTo(new java.math.BigDecimal(y.toString())) == 0;
        }
        if (a instanceof String x && b instanceof String y) {
            return x.strip().equals(y.strip());
        }
        return Objects.equals(a, b);
    }

    /**
     * The submitted values without nulls; secrets as text. A secret that is omitted or masked takes its stored
     * value; an empty one is dropped (cleared).
     */
    static Map<String, Object> merge(Map<String, ?> submitted, Map<String, Object> stored, Set<String> secrets) {
        Map<String, Object> merged = new LinkedHashMap<>();
        submitted.forEach((field, value) -> {
            if (field != null && value != null) {
                merged.put(field, secrets.contains(field) ? value.toString() : value);
            }
        });
        for (String secret : secrets) {
            Object value = merged.get(secret);
            if (value == null || Secret.MASK.equals(value)) {
                Object kept = stored.get(secret);
                if (kept == null) {
                    merged.remove(secret);
                } else {
                    merged.put(secret, kept);
                }
            } else if (value.toString().isEmpty()) {
                merged.remove(secret);
            }
        }
        return merged;
    }

    /** Normalises and validates; the values to store, or a {@link CredentialValidationException}. */
    static Map<String, Object> prepare(
            CredentialType type, Map<String, Object> values, List<FieldError> earlierErrors) {
        CredentialDescription description = type.description();
        Set<String> secrets = secretFields(type);
        SecretRedactor redactor =
                SecretRedactor.of(new CredentialData(description.name(), values, secrets).secretValues());
        List<FieldError> errors = new ArrayList<>(earlierErrors);
        CredentialData normalized;
        try {
            normalized = type.normalize(new CredentialData(description.name(), values, secrets));
        } catch (RuntimeException e) {
            errors.add(new FieldError("data", "cannot be read: " + redactor.describe(e)));
            throw new CredentialValidationException(errors);
        }
        Map<String, Object> result = new LinkedHashMap<>();
        normalized.values().forEach((k, v) -> {
            if (v != null) {
                result.put(k, v);
            }
        });
        List<FieldError> typeErrors;
        try {
            typeErrors = type.validate(normalized).stream()
                    .map(e -> new FieldError(dataPath(e.field()), redactor.redact(e.message())))
                    .toList();
        } catch (RuntimeException e) {
            typeErrors = List.of(new FieldError("data", "cannot be validated: " + redactor.describe(e)));
        }
        for (String field : result.keySet()) {
            if (description.field(field).isEmpty()) {
                errors.add(new FieldError("data." + field, "is not a field of " + description.name()));
            }
        }
        for (Parameter field : description.fields()) {
            // Single-line values end up in headers and protocol lines (tokens, header auth, user names).
            if (field.type() instanceof StringType t
                    && t.rows() <= 1
                    && result.get(field.name()) instanceof String text
                    && HeaderText.hasControlCharacters(text)) {
                errors.add(new FieldError(
                        "data." + field.name(),
                        field.displayName() + " must not contain line breaks or control characters"));
            }
        }
        for (Parameter field : description.fields()) {
            String path = "data." + field.name();
            boolean reported = typeErrors.stream().anyMatch(e -> e.field().equals(path));
            if (field.required()
                    && field.holdsValue()
                    && !reported
                    && isEmpty(result.get(field.name()))
                    && field.displayOptions().isVisible(name -> valueOf(description, result, name))) {
                errors.add(new FieldError(path, "is required"));
            }
        }
        errors.addAll(typeErrors);
        if (!errors.isEmpty()) {
            throw new CredentialValidationException(errors);
        }
        return result;
    }

    private static Optional<Object> valueOf(
            CredentialDescription description, Map<String, Object> values, String name) {
        Object value = values.get(name);
        return value != null ? Optional.of(value) : description.field(name).map(Parameter::defaultValue);
    }

    static boolean isEmpty(Object value) {
        return value == null
                || (value instanceof String s && s.isBlank())
                || (value instanceof Collection<?> c && c.isEmpty())
                || (value instanceof Map<?, ?> m && m.isEmpty());
    }

    private static String dataPath(String field) {
        return field.equals("data") || field.startsWith("data.") ? field : "data." + field;
    }
}
