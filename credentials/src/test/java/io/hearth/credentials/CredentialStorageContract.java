package io.hearth.credentials;

import static io.hearth.credentials.TestApiCredential.TYPE;
import static io.hearth.credentials.TestApiCredential.values;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hearth.node.credential.CredentialData;
import io.hearth.node.credential.Secret;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Storage, start-up key check and key rotation, run against every supported database (one subclass each).
 */
abstract class CredentialStorageContract {

    static final String OTHER_KEY = "another-key-that-encrypted-nothing-here-0123456789";

    @TempDir
    Path dataDir;

    /** The database under test, with an empty {@code credentials} table. */
    abstract DataSource dataSource();

    /**
     * Everything the database has persisted, made durable first: every file it wrote (and, where it helps, the
     * text of {@code SELECT * FROM credentials}), by a label.
     */
    abstract Map<String, byte[]> persistedBytes() throws Exception;

    /** Kills every database session abruptly, as when the process dies; the next connection sees committed data. */
    abstract void crashDatabaseSessions() throws Exception;

    // ---- plaintext never stored

    @Test
    void plaintextTokenNeverReachesTheDatabaseFile() throws Exception {
        String token = "tok" + UUID.randomUUID().toString().replace("-", "") + "Zq";
        String name = "marker-" + UUID.randomUUID();
        Started s = start(Map.of());
        CredentialView created = s.service().create(name, TYPE, TestApiCredential.values("ha.local", token));
        s.service().update(created.id(), Map.of("host", "ha.local", "clientSecret", token + "-client"));
        s.service()
                .test(TYPE, Map.of("host", "ha.local"), Optional.of(created.id()))
                .toCompletableFuture()
                .join();
        assertThat(s.service().decrypt(created.id()).secret("accessToken").reveal())
                .isEqualTo(token);

        Map<String, byte[]> persisted = persistedBytes();

        assertThat(persisted.values())
                .as("positive control: the (unencrypted) name must be found, or the scan proves nothing")
                .anySatisfy(bytes -> assertThat(TestSupport.contains(bytes, name.getBytes(StandardCharsets.UTF_8)))
                        .isTrue());
        List<String> leaks = new ArrayList<>();
        for (Map.Entry<String, byte[]> form : TestSupport.encodingsOf(token).entrySet()) {
            persisted.forEach((file, bytes) -> {
                if (TestSupport.contains(bytes, form.getValue())) {
                    leaks.add(form.getKey() + " in " + file);
                }
            });
        }
        assertThat(leaks).isEmpty();
    }

    @Test
    void storedRowHoldsJasyptCiphertextAndTheKeyId() throws Exception {
        Started s = start(Map.of());
        String token = "token-" + UUID.randomUUID();
        CredentialView created = s.service().create("Home", TYPE, TestApiCredential.values("ha.local", token));

        Map<String, String> row = TestSupport.tableContents(dataSource()).getFirst();
        assertThat(row.get("id")).isEqualTo(created.id());
        assertThat(row.get("name")).isEqualTo("Home");
        assertThat(row.get("type")).isEqualTo(TYPE);
        assertThat(row.get("key_id")).isEqualTo(s.key().keyId()).matches("[0-9a-f]{16}");
        byte[] raw = Base64.getDecoder().decode(row.get("data"));
        assertThat(raw.length).as("16-byte salt + 16-byte IV + AES blocks").isGreaterThanOrEqualTo(48);
        assertThat((raw.length - 32) % 16).isZero();
        assertThat(row.get("data")).doesNotContain(token).doesNotContain("ha.local");
    }

    // ---- CRUD through the service

