package io.hearth.credentials;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Re-encrypts every credential with a new master key, all or nothing.
 * <p>
 * For a key file the order makes every interruption safe: (1) the new key is written to
 * {@code encryption.key.next} (0600); (2) all rows are re-encrypted in ONE transaction; (3) the current key file is
 * copied to {@code encryption.key.previous-<time>} and {@code encryption.key.next} is atomically renamed over it.
 * Dying before (2) commits leaves the old key valid for every row; dying after it leaves
 * {@code encryption.key.next}, which {@link MasterKeyProvider} moves into place at the next start because the stored
 * key ids match it.
 * <p>
 * For a key from the environment, the caller passes the new key and must then update the variable.
 */
public final class KeyRotation {

    private static final Logger log = LoggerFactory.getLogger(KeyRotation.class);

    private final CredentialStore store;
    private final MasterKeyProvider provider;
    private final RotationHooks hooks;

    public KeyRotation(CredentialStore store, MasterKeyProvider provider) {
        this(store, provider, RotationHooks.NONE);
    }

    KeyRotation(CredentialStore store, MasterKeyProvider provider, RotationHooks hooks) {
        this.store = Objects.requireNonNull(store, "store");
        this.provider = Objects.requireNonNull(provider, "provider");
        this.hooks = Objects.requireNonNull(hooks, "hooks");
    }

    /** Rotates a key-file key to a freshly generated one. */
    public RotationResult rotateToNewKey() {
        if (!(store.keySource() instanceof KeySource.KeyFile)) {
            throw new IllegalStateException(
                    "The key comes from " + store.keySource().describe()
                            + ": generate a new key yourself (e.g. `openssl rand -base64 32`), pass it to rotate(), then set "
                            + "the variable to it");
        }
        return rotate(MasterKey.of(MasterKey.generateKeyText()));
    }

    /**
     * Re-encrypts every credential with {@code newKey} and makes it the current key of the store.
     *
     * @throws KeyRotationException when it failed; {@link KeyRotationException#outcome()} says which key is valid
     */
    public synchronized RotationResult rotate(MasterKey newKey) {
        MasterKey current = store.masterKey();
        if (newKey.keyId().equals(current.keyId())) {
            throw new IllegalArgumentException("The new key is the current key (key id " + current.keyId() + ")");
        }
        return current.source() instanceof KeySource.KeyFile file
                ? rotateKeyFile(current, newKey.withSource(new KeySource.KeyFile(file.path(), false)))
                : rotateExternalKey(current, newKey.withSource(current.source()));
    }

    private RotationResult rotateKeyFile(MasterKey current, MasterKey newKey) {
        try {
            finishEarlierRotationIfCommitted(current);
            provider.stageNextKey(newKey);
        } catch (IOException e) {
            throw new KeyRotationException(
                    "Cannot write " + provider.nextKeyFile() + ": " + e.getMessage() + "; nothing was changed",
                    KeyRotationException.Outcome.ROLLED_BACK,
                    e);
        }
        int count;
        try {
            count = store.reEncryptAll(newKey, hooks);
        } catch (KeyRotationException e) {
            if (e.outcome() == KeyRotationException.Outcome.ROLLED_BACK) {
                discardStagedKey(e);
            }
            throw e;
        }
        Optional<Path> previous;
        try {
            hooks.afterCommit();
            previous = provider.promoteNextKey();
        } catch (IOException | RuntimeException e) {
            throw new KeyRotationException(
                    "The credentials were re-encrypted with the new key (id " + newKey.keyId()
                            + ") and this process uses it, but " + provider.nextKeyFile() + " could not be moved to "
                            + provider.keyFile() + " (" + e.getMessage() + "). Do not delete " + provider.nextKeyFile()
                            + ": the next start moves it into place.",
                    KeyRotationException.Outcome.COMMITTED,
                    e);
        }
        String advice = "Back up the new key file " + provider.keyFile() + "; the replaced key is kept as "
                + previous.map(Path::toString).orElse("(there was none)") + " and decrypts nothing any more.";
        log.warn(
                "Re-encrypted {} credentials with a new encryption key (key id {} -> {}). {}",
                count,
                current.keyId(),
                newKey.keyId(),
                advice);
        return new RotationResult(count, current.keyId(), newKey.keyId(), previous, advice);
    }

    private RotationResult rotateExternalKey(MasterKey current, MasterKey newKey) {
        int count = store.reEncryptAll(newKey, hooks);
        hooks.afterCommit();
        String advice = current.source() instanceof KeySource.EnvironmentVariable env
                ? "Set " + env.name() + " to the new key before Hearth restarts: the old key no longer decrypts the "
                        + "stored credentials."
                : "Start Hearth with the new key from now on: the old key no longer decrypts the stored credentials.";
        log.warn(
                "Re-encrypted {} credentials with a new encryption key (key id {} -> {}). {}",
                count,
                current.keyId(),
                newKey.keyId(),
                advice);
        return new RotationResult(count, current.keyId(), newKey.keyId(), Optional.empty(), advice);
    }

    /** A leftover next-key file holding the key now in use must be moved into place, never overwritten. */
    private void finishEarlierRotationIfCommitted(MasterKey current) throws IOException {
        if (provider.nextKeyId().filter(current.keyId()::equals).isPresent()) {
            provider.promoteNextKey();
            log.warn(
                    "Moved {} into place: it holds the key in use, left by an earlier rotation",
                    provider.nextKeyFile());
        }
    }

    private void discardStagedKey(KeyRotationException failure) {
        try {
            provider.discardNextKey();
        } catch (IOException e) {
            failure.addSuppressed(e);
        }
    }
}
