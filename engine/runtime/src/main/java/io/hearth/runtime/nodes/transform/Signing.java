package io.hearth.runtime.nodes.transform;

import io.hearth.node.NodeException;
import io.hearth.node.description.Option;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Crypto node's Sign action: Node.js signature algorithm names ({@code RSA-SHA256},
 * {@code sha256}, {@code sha256WithRSAEncryption}) on the JDK's {@link Signature}, with PEM private
 * keys in PKCS#8, PKCS#1 (RSA) or SEC1 (EC) form.
 */
final class Signing {

    private Signing() {}

    private static final List<String> DIGESTS = List.of(
            "MD5",
            "SHA1",
            "SHA224",
            "SHA256",
            "SHA384",
            "SHA512",
            "SHA512-224",
            "SHA512-256",
            "SHA3-224",
            "SHA3-256",
            "SHA3-384",
            "SHA3-512");

    /** The algorithm names offered: Node's names for the digests the JDK signs with. */
    static final List<Option> ALGORITHMS = names();

    private static List<Option> names() {
        List<String> names = new ArrayList<>();
        for (String d : DIGESTS) {
            String node = d.startsWith("SHA512-") ? "SHA512/" + d.substring(7) : d;
            names.add("RSA-" + node);
            String lower = d.toLowerCase(Locale.ROOT);
            names.add(lower);
            if (!d.startsWith("SHA3")) {
                names.add(lower + "WithRSAEncryption");
            }
        }
        names.sort(String::compareTo);
        return names.stream().map(n -> Option.of(n, n)).toList();
    }

    static String sign(String value, String algorithm, String pem, String encoding) throws GeneralSecurityException {
        PrivateKey key = privateKey(pem);
        String digest = digestOf(algorithm);
        String suffix = switch (key.getAlgorithm()) {
            case "RSA" -> "withRSA";
            case "EC" -> "withECDSA";
            case "DSA" -> "withDSA";
            default -> throw new NodeException("Signing with a " + key.getAlgorithm() + " key is not supported");
        };
        Signature s = Signature.getInstance(digest + suffix);
        s.initSign(key);
        s.update(value.getBytes(StandardCharsets.UTF_8));
        return CryptoNode.encode(s.sign(), encoding);
    }

    /** "RSA-SHA256", "sha256", "sha256WithRSAEncryption", "RSA-SHA512/256" as the JDK's digest name in a signature. */
    static String digestOf(String algorithm) {
        String a = algorithm.strip();
        if (a.isEmpty()) {
            throw new NodeException("Crypto → Algorithm Name or ID: no algorithm selected");
        }
        String d = a.replaceFirst("(?i)^RSA-", "").replaceFirst("(?i)WithRSAEncryption$", "");
        d = d.toUpperCase(Locale.ROOT).replace('/', '-');
        if (!DIGESTS.contains(d)) {
            throw new NodeException("Crypto → Algorithm Name or ID: '" + algorithm + "' is not supported");
        }
        return switch (d) {
            case "SHA512-224", "SHA512-256" -> "SHA512/" + d.substring(7);
            default -> d;
        };
    }

    private static final Pattern PEM =
            Pattern.compile("-----BEGIN ([A-Z ]+)-----(.*?)-----END \\1-----", Pattern.DOTALL);

