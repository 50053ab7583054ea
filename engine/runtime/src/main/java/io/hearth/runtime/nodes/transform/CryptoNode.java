package io.hearth.runtime.nodes.transform;

import io.hearth.node.ActionNode;
import io.hearth.node.BinaryData;
import io.hearth.node.Item;
import io.hearth.node.ItemLoop;
import io.hearth.node.NodeException;
import io.hearth.node.NodeExecutionContext;
import io.hearth.node.NodeOutput;
import io.hearth.node.ParameterValues;
import io.hearth.node.credential.CredentialData;
import io.hearth.node.description.CredentialRequirement;
import io.hearth.node.description.DisplayOptions;
import io.hearth.node.description.NodeDescription;
import io.hearth.node.description.NodeGroup;
import io.hearth.node.description.Option;
import io.hearth.node.description.Parameter;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletionStage;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * n8n's Crypto: hash (MD5, SHA-2, SHA-3), HMAC, sign with a private key, generate random strings
 * and UUIDs, all with the JDK's providers. Version 1 takes the HMAC secret and the private key as
 * node parameters; version 2 from a "Crypto" credential.
 */
public final class CryptoNode implements ActionNode {

    private static final SecureRandom RANDOM = new SecureRandom();

    private static final Option[] HASH_TYPES = {
        Option.of("MD5", "MD5"),
        Option.of("SHA256", "SHA256"),
        Option.of("SHA3-256", "SHA3-256"),
        Option.of("SHA3-384", "SHA3-384"),
        Option.of("SHA3-512", "SHA3-512"),
        Option.of("SHA384", "SHA384"),
        Option.of("SHA512", "SHA512")
    };

    private static final Option[] ENCODINGS = {Option.of("BASE64", "base64"), Option.of("HEX", "hex")};

    private static final NodeDescription DESCRIPTION = NodeDescription.builder("hearth.crypto")
            .alias("n8n-nodes-base.crypto")
            .displayName("Crypto")
            .versions(1, 2)
            .group(NodeGroup.TRANSFORM)
            .categories("Data Transformation", "Core Nodes")
            .keywords("Encrypt", "SHA", "Hash", "HMAC", "Sign", "UUID", "Random")
            .icon("fa:key")
            .subtitle("={{$parameter[\"action\"]}}")
            .description("Provide cryptographic utilities")
            .credential(CredentialRequirement.when(
                    CryptoCredential.NAME,
                    DisplayOptions.show("action", "hmac", "sign")
                            .andShow(
                                    "@version",
                                    new io.hearth.node.description.Condition(
                                            io.hearth.node.description.Condition.Operator.GTE, 2))))
            .parameters(parameters())
            .build();

