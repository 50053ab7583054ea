package io.hearth.runtime.nodes;

import io.hearth.node.ParameterValues;
import io.hearth.node.credential.CredentialData;
import io.hearth.node.trigger.WebhookContext;
import io.hearth.node.trigger.WebhookReceipt;
import io.hearth.node.trigger.WebhookRequest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Who may call a Webhook node, as n8n decides it: the IP whitelist, the bot filter, and Basic or Header
 * authentication with the node's credential (compared in constant time); an authentication Hearth does not implement
 * refuses every request.
 */
final class WebhookAccess {

    private static final Pattern BOTS = Pattern.compile(
            "(?i)bot|crawler|spider|slurp|facebookexternalhit|embedly|whatsapp|preview|discord|telegram|slack");

    private WebhookAccess() {}

    /** The refusal for a request the node does not let in, or null when it may in. */
    static WebhookReceipt.Rejected check(WebhookContext context, ParameterValues p, WebhookRequest request) {
        String whitelist = p.string("options.ipWhitelist");
        if (!whitelist.isBlank()) {
            String ip = request.remoteAddress().orElse("");
            boolean allowed = false;
            for (String entry : whitelist.split(",", -1)) {
                if (IpRange.matches(entry.strip(), ip)) {
                    allowed = true;
                    break;
                }
            }
            if (!allowed) {
                return new WebhookReceipt.Rejected(403, "IP is not whitelisted to access the webhook!", Map.of());
            }
        }
        if (p.bool("options.ignoreBots")
                && request.header("user-agent")
                        .map(ua -> BOTS.matcher(ua).find())
                        .orElse(false)) {
            return new WebhookReceipt.Rejected(403, "Bots are not allowed to access this webhook", Map.of());
        }
        switch (p.string("authentication")) {
            case "basicAuth" -> {
                CredentialData cred =
                        context.credential(HttpBasicAuthCredential.NAME).orElse(null);
                if (cred == null) {
                    return new WebhookReceipt.Rejected(500, "No authentication data defined on node!", Map.of());
                }
                String header = request.header("authorization").orElse("");
                if (!header.regionMatches(true, 0, "Basic ", 0, 6)) {
                    return new WebhookReceipt.Rejected(
                            401, "Authorization is required!", Map.of("WWW-Authenticate", "Basic realm=\"Webhook\""));
                }
                String decoded;
                try {
                    decoded = new String(
                            Base64.getDecoder().decode(header.substring(6).strip()), StandardCharsets.UTF_8);
                } catch (IllegalArgumentException e) {
                    return new WebhookReceipt.Rejected(403, "Authorization data is wrong!", Map.of());
                }
                String expected =
                        cred.string("user") + ":" + cred.secret("password").reveal();
                if (!constantTimeEquals(decoded, expected)) {
                    return new WebhookReceipt.Rejected(403, "Authorization data is wrong!", Map.of());
                }
            }
            case "headerAuth" -> {
                CredentialData cred =
                        context.credential(HttpHeaderAuthCredential.NAME).orElse(null);
                if (cred == null) {
                    return new WebhookReceipt.Rejected(500, "No authentication data defined on node!", Map.of());
                }
                String given = request.header(cred.string("name")).orElse("");
                if (!constantTimeEquals(given, cred.secret("value").reveal())) {
                    return new WebhookReceipt.Rejected(403, "Authorization data is wrong!", Map.of());
                }
            }
            case "none", "" -> {}
            // fail closed: an authentication Hearth does not implement (n8n's JWT Auth) never lets a request in
            default -> {
                return new WebhookReceipt.Rejected(
                        500,
                        "Authentication '" + p.string("authentication") + "' is not supported by Hearth",
                        Map.of());
            }
        }
        return null;
    }

    private static boolean constantTimeEquals(String a, String b) {
        return MessageDigest.isEqual(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }
}