    static PrivateKey privateKey(String text) throws GeneralSecurityException {
        Matcher m = PEM.matcher(text.replace("\\n", "\n"));
        if (!m.find()) {
            throw new NodeException("The private key is not in PEM format (-----BEGIN PRIVATE KEY-----)");
        }
        String kind = m.group(1);
        if (m.group(2).contains("ENCRYPTED") || kind.contains("ENCRYPTED")) {
            throw new NodeException("Encrypted private keys are not supported: remove the passphrase first");
        }
        byte[] der;
        try {
            der = Base64.getMimeDecoder().decode(m.group(2).replaceAll("[^A-Za-z0-9+/=]", ""));
        } catch (IllegalArgumentException e) {
            throw new NodeException("The private key's base64 text is damaged");
        }
        return switch (kind) {
            case "PRIVATE KEY" -> pkcs8(der);
            case "RSA PRIVATE KEY" ->
                KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(wrap(RSA, null, der)));
            case "EC PRIVATE KEY" ->
                KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(wrap(EC, curveOf(der), der)));
            case "DSA PRIVATE KEY" ->
                throw new NodeException("DSA keys must be given in PKCS#8 form (-----BEGIN PRIVATE KEY-----)");
            default -> throw new NodeException("A '" + kind + "' PEM block is not a private key");
        };
    }

    private static PrivateKey pkcs8(byte[] der) throws GeneralSecurityException {
        GeneralSecurityException last = null;
        for (String algorithm : List.of("RSA", "EC", "DSA", "Ed25519", "Ed448")) {
            try {
                return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
            } catch (GeneralSecurityException e) {
                last = e;
            }
        }
        throw last;
    }

    // ---- just enough DER to put a PKCS#1 / SEC1 key into a PKCS#8 envelope

    private static final byte[] RSA = oid(1, 2, 840, 113549, 1, 1, 1);
    private static final byte[] EC = oid(1, 2, 840, 10045, 2, 1);

    private static byte[] wrap(byte[] algorithmOid, byte[] parameters, byte[] key) {
        byte[] params = parameters == null ? new byte[] {0x05, 0x00} : parameters;
        byte[] algorithm = tlv(0x30, concat(algorithmOid, params));
        return tlv(0x30, concat(new byte[] {0x02, 0x01, 0x00}, algorithm, tlv(0x04, key)));
    }

    /** The named-curve OID in a SEC1 ECPrivateKey's [0] parameters. */
    private static byte[] curveOf(byte[] sec1) {
        int[] pos = {0};
        expect(sec1, pos, 0x30);
        int end = length(sec1, pos) + pos[0];
        while (pos[0] < end) {
            int tag = sec1[pos[0]++] & 0xFF;
            int len = length(sec1, pos);
            if (tag == 0xA0) {
                return Arrays.copyOfRange(sec1, pos[0], pos[0] + len);
            }
            pos[0] += len;
        }
        throw new NodeException("The EC private key names no curve");
    }

    private static void expect(byte[] der, int[] pos, int tag) {
        if (pos[0] >= der.length || (der[pos[0]++] & 0xFF) != tag) {
            throw new NodeException("The private key is not valid DER");
        }
    }

    private static int length(byte[] der, int[] pos) {
        if (pos[0] >= der.length) {
            throw new NodeException("The private key is not valid DER");
        }
        int b = der[pos[0]++] & 0xFF;
        if (b < 0x80) {
            return b;
        }
        int n = b & 0x7F;
        if (n > 4 || pos[0] + n > der.length) {
            throw new NodeException("The private key is not valid DER");
        }
        int len = 0;
        for (int i = 0; i < n; i++) {
            len = (len << 8) | (der[pos[0]++] & 0xFF);
        }
        return len;
    }

    private static byte[] oid(long... arcs) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.write((int) (arcs[0] * 40 + arcs[1]));
        for (int i = 2; i < arcs.length; i++) {
            long v = arcs[i];
            byte[] tmp = new byte[10];
            int n = 0;
            do {
                tmp[n++] = (byte) (v & 0x7F);
                v >>= 7;
            } while (v > 0);
            for (int j = n - 1; j >= 0; j--) {
                body.write(tmp[j] | (j > 0 ? 0x80 : 0));
            }
        }
        return tlv(0x06, body.toByteArray());
    }

    private static byte[] tlv(int tag, byte[] value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(tag);
        int len = value.length;
        if (len < 0x80) {
            out.write(len);
        } else if (len < 0x100) {
            out.write(0x81);
            out.write(len);
        } else if (len < 0x10000) {
            out.write(0x82);
            out.write(len >> 8);
            out.write(len);
        } else {
            out.write(0x83);
            out.write(len >> 16);
            out.write(len >> 8);
            out.write(len);
        }
        out.writeBytes(value);
        return out.toByteArray();
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }
}