    private static List<Parameter> parameters() {
        List<Parameter> out = new ArrayList<>();
        out.add(Parameter.options(
                        "action",
                        Option.of("Generate", "generate", "Generate random string"),
                        Option.of("Hash", "hash", "Hash a text or file in a specified format"),
                        Option.of("Hmac", "hmac", "Hmac a text or file in a specified format"),
                        Option.of("Sign", "sign", "Sign a string using a private key"))
                .displayName("Action")
                .defaultValue("hash")
                .build());
        out.add(Parameter.bool("binaryData")
                .displayName("Binary File")
                .description("Whether the data to hashed should be taken from binary field")
                .show("action", "hash", "hmac")
                .build());
        out.add(Parameter.string("binaryPropertyName")
                .displayName("Binary Property Name")
                .defaultValue("data")
                .required()
                .description("Name of the binary property which contains the input data")
                .show("action", "hash", "hmac")
                .show("binaryData", true)
                .build());
        for (String action : List.of("hash", "hmac")) {
            for (double version : List.of(1.0, 2.0)) {
                out.add(Parameter.options("type", HASH_TYPES)
                        .displayName("Type")
                        .defaultValue(version < 2 ? "MD5" : "SHA256")
                        .required()
                        .description("The hash type to use")
                        .show("action", action)
                        .show("@version", version)
                        .build());
            }
            out.add(Parameter.string("value")
                    .displayName("Value")
                    .required()
                    .description(
                            action.equals("hash")
                                    ? "The value that should be hashed"
                                    : "The value of which the hmac should be created")
                    .show("action", action)
                    .show("binaryData", false)
                    .build());
        }
        out.add(Parameter.secret("secret")
                .displayName("Secret")
                .required()
                .description("Secret used for Hmac")
                .show("action", "hmac")
                .show("@version", 1)
                .build());
        out.add(Parameter.string("value")
                .displayName("Value")
                .required()
                .description("The value that should be signed")
                .show("action", "sign")
                .build());
        out.add(Parameter.string("dataPropertyName")
                .displayName("Property Name")
                .defaultValue("data")
                .required()
                .description("Name of the property to which to write the result")
                .build());
        out.add(Parameter.options("encoding", ENCODINGS)
                .displayName("Encoding")
                .defaultValue("hex")
                .required()
                .show("action", "hash", "hmac", "sign")
                .build());
        out.add(Parameter.options("algorithm", Signing.ALGORITHMS.toArray(Option[]::new))
                .displayName("Algorithm Name or ID")
                .required()
                .defaultValue("")
                .show("action", "sign")
                .build());
        out.add(Parameter.secret("privateKey")
                .displayName("Private Key")
                .required()
                .description("Private key to use when signing the string")
                .show("action", "sign")
                .show("@version", 1)
                .build());
        out.add(Parameter.options(
                        "encodingType",
                        Option.of("ASCII", "ascii"),
                        Option.of("BASE64", "base64"),
                        Option.of("HEX", "hex"),
                        Option.of("UUID", "uuid"))
                .displayName("Type")
                .defaultValue("uuid")
                .required()
                .description("Encoding that will be used to generate string")
                .show("action", "generate")
                .build());
        out.add(Parameter.number("stringLength")
                .displayName("Length")
                .defaultValue(32)
                .description("Length of the generated string")
                .show("action", "generate")
                .show("encodingType", "ascii", "base64", "hex")
                .build());
        return out;
    }

    @Override
    public NodeDescription description() {
        return DESCRIPTION;
    }

    @Override
    public CompletionStage<NodeOutput> execute(NodeExecutionContext context) {
        double version = context.node().typeVersion();
        String action = context.parameters().string("action");
        Keys keys = version >= 2 ? Keys.fromCredential(context, action) : Keys.NONE;
        return ItemLoop.map(context, in -> {
            try {
                return apply(in, action, version, keys);
            } catch (GeneralSecurityException | IllegalArgumentException e) {
                throw new NodeException(e.getMessage(), e);
            } catch (NodeException e) {
                if (version < 2 || !context.continueOnFail()) {
                    throw e;
                }
                // version 2 reports a failed item as an error object rather than its message
                return Item.of(Map.of(
                        "error", Map.of("message", String.valueOf(e.getMessage()), "name", "NodeOperationError")));
            }
        });
    }

    private static Item apply(ItemLoop.ItemInput in, String action, double version, Keys keys)
            throws GeneralSecurityException {
        Item item = in.item();
        ParameterValues p = in.parameters();
        boolean fromBinary = (action.equals("hash") || action.equals("hmac")) && p.bool("binaryData");
        Object value = switch (action) {
            case "generate" -> generate(p);
            case "hash", "hmac" -> digest(item, p, action, version >= 2 ? keys.hmacSecret() : p.string("secret"));
            case "sign" ->
                Signing.sign(
                        Descriptions.text(p.get("value").orElse("")),
                        p.string("algorithm"),
                        version >= 2 ? keys.privateKey() : p.string("privateKey"),
                        p.string("encoding"));
            default -> throw new NodeException("The action '" + action + "' is not known");
        };
        Map<String, Object> json = new LinkedHashMap<>(item.json());
        // n8n writes through a path array: a dotted name is one literal key
        json.put(p.string("dataPropertyName"), value);
        return new Item(json, fromBinary ? Map.of() : item.binary(), List.of());
    }

    /** The secrets version 2 reads from its "Crypto" credential. */
    private record Keys(String hmacSecret, String privateKey) {
        static final Keys NONE = new Keys("", "");

