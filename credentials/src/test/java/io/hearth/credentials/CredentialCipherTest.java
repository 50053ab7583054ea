package io.hearth.credentials;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Base64;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class CredentialCipherTest {

    static final MasterKey KEY = MasterKey.of("cipher-test-key-0123456789abcdef");
    static final CredentialCipher CIPHER = new CredentialCipher(KEY);

    @Test
    void decryptReturnsWhatWasEncrypted() {
        String json = "{\"accessToken\":\"ünïcödé 🔑 token\"}";

        assertThat(CIPHER.decrypt(CIPHER.encrypt(json))).contains(json);
    }

    @Test
    void theSameTextEncryptsDifferentlyEveryTime() {
        assertThat(CIPHER.encrypt("same")).isNotEqualTo(CIPHER.encrypt("same"));
    }

    @Test
    void ciphertextIsBase64OfSaltIvAndWholeAesBlocks() {
        for (int length : List.of(0, 1, 15, 16, 17, 100)) {
            byte[] raw = Base64.getDecoder().decode(CIPHER.encrypt("x".repeat(length)));

            assertThat(raw).hasSize(16 + 16 + (length / 16 + 1) * 16);
        }
    }

    @Test
    void anotherKeyCannotDecrypt() {
        CredentialCipher other = new CredentialCipher(MasterKey.of("another-cipher-key-0123456789abcdef"));
        int decrypted = 0;
        for (int i = 0; i < 50; i++) {
            // Unauthenticated CBC: a wrong key can yield valid padding by chance, but never the plaintext.
            decrypted += other.decrypt(CIPHER.encrypt("{\"a\":\"b\"}"))
                            .filter("{\"a\":\"b\"}"::equals)
                            .isPresent()
                    ? 1
                    : 0;
        }
        assertThat(decrypted).isZero();
        assertThat(other.keyId()).isNotEqualTo(CIPHER.keyId());
    }

    @Test
    void damagedCiphertextDoesNotDecrypt() {
        assertThat(CIPHER.decrypt("not base64 at all!")).isEmpty();
        assertThat(CIPHER.decrypt("")).isEmpty();
    }

    @Test
    void isSafeToUseFromManyThreads() throws Exception {
        try (ExecutorService pool = Executors.newFixedThreadPool(8)) {
            List<Future<Boolean>> results = IntStream.range(0, 2000)
                    .mapToObj(i -> pool.submit(() -> {
                        String text = "{\"n\":" + i + "}";
                        return CIPHER.decrypt(CIPHER.encrypt(text))
                                .orElseThrow()
                                .equals(text);
                    }))
                    .toList();
            for (Future<Boolean> r : results) {
                assertThat(r.get()).isTrue();
            }
        }
    }
}
