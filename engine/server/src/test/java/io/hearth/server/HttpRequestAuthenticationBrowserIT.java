package io.hearth.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.hearth.credentials.CredentialService;
import io.hearth.node.credential.OAuth2Tokens;
import io.hearth.node.support.MiniJson;
import io.hearth.testsupport.RealHomeAssistant;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * HTTP Request's authentication set up in Debian's Chromium as a person does it (editor/e2e/http-auth.e2e.mjs):
 * an "OAuth2 API" credential typed into the form and connected through a real authorization server (Home
 * Assistant's {@code /auth/authorize} login page and redirect back); "Predefined Credential Type" offers the
 * installed types that sign requests and calls Home Assistant's API with a Home Assistant API credential; "Generic
 * Credential Type → OAuth2 API" calls it with the connected credential; the Code node's console lines show in its
 * output panel. No token (the OAuth2 access and refresh tokens Home Assistant issued, the long-lived token) ever
 * reaches the browser (every answer of Hearth and the pages are kept by the script), the credential API or the
 * executions. Screenshots go to target/e2e-http-auth.
 */
@Tag("browser")
@Tag("home-assistant")
class HttpRequestAuthenticationBrowserIT extends ApiTestSupport {

    @Autowired
    private CredentialService credentials;

    @Test
    @SuppressWarnings("unchecked")
    void connectsAnOAuth2CredentialInTheBrowserAndCallsAnApiWithEachKindOfCredential() throws Exception {
        RealHomeAssistant ha = RealHomeAssistant.shared();
        String haCredential = "HA token " + System.nanoTime();
        api.post()
                .uri("/api/v1/credentials")
                .contentType(org.springframework.http.MediaType.APPLICATION_JSON)
                .bodyValue(Map.of(
                        "name",
                        haCredential,
                        "type",
                        "homeAssistantApi",
                        "data",
                        Map.of("host", ha.host(), "port", ha.port(), "accessToken", ha.token())))
                .exchange()
                .expectStatus()
                .isCreated();
        String workflowId = (String) create(workflow(ha.url() + "/api/")).get("id");
        String oauthCredential = "HA via OAuth2 " + System.nanoTime();

        Path out = Path.of("target/e2e-http-auth").toAbsolutePath();
        String log = BrowserE2e.run(
                "e2e/http-auth.e2e.mjs",
                out,
                12,
                List.of(
                        "--base-url",
                        baseUrl(),
                        "--ha-url",
                        ha.url(),
                        "--ha-username",
                        ha.environment().get("HEARTH_HA_OWNER_USERNAME"),
                        "--ha-password",
                        ha.environment().get("HEARTH_HA_OWNER_PASSWORD"),
                        "--workflow-id",
                        workflowId,
                        "--ha-credential",
                        haCredential,
                        "--oauth-credential",
                        oauthCredential,
                        "--email",
                        "owner@test.example",
                        "--password",
                        "owner-pass-123"));
        assertThat(log).contains("9 passed, 0 failed");
        // BrowserE2e re-runs a failed script once, into out/retry
        Path run = Files.readString(out.resolve("report.json")).contains("\"result\": \"passed\"")
                ? out
                : out.resolve("retry");

        // the connection Connect stored: tokens Home Assistant issued, distinctive strings to look for
        String id = credentials.list("oAuth2Api").stream()
                .filter(c -> c.name().equals(oauthCredential))
                .findFirst()
                .orElseThrow()
                .id();
        OAuth2Tokens tokens = OAuth2Tokens.stored(credentials.decrypt(id)).orElseThrow();
        List<String> secrets = List.of(
                tokens.accessToken().reveal(),
                tokens.refreshToken().orElseThrow().reveal(),
                ha.token());
        assertThat(secrets).allSatisfy(s -> assertThat(s).hasSizeGreaterThan(20));

        String responses = Files.readString(run.resolve("responses.txt"));
        String pages = Files.readString(run.resolve("pages.html"));
        assertThat(responses).contains("/rest/oauth2-credential/callback").contains("/api/v1/credentials");
        assertThat(pages).contains("Signed in").contains("HA answered: API running.");
        Map<String, Object> shown = api.get()
                .uri("/api/v1/credentials/{id}", id)
                .exchange()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody();
        assertThat((List<String>) shown.get("secretsSet")).contains(OAuth2Tokens.FIELD);

        Map<String, Object> list = api.get()
                .uri("/api/v1/executions?workflowId={id}", workflowId)
                .exchange()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody();
        List<Map<String, Object>> runs = (List<Map<String, Object>>) list.get("data");
        assertThat(runs).hasSizeGreaterThanOrEqualTo(1);
        StringBuilder executions = new StringBuilder();
        for (Map<String, Object> r : runs) {
            Map<String, Object> detail = api.get()
                    .uri("/api/v1/executions/{id}", r.get("id"))
                    .exchange()
                    .expectBody(Map.class)
                    .returnResult()
                    .getResponseBody();
            executions.append(MiniJson.write(detail));
        }
        assertThat(executions.toString()).contains("API running.");
        for (String secret : secrets) {
            assertThat(responses).as("Hearth's answers to the browser").doesNotContain(secret);
            assertThat(pages).as("the pages").doesNotContain(secret);
            assertThat(MiniJson.write(shown)).as("the credential API").doesNotContain(secret);
            assertThat(executions.toString()).as("the executions").doesNotContain(secret);
        }
    }

    /** Manual Trigger → HTTP Request (no authentication yet: the person sets it) → Code logging the answer. */
    private static Map<String, Object> workflow(String url) {
        Map<String, Object> connections = new LinkedHashMap<>();
        connections.putAll(connect("Manual Trigger", "HTTP Request"));
        connections.putAll(connect("HTTP Request", "Code"));
        return Map.of(
                "name",
                "HTTP Request authentication " + System.nanoTime(),
                "nodes",
                List.of(
                        placed("Manual Trigger", "n8n-nodes-base.manualTrigger", 1, 200, Map.of()),
                        placed(
                                "HTTP Request",
                                "n8n-nodes-base.httpRequest",
                                4.2,
                                480,
                                Map.of("url", url, "options", Map.of())),
                        placed(
                                "Code",
                                "n8n-nodes-base.code",
                                2,
                                760,
                                Map.of(
                                        "jsCode",
                                        "console.log('HA answered: ' + $input.first().json.message);\n"
                                                + "return $input.all();"))),
                "connections",
                connections);
    }

    private static Map<String, Object> placed(
            String name, String type, double version, int x, Map<String, Object> parameters) {
        Map<String, Object> n = new LinkedHashMap<>(node(name, type, version, parameters));
        n.put("position", List.of(x, 300));
        return n;
    }
}
