package io.hearth.server.trigger;

import io.hearth.node.credential.CredentialData;
import io.hearth.runtime.nodes.HttpHeaderAuthCredential;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The values of a webhook request that are its caller's secrets: the {@code Authorization},
 * {@code Proxy-Authorization} and {@code Cookie} headers (with the token after the scheme, and a Basic
 * {@code user:password} decoded), the header a Header Auth credential names, and the secrets of the credentials
 * the Webhook node checked the request with. They are masked in execution data and logs; the workflow itself
 * sees the request as it came.
 */
final class WebhookRequestSecrets {

    static final Set<String> HEADERS = Set.of("authorization", "proxy-authorization", "cookie");
    /** Single cookie values shorter than this are not masked on their own: too likely to occur elsewhere. */
    private static final int MIN_COOKIE_VALUE = 8;

    private WebhookRequestSecrets() {}

    static Set<String> of(Map<String, List<String>> headers, Collection<CredentialData> checkedWith) {
        Set<String> secrets = new LinkedHashSet<>();
        Set<String> names = new LinkedHashSet<>(HEADERS);
        for (CredentialData credential : checkedWith) {
            secrets.addAll(credential.secretValues());
            if (credential.type().equals(HttpHeaderAuthCredential.NAME)) {
                names.add(credential.string("name").strip().toLowerCase(Locale.ROOT));
            }
        }
        headers.forEach((name, values) -> {
            String lower = name.toLowerCase(Locale.ROOT);
            if (!names.contains(lower)) {
                return;
            }
            for (String value : values) {
                secrets.add(value);
                if (lower.equals("cookie")) {
                    cookieValues(value, secrets);
                } else {
                    credentialsOf(value, secrets);
                }
            }
        });
        secrets.removeIf(String::isBlank);
        return secrets;
    }

    /** {@code Bearer t} gives {@code t}; {@code Basic b64} gives {@code b64}, {@code user:password} and the password. */
    private static void credentialsOf(String value, Set<String> secrets) {
        String v = value.strip();
        int space = v.indexOf(' ');
        if (space <= 0) {
            return;
        }
        String token = v.substring(space + 1).strip();
        secrets.add(token);
        if (v.regionMatches(true, 0, "Basic", 0, 5)) {
            try {
                String decoded = new String(Base64.getDecoder().decode(token), StandardCharsets.UTF_8);
                secrets.add(decoded);
                int colon = decoded.indexOf(':');
                if (colon >= 0) {
                    secrets.add(decoded.substring(colon + 1));
                }
            } catch (IllegalArgumentException e) {
                // not base64: the token as sent is masked already
            }
        }
    }

    private static void cookieValues(String header, Set<String> secrets) {
        for (String pair : header.split(";", -1)) {
            int eq = pair.indexOf('=');
            String value = eq < 0 ? "" : pair.substring(eq + 1).strip();
            if (value.length() >= MIN_COOKIE_VALUE) {
                secrets.add(value);
            }
        }
    }
}
