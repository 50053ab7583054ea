package io.hearth.credentials;

import io.hearth.common.Json;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.stream.Collectors;
import javax.sql.DataSource;

/**
 * The {@code credentials} table with encryption: values are stored as Jasypt ciphertext of their JSON, next to the
 * key id of the master key that encrypted them. Call {@link #verifyKey()} at start-up before anything else.
 * <p>
 * Reads pick the cipher by the row's key id, so they need no lock; writes share a lock that a key rotation takes
 * exclusively, so no row is written with the old key while the rotation runs.
 */
public final class CredentialStore {

    private final CredentialRepository repository;
    private final Clock clock;
    private final ReentrantReadWriteLock rotationLock = new ReentrantReadWriteLock();
    private volatile Keys keys;
    // Ciphertext rows by id, so running nodes decrypt without a database read on their (event-loop) thread.
    // This store's own writes invalidate entries; the TTL bounds staleness from other instances sharing the database.
    private final java.util.concurrent.ConcurrentHashMap<String, CachedRow> rowCache =
            new java.util.concurrent.ConcurrentHashMap<>();
    private static final java.time.Duration ROW_CACHE_TTL = java.time.Duration.ofSeconds(5);

    private record CachedRow(Optional<CredentialRow> row, Instant loadedAt) {}

    public CredentialStore(DataSource dataSource, MasterKey key) {
        this(dataSource, key, Clock.systemUTC());
    }

    public CredentialStore(DataSource dataSource, MasterKey key, Clock clock) {
        this.repository = new CredentialRepository(dataSource);
        this.clock = clock;
        CredentialCipher cipher = new CredentialCipher(key);
        this.keys = new Keys(key, cipher, List.of(cipher));
    }

    /** The id of the master key new data is encrypted with. */
    public String keyId() {
        return keys.current().keyId();
    }

    public KeySource keySource() {
        return keys.key().source();
    }

    /**
     * Decrypts every stored credential with the current master key. Reads only: nothing is written before or
     * during the check.
     *
     * @return how many credentials were checked
     * @throws MasterKeyMismatchException when some cannot be decrypted; the server must not start
     */
    public int verifyKey() {
        Keys k = keys;
        List<CredentialRow> rows = repository.all();
        List<CredentialRow> failing = rows.stream()
                .filter(row -> !row.keyId().equals(k.current().keyId())
                        || parse(k.current(), row).isEmpty())
                .toList();
        if (!failing.isEmpty()) {
            Set<String> storedIds =
                    rows.stream().map(CredentialRow::keyId).collect(Collectors.toCollection(TreeSet::new));
            List<String> examples = failing.stream()
                    .limit(3)
                    .map(r -> "'" + r.name() + "' (" + r.id() + ")")
                    .toList();
            throw new MasterKeyMismatchException(k.key(), failing.size(), rows.size(), storedIds, examples);
        }
        return rows.size();
    }

    // ---- for CredentialService

    StoredCredential insert(String name, String type, Map<String, Object> values) {
        Instant now = now();
        String id = UUID.randomUUID().toString();
        Lock shared = rotationLock.readLock();
        shared.lock();
        try {
            CredentialCipher cipher = keys.current();
            repository.insert(
                    new CredentialRow(id, name, type, cipher.encrypt(Json.write(values)), cipher.keyId(), now, now));
        } finally {
            shared.unlock();
        }
        return new StoredCredential(id, name, type, values, now, now);
    }

    Optional<StoredCredential> find(String id) {
        Instant now = clock.instant();
        CachedRow cached = rowCache.get(id);
        if (cached == null || cached.loadedAt().plus(ROW_CACHE_TTL).isBefore(now)) {
            cached = new CachedRow(repository.find(id), now);
            rowCache.put(id, cached);
        }
        return cached.row().map(this::decrypt);
    }

    Optional<CredentialSummary> summary(String id) {
        return repository.find(id).map(CredentialRow::summary);
    }

    List<CredentialSummary> summaries(Optional<String> type) {
        return repository.summaries(type);
    }

    boolean replaceValues(String id, Map<String, Object> values) {
        Lock shared = rotationLock.readLock();
        shared.lock();
        try {
            CredentialCipher cipher = keys.current();
            return repository.updateData(id, cipher.encrypt(Json.write(values)), cipher.keyId(), now());
        } finally {
            rowCache.remove(id);
            shared.unlock();
        }
    }

    boolean rename(String id, String name) {
        rowCache.remove(id);
        return repository.rename(id, name, now());
    }

    boolean delete(String id) {
        try {
            return repository.delete(id);
        } finally {
            rowCache.remove(id);
        }
    }

    // ---- for KeyRotation

    MasterKey masterKey() {
        return keys.key();
    }

    /**
     * Re-encrypts every row with {@code newKey} in one transaction, then makes it the current key.
     *
     * @return the number of credentials re-encrypted
     * @throws KeyRotationException when it did not commit (or may not have)
     */
    int reEncryptAll(MasterKey newKey, RotationHooks hooks) {
        CredentialCipher next = new CredentialCipher(newKey);
        Lock exclusive = rotationLock.writeLock();
        exclusive.lock();
        rowCache.clear();
        try {
            Keys before = keys;
            // Readers may see committed rows before this method returns: let them decrypt both generations.
            keys = new Keys(before.key(), before.current(), List.of(before.current(), next));
            int count;
            try {
                count = reEncryptInOneTransaction(before.current(), next, hooks);
            } catch (KeyRotationException e) {
                if (e.outcome() == KeyRotationException.Outcome.ROLLED_BACK) {
                    keys = before;
                }
                throw e;
            }
            keys = new Keys(newKey, next, keys.all());
            return count;
        } finally {
            rowCache.clear();
            exclusive.unlock();
        }
    }