    @Test
    void decryptReturnsExactlyWhatWasSaved() {
        Started s = start(Map.of());
        CredentialView created = s.service()
                .create(
                        "Home",
                        TYPE,
                        Map.of(
                                "host",
                                "https://ha.local:8443/",
                                "accessToken",
                                "secret-token-1",
                                "clientSecret",
                                "client-2",
                                "useProxy",
                                true,
                                "proxyUrl",
                                "http://proxy:3128"));

        CredentialData data = s.service().decrypt(created.id());
        assertThat(data.type()).isEqualTo(TYPE);
        assertThat(data.string("host")).isEqualTo("ha.local");
        assertThat(data.integer("port")).contains(8443L);
        assertThat(data.bool("ssl")).isTrue();
        assertThat(data.secret("accessToken").reveal()).isEqualTo("secret-token-1");
        assertThat(data.secretValues()).containsExactlyInAnyOrder("secret-token-1", "client-2");
        assertThat(data.toString()).doesNotContain("secret-token-1");
    }

    @Test
    void readsMaskSecretsAndTellWhichAreSet() {
        Started s = start(Map.of());
        CredentialView created =
                s.service().create("Home", TYPE, TestApiCredential.values("ha.local", "secret-token-1"));

        for (CredentialView view :
                List.of(created, s.service().get(created.id()).orElseThrow())) {
            assertThat(view.values())
                    .containsEntry("host", "ha.local")
                    .containsEntry("port", 8123L)
                    .containsEntry("accessToken", Secret.MASK)
                    .doesNotContainKey("clientSecret");
            assertThat(view.secrets()).isEqualTo(Map.of("accessToken", true, "clientSecret", false));
            assertThat(view.isSecretSet("accessToken")).isTrue();
            assertThat(view.toString()).doesNotContain("secret-token-1");
        }
    }

    @Test
    void listShowsNamesAndTypesButNoValues() {
        Started s = start(Map.of());
        s.service().create("B home", TYPE, TestApiCredential.values("b.local", "secret-b"));
        s.service().create("A office", TYPE, TestApiCredential.values("a.local", "secret-a"));

        assertThat(s.service().list()).extracting(CredentialSummary::name).containsExactly("A office", "B home");
        assertThat(s.service().list(TYPE)).hasSize(2);
        assertThat(s.service().list("otherType")).isEmpty();
        assertThat(s.service().list().toString()).doesNotContain("secret-").doesNotContain(".local");
    }

    @Test
    void updateWithoutSecretKeepsTheStoredSecret() {
        Started s = start(Map.of());
        CredentialView created = s.service()
                .create(
                        "Home",
                        TYPE,
                        Map.of("host", "ha.local", "accessToken", "secret-token-1", "clientSecret", "client-1"));

        CredentialView updated =
                s.service().update(created.id(), Map.of("host", "ha.local", "port", 8123, "useProxy", false));

        CredentialData data = s.service().decrypt(created.id());
        assertThat(data.string("host")).isEqualTo("ha.local");
        assertThat(data.bool("useProxy")).isFalse();
        assertThat(data.secret("accessToken").reveal()).isEqualTo("secret-token-1");
        assertThat(data.secret("clientSecret").reveal()).isEqualTo("client-1");
        assertThat(updated.values()).containsEntry("accessToken", Secret.MASK).containsEntry("host", "ha.local");
    }

    @Test
    void updateSendingTheMaskKeepsTheStoredSecret() {
        Started s = start(Map.of());
        CredentialView created =
                s.service().create("Home", TYPE, TestApiCredential.values("ha.local", "secret-token-1"));

        s.service().update(created.id(), created.values()); // what the editor sends back unchanged

        assertThat(s.service().decrypt(created.id()).secret("accessToken").reveal())
                .isEqualTo("secret-token-1");
    }

    @Test
    void updateWithANewSecretReplacesItAndAnEmptyOneClearsIt() {
        Started s = start(Map.of());
        CredentialView created = s.service()
                .create(
                        "Home",
                        TYPE,
                        Map.of("host", "ha.local", "accessToken", "secret-token-1", "clientSecret", "client-1"));

        s.service()
                .update(created.id(), Map.of("host", "ha.local", "accessToken", "secret-token-2", "clientSecret", ""));

        CredentialData data = s.service().decrypt(created.id());
        assertThat(data.secret("accessToken").reveal()).isEqualTo("secret-token-2");
        assertThat(data.get("clientSecret")).isEmpty();
        assertThat(s.service().get(created.id()).orElseThrow().isSecretSet("clientSecret"))
                .isFalse();
    }

