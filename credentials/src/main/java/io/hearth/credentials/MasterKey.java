package io.hearth.credentials;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import javax.crypto.Mac;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The secret that protects every stored credential: the text of {@code HEARTH_ENCRYPTION_KEY} or of the key file.
 * {@link #toString()} never shows it, and there is no public accessor for it.
 * <p>
 * The key text is turned ONCE into 512 bits of root material; the Jasypt password and the {@linkplain #keyId()
 * key id} are derived from that root with HMAC under distinct labels.
 * <ul>
 * <li>A key Hearth generated ({@value #GENERATED_PREFIX} + 32 random bytes, base64url) is already uniformly
 * random: its bytes are the HMAC key of the root (no stretching, which would add nothing to 256 bits of entropy
 * and costs half a second of every start).</li>
 * <li>Any other text (a passphrase someone chose, a key from before that format) is stretched with
 * PBKDF2-HMAC-SHA512 ({@value #ROOT_ITERATIONS} iterations, fixed per-purpose salt). Deriving the key id from the
 * stretched root rather than hashing the key text directly means a weak passphrase cannot be brute-forced through
 * the stored {@code key_id} faster than through the ciphertext.</li>
 * </ul>
 */
public final class MasterKey {

    /** Shortest key text accepted; a generated key is 47 characters. */
    public static final int MIN_LENGTH = 16;

    /** Marks a key text made by {@link #generateKeyText()}: 32 random bytes follow, base64url. */
    static final String GENERATED_PREFIX = "hk1_";

    static final int ROOT_ITERATIONS = 210_000;
    private static final byte[] ROOT_SALT = "hearth/credentials/master-key/v1".getBytes(StandardCharsets.US_ASCII);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final char[] text;
    private final KeySource source;
    // Stretching takes about half a second on a cold JVM: it starts when the key is read and runs on its own
    // thread, so that start-up goes on meanwhile and only the first use of the key waits for it.
    private final CompletableFuture<Derived> derived;

    private MasterKey(char[] text, KeySource source, CompletableFuture<Derived> derived) {
        this.text = text;
        this.source = Objects.requireNonNull(source, "source");
        this.derived = derived;
    }

    private static MasterKey deriving(char[] text, KeySource source) {
        MasterKey key = new MasterKey(text, source, new CompletableFuture<>());
        Thread.ofPlatform().daemon().name("hearth-key-derivation").start(() -> {
            try {
                key.derived.complete(key.derive());
            } catch (Throwable e) {
                key.derived.completeExceptionally(e);
            }
        });
        return key;
    }

    /** A key given as text (the new key of a rotation, a key read from a secret store...). */
    public static MasterKey of(String keyText) {
        return from(keyText, new KeySource.Supplied());
    }

    static MasterKey from(String keyText, KeySource source) {
        String trimmed = Objects.requireNonNull(keyText, "keyText").strip();
        if (trimmed.length() < MIN_LENGTH) {
            throw new MasterKeyException("The encryption key from " + source.describe() + " is "
                    + (trimmed.isEmpty() ? "empty" : "only " + trimmed.length() + " characters long")
                    + "; use at least " + MIN_LENGTH
                    + " random characters (e.g. the output of `openssl rand -base64 32`)");
        }
        return deriving(trimmed.toCharArray(), source);
    }

    /** A new random key: {@value #GENERATED_PREFIX} and 32 bytes from {@link SecureRandom}, base64url without padding. */
    static String generateKeyText() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return GENERATED_PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** The 32 random bytes of a generated key text; empty for any other text. */
    private static Optional<byte[]> generatedBytes(char[] text) {
        int p = GENERATED_PREFIX.length();
        if (text.length != p + 43 || !GENERATED_PREFIX.contentEquals(java.nio.CharBuffer.wrap(text, 0, p))) {
            return Optional.empty();
        }
        byte[] encoded = new byte[43];
        for (int i = 0; i < 43; i++) {
            encoded[i] = (byte) text[p + i];
        }
        try {
            return Optional.of(Base64.getUrlDecoder().decode(encoded));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        } finally {
            Arrays.fill(encoded, (byte) 0);
        }
    }

    /**
     * A fingerprint of this key, stored with every credential it encrypts: 16 hex characters, derived from the
     * stretched key so that it reveals nothing usable about the key.
     */
    public String keyId() {
        return derived().keyId();
    }

    public KeySource source() {
        return source;
    }

    /** The same key, reported as coming from another place. */
    MasterKey withSource(KeySource newSource) {
        return new MasterKey(text.clone(), newSource, derived);
    }

    /** The key text, for writing the key file. */
    String text() {
        return new String(text);
    }

    /** The password handed to Jasypt: 256 bits of derived key material, base64. */
    char[] jasyptPassword() {
        return derived().jasyptPassword().clone();
    }

    /** The key id once the key is stretched, without waiting for it. */
    CompletableFuture<String> keyIdWhenReady() {
        return derived.thenApply(Derived::keyId);
    }

    private Derived derived() {
        try {
            return derived.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        }
    }

    private Derived derive() {
        byte[] root = null;
        try {
            Optional<byte[]> random = generatedBytes(text);
            if (random.isPresent()) {
                Mac mac = Mac.getInstance("HmacSHA512");
                mac.init(new SecretKeySpec(random.get(), "HmacSHA512"));
                root = mac.doFinal(ROOT_SALT);
                Arrays.fill(random.get(), (byte) 0);
            } else {
                PBEKeySpec spec = new PBEKeySpec(text, ROOT_SALT, ROOT_ITERATIONS, 512);
                try {
                    root = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA512")
                            .generateSecret(spec)
                            .getEncoded();
                } finally {
                    spec.clearPassword();
                }
            }
            byte[] password = hmac(root, "jasypt-password");
            byte[] id = hmac(root, "key-id");
            char[] passwordChars = Base64.getEncoder().encodeToString(password).toCharArray();
            Arrays.fill(password, (byte) 0);
            return new Derived(passwordChars, HexFormat.of().formatHex(id, 0, 8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("This JVM lacks PBKDF2WithHmacSHA512, HmacSHA512 or HmacSHA256", e);
        } finally {
            if (root != null) {
                Arrays.fill(root, (byte) 0);
            }
        }
    }

    private static byte[] hmac(byte[] key, String label) throws GeneralSecurityException {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        return mac.doFinal(label.getBytes(StandardCharsets.US_ASCII));
    }

    @Override
    public String toString() {
        return "MasterKey[******, from " + source.describe() + "]";
    }

    // a carrier of bytes, not a value: never compared or hashed, and copying would cost a copy per use
    @SuppressWarnings("ArrayRecordComponent")
    private record Derived(char[] jasyptPassword, String keyId) {
        @Override
        public String toString() {
            return "Derived[******]";
        }
    }
}
