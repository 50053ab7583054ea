package io.hearth.server;

import static io.hearth.server.ApiTestSupport.connect;
import static io.hearth.server.ApiTestSupport.node;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The workflow the secret-masking tests call with credentials in their headers: a Webhook (answering with the last
 * node) → a Set node copying the Authorization header, the {@value #TOKEN_HEADER} header and the cookies into the
 * item, with their lengths (what the run saw, without the values).
 */
final class HeaderCopyWorkflow {

    /** The header a Header Auth credential of these tests names. */
    static final String TOKEN_HEADER = "X-Hook-Token";

    private HeaderCopyWorkflow() {}

    /**
     * @param auth        the Webhook's authentication parameters (empty: an open webhook)
     * @param credentials credential ids by type, referenced by the Webhook
     * @param authType    the type the Set node gives the copied Authorization header ("number" makes a run fail with
     *                    the value in its message)
     */
    static Map<String, Object> of(
            String name, String path, Map<String, Object> auth, Map<String, String> credentials, String authType) {
        Map<String, Object> parameters =
                new LinkedHashMap<>(Map.of("httpMethod", "POST", "path", path, "responseMode", "lastNode"));
        parameters.putAll(auth);
        Map<String, Object> webhook = new LinkedHashMap<>(node("Webhook", "n8n-nodes-base.webhook", 2, parameters));
        Map<String, Object> refs = new LinkedHashMap<>();
        credentials.forEach((t, id) -> refs.put(t, Map.of("id", id, "name", t)));
        webhook.put("credentials", refs);
        String token = "$json.headers['" + TOKEN_HEADER.toLowerCase(java.util.Locale.ROOT) + "']";
        Map<String, Object> set = node(
                "Copy",
                "n8n-nodes-base.set",
                3.4,
                Map.of(
                        "assignments",
                        Map.of(
                                "assignments",
                                List.of(
                                        field("auth", authType, "$json.headers.authorization"),
                                        field("authLength", "number", "($json.headers.authorization || '').length"),
                                        field("token", "string", token),
                                        field("tokenLength", "number", "(" + token + " || '').length"),
                                        field("cookie", "string", "$json.headers.cookie")))));
        return Map.of("name", name, "nodes", List.of(webhook, set), "connections", connect("Webhook", "Copy"));
    }

    private static Map<String, Object> field(String name, String type, String expression) {
        return Map.of("name", name, "type", type, "value", "={{ " + expression + " }}");
    }

    /** POSTs {"n":1} to the webhook with {@code headers}, expects {@code status}, returns the answer's body. */
    static String call(WebTestClient client, String path, Map<String, String> headers, int status) {
        return client.post()
                .uri("/webhook/" + path)
                .headers(h -> headers.forEach(h::add))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("n", 1))
                .exchange()
                .expectStatus()
                .isEqualTo(status)
                .expectBody(String.class)
                .returnResult()
                .getResponseBody();
    }
}
