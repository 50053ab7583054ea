package io.hearth.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.hearth.credentials.CredentialService;
import io.hearth.node.credential.OAuth2Tokens;
import io.hearth.node.support.MiniJson;
import io.hearth.testsupport.RealHomeAssistant;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The generic OAuth2 credential ({@code oAuth2Api}) with the Authorization Code grant against a real
 * authorization server, Home Assistant ({@code /auth/authorize}, {@code /auth/token}, refresh tokens): Connect
 * from the editor's session, the user's part on the provider's page through Home Assistant's login flow API,
 * the callback stores the tokens encrypted, an HTTP Request node calls Home Assistant's {@code /api/} with the
 * access token, an expired and a refused access token are refreshed and the refreshed tokens stored, a revoked
 * refresh token fails the run with "reconnect"; no secret ever comes back from the API.
 */
@Tag("home-assistant")
@TestPropertySource(properties = "hearth.public-url=http://hearth.proxy.test:8443/")
class OAuth2ApiConnectServerIT extends ApiTestSupport {

    // Home Assistant identifies a client by a URL on the redirect URI's host: Hearth's public URL
    private static final String PUBLIC_URL = "http://hearth.proxy.test:8443/";
    private static final HttpClient HTTP =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @Autowired
    private CredentialService credentials;

    private RealHomeAssistant ha;

    @BeforeEach
    void homeAssistant() {
        ha = RealHomeAssistant.shared();
    }

