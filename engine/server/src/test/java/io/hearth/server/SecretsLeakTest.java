package io.hearth.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
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
        String header = credential(answers, "httpHeaderAuth", Map.of("name", "X-Leak-Key", "value", headerValue));
        answers.add(post(
                "/api/v1/credentials/test",
                Map.of("type", "homeAssistantApi", "id", ha, "data", Map.of("host", "127.0.0.1", "port", 9))));
        answers.add(post(
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
        answers.add(call(basicPath, Map.of("Authorization", basicHeader)));
        answers.add(call(
                basicPath,
                Map.of(
                        "Authorization",
                        "Basic "
                                + Base64.getEncoder()
                                        .encodeToString(
                                                ("ada:" + basicPassword + "x").getBytes(StandardCharsets.UTF_8)))));
        answers.add(call(headerPath, Map.of("X-Leak-Key", headerValue)));
        answers.add(call(headerPath, Map.of("X-Leak-Key", headerValue + "-wrong")));
        answers.add(call(openPath, Map.of("Authorization", "Bearer " + bearer, "Cookie", "sid=" + cookie)));
        for (String id : workflows) {
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> get("/api/v1/executions?workflowId=" + id).contains("\"total\":"));
        }

        // every answer a user can ask for
        answers.add(get("/api/v1/credentials"));
        for (String id : List.of(ha, basic, header)) {
            answers.add(get("/api/v1/credentials/" + id));
        }
        answers.add(get("/api/v1/executions?limit=100"));
        Map<String, Object> page = api.get()
                .uri("/api/v1/executions?limit=100")
                .exchange()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody();
        for (Map<String, Object> e : (List<Map<String, Object>>) page.get("data")) {
            answers.add(get("/api/v1/executions/" + e.get("id")));
        }
        for (String id : workflows) {
            answers.add(get("/api/v1/workflows/" + id));
        }
        answers.add(get("/api/v1/settings"));

        SecretScan.assertNowhere(secrets, answers, log.getAll(), dataDir);
        // positive control: the scan reads what was written
        assertThat(String.join("\n", answers)).contains(basicPath);
    }

    private String credential(List<String> answers, String type, Map<String, Object> data) {
        Map<?, ?> body = api.post()
                .uri("/api/v1/credentials")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("name", type + " leak", "type", type, "data", data))
                .exchange()
                .expectStatus()
                .isCreated()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody();
        answers.add(body.toString());
        return (String) body.get("id");
    }

    private String webhook(
            List<String> answers, String path, Map<String, Object> auth, Map<String, String> credentials, String type) {
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
                                                "key",
                                                "type",
                                                "string",
                                                "value",
                                                "={{ $json.headers['x-leak-key'] }}"),
                                        Map.of(
                                                "name",
                                                "cookie",
                                                "type",
                                                "string",
                                                "value",
                                                "={{ $json.headers.cookie }}")))));
        Map<String, Object> created = create(Map.of(
                "name", "Leak " + path, "nodes", List.of(webhook, set), "connections", connect("Webhook", "Copy")));
        answers.add(created.toString());
        String id = (String) created.get("id");
        answers.add(activate(id).toString());
        return id;
    }

    private String call(String path, Map<String, String> headers) {
        return anonymous
                .post()
                .uri("/webhook/" + path)
                .headers(h -> headers.forEach(h::add))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("n", 1))
                .exchange()
                .expectBody(String.class)
                .returnResult()
                .getResponseBody();
    }

    private String post(String uri, Map<String, Object> body) {
        return api.post()
                .uri(uri)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(body)
                .exchange()
                .expectBody(String.class)
                .returnResult()
                .getResponseBody();
    }

    private String get(String uri) {
        return api.get()
                .uri(uri)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(String.class)
                .returnResult()
                .getResponseBody();
    }
}
