package io.hearth.credentials;

import java.util.Locale;

/**
 * Not a test: measures one encrypt and one decrypt of a typical credential, for the design notes.
 * Run with {@code java -cp <test classpath> io.hearth.credentials.CipherCostMeasurement}.
 */
public final class CipherCostMeasurement {

    public static void main(String[] args) {
        long t0 = System.nanoTime();
        MasterKey key = MasterKey.of(MasterKey.generateKeyText());
        CredentialCipher cipher = new CredentialCipher(key);
        System.out.printf(
                Locale.ROOT,
                "one-time key derivation (PBKDF2, %d iterations) + setup: %.1f ms%n",
                MasterKey.ROOT_ITERATIONS,
                (System.nanoTime() - t0) / 1e6);
        String json = "{\"host\":\"homeassistant.local\",\"port\":8123,\"ssl\":false,\"accessToken\":\""
                + "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJpc3MiOiJhYmNkZWYxMjM0NTY3ODkwIiwiaWF0IjoxNzAwMDAwMDAwLCJleHAiOjIwMTUzNjAwMDB9.abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG\"}";
        int warmup = 50_000;
        int rounds = 200_000;
        String ct = "";
        for (int i = 0; i < warmup; i++) {
            ct = cipher.encrypt(json);
            cipher.decrypt(ct);
        }
        long start = System.nanoTime();
        for (int i = 0; i < rounds; i++) {
            ct = cipher.encrypt(json);
        }
        double enc = (System.nanoTime() - start) / 1e3 / rounds;
        start = System.nanoTime();
        int ok = 0;
        for (int i = 0; i < rounds; i++) {
            ok += cipher.decrypt(ct).isPresent() ? 1 : 0;
        }
        double dec = (System.nanoTime() - start) / 1e3 / rounds;
        System.out.printf(Locale.ROOT, "plaintext %d chars, ciphertext %d chars%n", json.length(), ct.length());
        System.out.printf(
                Locale.ROOT,
                "encrypt: %.1f µs/op, decrypt: %.1f µs/op (single thread, %d ops, %d ok)%n",
                enc,
                dec,
                rounds,
                ok);

        t0 = System.nanoTime();
        MasterKey.of(MasterKey.generateKeyText()).keyId();
        System.out.printf(Locale.ROOT, "warm key derivation: %.1f ms%n", (System.nanoTime() - t0) / 1e6);

        // For comparison: Jasypt's default of 1000 key-obtention iterations per value.
        org.jasypt.encryption.pbe.StandardPBEStringEncryptor slow =
                new org.jasypt.encryption.pbe.StandardPBEStringEncryptor();
        slow.setAlgorithm(CredentialCipher.ALGORITHM);
        slow.setPassword("x".repeat(44));
        slow.setIvGenerator(new org.jasypt.iv.RandomIvGenerator());
        slow.setKeyObtentionIterations(1000);
        for (int i = 0; i < 2000; i++) {
            slow.decrypt(slow.encrypt(json));
        }
        start = System.nanoTime();
        for (int i = 0; i < 5000; i++) {
            ct = slow.encrypt(json);
        }
        double slowEnc = (System.nanoTime() - start) / 1e3 / 5000;
        start = System.nanoTime();
        for (int i = 0; i < 5000; i++) {
            slow.decrypt(ct);
        }
        double slowDec = (System.nanoTime() - start) / 1e3 / 5000;
        System.out.printf(
                Locale.ROOT,
                "with 1000 iterations per value: encrypt %.1f µs/op, decrypt %.1f µs/op%n",
                slowEnc,
                slowDec);
    }
}
