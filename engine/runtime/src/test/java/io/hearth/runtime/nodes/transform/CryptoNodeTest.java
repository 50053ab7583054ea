package io.hearth.runtime.nodes.transform;

import static io.hearth.runtime.nodes.transform.OneNode.error;
import static io.hearth.runtime.nodes.transform.OneNode.items;
import static io.hearth.runtime.nodes.transform.OneNode.json;
import static io.hearth.runtime.nodes.transform.OneNode.run;
import static org.assertj.core.api.Assertions.assertThat;

import io.hearth.node.BinaryData;
import io.hearth.node.Item;
import java.nio.charset.StandardCharsets;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CryptoNodeTest {

    @Test
    void hashesTextWithTheVersionsDefaultAlgorithm() {
        assertThat(json(run("n8n-nodes-base.crypto", 1, Map.of("value", "test"), OneNode.of(Map.of("keep", 1)))))
                .containsExactly(Map.of("keep", 1, "data", "098f6bcd4621d373cade4e832627b4f6"));
        assertThat(json(run(
                        "n8n-nodes-base.crypto",
                        2,
                        Map.of("value", "test", "dataPropertyName", "a.b"),
                        OneNode.of(Map.of()))))
                .containsExactly(Map.of("a.b", "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"));
        var sha3 = Map.<String, Object>of("value", "test", "type", "SHA3-256", "encoding", "base64");
        assertThat(json(run("hearth.crypto", 2, sha3, OneNode.of(Map.of())))
                        .getFirst()
                        .get("data"))
                .isEqualTo("NvAoWAuwLMgnKpoCD0IA40bidq5mTkXugHRVdOL1q4A=");
    }

    @Test
    void hmacOfABinaryFileDropsTheBinary() {
        var input = List.of(new Item(
                Map.of(),
                Map.of("data", BinaryData.of("test".getBytes(StandardCharsets.UTF_8), "text/plain", "t.txt")),
                List.of()));
        var p = Map.<String, Object>of(
                "action", "hmac", "binaryData", true, "type", "SHA256", "secret", "key", "encoding", "hex");
        var out = items(run("hearth.crypto", 1, p, input));
        assertThat(out.getFirst().json().get("data"))
                .isEqualTo("02afb56304902c656fcb737cdd03de6205bb6d401da2812efd9b2d36a08af159");
        assertThat(out.getFirst().binary()).isEmpty();
    }

    @Test
    void namesTheMissingBinaryProperty() {
        var p = Map.<String, Object>of("binaryData", true, "binaryPropertyName", "file");
        assertThat(error(run("hearth.crypto", 2, p, OneNode.of(Map.of())))).contains("binary file 'file'");
    }

    @Test
    void signsWithPkcs8RsaAndSec1EcKeysThatVerify() throws Exception {
        var rsa = KeyPairGenerator.getInstance("RSA");
        rsa.initialize(2048);
        var rsaPair = rsa.generateKeyPair();
        String pem = "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder().encodeToString(rsaPair.getPrivate().getEncoded())
                + "\n-----END PRIVATE KEY-----";
        var p = Map.<String, Object>of(
                "action", "sign", "value", "hello", "algorithm", "RSA-SHA256", "encoding", "base64", "privateKey", pem);
        String signature = (String) json(run("hearth.crypto", 1, p, OneNode.of(Map.of())))
                .getFirst()
                .get("data");
        Signature verify = Signature.getInstance("SHA256withRSA");
        verify.initVerify(rsaPair.getPublic());
        verify.update("hello".getBytes(StandardCharsets.UTF_8));
        assertThat(verify.verify(Base64.getDecoder().decode(signature))).isTrue();

        var ec = KeyPairGenerator.getInstance("EC");
        ec.initialize(new ECGenParameterSpec("secp256r1"));
        var ecPair = ec.generateKeyPair();
        String ecPem = "-----BEGIN PRIVATE KEY----- "
                + Base64.getEncoder().encodeToString(ecPair.getPrivate().getEncoded())
                + " -----END PRIVATE KEY-----";
        var ecParams = Map.<String, Object>of(
                "action", "sign", "value", "hello", "algorithm", "sha384", "encoding", "hex", "privateKey", ecPem);
        String ecSignature = (String) json(run("hearth.crypto", 1, ecParams, OneNode.of(Map.of())))
                .getFirst()
                .get("data");
        Signature ecVerify = Signature.getInstance("SHA384withECDSA");
        ecVerify.initVerify(ecPair.getPublic());
        ecVerify.update("hello".getBytes(StandardCharsets.UTF_8));
        assertThat(ecVerify.verify(HexFormat.of().parseHex(ecSignature))).isTrue();
    }

    @Test
    void versionTwoTakesItsSecretsFromACredentialAndSaysWhenThereIsNone() {
        var p = Map.<String, Object>of("action", "hmac", "value", "x");
        assertThat(error(run("hearth.crypto", 2, p, OneNode.of(Map.of())))).contains("No Crypto credential selected");
    }

    @Test
    void generatesRandomStringsOfTheAskedLengthAndUuids() {
        for (String type : List.of("hex", "base64", "ascii")) {
            var p = Map.<String, Object>of("action", "generate", "encodingType", type, "stringLength", 17);
            assertThat((String) json(run("hearth.crypto", 2, p, OneNode.of(Map.of())))
                            .getFirst()
                            .get("data"))
                    .hasSize(17);
        }
        assertThat((String) json(run("hearth.crypto", 2, Map.of("action", "generate"), OneNode.of(Map.of())))
                        .getFirst()
                        .get("data"))
                .matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
    }
}
