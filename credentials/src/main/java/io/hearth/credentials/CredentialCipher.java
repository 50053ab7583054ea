package io.hearth.credentials;

import java.util.Arrays;
import java.util.Optional;
import org.jasypt.encryption.pbe.PooledPBEStringEncryptor;
import org.jasypt.exceptions.EncryptionInitializationException;
import org.jasypt.exceptions.EncryptionOperationNotPossibleException;
import org.jasypt.iv.RandomIvGenerator;
import org.jasypt.salt.RandomSaltGenerator;

/**
 * Encrypts and decrypts credential JSON with Jasypt, {@value #ALGORITHM}: every value gets a random 16-byte salt
 * and a random 16-byte IV, and the output is base64 of {@code salt ‖ iv ‖ AES-256-CBC(PKCS#5, UTF-8 text)}.
 * <p>
 * Why {@value #PER_VALUE_KEY_ITERATIONS} key-obtention iteration: Jasypt runs PBKDF2 on its password for every
 * encrypt and decrypt. Iterations only slow down guessing of a low-entropy password; our password is already 256
 * bits of output of a {@value MasterKey#ROOT_ITERATIONS}-iteration PBKDF2 over the master key (see
 * {@link MasterKey}), so it cannot be guessed, and more iterations would only cost time on every execution.
 * With one iteration, PBKDF2 with the random salt still gives every value its own AES key (one HMAC-SHA512).
 * <p>
 * Thread-safe: a {@link PooledPBEStringEncryptor} with one encryptor per processor.
 */
final class CredentialCipher {

    static final String ALGORITHM = "PBEWITHHMACSHA512ANDAES_256";
    static final int PER_VALUE_KEY_ITERATIONS = 1;

    private final MasterKey key;
    private volatile Ready ready;

    private record Ready(String keyId, PooledPBEStringEncryptor encryptor) {}

    /** Cheap: the key is used (and waited for, while it is being stretched) on the first call that needs it. */
    CredentialCipher(MasterKey key) {
        this.key = key;
    }

    private Ready ready() {
        Ready r = ready;
        if (r == null) {
            synchronized (this) {
                r = ready;
                if (r == null) {
                    r = new Ready(key.keyId(), encryptor(key));
                    ready = r;
                }
            }
        }
        return r;
    }

    private static PooledPBEStringEncryptor encryptor(MasterKey key) {
        PooledPBEStringEncryptor encryptor = new PooledPBEStringEncryptor();
        char[] password = key.jasyptPassword();
        try {
            encryptor.setAlgorithm(ALGORITHM);
            encryptor.setPasswordCharArray(password);
            encryptor.setKeyObtentionIterations(PER_VALUE_KEY_ITERATIONS);
            encryptor.setSaltGenerator(new RandomSaltGenerator());
            encryptor.setIvGenerator(new RandomIvGenerator());
            encryptor.setStringOutputType("base64");
            encryptor.setPoolSize(Math.max(2, Runtime.getRuntime().availableProcessors()));
            encryptor.initialize();
            return encryptor;
        } catch (EncryptionInitializationException e) {
            throw new IllegalStateException("This JVM cannot use " + ALGORITHM, e);
        } finally {
            Arrays.fill(password, '\0');
        }
    }

    String keyId() {
        return ready().keyId();
    }

    String encrypt(String plaintext) {
        return ready().encryptor().encrypt(plaintext);
    }

    /** The plaintext; empty when this key cannot decrypt the value (wrong key or damaged data). */
    Optional<String> decrypt(String ciphertext) {
        try {
            return Optional.of(ready().encryptor().decrypt(ciphertext));
        } catch (EncryptionOperationNotPossibleException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
