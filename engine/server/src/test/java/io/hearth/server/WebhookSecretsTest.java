package io.hearth.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

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
        String credential =
                credential("httpHeaderAuth", Map.of("name", HeaderCopyWorkflow.TOKEN_HEADER, "value", value));
        String path = "header-" + System.nanoTime();
        String id = workflow(path, Map.of("authentication", "headerAuth"), Map.of("httpHeaderAuth", credential));

        assertThat(call(path, Map.of(HeaderCopyWorkflow.TOKEN_HEADER, value), 200))
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

    private String workflow(String path, Map<String, Object> auth, Map<String, String> credentials, String type) {
        String id = (String) create(HeaderCopyWorkflow.of("Secrets " + path, path, auth, credentials, type))
                .get("id");
        activate(id);
        return id;
    }

    private String call(String path, Map<String, String> headers, int status) {
        return HeaderCopyWorkflow.call(anonymous, path, headers, status);
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
