package io.hearth.credentials;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

class MasterKeyTest {

    private static final byte[] SALT = "hearth/credentials/master-key/v1".getBytes(StandardCharsets.US_ASCII);

    @Test
    void aGeneratedKeyIsItsRandomBytesWithoutStretching() throws Exception {
        String text = MasterKey.generateKeyText();
        byte[] random = Base64.getUrlDecoder().decode(text.substring(MasterKey.GENERATED_PREFIX.length()));

        Mac mac = Mac.getInstance("HmacSHA512");
        mac.init(new SecretKeySpec(random, "HmacSHA512"));
        assertThat(MasterKey.of(text).keyId()).isEqualTo(keyIdOfRoot(mac.doFinal(SALT)));
    }

    @Test
    void aPassphraseIsStretchedWithPbkdf2SoKeysOfEarlierReleasesKeepTheirIds() throws Exception {
        String passphrase = "correct horse battery staple";

        assertThat(MasterKey.of(passphrase).keyId()).isEqualTo(keyIdOfRoot(pbkdf2(passphrase)));
    }

    @Test
    void aTextThatOnlyLooksGeneratedIsStretched() throws Exception {
        String tooShort = MasterKey.GENERATED_PREFIX + "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";
        String notBase64 = MasterKey.GENERATED_PREFIX + "!".repeat(43);

        assertThat(MasterKey.of(tooShort).keyId()).isEqualTo(keyIdOfRoot(pbkdf2(tooShort)));
        assertThat(MasterKey.of(notBase64).keyId()).isEqualTo(keyIdOfRoot(pbkdf2(notBase64)));
    }

    @Test
    void differentKeysHaveDifferentIdsAndTheSameKeyTheSameId() {
        String a = MasterKey.generateKeyText();
        String b = MasterKey.generateKeyText();

        assertThat(MasterKey.of(a).keyId())
                .isEqualTo(MasterKey.of(a).keyId())
                .isNotEqualTo(MasterKey.of(b).keyId());
        assertThat(MasterKey.of(a).toString()).doesNotContain(a);
    }

    private static byte[] pbkdf2(String text) throws Exception {
        PBEKeySpec spec = new PBEKeySpec(text.toCharArray(), SALT, MasterKey.ROOT_ITERATIONS, 512);
        return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA512")
                .generateSecret(spec)
                .getEncoded();
    }

    private static String keyIdOfRoot(byte[] root) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(root, "HmacSHA256"));
        return HexFormat.of().formatHex(mac.doFinal("key-id".getBytes(StandardCharsets.US_ASCII)), 0, 8);
    }
}