        static Keys fromCredential(NodeExecutionContext context, String action) {
            if (!action.equals("hmac") && !action.equals("sign")) {
                return NONE;
            }
            CredentialData c = context.credential(CryptoCredential.NAME)
                    .orElseThrow(() -> new NodeException(
                            "No Crypto credential selected",
                            "Select a Crypto credential holding the HMAC secret or the private key",
                            null));
            String secret = c.get("hmacSecret").map(Descriptions::text).orElse("");
            String key = c.get("signPrivateKey").map(Descriptions::text).orElse("");
            if (action.equals("hmac") && secret.isEmpty()) {
                throw new NodeException(
                        "No HMAC secret set in credentials. Please add an HMAC secret to your Crypto credentials.");
            }
            if (action.equals("sign") && key.isEmpty()) {
                throw new NodeException(
                        "No private key set in credentials. Please add a private key to your Crypto credentials.");
            }
            return new Keys(secret, key);
        }
    }

    private static String generate(ParameterValues p) {
        String type = p.string("encodingType").isEmpty() ? "uuid" : p.string("encodingType");
        if (type.equals("uuid")) {
            return UUID.randomUUID().toString();
        }
        int length = (int)
                Math.max(0, Math.min(1_000_000, p.get("stringLength").isPresent() ? p.integer("stringLength") : 32));
        byte[] bytes = new byte[length];
        RANDOM.nextBytes(bytes);
        String text = switch (type) {
            case "hex" -> HexFormat.of().formatHex(bytes);
            case "base64" -> Base64.getEncoder().encodeToString(bytes).replaceAll("\\W", "");
            case "ascii" -> {
                // Node's "ascii" decoding keeps the low 7 bits of each byte
                StringBuilder sb = new StringBuilder(length);
                for (byte b : bytes) {
                    sb.append((char) (b & 0x7F));
                }
                yield sb.toString();
            }
            default -> throw new NodeException("The encoding '" + type + "' is not known");
        };
        return text.length() > length ? text.substring(0, length) : text;
    }

    private static String digest(Item item, ParameterValues p, String action, String secret)
            throws GeneralSecurityException {
        String type = p.string("type");
        byte[] data;
        if (p.bool("binaryData")) {
            String property = p.string("binaryPropertyName");
            BinaryData binary = item.binary().get(property);
            if (binary == null) {
                throw new NodeException("This operation expects the node's input data to contain a binary file '"
                        + property + "', but none was found");
            }
            data = binary.data();
        } else {
            data = Descriptions.text(p.get("value").orElse("")).getBytes(StandardCharsets.UTF_8);
        }
        byte[] result;
        if (action.equals("hash")) {
            result = MessageDigest.getInstance(javaDigest(type)).digest(data);
        } else {
            String digest = javaDigest(type);
            String mac = "Hmac" + (digest.startsWith("SHA-") ? digest.replace("-", "") : digest);
            Mac m = Mac.getInstance(mac);
            byte[] key = secret.getBytes(StandardCharsets.UTF_8);
            // HMAC pads the key with zero bytes, so an empty key (allowed by Node, refused by the JDK) is one zero byte
            m.init(new SecretKeySpec(key.length == 0 ? new byte[1] : key, mac));
            result = m.doFinal(data);
        }
        return encode(result, p.string("encoding"));
    }

    /** n8n's hash names (Node's) as the JDK names them: SHA256 is SHA-256, SHA3-256 stays. */
    static String javaDigest(String type) {
        String t = type.toUpperCase(Locale.ROOT);
        return switch (t) {
            case "MD5" -> "MD5";
            case "SHA1" -> "SHA-1";
            case "SHA224", "SHA256", "SHA384", "SHA512" -> "SHA-" + t.substring(3);
            case "SHA3-224", "SHA3-256", "SHA3-384", "SHA3-512" -> t;
            default -> throw new NodeException("The hash type '" + type + "' is not supported");
        };
    }

    static String encode(byte[] bytes, String encoding) {
        return switch (encoding) {
            case "base64" -> Base64.getEncoder().encodeToString(bytes);
            case "latin1", "binary" -> new String(bytes, StandardCharsets.ISO_8859_1);
            default -> HexFormat.of().formatHex(bytes);
        };
    }
}