    @Test
    @SuppressWarnings("unchecked")
    void connectsCallsTheApiRefreshesAndAsksToReconnectWhenRevoked() throws Exception {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("grantType", "authorizationCode");
        data.put("authUrl", ha.url() + "/auth/authorize");
        data.put("accessTokenUrl", ha.url() + "/auth/token");
        data.put("clientId", PUBLIC_URL);
        data.put("authentication", "body");
        Map<String, Object> created =
                json("POST", "/api/v1/credentials", Map.of("name", "HA via OAuth2", "type", "oAuth2Api", "data", data));
        String id = (String) created.get("id");
        assertThat((List<String>) created.get("secretsSet")).doesNotContain(OAuth2Tokens.FIELD);

        List<Map<String, Object>> types = api.get()
                .uri("/api/v1/credential-types")
                .exchange()
                .expectBody(List.class)
                .returnResult()
                .getResponseBody();
        assertThat(types)
                .filteredOn(t -> "oAuth2Api".equals(t.get("name")))
                .singleElement()
                .satisfies(t -> assertThat(t.get("signIn"))
                        .isEqualTo(Map.of("tokenField", OAuth2Tokens.FIELD, "buttonText", "Connect my account")));

        // not connected yet: the run says what to do
        Map<String, Object> workflow = workflow(id);
        assertThat(run(workflow).get("error").toString())
                .contains("not connected")
                .contains("Connect my account");

        // Connect: the editor opens the provider's page, which sends the browser back with a code
        WebTestClient editor = browserSession();
        Map<String, Object> start = editor.post()
                .uri("/api/v1/credentials/{id}/sign-in", id)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody();
        String url = (String) start.get("url");
        assertThat(url).startsWith(ha.url() + "/auth/authorize?");
        Map<String, String> q = query(url);
        assertThat(q)
                .containsEntry("response_type", "code")
                .containsEntry("client_id", PUBLIC_URL)
                .containsEntry("redirect_uri", PUBLIC_URL + "rest/oauth2-credential/callback")
                .doesNotContainKey("code_challenge");
        String code = ha.loginFlowCode(q.get("client_id"), q.get("redirect_uri"));
        String page = editor.get()
                .uri("/rest/oauth2-credential/callback?code={code}&state={state}", code, q.get("state"))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(String.class)
                .returnResult()
                .getResponseBody();
        assertThat(page).contains("Signed in").doesNotContain(code);

        OAuth2Tokens first = stored(id);
        assertThat(first.refreshToken()).isPresent();
        String refreshToken = first.refreshToken().get().reveal();
        Map<String, Object> shown = json("GET", "/api/v1/credentials/" + id, null);
        assertThat((List<String>) shown.get("secretsSet")).contains(OAuth2Tokens.FIELD);
        assertThat(MiniJson.write(shown))
                .doesNotContain(first.accessToken().reveal())
                .doesNotContain(refreshToken)
                .doesNotContain("access_token");

        // the HTTP Request node sends the access token
        Map<String, Object> ok = run(workflow);
        assertThat(ok.get("status")).as("run %s", ok).isEqualTo("success");
        assertThat(MiniJson.write(ok))
                .contains("API running.")
                .doesNotContain(first.accessToken().reveal());

        // refused by the service (401) although not due: refreshed, stored, and the call repeated
        replaceStoredTokens(id, "an-access-token-home-assistant-refuses", refreshToken, "2999-01-01T00:00:00Z");
        ok = run(workflow);
        assertThat(ok.get("status")).as("run %s", ok).isEqualTo("success");
        OAuth2Tokens afterRefusal = stored(id);
        assertThat(afterRefusal.accessToken().reveal()).isNotEqualTo("an-access-token-home-assistant-refuses");
        assertThat(afterRefusal.expiresAt())
                .hasValueSatisfying(e -> assertThat(e).isBefore(java.time.Instant.parse("2999-01-01T00:00:00Z")));
        assertThat(afterRefusal.refreshToken().orElseThrow().reveal()).isEqualTo(refreshToken);
        assertThat(MiniJson.write(ok)).doesNotContain(afterRefusal.accessToken().reveal());

        // expired: refreshed before the call, and the new access token is stored
        replaceStoredTokens(id, afterRefusal.accessToken().reveal(), refreshToken, "2020-01-01T00:00:00Z");
        ok = run(workflow);
        assertThat(ok.get("status")).as("run %s", ok).isEqualTo("success");
        OAuth2Tokens refreshed = stored(id);
        assertThat(refreshed.refreshToken().orElseThrow().reveal()).isEqualTo(refreshToken);
        assertThat(refreshed.expiresAt()).hasValueSatisfying(e -> assertThat(e).isAfter(java.time.Instant.now()));

        // revoked at the provider: the run fails asking to reconnect, without any secret
        revokeAtHomeAssistant(refreshToken);
        replaceStoredTokens(id, stored(id).accessToken().reveal(), refreshToken, "2020-01-01T00:00:00Z");
        Map<String, Object> failed = run(workflow);
        assertThat(failed.get("status")).isEqualTo("error");
        assertThat(MiniJson.write(failed.get("error")))
                .contains("must be reconnected")
                .contains("Connect my account")
                .doesNotContain(refreshToken);
        assertThat(MiniJson.write(failed)).doesNotContain(refreshToken);
    }

