package io.hearth.credentials;

import io.hearth.common.SecretRedactor;
import io.hearth.node.credential.CredentialData;
import io.hearth.node.credential.CredentialDescription;
import io.hearth.node.credential.CredentialTestResult;
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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.function.Function;

/**
 * Credentials as the API and the runtime use them. Secrets are write-only: reads show {@value Secret#MASK} in their
 * place; an update that omits a secret or sends the mask keeps the stored value, and an empty string clears it.
 * Non-secret values of an update replace the stored ones as a whole. Before storage, values go through the type's
 * {@link CredentialType#normalize normalize} and {@link CredentialType#validate validate}.
 */
public final class CredentialService {

    static final int MAX_NAME_LENGTH = 255;
    static final int MAX_TYPE_LENGTH = 128;

    private final CredentialStore store;
    private final Function<String, Optional<CredentialType>> types;

    /**
     * @param types the installed credential types by name (the server's plugin registry)
     */
    public CredentialService(CredentialStore store, Function<String, Optional<CredentialType>> types) {
        this.store = Objects.requireNonNull(store, "store");
        this.types = Objects.requireNonNull(types, "types");
    }

    /**
     * @throws UnknownCredentialTypeException when no plugin provides {@code type}
     * @throws CredentialValidationException  when the name or the values are not acceptable
     */
    public CredentialView create(String name, String type, Map<String, ?> values) {
        CredentialType credentialType = type(type);
        List<FieldError> nameErrors = nameErrors(name);
        Map<String, Object> prepared =
                prepare(credentialType, merge(values, Map.of(), secretFields(credentialType)), nameErrors);
        return view(store.insert(name.strip(), type, prepared), credentialType);
    }

    /**
     * Replaces the values of a credential, keeping every stored secret the update omits or masks — unless another
     * value changes: a saved secret is only ever sent where it was saved, so changing any other field (the host, the
     * port, a TLS setting) requires the secrets to be entered again.
     *
     * @throws CredentialNotFoundException   when there is no such credential
     * @throws CredentialValidationException when the values are not acceptable
     */
    public CredentialView update(String id, Map<String, ?> values) {
        return update(id, Optional.empty(), Optional.of(values));
    }

    /**
     * Renames and/or replaces the values; both are validated before either is stored. Serialised with
     * {@link #replaceSecretIf}, so a plugin's write-back never undoes a user's change.
     */
    public synchronized CredentialView update(
            String id, Optional<String> newName, Optional<? extends Map<String, ?>> values) {
        newName.ifPresent(name -> {
            List<FieldError> errors = nameErrors(name);
            if (!errors.isEmpty()) {
                throw new CredentialValidationException(errors);
            }
        });
        StoredCredential existing = store.find(id).orElseThrow(() -> new CredentialNotFoundException(id));
        CredentialType credentialType = type(existing.type());
        Optional<Map<String, Object>> prepared = values.map(v -> prepareWithStored(credentialType, v, existing));
        if (prepared.isPresent() && !store.replaceValues(id, prepared.get())) {
            throw new CredentialNotFoundException(id);
        }
        if (newName.isPresent() && !store.rename(id, newName.get().strip())) {
            throw new CredentialNotFoundException(id);
        }
        return get(id).orElseThrow(() -> new CredentialNotFoundException(id));
    }

    public CredentialSummary rename(String id, String newName) {
        List<FieldError> errors = nameErrors(newName);
        if (!errors.isEmpty()) {
            throw new CredentialValidationException(errors);
        }
        if (!store.rename(id, newName.strip())) {
            throw new CredentialNotFoundException(id);
        }
        return store.summary(id).orElseThrow(() -> new CredentialNotFoundException(id));
    }

    /** The credential with its secrets masked. A credential whose type is no longer installed shows every value masked. */
    public Optional<CredentialView> get(String id) {
        return store.find(id).map(c -> view(c, types.apply(c.type())));
    }

    /** All credentials, by name; no values. */
    public List<CredentialSummary> list() {
        return store.summaries(Optional.empty());
    }

    /** The credentials of one type, by name (for a node's credential picker); no values. */
    public List<CredentialSummary> list(String type) {
        return store.summaries(Optional.of(type));
    }

    /** @return whether there was such a credential */
    public boolean delete(String id) {
        return store.delete(id);
    }

    /**
     * The decrypted values, for the runtime, once per execution; in memory only. Pass
     * {@link CredentialData#secretValues()} to a {@link SecretRedactor}.
     *
     * @throws CredentialNotFoundException     when there is no such credential
     * @throws UnknownCredentialTypeException  when its type is no longer installed
     * @throws CredentialDecryptionException   when the current key cannot decrypt it
     */
    public CredentialData decrypt(String id) {
        StoredCredential stored = store.find(id).orElseThrow(() -> new CredentialNotFoundException(id));
        CredentialType credentialType = type(stored.type());
        return new CredentialData(stored.type(), stored.values(), secretFields(credentialType))
                .withWriter((field, expected, value) -> replaceSecretIf(id, field, expected, value));
    }

