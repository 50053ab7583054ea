package io.hearth.credentials;

import static io.hearth.credentials.CredentialStorageContract.assertOwnerOnly;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MasterKeyProviderTest {

    static final StoredKeyIds NOTHING_STORED = Set::of;
    static final String ENV_KEY = "environment-key-0123456789abcdef";

    @TempDir
    Path tmp;

    @Test
    void firstStartGeneratesAKeyFileInANewDataDirectory() throws Exception {
        Path dataDir = tmp.resolve("not/yet/there");

        MasterKey key = provider(dataDir, Map.of()).load(NOTHING_STORED);

        Path keyFile = dataDir.resolve("encryption.key");
        assertThat(key.source()).isEqualTo(new KeySource.KeyFile(keyFile, true));
        String text = Files.readString(keyFile).strip();
        assertThat(text).matches("hk1_[A-Za-z0-9_-]{43}");
        assertThat(Base64.getUrlDecoder().decode(text.substring(4))).hasSize(32);
        try (var files = Files.list(dataDir)) {
            assertThat(files).containsExactly(keyFile); // no temporary file left behind
        }
    }

    @Test
    void keyFilePermissionsAreOwnerOnly() throws Exception {
        provider(tmp, Map.of()).load(NOTHING_STORED);

        assertOwnerOnly(tmp.resolve("encryption.key"));
    }

    @Test
    void laterStartsReuseTheKeyFileWithoutAnnouncingItAgain() {
        MasterKey first = provider(tmp, Map.of()).load(NOTHING_STORED);

        MasterKey second = provider(tmp, Map.of()).load(NOTHING_STORED);

        assertThat(second.keyId()).isEqualTo(first.keyId());
        assertThat(second.source()).isEqualTo(new KeySource.KeyFile(tmp.resolve("encryption.key"), false));
    }

    @Test
    void environmentKeyWinsOverTheKeyFile() {
        MasterKey fromFile = provider(tmp, Map.of()).load(NOTHING_STORED);

        MasterKey fromEnv =
                provider(tmp, Map.of("HEARTH_ENCRYPTION_KEY", ENV_KEY)).load(NOTHING_STORED);

        assertThat(fromEnv.source()).isEqualTo(new KeySource.EnvironmentVariable("HEARTH_ENCRYPTION_KEY"));
        assertThat(fromEnv.source().describe()).isEqualTo("the environment variable HEARTH_ENCRYPTION_KEY");
        assertThat(fromEnv.keyId()).isEqualTo(MasterKey.of(ENV_KEY).keyId()).isNotEqualTo(fromFile.keyId());
    }

    @Test
    void environmentKeyCreatesNoFile() throws Exception {
        provider(tmp, Map.of("HEARTH_ENCRYPTION_KEY", ENV_KEY)).load(NOTHING_STORED);

        assertThat(tmp).isEmptyDirectory();
    }

    @Test
    void theEnvironmentVariableNameIsConfigurable() {
        MasterKeyProvider provider = provider(
                        tmp, Map.of("MY_KEY", ENV_KEY, "HEARTH_ENCRYPTION_KEY", "ignored-ignored-ignored"))
                .withEnvironmentVariable("MY_KEY");

        MasterKey key = provider.load(NOTHING_STORED);

        assertThat(key.source()).isEqualTo(new KeySource.EnvironmentVariable("MY_KEY"));
        assertThat(key.keyId()).isEqualTo(MasterKey.of(ENV_KEY).keyId());
    }

    @Test
    void aBlankEnvironmentVariableCountsAsUnset() {
        MasterKey key = provider(tmp, Map.of("HEARTH_ENCRYPTION_KEY", "  ")).load(NOTHING_STORED);

        assertThat(key.source()).isInstanceOf(KeySource.KeyFile.class);
    }

    @Test
    void aTooShortKeyIsRefusedWithAdvice() {
        assertThatThrownBy(() ->
                        provider(tmp, Map.of("HEARTH_ENCRYPTION_KEY", "short")).load(NOTHING_STORED))
                .isInstanceOf(MasterKeyException.class)
                .hasMessageContaining("HEARTH_ENCRYPTION_KEY is only 5 characters long")
                .hasMessageContaining("openssl rand")
                .hasMessageNotContaining("short ");
    }

    @Test
    void noKeyButStoredCredentialsRefusesToGenerateOne() {
        assertThatThrownBy(() -> provider(tmp, Map.of()).load(() -> Set.of("0123456789abcdef")))
                .isInstanceOf(MasterKeyException.class)
                .hasMessageContaining("0123456789abcdef");
        assertThat(tmp.resolve("encryption.key")).doesNotExist();
    }

    @Test
    void masterKeyToStringNeverShowsTheKey() {
        MasterKey key = provider(tmp, Map.of("HEARTH_ENCRYPTION_KEY", ENV_KEY)).load(NOTHING_STORED);

        assertThat(key.toString()).doesNotContain(ENV_KEY).contains("******").contains("HEARTH_ENCRYPTION_KEY");
    }

    @Test
    void keyIdIsAFingerprintThatRevealsNothingOfTheKey() throws Exception {
        MasterKey key = MasterKey.of(ENV_KEY);

        assertThat(key.keyId())
                .matches("[0-9a-f]{16}")
                .isEqualTo(MasterKey.of(" " + ENV_KEY + "\n").keyId());
        assertThat(ENV_KEY).doesNotContain(key.keyId());
        String plainSha256 = HexFormat.of()
                .formatHex(MessageDigest.getInstance("SHA-256").digest(ENV_KEY.getBytes(StandardCharsets.UTF_8)));
        assertThat(plainSha256).doesNotContain(key.keyId()); // derived from the stretched key, not a fast hash
        assertThat(MasterKey.of(ENV_KEY + "x").keyId()).isNotEqualTo(key.keyId());
    }

    @Test
    void leftoverNextKeyIsMovedIntoPlaceWhenTheStoredKeyIdsMatchIt() throws Exception {
        MasterKeyProvider provider =
                provider(tmp, Map.of()).withClock(Clock.fixed(Instant.parse("2026-01-02T03:04:05Z"), ZoneOffset.UTC));
        MasterKey old = provider.load(NOTHING_STORED);
        String oldText = Files.readString(tmp.resolve("encryption.key"));
        MasterKey next = MasterKey.of(MasterKey.generateKeyText());
        provider.stageNextKey(next);

        MasterKey loaded = provider.load(() -> Set.of(next.keyId()));

        assertThat(loaded.keyId()).isEqualTo(next.keyId());
        assertThat(tmp.resolve("encryption.key.next")).doesNotExist();
        Path previous = tmp.resolve("encryption.key.previous-20260102T030405Z");
        assertThat(Files.readString(previous)).isEqualTo(oldText);
        assertOwnerOnly(previous);
        assertOwnerOnly(tmp.resolve("encryption.key"));
        assertThat(old.keyId()).isNotEqualTo(loaded.keyId());
    }

    @Test
    void leftoverNextKeyIsSetAsideWhenItsRotationDidNotCommit() throws Exception {
        MasterKeyProvider provider = provider(tmp, Map.of());
        MasterKey old = provider.load(NOTHING_STORED);
        provider.stageNextKey(MasterKey.of(MasterKey.generateKeyText()));

        MasterKey loaded = provider.load(() -> Set.of(old.keyId()));

        assertThat(loaded.keyId()).isEqualTo(old.keyId());
        assertThat(tmp.resolve("encryption.key.next")).doesNotExist();
        try (var files = Files.list(tmp)) {
            assertThat(files.map(p -> p.getFileName().toString()))
                    .anyMatch(name -> name.startsWith("encryption.key.unused-"));
        }
    }

    @Test
    void anEnvironmentKeyLeavesKeyFilesAlone() throws Exception {
        MasterKeyProvider fileProvider = provider(tmp, Map.of());
        fileProvider.load(NOTHING_STORED);
        MasterKey next = MasterKey.of(MasterKey.generateKeyText());
        fileProvider.stageNextKey(next);

        provider(tmp, Map.of("HEARTH_ENCRYPTION_KEY", ENV_KEY)).load(() -> Set.of(next.keyId()));

        assertThat(tmp.resolve("encryption.key.next")).exists();
    }

    private static MasterKeyProvider provider(Path dataDir, Map<String, String> environment) {
        return new MasterKeyProvider(dataDir).withEnvironment(name -> Optional.ofNullable(environment.get(name)));
    }
}
