package io.hearth.credentials;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds the master key at start-up: the environment variable ({@value #DEFAULT_ENVIRONMENT_VARIABLE} unless
 * configured) wins; otherwise {@code <dataDir>/}{@value #KEY_FILE_NAME}, generated on first start (32 random bytes,
 * base64url, owner-only permissions) and announced once in the log.
 * <p>
 * It also finishes a key rotation that was interrupted after its database transaction committed but before the new
 * key file was moved into place: a leftover {@code encryption.key.next} whose key id is the one the stored
 * credentials use becomes the key file (the old one is kept as {@code encryption.key.previous-<time>}).
 */
public final class MasterKeyProvider {

    public static final String DEFAULT_ENVIRONMENT_VARIABLE = "HEARTH_ENCRYPTION_KEY";
    public static final String KEY_FILE_NAME = "encryption.key";

    private static final Logger log = LoggerFactory.getLogger(MasterKeyProvider.class);

    private final Path dataDirectory;
    private final String environmentVariable;
    private final Function<String, Optional<String>> environment;
    private final Clock clock;

    public MasterKeyProvider(Path dataDirectory) {
        this(
                dataDirectory,
                DEFAULT_ENVIRONMENT_VARIABLE,
                name -> Optional.ofNullable(System.getenv(name)),
                Clock.systemUTC());
    }

    private MasterKeyProvider(
            Path dataDirectory,
            String environmentVariable,
            Function<String, Optional<String>> environment,
            Clock clock) {
        this.dataDirectory = Objects.requireNonNull(dataDirectory, "dataDirectory");
        this.environmentVariable = Objects.requireNonNull(environmentVariable, "environmentVariable");
        this.environment = Objects.requireNonNull(environment, "environment");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Reads the key from this variable instead of {@value #DEFAULT_ENVIRONMENT_VARIABLE}. */
    public MasterKeyProvider withEnvironmentVariable(String name) {
        return new MasterKeyProvider(dataDirectory, name, environment, clock);
    }

    /** Looks variables up here instead of {@link System#getenv(String)} (the server's environment, tests). */
    public MasterKeyProvider withEnvironment(Function<String, Optional<String>> lookup) {
        return new MasterKeyProvider(dataDirectory, environmentVariable, lookup, clock);
    }

    MasterKeyProvider withClock(Clock newClock) {
        return new MasterKeyProvider(dataDirectory, environmentVariable, environment, newClock);
    }

    public String environmentVariable() {
        return environmentVariable;
    }

    public Path keyFile() {
        return dataDirectory.resolve(KEY_FILE_NAME);
    }

    Path nextKeyFile() {
        return dataDirectory.resolve(KEY_FILE_NAME + ".next");
    }

    /**
     * The master key; {@link MasterKey#source()} tells where it came from. {@code storedKeyIds} is consulted only
     * when there is no key file yet or a rotation left {@code encryption.key.next} behind.
     *
     * @throws MasterKeyException when there is no key but the database holds credentials, or a key is unusable
     */
    public MasterKey load(StoredKeyIds storedKeyIds) {
        Optional<String> fromEnvironment =
                environment.apply(environmentVariable).filter(v -> !v.isBlank());
        if (fromEnvironment.isPresent()) {
            if (Files.exists(keyFile())) {
                log.info(
                        "Using the credentials encryption key from {}; the key file {} is not used",
                        environmentVariable,
                        keyFile());
            }
            return MasterKey.from(fromEnvironment.get(), new KeySource.EnvironmentVariable(environmentVariable));
        }
        try {
            if (Files.exists(nextKeyFile())) {
                resolveLeftoverNextKey(storedKeyIds.keyIdsInUse());
            }
            if (Files.exists(keyFile())) {
                return readKeyFile(keyFile());
            }
            return generateKeyFile(storedKeyIds.keyIdsInUse());
        } catch (IOException e) {
            throw new MasterKeyException("Cannot read or write the key file " + keyFile() + ": " + e.getMessage(), e);
        }
    }

    private MasterKey readKeyFile(Path file) throws IOException {
        if (KeyFiles.readableByOthers(file)) {
            log.warn(
                    "The encryption key file {} can be read by other users; restrict it with: chmod 600 {}",
                    file,
                    file);
        }
        return MasterKey.from(KeyFiles.read(file), new KeySource.KeyFile(file, false));
    }

    // a completion callback: nothing waits for the future it returns
    @SuppressWarnings("FutureReturnValueIgnored")
    private MasterKey generateKeyFile(Set<String> keyIdsInUse) throws IOException {
        if (!keyIdsInUse.isEmpty()) {
            throw new MasterKeyException("No encryption key: " + environmentVariable + " is not set and " + keyFile()
                    + " does not exist, but the database holds credentials encrypted with key id "
                    + String.join(" and ", new TreeSet<>(keyIdsInUse)) + ". Set " + environmentVariable
                    + " to that key or restore the key file from your backup. Nothing was changed.");
        }
        MasterKey key = MasterKey.from(MasterKey.generateKeyText(), new KeySource.KeyFile(keyFile(), true));
        KeyFiles.writeOwnerOnly(keyFile(), key.text());
        Path file = keyFile();
        key.keyIdWhenReady()
                .thenAccept(keyId -> log.warn(
                        "Generated a new encryption key for credentials in {} (key id {}). "
                                + "BACK IT UP: without it the credentials stored from now on cannot be decrypted. To keep the key out of "
                                + "the data directory, set {} to the file's content.",
                        file,
                        keyId,
                        environmentVariable));
        return key;
    }

    private void resolveLeftoverNextKey(Set<String> keyIdsInUse) throws IOException {
        String nextId = readKeyFile(nextKeyFile()).keyId();
        Optional<String> currentId =
                Files.exists(keyFile()) ? Optional.of(readKeyFile(keyFile()).keyId()) : Optional.empty();
        boolean currentInUse = currentId.isPresent() && keyIdsInUse.contains(currentId.get());
        if ((keyIdsInUse.contains(nextId) && !currentInUse) || currentId.isEmpty()) {
            Optional<Path> previous = promoteNextKey();
            log.warn(
                    "Completed an interrupted key rotation: the stored credentials use key id {}, so {} is now {}{}",
                    nextId,
                    nextKeyFile().getFileName(),
                    keyFile(),
                    previous.map(p -> " (the old key is kept as " + p.getFileName() + ")")
                            .orElse(""));
        } else if ((currentInUse && !keyIdsInUse.contains(nextId)) || keyIdsInUse.isEmpty()) {
            Path aside = KeyFiles.timestampedSibling(keyFile(), "unused", clock);
            KeyFiles.moveAtomically(nextKeyFile(), aside);
            log.warn(
                    "A key rotation did not complete: the stored credentials still use the key in {}. "
                            + "Its unused replacement key was moved to {}",
                    keyFile(),
                    aside);
        } else {
            log.warn(
                    "Found {} (key id {}) next to {} (key id {}), and the stored credentials use key ids {}; "
                            + "left both files alone",
                    nextKeyFile(),
                    nextId,
                    keyFile(),
                    currentId.orElse("none"),
                    keyIdsInUse);
        }
    }

    // ---- used by KeyRotation

    void stageNextKey(MasterKey key) throws IOException {
        KeyFiles.writeOwnerOnly(nextKeyFile(), key.text());
    }

    void discardNextKey() throws IOException {
        Files.deleteIfExists(nextKeyFile());
    }

    /** Keeps a copy of the current key file, then atomically replaces it with the next one. */
    Optional<Path> promoteNextKey() throws IOException {
        Optional<Path> previous = Optional.empty();
        if (Files.exists(keyFile())) {
            Path copy = KeyFiles.timestampedSibling(keyFile(), "previous", clock);
            KeyFiles.copyOwnerOnly(keyFile(), copy);
            previous = Optional.of(copy);
        }
        KeyFiles.moveAtomically(nextKeyFile(), keyFile());
        return previous;
    }

    /** The key id of a leftover {@code encryption.key.next}, if there is one. */
    Optional<String> nextKeyId() throws IOException {
        return Files.exists(nextKeyFile())
                ? Optional.of(readKeyFile(nextKeyFile()).keyId())
                : Optional.empty();
    }

    @Override
    public String toString() {
        return "MasterKeyProvider[" + environmentVariable + " or " + keyFile() + "]";
    }
}