    /**
     * What a plugin obtained while using a credential (a refreshed access token) written back: {@code field}
     * becomes {@code value} if it still holds {@code expected}. A user's change made meanwhile (signed in again,
     * disconnected, deleted) wins. Serialised here: one instance writes a credential at a time.
     */
    synchronized boolean replaceSecretIf(String id, String field, String expected, String value) {
        Optional<StoredCredential> stored = store.find(id);
        if (stored.isEmpty()
                || !secretFields(type(stored.get().type())).contains(field)
                || !expected.equals(String.valueOf(stored.get().values().getOrDefault(field, "")))) {
            return false;
        }
        Map<String, Object> values = new LinkedHashMap<>(stored.get().values());
        values.put(field, value);
        return store.replaceValues(id, values);
    }

    /**
     * Tests values against the remote service without saving them. With {@code existingId}, secrets that are
     * omitted or masked come from that saved credential, as long as every other value is the saved one (a saved
     * secret is never sent anywhere else). The stage fails with {@link CredentialValidationException},
     * {@link UnknownCredentialTypeException} or {@link CredentialNotFoundException}; a failing test is a
     * {@link CredentialTestResult} whose message has the secrets redacted.
     */
    public CompletionStage<CredentialTestResult> test(String type, Map<String, ?> values, Optional<String> existingId) {
        CredentialData data;
        CredentialType credentialType;
        try {
            credentialType = type(type);
            Map<String, Object> prepared;
            if (existingId.isPresent()) {
                StoredCredential existing = store.find(existingId.get())
                        .orElseThrow(() -> new CredentialNotFoundException(existingId.get()));
                if (!existing.type().equals(type)) {
                    throw new CredentialValidationException(
                            List.of(new FieldError("type", "the saved credential is of type " + existing.type())));
                }
                prepared = prepareWithStored(credentialType, values, existing);
            } else {
                prepared = prepare(credentialType, merge(values, Map.of(), secretFields(credentialType)), List.of());
            }
            data = new CredentialData(type, prepared, secretFields(credentialType));
        } catch (CredentialException e) {
            return CompletableFuture.failedFuture(e);
        }
        SecretRedactor redactor = SecretRedactor.of(data.secretValues());
        CompletionStage<CredentialTestResult> stage;
        try {
            stage = credentialType.test(data);
        } catch (RuntimeException e) {
            return CompletableFuture.completedFuture(CredentialTestResult.failed(redactor.describe(e)));
        }
        return stage.handle((result, failure) -> {
            if (failure != null) {
                return CredentialTestResult.failed(redactor.describe(unwrap(failure)));
            }
            if (result == null) {
                return CredentialTestResult.failed("The credential test of " + type + " returned no result");
            }
            return new CredentialTestResult(result.status(), redactor.redact(String.valueOf(result.message())));
        });
    }

    // ----

    private CredentialType type(String name) {
        if (name == null || name.isBlank() || name.length() > MAX_TYPE_LENGTH) {
            throw new UnknownCredentialTypeException(String.valueOf(name));
        }
        return types.apply(name).orElseThrow(() -> new UnknownCredentialTypeException(name));
    }

    private static Set<String> secretFields(CredentialType type) {
        return Set.copyOf(type.description().secretFieldNames());
    }

    private static List<FieldError> nameErrors(String name) {
        if (name == null || name.isBlank()) {
            return List.of(new FieldError("name", "must not be empty"));
        }
        if (name.strip().length() > MAX_NAME_LENGTH) {
            return List.of(new FieldError("name", "must be at most " + MAX_NAME_LENGTH + " characters"));
        }
        return List.of();
    }

    /**
     * The values to store or test when {@code submitted} may keep secrets of {@code existing}: the merge, prepared,
     * refused when a kept secret would go with changed connection values.
     */
    private static Map<String, Object> prepareWithStored(
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
    private static Map<String, Object> merge(
            Map<String, ?> submitted, Map<String, Object> stored, Set<String> secrets) {
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
    private static Map<String, Object> prepare(
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

    private static boolean isEmpty(Object value) {
        return value == null
                || value instanceof String s && s.isBlank()
                || value instanceof Collection<?> c && c.isEmpty()
                || value instanceof Map<?, ?> m && m.isEmpty();
    }

    private static String dataPath(String field) {
        return field.equals("data") || field.startsWith("data.") ? field : "data." + field;
    }

    private static Throwable unwrap(Throwable t) {
        return (t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null
                ? t.getCause()
                : t;
    }

    private static CredentialView view(StoredCredential credential, CredentialType type) {
        return view(credential, Optional.of(type));
    }

    /** Masks secrets; without the type, every value is treated as secret. */
    private static CredentialView view(StoredCredential credential, Optional<CredentialType> type) {
        Map<String, Object> shown = new LinkedHashMap<>();
        Map<String, Boolean> secrets = new LinkedHashMap<>();
        if (type.isPresent()) {
            for (String field : type.get().description().secretFieldNames()) {
                secrets.put(field, !isEmpty(credential.values().get(field)));
            }
        } else {
            credential.values().keySet().forEach(field -> secrets.put(field, true));
        }
        credential.values().forEach((field, value) -> {
            if (!secrets.containsKey(field)) {
                shown.put(field, value);
            } else if (secrets.get(field)) {
                shown.put(field, Secret.MASK);
            }
        });
        return new CredentialView(
                credential.id(),
                credential.name(),
                credential.type(),
                shown,
                secrets,
                credential.createdAt(),
                credential.updatedAt());
    }
}