    @Test
    void renameChangesOnlyTheName() {
        Started s = start(Map.of());
        CredentialView created =
                s.service().create("Home", TYPE, TestApiCredential.values("ha.local", "secret-token-1"));

        CredentialSummary renamed = s.service().rename(created.id(), "  Cabin  ");

        assertThat(renamed.name()).isEqualTo("Cabin");
        assertThat(renamed.createdAt()).isEqualTo(created.createdAt());
        assertThat(s.service().decrypt(created.id()).secret("accessToken").reveal())
                .isEqualTo("secret-token-1");
        assertThatThrownBy(() -> s.service().rename("no-such-id", "x")).isInstanceOf(CredentialNotFoundException.class);
    }

    @Test
    void deleteRemovesTheCredential() {
        Started s = start(Map.of());
        CredentialView created =
                s.service().create("Home", TYPE, TestApiCredential.values("ha.local", "secret-token-1"));

        assertThat(s.service().delete(created.id())).isTrue();
        assertThat(s.service().delete(created.id())).isFalse();
        assertThat(s.service().get(created.id())).isEmpty();
        assertThatThrownBy(() -> s.service().decrypt(created.id())).isInstanceOf(CredentialNotFoundException.class);
        assertThatThrownBy(() -> s.service().update(created.id(), Map.of()))
                .isInstanceOf(CredentialNotFoundException.class);
    }

    // ---- start-up key check

    @Test
    void theRightKeyPassesTheStartUpCheck() {
        Started first = start(Map.of());
        first.service().create("Home", TYPE, TestApiCredential.values("ha.local", "secret-token-1"));
        first.service().create("Office", TYPE, TestApiCredential.values("office.local", "secret-token-2"));

        Started again = start(Map.of());

        assertThat(again.key().keyId()).isEqualTo(first.key().keyId());
        assertThat(again.verified()).isEqualTo(2);
    }

    @Test
    void wrongKeyRefusesStartUpWithoutTouchingData() throws Exception {
        Started first = start(Map.of());
        for (int i = 0; i < 3; i++) {
            first.service().create("Cred " + i, TYPE, TestApiCredential.values("ha.local", "secret-token-" + i));
        }
        List<Map<String, String>> rowsBefore = TestSupport.tableContents(dataSource());
        Map<Path, byte[]> filesBefore = TestSupport.filesUnder(dataDir);
        RecordingDataSource recording = new RecordingDataSource(dataSource());

        MasterKeyProvider provider = provider(Map.of("HEARTH_ENCRYPTION_KEY", OTHER_KEY));
        MasterKey wrong = provider.load(StoredKeyIds.in(recording));
        CredentialStore store = new CredentialStore(recording, wrong);

        assertThatThrownBy(store::verifyKey)
                .isInstanceOf(MasterKeyMismatchException.class)
                .hasMessageStartingWith("The encryption key from the environment variable HEARTH_ENCRYPTION_KEY "
                        + "cannot decrypt 3 of 3 stored credentials (key id " + wrong.keyId() + ", expected "
                        + first.key().keyId())
                .hasMessageContaining("Start with the key that encrypted them")
                .hasMessageEndingWith("Nothing was changed.")
                .satisfies(e -> assertThat(((MasterKeyMismatchException) e).undecryptable())
                        .isEqualTo(3));
        assertThat(recording.statements())
                .isNotEmpty()
                .allSatisfy(sql -> assertThat(sql.strip().toUpperCase(Locale.ROOT))
                        .startsWith("SELECT")
                        .doesNotContain("FOR UPDATE"));
        assertThat(TestSupport.tableContents(dataSource())).isEqualTo(rowsBefore);
        assertSameFiles(TestSupport.filesUnder(dataDir), filesBefore);
    }

