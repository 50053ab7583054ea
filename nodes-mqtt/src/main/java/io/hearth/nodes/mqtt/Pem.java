package io.hearth.nodes.mqtt;

import io.hearth.node.NodeException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * PEM text from a credential field: certificates and an unencrypted private key (PKCS#8 {@code PRIVATE KEY} or
 * PKCS#1 {@code RSA PRIVATE KEY}). Line breaks may have become spaces on the way (a pasted one-line key, as
 * n8n's helper also accepts). Failures name the field as the form shows it.
 */
final class Pem {

    private static final Pattern BLOCK =
            Pattern.compile("-----BEGIN ([A-Z0-9 ]+)-----(.*?)-----END \\1-----", Pattern.DOTALL);

    private Pem() {}

    // a carrier of bytes, not a value: never compared or hashed, and copying would cost a copy per use
    @SuppressWarnings("ArrayRecordComponent")
    private record Block(String label, byte[] der) {}

    private static List<Block> blocks(String field, String pem) {
        List<Block> out = new ArrayList<>();
        Matcher m = BLOCK.matcher(pem);
        while (m.find()) {
            String body = m.group(2).replaceAll("\\s+", "");
            try {
                out.add(new Block(m.group(1), Base64.getDecoder().decode(body)));
            } catch (IllegalArgumentException e) {
                throw new NodeException(field + ": the " + m.group(1) + " block is not valid base64");
            }
        }
        if (out.isEmpty()) {
            throw new NodeException(field + ": no PEM block found (paste it with its -----BEGIN ...----- and "
                    + "-----END ...----- lines)");
        }
        return out;
    }

    static List<X509Certificate> certificates(String field, String pem) {
        List<X509Certificate> certs = new ArrayList<>();
        try {
            CertificateFactory factory = CertificateFactory.getInstance("X.509");
            for (Block b : blocks(field, pem)) {
                if (b.label().equals("CERTIFICATE")) {
                    certs.add((X509Certificate) factory.generateCertificate(new ByteArrayInputStream(b.der())));
                }
            }
        } catch (GeneralSecurityException e) {
            throw new NodeException(field + ": not a readable certificate (" + e.getMessage() + ")", e);
        }
        if (certs.isEmpty()) {
            throw new NodeException(field + ": no -----BEGIN CERTIFICATE----- block found");
        }
        return certs;
    }

    static PrivateKey privateKey(String field, String pem) {
        for (Block b : blocks(field, pem)) {
            switch (b.label()) {
                case "PRIVATE KEY" -> {
                    return pkcs8(field, b.der());
                }
                case "RSA PRIVATE KEY" -> {
                    return pkcs8(field, rsaPkcs1ToPkcs8(b.der()));
                }
                case "ENCRYPTED PRIVATE KEY" ->
                    throw new NodeException(field + ": the key is encrypted; give it unencrypted "
                            + "(openssl pkcs8 -topk8 -nocrypt -in key.pem)");
                case "EC PRIVATE KEY" ->
                    throw new NodeException(field + ": give an EC key in PKCS#8 form, -----BEGIN PRIVATE KEY----- "
                            + "(openssl pkcs8 -topk8 -nocrypt -in key.pem)");
                default -> {}
            }
        }
        throw new NodeException(field + ": no -----BEGIN PRIVATE KEY----- block found");
    }

    private static PrivateKey pkcs8(String field, byte[] der) {
        PKCS8EncodedKeySpec spec = new PKCS8EncodedKeySpec(der);
        for (String algorithm : List.of("RSA", "EC", "Ed25519", "Ed448")) {
            try {
                return KeyFactory.getInstance(algorithm).generatePrivate(spec);
            } catch (GeneralSecurityException notThisOne) {
                // try the next algorithm
            }
        }
        throw new NodeException(field + ": not an RSA, EC or EdDSA private key");
    }

    /** PKCS#1 RSAPrivateKey wrapped as PKCS#8: SEQUENCE { 0, SEQUENCE { rsaEncryption, NULL }, OCTET STRING }. */
    private static byte[] rsaPkcs1ToPkcs8(byte[] pkcs1) {
        byte[] version = {0x02, 0x01, 0x00};
        byte[] algorithm = {
            0x30,
            0x0d,
            0x06,
            0x09,
            0x2a,
            (byte) 0x86,
            0x48,
            (byte) 0x86,
            (byte) 0xf7,
            0x0d,
            0x01,
            0x01,
            0x01,
            0x05,
            0x00
        };
        byte[] octets = der(0x04, pkcs1);
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(version);
        body.writeBytes(algorithm);
        body.writeBytes(octets);
        return der(0x30, body.toByteArray());
    }

    private static byte[] der(int tag, byte[] content) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(tag);
        int n = content.length;
        if (n < 0x80) {
            out.write(n);
        } else {
            int bytes = (32 - Integer.numberOfLeadingZeros(n) + 7) / 8;
            out.write(0x80 | bytes);
            for (int i = bytes - 1; i >= 0; i--) {
                out.write((n >>> (8 * i)) & 0xff);
            }
        }
        out.writeBytes(content);
        return out.toByteArray();
    }
}