    private int reEncryptInOneTransaction(CredentialCipher from, CredentialCipher to, RotationHooks hooks) {
        try (Connection c = repository.dataSource().getConnection()) {
            boolean autoCommit = c.getAutoCommit();
            c.setAutoCommit(false);
            try {
                int total = reEncryptRows(c, from, to, hooks);
                commit(c, from, to);
                return total;
            } finally {
                restoreAutoCommit(c, autoCommit);
            }
        } catch (SQLException e) {
            throw new KeyRotationException(
                    "Key rotation could not start: " + e.getMessage() + "; nothing was changed",
                    KeyRotationException.Outcome.ROLLED_BACK,
                    e);
        }
    }

    /** Inside the open transaction; rolls it back on any failure. */
    private static int reEncryptRows(Connection c, CredentialCipher from, CredentialCipher to, RotationHooks hooks) {
        int done = 0;
        int total = 0;
        try {
            List<CredentialRow> rows = CredentialRepository.lockAll(c);
            total = rows.size();
            try (PreparedStatement update = CredentialRepository.prepareReEncrypt(c)) {
                for (CredentialRow row : rows) {
                    if (!row.keyId().equals(from.keyId())) {
                        throw new KeyRotationException(
                                "Credential '" + row.name() + "' (" + row.id()
                                        + ") is encrypted with key id " + row.keyId() + ", not with the current key "
                                        + from.keyId() + "; rotation cancelled, nothing was changed",
                                KeyRotationException.Outcome.ROLLED_BACK);
                    }
                    String json = from.decrypt(row.data())
                            .orElseThrow(() -> new KeyRotationException(
                                    "Credential '" + row.name() + "' (" + row.id()
                                            + ") does not decrypt with the current "
                                            + "key; rotation cancelled, nothing was changed",
                                    KeyRotationException.Outcome.ROLLED_BACK));
                    update.setString(1, to.encrypt(json));
                    update.setString(2, to.keyId());
                    update.setString(3, row.id());
                    update.setString(4, from.keyId());
                    if (update.executeUpdate() != 1) {
                        throw new SQLException("credential " + row.id() + " changed during the rotation");
                    }
                    hooks.afterRowReEncrypted(++done);
                }
            }
            return total;
        } catch (Throwable t) {
            rollBack(c, t);
            if (t instanceof KeyRotationException k) {
                throw k;
            }
            throw new KeyRotationException(
                    "Key rotation failed after re-encrypting " + done + " of " + total
                            + " credentials inside its transaction, which was rolled back: the current key (id "
                            + from.keyId() + ") still decrypts every credential. Cause: " + t,
                    KeyRotationException.Outcome.ROLLED_BACK,
                    t);
        }
    }

    private static void commit(Connection c, CredentialCipher from, CredentialCipher to) {
        try {
            c.commit();
        } catch (SQLException e) {
            rollBack(c, e);
            throw new KeyRotationException(
                    "Key rotation failed while committing; the credentials use either the "
                            + "old key (id " + from.keyId() + ") or the new one (id " + to.keyId()
                            + "). Keep both keys and "
                            + "restart: the stored key ids tell which one is needed. Cause: " + e,
                    KeyRotationException.Outcome.UNKNOWN,
                    e);
        }
    }

    private static void rollBack(Connection c, Throwable failure) {
        try {
            c.rollback();
        } catch (SQLException e) {
            failure.addSuppressed(e);
        }
    }

    private static void restoreAutoCommit(Connection c, boolean autoCommit) {
        try {
            c.setAutoCommit(autoCommit);
        } catch (SQLException e) {
            // The connection is broken; the pool discards it.
        }
    }

    // ----

    private StoredCredential decrypt(CredentialRow row) {
        CredentialCipher cipher = keys.forKeyId(row.keyId()).orElse(null);
        if (cipher == null) {
            throw new CredentialDecryptionException("Credential '" + row.name() + "' (" + row.id()
                    + ") was encrypted with key id " + row.keyId() + ", but the current key is " + keyId()
                    + "; restart Hearth with the key that encrypted it");
        }
        Map<String, Object> values = parse(cipher, row)
                .orElseThrow(() -> new CredentialDecryptionException("Credential '" + row.name() + "' (" + row.id()
                        + ") cannot be decrypted with key id " + row.keyId() + ": its data is damaged"));
        return new StoredCredential(row.id(), row.name(), row.type(), values, row.createdAt(), row.updatedAt());
    }

    /** The decrypted values; empty when the cipher cannot decrypt them to a JSON object. */
    private static Optional<Map<String, Object>> parse(CredentialCipher cipher, CredentialRow row) {
        return cipher.decrypt(row.data()).flatMap(json -> {
            try {
                if (Json.parse(json) instanceof Map<?, ?> map) {
                    Map<String, Object> values = new LinkedHashMap<>();
                    map.forEach((k, v) -> values.put(String.valueOf(k), v));
                    return Optional.of(values);
                }
                return Optional.empty();
            } catch (IllegalArgumentException e) {
                return Optional.empty();
            }
        });
    }

    // What every database keeps of a time (SQLite: epoch milliseconds), so that what is returned is what is read back.
    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    /** The current key and every key rows may be encrypted with (one, or two during a rotation). */
    private record Keys(MasterKey key, CredentialCipher current, List<CredentialCipher> all) {
        Optional<CredentialCipher> forKeyId(String keyId) {
            return all.stream().filter(c -> c.keyId().equals(keyId)).findFirst();
        }
    }
}
