package io.hearth.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.http.MediaType;

/**
 * What a webhook's caller authenticates with (Basic credentials, a Header Auth value, a bearer token, cookies)
 * reaches the workflow as sent but is masked in the recorded execution, its API answers and the server log.
 */
@ExtendWith(OutputCaptureExtension.class)
class WebhookSecretsTest extends ApiTestSupport {

    @Test
    void basicAuthCredentialsAreMaskedInExecutionData(CapturedOutput log) {
        String password = "pw-" + System.nanoTime();
        String credential = credential("httpBasicAuth", Map.of("user", "ada", "password", password));
        String path = "basic-" + System.nanoTime();
        String id = workflow(path, Map.of("authentication", "basicAuth"), Map.of("httpBasicAuth", credential));
        String header =
                "Basic " + Base64.getEncoder().encodeToString(("ada:" + password).getBytes(StandardCharsets.UTF_8));

        String answer = call(path, Map.of("Authorization", header), 200);
        // the run sees the header as sent; what it records (and answers from the record) is masked
        assertThat(answer).contains("\"authLength\":" + header.length()).doesNotContain(password);

        String execution = lastExecution(id);
        assertThat(execution)
                .doesNotContain(password)
                .doesNotContain("ada:" + password)
                .doesNotContain(header.substring(6))
                .contains("******");
        assertThat(log.getAll()).doesNotContain(password).doesNotContain(header.substring(6));
    }

    @Test
    void theHeaderAuthValueIsMaskedInExecutionData(CapturedOutput log) {
        String value = "hdr-" + System.nanoTime();
        String credential = credential("httpHeaderAuth", Map.of("name", "X-Hook-Token", "value", value));
        String path = "header-" + System.nanoTime();
        String id = workflow(path, Map.of("authentication", "headerAuth"), Map.of("httpHeaderAuth", credential));

        assertThat(call(path, Map.of("X-Hook-Token", value), 200))
                .contains("\"tokenLength\":" + value.length())
                .doesNotContain(value);

        assertThat(lastExecution(id)).doesNotContain(value).contains("******");
        assertThat(log.getAll()).doesNotContain(value);
    }

    @Test
    void bearerTokensAndCookiesOfAnOpenWebhookAreMaskedInDataAndLogs(CapturedOutput log) {
        String token = "tok-" + System.nanoTime();
        String session = "session-" + System.nanoTime();
        String path = "open-" + System.nanoTime();
        // "auth" is typed as a number: the run fails with the value in its message, which is logged
        String id = workflow(path, Map.of(), Map.of(), "number");

        call(path, Map.of("Authorization", "Bearer " + token, "Cookie", "theme=dark; sid=" + session), 500);

        String execution = lastExecution(id);
        assertThat(execution)
                .doesNotContain(token)
                .doesNotContain(session)
                .contains("\"status\":\"error\"")
                .contains("number");
        await().atMost(Duration.ofSeconds(30))
                .until(() ->
                        log.getAll().contains("Secrets " + path) && log.getAll().contains("failed at node 'Copy'"));
        assertThat(log.getAll()).doesNotContain(token).doesNotContain(session);
    }

    // ----

    private String workflow(String path, Map<String, Object> auth, Map<String, String> credentials) {
        return workflow(path, auth, credentials, "string");
    }

    /** Webhook (answers with the last node) -> Set node copying the Authorization and Cookie headers. */
    private String workflow(String path, Map<String, Object> auth, Map<String, String> credentials, String type) {
        Map<String, Object> parameters =
                new LinkedHashMap<>(Map.of("httpMethod", "POST", "path", path, "responseMode", "lastNode"));
        parameters.putAll(auth);
        Map<String, Object> webhook = new LinkedHashMap<>(node("Webhook", "n8n-nodes-base.webhook", 2, parameters));
        Map<String, Object> refs = new LinkedHashMap<>();
        credentials.forEach((t, id) -> refs.put(t, Map.of("id", id, "name", t)));
        webhook.put("credentials", refs);
        Map<String, Object> set = node(
                "Copy",
                "n8n-nodes-base.set",
                3.4,
                Map.of(
                        "assignments",
                        Map.of(
                                "assignments",
                                List.of(
                                        Map.of(
                                                "name",
                                                "auth",
                                                "type",
                                                type,
                                                "value",
                                                "={{ $json.headers.authorization }}"),
                                        Map.of(
                                                "name",
                                                "authLength",
                                                "type",
                                                "number",
                                                "value",
                                                "={{ ($json.headers.authorization || '').length }}"),
                                        Map.of(
                                                "name",
                                                "tokenLength",
                                                "type",
                                                "number",
                                                "value",
                                                "={{ ($json.headers['x-hook-token'] || '').length }}"),
                                        Map.of(
                                                "name",
                                                "token",
                                                "type",
                                                "string",
                                                "value",
                                                "={{ $json.headers['x-hook-token'] }}"),
                                        Map.of(
                                                "name",
                                                "cookie",
                                                "type",
                                                "string",
                                                "value",
                                                "={{ $json.headers.cookie }}")))));
        String id = (String) create(Map.of(
                        "name",
                        "Secrets " + path,
                        "nodes",
                        List.of(webhook, set),
                        "connections",
                        connect("Webhook", "Copy")))
                .get("id");
        activate(id);
        return id;
    }

    private String call(String path, Map<String, String> headers, int status) {
        return anonymous
                .post()
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

    @SuppressWarnings("unchecked")
    private String lastExecution(String workflowId) {
        await().atMost(Duration.ofSeconds(30))
                .until(() -> ((Number) api.get()
                                        .uri("/api/v1/executions?workflowId={id}", workflowId)
                                        .exchange()
                                        .expectBody(Map.class)
                                        .returnResult()
                                        .getResponseBody()
                                        .get("total"))
                                .intValue()
                        > 0);
        List<Map<String, Object>> list = (List<Map<String, Object>>) api.get()
                .uri("/api/v1/executions?workflowId={id}", workflowId)
                .exchange()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody()
                .get("data");
        String executionId = (String) list.getFirst().get("id");
        return api.get()
                .uri("/api/v1/executions/{id}", executionId)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(String.class)
                .returnResult()
                .getResponseBody();
    }
}
