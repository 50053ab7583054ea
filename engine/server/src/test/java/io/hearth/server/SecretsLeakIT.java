package io.hearth.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.hearth.testsupport.RealHomeAssistant;
import io.hearth.testsupport.RealMosquitto;
import io.hearth.testsupport.RealSmtpServer;
import io.hearth.testsupport.TestCertificates;
import io.hearth.testsupport.TestHttpServer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * A secrets grep after runs that use each credential type: a workflow runs every type with distinctive secrets —
 * Home Assistant API against the real Home Assistant; HTTP Header, Basic, Bearer, Query and Digest Auth and OAuth2
 * client credentials against a local HTTP server that echoes what it is sent (headers and query, as many APIs do);
 * Crypto's HMAC secret; SMTP against the real SMTP server; MQTT against the real Mosquitto, once with a password and
 * once with a client certificate and its private key — and a second workflow fails with a secret in its request
 * URL. Then none of the secrets (nor the access token the OAuth2 server issued, nor the Basic header) appears in the
 * database files, the server log or any API answer, plain, URL- or base64-encoded.
 */
@ExtendWith(OutputCaptureExtension.class)
class SecretsLeakIT extends ApiTestSupport {

    private static TestHttpServer echo;
    private static final String STAMP = Long.toString(System.nanoTime(), 36);
    private static final String TOKEN_PREFIX = "leakAccessToken" + STAMP + "-";

    @BeforeAll
    static void startHttpServer() throws Exception {
        echo = TestHttpServer.http()
                .withDigestUser("digest-user", "leakDigestPw" + STAMP)
                .withOAuthClient("leak-client", "leakClientSecret" + STAMP, TOKEN_PREFIX);
    }

    @AfterAll
    static void stopHttpServer() {
        echo.close();
    }

