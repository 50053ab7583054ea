package io.hearth.credentials;

import io.hearth.common.SecretRedactor;
import io.hearth.node.credential.CredentialData;
import io.hearth.node.credential.CredentialTestResult;
import io.hearth.node.credential.CredentialType;
import io.hearth.node.credential.FieldError;
import io.hearth.node.credential.Secret;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
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
     * Stores a new credential, its secret values encrypted.
     *
     * @throws UnknownCredentialTypeException when no plugin provides {@code type}
     * @throws CredentialValidationException  when the name or the values are not acceptable
     */
    public CredentialView create(String name, String type, Map<String, ?> values) {
        CredentialType credentialType = type(type);
        List<FieldError> nameErrors = nameErrors(name);
        Map<String, Object> prepared = CredentialValues.prepare(
                credentialType,
                CredentialValues.merge(values, Map.of(), CredentialValues.secretFields(credentialType)),
                nameErrors);
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
        Optional<Map<String, Object>> prepared =
                values.map(v -> CredentialValues.prepareWithStored(credentialType, v, existing));
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

    /** Returns whether there was such a credential.
     */
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
        return new CredentialData(stored.type(), stored.values(), CredentialValues.secretFields(credentialType))
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
                || !CredentialValues.secretFields(type(stored.get().type())).contains(field)
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
                prepared = CredentialValues.prepareWithStored(credentialType, values, existing);
            } else {
                prepared = CredentialValues.prepare(
                        credentialType,
                        CredentialValues.merge(values, Map.of(), CredentialValues.secretFields(credentialType)),
                        List.of());
            }
            data = new CredentialData(type, prepared, CredentialValues.secretFields(credentialType));
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

    private static List<FieldError> nameErrors(String name) {
        if (name == null || name.isBlank()) {
            return List.of(new FieldError("name", "must not be empty"));
        }
        if (name.strip().length() > MAX_NAME_LENGTH) {
            return List.of(new FieldError("name", "must be at most " + MAX_NAME_LENGTH + " characters"));
        }
        return List.of();
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
                secrets.put(field, !CredentialValues.isEmpty(credential.values().get(field)));
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