    @Test
    void replacedKeyFileRefusesStartUpAndNamesTheFile() throws Exception {
        Started first = start(Map.of());
        first.service().create("Home", TYPE, TestApiCredential.values("ha.local", "secret-token-1"));
        Path keyFile = dataDir.resolve("encryption.key");
        Files.writeString(keyFile, OTHER_KEY);

        MasterKey replaced = provider(Map.of()).load(StoredKeyIds.in(dataSource()));
        CredentialStore store = new CredentialStore(dataSource(), replaced);

        assertThatThrownBy(store::verifyKey)
                .isInstanceOf(MasterKeyMismatchException.class)
                .hasMessageContaining("from the key file " + keyFile)
                .hasMessageContaining("cannot decrypt 1 of 1 stored credential ")
                .hasMessageContaining("Restore " + keyFile + " from your backup");
    }

    @Test
    void credentialsUnderAnotherKeyAreCountedInTheRefusal() throws Exception {
        Started first = start(Map.of());
        for (int i = 0; i < 3; i++) {
            first.service().create("Cred " + i, TYPE, TestApiCredential.values("ha.local", "secret-token-" + i));
        }
        String foreignId = first.service().list().getFirst().id();
        TestSupport.execute(
                dataSource(), "UPDATE credentials SET key_id = 'ffffffffffffffff' WHERE id = '" + foreignId + "'");

        assertThatThrownBy(() -> start(Map.of()))
                .isInstanceOf(MasterKeyMismatchException.class)
                .hasMessageContaining("cannot decrypt 1 of 3 stored credentials")
                .hasMessageContaining("expected ffffffffffffffff")
                .hasMessageContaining(foreignId);
        assertThatThrownBy(() -> first.service().decrypt(foreignId))
                .isInstanceOf(CredentialDecryptionException.class)
                .hasMessageContaining("key id ffffffffffffffff");
    }

    @Test
    void missingKeyWithStoredCredentialsRefusesStartUpWithoutGeneratingOne() throws Exception {
        Started first = start(Map.of("HEARTH_ENCRYPTION_KEY", OTHER_KEY));
        first.service().create("Home", TYPE, TestApiCredential.values("ha.local", "secret-token-1"));

        assertThatThrownBy(() -> start(Map.of()))
                .isInstanceOf(MasterKeyException.class)
                .hasMessageContaining("HEARTH_ENCRYPTION_KEY is not set")
                .hasMessageContaining(first.key().keyId())
                .hasMessageContaining("Nothing was changed");
        assertThat(dataDir.resolve("encryption.key")).doesNotExist();
    }

    // ---- rotation

    @Test
    void rotationReEncryptsEveryCredentialAndReplacesTheKeyFile() throws Exception {
        Started s = start(Map.of());
        Map<String, Map<String, Object>> saved = createSome(s, 5);
        Path keyFile = dataDir.resolve("encryption.key");
        String oldKeyText = Files.readString(keyFile);

        RotationResult result = new KeyRotation(s.store(), s.provider()).rotateToNewKey();

        assertThat(result.reEncrypted()).isEqualTo(5);
        assertThat(result.previousKeyId()).isEqualTo(s.key().keyId());
        assertThat(result.newKeyId()).isNotEqualTo(s.key().keyId());
        assertThat(StoredKeyIds.in(dataSource()).keyIdsInUse()).containsExactly(result.newKeyId());
        assertThat(Files.readString(keyFile)).isNotEqualTo(oldKeyText);
        assertThat(dataDir.resolve("encryption.key.next")).doesNotExist();
        Path previous = result.previousKeyFile().orElseThrow();
        assertThat(previous.getFileName().toString()).matches("encryption\\.key\\.previous-\\d{8}T\\d{6}Z");
        assertThat(Files.readString(previous)).isEqualTo(oldKeyText);
        assertOwnerOnly(keyFile);
        assertOwnerOnly(previous);
        assertThat(s.store().keyId()).isEqualTo(result.newKeyId());
        assertDecryptsTo(s, saved);
        CredentialView added =
                s.service().create("After", TYPE, TestApiCredential.values("after.local", "secret-after"));
        assertThat(StoredKeyIds.in(dataSource()).keyIdsInUse()).containsExactly(result.newKeyId());

        Started restarted = start(Map.of());
        assertThat(restarted.key().keyId()).isEqualTo(result.newKeyId());
        assertThat(restarted.verified()).isEqualTo(6);
        assertDecryptsTo(restarted, saved);
        assertThat(restarted.service().decrypt(added.id()).secret("accessToken").reveal())
                .isEqualTo("secret-after");
        assertThatThrownBy(() -> start(Map.of("HEARTH_ENCRYPTION_KEY", oldKeyText)))
                .isInstanceOf(MasterKeyMismatchException.class);
    }

