package io.hearth.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * After runs that use each kind of secret — a Home Assistant token (saved, tested against a closed port and an
 * attacker's host), Basic and Header Auth credentials checking webhook calls (accepted and refused), a bearer token
 * and cookies sent to an open webhook, a failing run whose error quotes a secret — none of them appears in the
 * database files, the server log or any API answer (in plain text, URL-, JSON- or base64-encoded). SecretsLeakIT does
 * the same after runs of every credential type.
 */
@ExtendWith(OutputCaptureExtension.class)
class SecretsLeakTest extends ApiTestSupport {

    @Test
    @SuppressWarnings("unchecked")
    void noSecretAppearsInTheDatabaseTheLogOrAnyAnswer(CapturedOutput log) throws Exception {
        String stamp = Long.toString(System.nanoTime(), 36);
        String haToken = "leakHaToken" + stamp;
        String basicPassword = "leakBasicPw" + stamp;
        String headerValue = "leakHeaderValue" + stamp;
        String bearer = "leakBearer" + stamp;
        String cookie = "leakCookieValue" + stamp;
        List<String> secrets = List.of(haToken, basicPassword, headerValue, bearer, cookie);
        List<String> answers = new ArrayList<>();

        String ha =
                credential(answers, "homeAssistantApi", Map.of("host", "127.0.0.1", "port", 9, "accessToken", haToken));
        String basic = credential(answers, "httpBasicAuth", Map.of("user", "ada", "password", basicPassword));
        String header = credential(
                answers, "httpHeaderAuth", Map.of("name", HeaderCopyWorkflow.TOKEN_HEADER, "value", headerValue));
        answers.add(postAnyStatus(
                "/api/v1/credentials/test",
                Map.of("type", "homeAssistantApi", "id", ha, "data", Map.of("host", "127.0.0.1", "port", 9))));
        answers.add(postAnyStatus(
                "/api/v1/credentials/test",
                Map.of("type", "homeAssistantApi", "id", ha, "data", Map.of("host", "127.0.0.2", "port", 9))));

        String basicPath = "leak-basic-" + stamp;
        String headerPath = "leak-header-" + stamp;
        String openPath = "leak-open-" + stamp;
        List<String> workflows = List.of(
                webhook(
                        answers,
                        basicPath,
                        Map.of("authentication", "basicAuth"),
                        Map.of("httpBasicAuth", basic),
                        "string"),
                webhook(
                        answers,
                        headerPath,
                        Map.of("authentication", "headerAuth"),
                        Map.of("httpHeaderAuth", header),
                        "string"),
                webhook(answers, openPath, Map.of(), Map.of(), "number"));
        String basicHeader = "Basic "
                + Base64.getEncoder().encodeToString(("ada:" + basicPassword).getBytes(StandardCharsets.UTF_8));
        answers.add(call(basicPath, Map.of("Authorization", basicHeader), 200));
        answers.add(call(
                basicPath,
                Map.of(
                        "Authorization",
                        "Basic "
                                + Base64.getEncoder()
                                        .encodeToString(
                                                ("ada:" + basicPassword + "x").getBytes(StandardCharsets.UTF_8))),
                403));
        answers.add(call(headerPath, Map.of(HeaderCopyWorkflow.TOKEN_HEADER, headerValue), 200));
        answers.add(call(headerPath, Map.of(HeaderCopyWorkflow.TOKEN_HEADER, headerValue + "-wrong"), 403));
        answers.add(call(openPath, Map.of("Authorization", "Bearer " + bearer, "Cookie", "sid=" + cookie), 500));
        for (String id : workflows) {
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> getOk("/api/v1/executions?workflowId=" + id).contains("\"total\":"));
        }

        // every answer a user can ask for
        answers.add(getOk("/api/v1/credentials"));
        for (String id : List.of(ha, basic, header)) {
            answers.add(getOk("/api/v1/credentials/" + id));
        }
        answers.add(getOk("/api/v1/executions?limit=100"));
        Map<String, Object> page = api.get()
                .uri("/api/v1/executions?limit=100")
                .exchange()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody();
        for (Map<String, Object> e : (List<Map<String, Object>>) page.get("data")) {
            answers.add(getOk("/api/v1/executions/" + e.get("id")));
        }
        for (String id : workflows) {
            answers.add(getOk("/api/v1/workflows/" + id));
        }
        answers.add(getOk("/api/v1/settings"));

        SecretScan.assertNowhere(secrets, answers, log.getAll(), dataDir);
        // positive control: the scan reads what was written
        assertThat(String.join("\n", answers)).contains(basicPath);
    }

    private String credential(List<String> answers, String type, Map<String, Object> data) {
        Map<String, Object> body = createCredential(type, data);
        answers.add(body.toString());
        return (String) body.get("id");
    }

    private String webhook(
            List<String> answers, String path, Map<String, Object> auth, Map<String, String> credentials, String type) {
        Map<String, Object> created = create(HeaderCopyWorkflow.of("Leak " + path, path, auth, credentials, type));
        answers.add(created.toString());
        String id = (String) created.get("id");
        answers.add(activate(id).toString());
        return id;
    }

    private String call(String path, Map<String, String> headers, int status) {
        return HeaderCopyWorkflow.call(anonymous, path, headers, status);
    }
}