    @Test
    @SuppressWarnings("unchecked")
    void noSecretOfAnyCredentialTypeAppearsAfterRunsThatUseThem(CapturedOutput log) {
        RealHomeAssistant ha = RealHomeAssistant.shared();
        RealSmtpServer smtp = RealSmtpServer.shared();
        RealMosquitto mqtt = RealMosquitto.shared();
        String header = "leakHeaderValue" + STAMP;
        String basic = "leakBasicPw" + STAMP;
        String bearer = "leakBearer" + STAMP;
        String query = "leakQueryValue" + STAMP;
        String hmac = "leakHmacSecret" + STAMP;
        List<String> answers = new ArrayList<>();

        Map<String, String> ids = new LinkedHashMap<>();
        ids.put(
                "homeAssistantApi",
                credential(
                        answers,
                        "homeAssistantApi",
                        Map.of("host", ha.host(), "port", ha.port(), "accessToken", ha.token())));
        ids.put("httpHeaderAuth", credential(answers, "httpHeaderAuth", Map.of("name", "X-Api-Key", "value", header)));
        ids.put("httpBasicAuth", credential(answers, "httpBasicAuth", Map.of("user", "ada", "password", basic)));
        ids.put("httpBearerAuth", credential(answers, "httpBearerAuth", Map.of("token", bearer)));
        ids.put("httpQueryAuth", credential(answers, "httpQueryAuth", Map.of("name", "api_key", "value", query)));
        ids.put(
                "httpDigestAuth",
                credential(
                        answers, "httpDigestAuth", Map.of("user", "digest-user", "password", "leakDigestPw" + STAMP)));
        ids.put(
                "oAuth2Api",
                credential(
                        answers,
                        "oAuth2Api",
                        Map.of(
                                "grantType",
                                "clientCredentials",
                                "accessTokenUrl",
                                echo.url("/token"),
                                "clientId",
                                "leak-client",
                                "clientSecret",
                                "leakClientSecret" + STAMP,
                                "scope",
                                "",
                                "authentication",
                                "header")));
        ids.put("crypto", credential(answers, "crypto", Map.of("hmacSecret", hmac)));
        ids.put(
                "smtp",
                credential(
                        answers,
                        "smtp",
                        Map.of(
                                "host",
                                smtp.host(),
                                "port",
                                smtp.port(),
                                "secure",
                                false,
                                "disableStartTls",
                                true,
                                "user",
                                smtp.user(),
                                "password",
                                smtp.password())));
        ids.put(
                "mqtt",
                credential(
                        answers,
                        "mqtt",
                        Map.of(
                                "protocol",
                                "mqtt",
                                "host",
                                mqtt.host(),
                                "port",
                                mqtt.port(),
                                "username",
                                mqtt.user(),
                                "password",
                                mqtt.password())));
        TestCertificates certs = mqtt.certificates();
        String clientKey = TestCertificates.pem(certs.clientKey());
        String mqttTls = credential(
                answers,
                "mqtt",
                Map.of(
                        "protocol",
                        "mqtts",
                        "host",
                        mqtt.host(),
                        "port",
                        mqtt.mtlsPort(),
                        "ssl",
                        true,
                        "ca",
                        TestCertificates.pem(certs.caCert()),
                        "cert",
                        TestCertificates.pem(certs.clientCert()),
                        "key",
                        clientKey));
        ids.forEach(
                (type, id) -> answers.add(postAnyStatus("/api/v1/credentials/test", Map.of("type", type, "id", id))));
        answers.add(postAnyStatus("/api/v1/credentials/test", Map.of("type", "mqtt", "id", mqttTls)));

        List<Map<String, Object>> nodes = new ArrayList<>();
        nodes.add(node("Start", "hearth.manualTrigger", 1, Map.of()));
        nodes.add(uses(
                node(
                        "Counter",
                        "n8n-nodes-base.homeAssistant",
                        1,
                        Map.of(
                                "resource",
                                "state",
                                "operation",
                                "get",
                                "entityId",
                                Map.of("__rl", true, "mode", "id", "value", "counter.hearth_counter"))),
                "homeAssistantApi",
                ids));
        for (String type : List.of("httpHeaderAuth", "httpBasicAuth", "httpBearerAuth", "httpQueryAuth")) {
            nodes.add(http(type, echo.url("/echo?run=" + type), ids));
        }
        nodes.add(http("httpDigestAuth", echo.url("/digest"), ids));
        nodes.add(http("oAuth2Api", echo.url("/protected"), ids));
        nodes.add(uses(
                node(
                        "Sign",
                        "n8n-nodes-base.crypto",
                        2,
                        Map.of("action", "hmac", "value", "signed text", "type", "SHA256", "dataPropertyName", "hmac")),
                "crypto",
                ids));
        nodes.add(uses(
                node(
                        "Mail",
                        "n8n-nodes-base.emailSend",
                        2.1,
                        Map.of(
                                "fromEmail",
                                "hearth@example.com",
                                "toEmail",
                                "leak-" + STAMP + "@example.com",
                                "subject",
                                "secrets grep",
                                "emailFormat",
                                "text",
                                "text",
                                "nothing secret here",
                                "options",
                                Map.of("appendAttribution", false))),
                "smtp",
                ids));
        String topic = "hearth/leak/" + STAMP;
        nodes.add(uses(
                node(
                        "Publish",
                        "n8n-nodes-base.mqtt",
                        1,
                        Map.of("topic", topic, "sendInputData", false, "message", "with a password")),
                "mqtt",
                ids.get("mqtt")));
        nodes.add(uses(
                node(
                        "Publish with a certificate",
                        "n8n-nodes-base.mqtt",
                        1,
                        Map.of("topic", topic, "sendInputData", false, "message", "with a client certificate")),
                "mqtt",
                mqttTls));
        Map<String, Object> connections = new LinkedHashMap<>();
        for (int i = 1; i < nodes.size(); i++) {
            connections.putAll(connect(
                    (String) nodes.get(i - 1).get("name"), (String) nodes.get(i).get("name")));
        }
        String everyType = workflow(answers, "Every credential type", nodes, connections);
        Map<String, Object> run;
        try (RealMosquitto.Subscription published = mqtt.subscribe(topic)) {
            run = runWorkflow(answers, everyType);
            assertThat(run.get("status"))
                    .as("the run with every credential type: %s", run)
                    .isEqualTo("success");
            // positive controls: each node did its work with its credential
            await().atMost(Duration.ofSeconds(30))
                    .untilAsserted(() -> assertThat(published.messages())
                            .extracting(RealMosquitto.Message::payload)
                            .containsExactlyInAnyOrder("with a password", "with a client certificate"));
        }
        assertThat(((Map<String, Object>) run.get("nodes")).keySet())
                .contains("Counter", "httpHeaderAuth", "httpDigestAuth", "oAuth2Api", "Sign", "Mail", "Publish");
        assertThat(smtp.messagesTo("leak-" + STAMP + "@example.com")).hasSize(1);
        assertThat(run.toString()).contains("authenticated=true");

        // a failure whose message would quote the request URL with the query secret in it
        String failing = workflow(
                answers,
                "Fails with a secret in its URL",
                List.of(
                        node("Start", "hearth.manualTrigger", 1, Map.of()),
                        http("httpQueryAuth", "http://127.0.0.1:9/closed", ids)),
                connect("Start", "httpQueryAuth"));
        assertThat(runWorkflow(answers, failing).get("status")).isEqualTo("error");
        // refusals (401, 403) whose body quotes the request back, credential included: the node fails with the
        // status, an excerpt of that body and the URL, and none of them may carry the credential
        List<String> refused = new ArrayList<>(List.of(failing));
        for (String type : List.of("httpQueryAuth", "httpBearerAuth")) {
            String id = workflow(
                    answers,
                    "Refused with " + type,
                    List.of(
                            node("Start", "hearth.manualTrigger", 1, Map.of()),
                            http(type, echo.url("/echo?status=" + (type.equals("httpQueryAuth") ? 403 : 401)), ids)),
                    connect("Start", type));
            Map<String, Object> refusal = runWorkflow(answers, id);
            assertThat(refusal.get("status")).isEqualTo("error");
            assertThat(String.valueOf(refusal.get("error")))
                    .contains(type.equals("httpQueryAuth") ? "403 - {" : "401 - {")
                    .contains(echo.url("/echo?status="));
            refused.add(id);
        }

        // every answer a user can ask for
        answers.add(getOk("/api/v1/credentials"));
        for (String id : append(ids.values(), mqttTls)) {
            answers.add(getOk("/api/v1/credentials/" + id));
            answers.add(getOk("/api/v1/credentials/" + id + "/workflows"));
        }
        Map<String, Object> page = api.get()
                .uri("/api/v1/executions?limit=100")
                .exchange()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody();
        answers.add(String.valueOf(page));
        for (Map<String, Object> e : (List<Map<String, Object>>) page.get("data")) {
            answers.add(getOk("/api/v1/executions/" + e.get("id")));
        }
        for (String id : append(refused, everyType)) {
            answers.add(getOk("/api/v1/workflows/" + id));
            answers.add(getOk("/api/v1/workflows/" + id + "/export"));
        }
        answers.add(getOk("/api/v1/workflows"));
        answers.add(getOk("/api/v1/settings"));

        List<String> secrets = new ArrayList<>(List.of(
                ha.token(),
                header,
                basic,
                bearer,
                query,
                "leakDigestPw" + STAMP,
                "leakClientSecret" + STAMP,
                TOKEN_PREFIX,
                hmac,
                smtp.password(),
                mqtt.password(),
                // the private key's first line of base64 (the PEM is stored JSON-escaped, its lines apart)
                clientKey
                        .lines()
                        .filter(l -> !l.startsWith("-----"))
                        .findFirst()
                        .orElseThrow()));
        // the Basic header as sent, and the OAuth2 client's Basic header to the token endpoint
        secrets.add(Base64.getEncoder().encodeToString(("ada:" + basic).getBytes(StandardCharsets.UTF_8)));
        secrets.add(Base64.getEncoder()
                .encodeToString(("leak-client:leakClientSecret" + STAMP).getBytes(StandardCharsets.UTF_8)));
        SecretScan.assertNowhere(secrets, answers, log.getAll(), dataDir);
        // positive control: the scan reads what was written (the echo server saw the header and the query value)
        assertThat(String.join("\n", answers)).contains("x-api-key").contains("api_key");
    }