    @Test
    void rotationWithAnEnvironmentKeyTellsTheOperatorToUpdateTheVariable() {
        String oldKey = "old-environment-key-0123456789abcdef";
        String newKey = "new-environment-key-0123456789abcdef";
        Started s = start(Map.of("HEARTH_ENCRYPTION_KEY", oldKey));
        Map<String, Map<String, Object>> saved = createSome(s, 3);

        RotationResult result = new KeyRotation(s.store(), s.provider()).rotate(MasterKey.of(newKey));

        assertThat(result.reEncrypted()).isEqualTo(3);
        assertThat(result.previousKeyFile()).isEmpty();
        assertThat(result.operatorAdvice()).startsWith("Set HEARTH_ENCRYPTION_KEY to the new key");
        assertThat(dataDir).isEmptyDirectory();
        assertThat(s.store().keySource()).isEqualTo(new KeySource.EnvironmentVariable("HEARTH_ENCRYPTION_KEY"));
        assertDecryptsTo(start(Map.of("HEARTH_ENCRYPTION_KEY", newKey)), saved);
        assertThatThrownBy(() -> start(Map.of("HEARTH_ENCRYPTION_KEY", oldKey)))
                .isInstanceOf(MasterKeyMismatchException.class);
        assertThatThrownBy(() -> new KeyRotation(s.store(), s.provider()).rotateToNewKey())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("openssl rand");
    }