    @Test
    void connectIsRefusedForClientCredentialsAndWithoutAuthorizationUrl() {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("grantType", "clientCredentials");
        data.put("accessTokenUrl", ha.url() + "/auth/token");
        data.put("clientId", PUBLIC_URL);
        String id = (String)
                json("POST", "/api/v1/credentials", Map.of("name", "OAuth2 client", "type", "oAuth2Api", "data", data))
                        .get("id");
        browserSession()
                .post()
                .uri("/api/v1/credentials/{id}/sign-in", id)
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectBody(String.class)
                .value(b -> assertThat(b).contains("Client Credentials"));

        data.put("grantType", "authorizationCode");
        api.post()
                .uri("/api/v1/credentials")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("name", "OAuth2 no URL", "type", "oAuth2Api", "data", data))
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectBody(String.class)
                .value(b -> assertThat(b).contains("authUrl"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void pkceSendsAChallengeAndNeverTheVerifier() {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("grantType", "pkce");
        data.put("authUrl", ha.url() + "/auth/authorize");
        data.put("accessTokenUrl", ha.url() + "/auth/token");
        data.put("clientId", PUBLIC_URL);
        data.put("scope", "read, write");
        data.put("authQueryParameters", "access_type=offline");
        String id = (String)
                json("POST", "/api/v1/credentials", Map.of("name", "OAuth2 PKCE", "type", "oAuth2Api", "data", data))
                        .get("id");
        Map<String, Object> start = browserSession()
                .post()
                .uri("/api/v1/credentials/{id}/sign-in", id)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody();
        Map<String, String> q = query((String) start.get("url"));
        assertThat(q)
                .containsEntry("code_challenge_method", "S256")
                .containsEntry("scope", "read write")
                .containsEntry("access_type", "offline")
                .doesNotContainKey("code_verifier");
        assertThat(q.get("code_challenge")).hasSize(43);
        assertThat(start).containsOnlyKeys("url", "redirectUri", "buttonText");
    }

    private Map<String, Object> workflow(String credentialId) {
        Map<String, Object> http = new LinkedHashMap<>(node(
                "Call Home Assistant",
                "n8n-nodes-base.httpRequest",
                4.2,
                Map.of(
                        "url",
                        ha.url() + "/api/",
                        "authentication",
                        "genericCredentialType",
                        "genericAuthType",
                        "oAuth2Api")));
        http.put("credentials", Map.of("oAuth2Api", Map.of("id", credentialId, "name", "HA via OAuth2")));
        return Map.of(
                "name",
                "OAuth2 call",
                "nodes",
                List.of(node("Start", "hearth.manualTrigger", 1, Map.of()), http),
                "connections",
                connect("Start", "Call Home Assistant"));
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> run(Map<String, Object> workflow) {
        return api.post()
                .uri("/api/v1/workflows/run")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("workflow", workflow))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody();
    }

    private OAuth2Tokens stored(String id) {
        return OAuth2Tokens.stored(credentials.decrypt(id)).orElseThrow();
    }

    /** Puts tokens into the stored credential as if they had been stored earlier (to expire or spoil them). */
    private void replaceStoredTokens(String id, String accessToken, String refreshToken, String expiresAt) {
        Map<String, Object> tokens = new LinkedHashMap<>();
        tokens.put("access_token", accessToken);
        tokens.put("refresh_token", refreshToken);
        tokens.put("token_type", "Bearer");
        tokens.put("expires_at", expiresAt);
        credentials.update(
                id,
                credentials
                        .decrypt(id)
                        .with(OAuth2Tokens.FIELD, MiniJson.write(tokens))
                        .values());
    }

    private void revokeAtHomeAssistant(String refreshToken) throws Exception {
        HttpResponse<String> r = HTTP.send(
                HttpRequest.newBuilder(URI.create(ha.url() + "/auth/revoke"))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(
                                "token=" + URLEncoder.encode(refreshToken, StandardCharsets.UTF_8)))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(200);
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> json(String method, String uri, Object body) {
        var spec =
                api.method(org.springframework.http.HttpMethod.valueOf(method)).uri(uri);
        var exchange = body == null
                ? spec.exchange()
                : spec.contentType(MediaType.APPLICATION_JSON).bodyValue(body).exchange();
        return exchange.expectBody(Map.class).returnResult().getResponseBody();
    }

    private static Map<String, String> query(String url) {
        Map<String, String> q = new LinkedHashMap<>();
        for (String pair : URI.create(url).getRawQuery().split("&", -1)) {
            String[] kv = pair.split("=", 2);
            q.put(kv[0], URLDecoder.decode(kv[1], StandardCharsets.UTF_8));
        }
        return q;
    }

    /** A browser session of the owner, as the editor has. */
    private WebTestClient browserSession() {
        return anonymous
                .mutate()
                .defaultCookie("hearth_session", ownerSession())
                .build();
    }
}