    private static Map<String, Object> http(String type, String url, Map<String, String> ids) {
        return uses(
                node(
                        type,
                        "n8n-nodes-base.httpRequest",
                        4.2,
                        Map.of(
                                "url",
                                url,
                                "authentication",
                                "genericCredentialType",
                                "genericAuthType",
                                type,
                                "options",
                                Map.of())),
                type,
                ids);
    }

    private static Map<String, Object> uses(Map<String, Object> node, String type, Map<String, String> ids) {
        return uses(node, type, ids.get(type));
    }

    private static Map<String, Object> uses(Map<String, Object> node, String type, String credentialId) {
        Map<String, Object> n = new LinkedHashMap<>(node);
        n.put("credentials", Map.of(type, Map.of("id", credentialId, "name", type)));
        return n;
    }

    private static List<String> append(java.util.Collection<String> values, String more) {
        List<String> all = new ArrayList<>(values);
        all.add(more);
        return all;
    }

    private String credential(List<String> answers, String type, Map<String, Object> data) {
        Map<String, Object> body = createCredential(type, data);
        answers.add(body.toString());
        return (String) body.get("id");
    }

    private String workflow(
            List<String> answers, String name, List<Map<String, Object>> nodes, Map<String, Object> connections) {
        Map<String, Object> created = create(Map.of(
                "name",
                name + " " + STAMP,
                "nodes",
                nodes,
                "connections",
                connections,
                "settings",
                Map.of("saveManualExecutions", true)));
        answers.add(created.toString());
        return (String) created.get("id");
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> runWorkflow(List<String> answers, String id) {
        String answer = postAnyStatus("/api/v1/workflows/" + id + "/run", Map.of());
        answers.add(answer);
        return (Map<String, Object>) io.hearth.common.Json.parse(answer);
    }
}