    @Test
    void rotationToTheCurrentKeyIsRefused() {
        String key = "the-only-environment-key-0123456789";
        Started s = start(Map.of("HEARTH_ENCRYPTION_KEY", key));

        assertThatThrownBy(() -> new KeyRotation(s.store(), s.provider()).rotate(MasterKey.of(key)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void failureAfterSomeRowsLeavesEveryRowDecryptableWithTheOldKey() throws Exception {
        Started s = start(Map.of());
        Map<String, Map<String, Object>> saved = createSome(s, 5);
        List<Map<String, String>> rowsBefore = TestSupport.tableContents(dataSource());
        Map<Path, byte[]> filesBefore = TestSupport.filesUnder(dataDir);
        RotationHooks failAfterThreeRows = new RotationHooks() {
            @Override
            public void afterRowReEncrypted(int done) {
                if (done == 3) {
                    throw new IllegalStateException("injected failure");
                }
            }
        };

        assertThatThrownBy(() -> new KeyRotation(s.store(), s.provider(), failAfterThreeRows).rotateToNewKey())
                .isInstanceOf(KeyRotationException.class)
                .hasMessageContaining("after re-encrypting 3 of 5 credentials")
                .hasMessageContaining("the current key (id " + s.key().keyId() + ") still decrypts every credential")
                .satisfies(e -> assertThat(((KeyRotationException) e).outcome())
                        .isEqualTo(KeyRotationException.Outcome.ROLLED_BACK));

        assertThat(TestSupport.tableContents(dataSource())).isEqualTo(rowsBefore);
        assertSameFiles(TestSupport.filesUnder(dataDir), filesBefore);
        assertThat(s.store().keyId()).isEqualTo(s.key().keyId());
        assertDecryptsTo(s, saved);
        Started restarted = start(Map.of());
        assertThat(restarted.verified()).isEqualTo(5);
        assertDecryptsTo(restarted, saved);
    }

    @Test
    void databaseCrashDuringRotationLeavesEveryRowDecryptableWithTheOldKey() throws Exception {
        Started s = start(Map.of());
        Map<String, Map<String, Object>> saved = createSome(s, 4);
        List<Map<String, String>> rowsBefore = TestSupport.tableContents(dataSource());
        RotationHooks crashAfterTwoRows = new RotationHooks() {
            @Override
            public void afterRowReEncrypted(int done) {
                if (done == 2) {
                    try {
                        crashDatabaseSessions();
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                }
            }
        };

        assertThatThrownBy(() -> new KeyRotation(s.store(), s.provider(), crashAfterTwoRows).rotateToNewKey())
                .isInstanceOf(KeyRotationException.class)
                .satisfies(e -> assertThat(((KeyRotationException) e).outcome())
                        .isNotEqualTo(KeyRotationException.Outcome.COMMITTED));

        assertThat(TestSupport.tableContents(dataSource())).isEqualTo(rowsBefore);
        Started restarted = start(Map.of());
        assertThat(restarted.key().keyId()).isEqualTo(s.key().keyId());
        assertThat(restarted.verified()).isEqualTo(4);
        assertDecryptsTo(restarted, saved);
        assertThat(dataDir.resolve("encryption.key.next")).doesNotExist();
    }

    @Test
    void rotationCommittedButKeyFileNotMovedRecoversOnTheNextStart() throws Exception {
        Started s = start(Map.of());
        Map<String, Map<String, Object>> saved = createSome(s, 3);
        Path keyFile = dataDir.resolve("encryption.key");
        Path nextFile = dataDir.resolve("encryption.key.next");
        String oldKeyText = Files.readString(keyFile);
        RotationHooks dieAfterCommit = new RotationHooks() {
            @Override
            public void afterCommit() {
                throw new IllegalStateException("simulated process death");
            }
        };

        assertThatThrownBy(() -> new KeyRotation(s.store(), s.provider(), dieAfterCommit).rotateToNewKey())
                .isInstanceOf(KeyRotationException.class)
                .hasMessageContaining("Do not delete " + nextFile)
                .satisfies(e -> assertThat(((KeyRotationException) e).outcome())
                        .isEqualTo(KeyRotationException.Outcome.COMMITTED));
        assertThat(Files.readString(keyFile)).isEqualTo(oldKeyText);
        assertOwnerOnly(nextFile);
        String newKeyText = Files.readString(nextFile);
        assertDecryptsTo(s, saved); // this process already uses the new key

        Started restarted = start(Map.of());

        assertThat(restarted.key().keyId()).isNotEqualTo(s.key().keyId());
        assertThat(restarted.verified()).isEqualTo(3);
        assertDecryptsTo(restarted, saved);
        assertThat(Files.readString(keyFile)).isEqualTo(newKeyText);
        assertThat(nextFile).doesNotExist();
        try (var files = Files.list(dataDir)) {
            List<Path> previous = files.filter(p -> p.getFileName().toString().startsWith("encryption.key.previous-"))
                    .toList();
            assertThat(previous)
                    .singleElement()
                    .satisfies(p -> assertThat(Files.readString(p)).isEqualTo(oldKeyText));
        }
    }

    @Test
    void rotatingAgainAfterAnUnmovedKeyFileFirstMovesItIntoPlace() throws Exception {
        Started s = start(Map.of());
        Map<String, Map<String, Object>> saved = createSome(s, 2);
        RotationHooks dieAfterCommit = new RotationHooks() {
            @Override
            public void afterCommit() {
                throw new IllegalStateException("simulated failure");
            }
        };
        assertThatThrownBy(() -> new KeyRotation(s.store(), s.provider(), dieAfterCommit).rotateToNewKey())
                .isInstanceOf(KeyRotationException.class);
        String intermediateKeyId = s.store().keyId();

        RotationResult second = new KeyRotation(s.store(), s.provider()).rotateToNewKey();

        assertThat(second.previousKeyId()).isEqualTo(intermediateKeyId);
        Started restarted = start(Map.of());
        assertThat(restarted.key().keyId()).isEqualTo(second.newKeyId());
        assertDecryptsTo(restarted, saved);
    }

    @Test
    void decryptsKeepWorkingWhileTheKeyRotates() throws Exception {
        Started s = start(Map.of());
        Map<String, Map<String, Object>> saved = createSome(s, 12);
        AtomicBoolean stop = new AtomicBoolean();
        AtomicInteger rounds = new AtomicInteger();
        List<Throwable> failures = new CopyOnWriteArrayList<>();
        Thread reader = Thread.ofPlatform().start(() -> {
            while (!stop.get()) {
                saved.forEach((id, values) -> {
                    try {
                        assertThat(s.service().decrypt(id).values()).isEqualTo(values);
                    } catch (Throwable t) {
                        failures.add(t);
                    }
                });
                rounds.incrementAndGet();
            }
        });
        RotationHooks letReadersInMidway = new RotationHooks() {
            @Override
            public void afterRowReEncrypted(int done) {
                if (done == 6) {
                    awaitMoreRounds(rounds, 2);
                }
            }
        };
        try {
            new KeyRotation(s.store(), s.provider(), letReadersInMidway).rotateToNewKey();
            awaitMoreRounds(rounds, 2);
        } finally {
            stop.set(true);
            reader.join();
        }

        assertThat(failures).isEmpty();
    }

    // ---- helpers

    /** Waits (bounded) until the reader has completed {@code more} further rounds. */
    private static void awaitMoreRounds(AtomicInteger rounds, int more) {
        int target = rounds.get() + more;
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(30);
        while (rounds.get() < target) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the reader made no progress");
            }
            Thread.onSpinWait();
        }
    }

    record Started(
            MasterKeyProvider provider,
            MasterKey key,
            CredentialStore store,
            CredentialService service,
            int verified) {}

    /** What the server does at start-up. */
    Started start(Map<String, String> environment) {
        MasterKeyProvider provider = provider(environment);
        MasterKey key = provider.load(StoredKeyIds.in(dataSource()));
        CredentialStore store = new CredentialStore(dataSource(), key);
        int verified = store.verifyKey();
        return new Started(provider, key, store, new CredentialService(store, TestApiCredential.REGISTRY), verified);
    }

    MasterKeyProvider provider(Map<String, String> environment) {
        Function<String, Optional<String>> env = name -> Optional.ofNullable(environment.get(name));
        return new MasterKeyProvider(dataDir).withEnvironment(env);
    }

    private static Map<String, Map<String, Object>> createSome(Started s, int count) {
        Map<String, Map<String, Object>> saved = new LinkedHashMap<>();
        for (int i = 0; i < count; i++) {
            Map<String, Object> values =
                    new HashMap<>(TestApiCredential.values("host" + i + ".local", "secret-token-" + i));
            values.put("clientSecret", "client-" + UUID.randomUUID());
            saved.put(s.service().create("Cred " + i, TYPE, values).id(), values);
        }
        return saved;
    }

    private static void assertDecryptsTo(Started s, Map<String, Map<String, Object>> saved) {
        saved.forEach(
                (id, values) -> assertThat(s.service().decrypt(id).values()).isEqualTo(values));
    }

    private static void assertSameFiles(Map<Path, byte[]> actual, Map<Path, byte[]> expected) {
        assertThat(actual.keySet()).isEqualTo(expected.keySet());
        expected.forEach((path, bytes) ->
                assertThat(actual.get(path)).as(path.toString()).isEqualTo(bytes));
    }

    static void assertOwnerOnly(Path file) throws Exception {
        if (KeyFiles.isPosix(file)) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
                    .isEqualTo("rw-------");
        }
    }
}
