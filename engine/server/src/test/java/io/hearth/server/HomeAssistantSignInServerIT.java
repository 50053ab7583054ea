package io.hearth.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.hearth.common.Json;
import io.hearth.node.credential.Secret;
import io.hearth.nodes.homeassistant.client.HaConnectionSettings;
import io.hearth.nodes.homeassistant.client.HomeAssistantClient;
import io.hearth.testsupport.RealHomeAssistant;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.context.TestPropertySource;

/**
 * "Sign in with Home Assistant" through the server's API, with Hearth behind a reverse proxy
 * ({@code HEARTH_PUBLIC_URL}): the sign-in URL names the public URL as Home Assistant client and callback;
 * the user's part on Home Assistant's page is driven through its login flow API; the callback (as the proxy
 * forwards it) stores the tokens encrypted; a workflow runs with them; Disconnect revokes them at Home
 * Assistant and removes them; a used sign-in link is refused.
 */
@Tag("home-assistant")
@TestPropertySource(properties = "hearth.public-url=http://hearth.proxy.test:8443/")
class HomeAssistantSignInServerIT extends ApiTestSupport {

    private static final String PUBLIC_URL = "http://hearth.proxy.test:8443/";

    private RealHomeAssistant ha;

    @org.springframework.beans.factory.annotation.Autowired
    private io.hearth.credentials.CredentialService credentials;

    @BeforeEach
    void homeAssistant() {
        ha = RealHomeAssistant.shared();
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

    /** Home Assistant's refresh tokens issued to Hearth's public URL (the owner's, through its WebSocket API). */
    private long refreshTokensOfHearth() {
        try (HomeAssistantClient client = HomeAssistantClient.create(
                new HaConnectionSettings(ha.host(), ha.port(), false, Secret.of(ha.token()), false, Optional.empty()),
                HomeAssistantClient.Options.DEFAULT)) {
            Object tokens = client.command("List refresh tokens", Map.of("type", "auth/refresh_tokens"))
                    .block(Duration.ofSeconds(60));
            return ((List<?>) tokens)
                    .stream()
                            .filter(t -> PUBLIC_URL.equals(((Map<?, ?>) t).get("client_id")))
                            .count();
        }
    }

    private static Map<String, String> query(String url) {
        Map<String, String> q = new LinkedHashMap<>();
        for (String pair : URI.create(url).getRawQuery().split("&", -1)) {
            String[] kv = pair.split("=", 2);
            q.put(kv[0], URLDecoder.decode(kv[1], StandardCharsets.UTF_8));
        }
        return q;
    }

    /** A browser session of the owner, as the editor has (each call: a new session). */
    private org.springframework.test.web.reactive.server.WebTestClient browserSession() {
        return anonymous
                .mutate()
                .defaultCookie("hearth_session", ownerSession())
                .build();
    }

    private String createSignInCredential() {
        return (String) json(
                        "POST",
                        "/api/v1/credentials",
                        Map.of(
                                "name",
                                "HA sign-in",
                                "type",
                                "homeAssistantOAuth2Api",
                                "data",
                                Map.of("host", ha.url(), "port", ha.port())))
                .get("id");
    }

    private static Map<String, String> startSignIn(
            org.springframework.test.web.reactive.server.WebTestClient session, String id) {
        @SuppressWarnings("unchecked")
        Map<String, Object> start = session.post()
                .uri("/api/v1/credentials/{id}/sign-in", id)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody();
        return query((String) start.get("url"));
    }

    private static String callback(
            org.springframework.test.web.reactive.server.WebTestClient client,
            String code,
            String state,
            org.springframework.http.HttpStatus expected) {
        return client.get()
                .uri("/rest/oauth2-credential/callback?code={code}&state={state}", code, state)
                .exchange()
                .expectStatus()
                .isEqualTo(expected)
                .expectBody(String.class)
                .returnResult()
                .getResponseBody();
    }

    @Test
    void theCallbackAdmitsOnlyTheSessionThatStartedTheSignInAndOnlyOnce() throws Exception {
        String id = createSignInCredential();
        var editor = browserSession();
        var otherSession = browserSession();
        var ok = org.springframework.http.HttpStatus.OK;
        var forbidden = org.springframework.http.HttpStatus.FORBIDDEN;
        var badRequest = org.springframework.http.HttpStatus.BAD_REQUEST;

        // a link opened without a Hearth session (e.g. sent to someone) is refused, and is used up
        Map<String, String> q = startSignIn(editor, id);
        String code = ha.loginFlowCode(q.get("client_id"), q.get("redirect_uri"));
        assertThat(callback(anonymous, code, q.get("state"), forbidden))
                .contains("belongs to another Hearth session")
                .contains("Sign in to Hearth in this browser")
                .doesNotContain(code);
        assertThat(callback(editor, code, q.get("state"), badRequest)).contains("expired or was already used");

        // another session of the same user is refused too
        q = startSignIn(editor, id);
        code = ha.loginFlowCode(q.get("client_id"), q.get("redirect_uri"));
        assertThat(callback(otherSession, code, q.get("state"), forbidden))
                .contains("belongs to another Hearth session");
        assertThat(callback(otherSession, code, "made-up-state", badRequest)).contains("expired or was already used");
        assertThat(callback(editor, code, "", badRequest)).contains("expired or was already used");
        @SuppressWarnings("unchecked")
        List<String> secrets =
                (List<String>) json("GET", "/api/v1/credentials/" + id, null).get("secretsSet");
        assertThat(secrets).doesNotContain("oauthTokenData");

        // the session that started it is signed in
        q = startSignIn(editor, id);
        code = ha.loginFlowCode(q.get("client_id"), q.get("redirect_uri"));
        assertThat(callback(editor, code, q.get("state"), ok)).contains("Signed in");
        api.post()
                .uri("/api/v1/credentials/{id}/sign-out", id)
                .exchange()
                .expectStatus()
                .isOk();
    }

    @Test
    @SuppressWarnings("unchecked")
    void signsInRunsAWorkflowAndDisconnects() throws Exception {
        Map<String, Object> created = json(
                "POST",
                "/api/v1/credentials",
                Map.of(
                        "name",
                        "HA sign-in",
                        "type",
                        "homeAssistantOAuth2Api",
                        "data",
                        Map.of("host", ha.url(), "port", ha.port())));
        String id = (String) created.get("id");
        assertThat((List<String>) created.get("secretsSet")).doesNotContain("oauthTokenData");

        // the credential type says it signs in through the browser
        List<Map<String, Object>> types = api.get()
                .uri("/api/v1/credential-types")
                .exchange()
                .expectBody(List.class)
                .returnResult()
                .getResponseBody();
        assertThat(types)
                .filteredOn(t -> "homeAssistantOAuth2Api".equals(t.get("name")))
                .singleElement()
                .satisfies(t -> assertThat(t.get("signIn"))
                        .isEqualTo(
                                Map.of("tokenField", "oauthTokenData", "buttonText", "Sign in with Home Assistant")));

        var editor = browserSession();
        Map<String, Object> start = editor.post()
                .uri("/api/v1/credentials/{id}/sign-in", id)
                .exchange()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody();
        String url = (String) start.get("url");
        assertThat(url).startsWith(ha.url() + "/auth/authorize?");
        Map<String, String> q = query(url);
        assertThat(q)
                .containsEntry("client_id", PUBLIC_URL)
                .containsEntry("redirect_uri", PUBLIC_URL + "rest/oauth2-credential/callback")
                .containsEntry("response_type", "code");
        assertThat(q.get("state")).hasSizeGreaterThan(30);

        long before = refreshTokensOfHearth();
        String code = ha.loginFlowCode(q.get("client_id"), q.get("redirect_uri"));
        // Home Assistant's page sends the browser, through the proxy, back to Hearth (with its session cookie)
        String page = editor.get()
                .uri("/rest/oauth2-credential/callback?code={code}&state={state}", code, q.get("state"))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(String.class)
                .returnResult()
                .getResponseBody();
        assertThat(page).contains("Signed in").contains("data-ok=\"true\"").doesNotContain(code);
        assertThat(refreshTokensOfHearth()).isEqualTo(before + 1);
        Map<String, Object> stored = json("GET", "/api/v1/credentials/" + id, null);
        assertThat((List<String>) stored.get("secretsSet")).contains("oauthTokenData");
        assertThat(String.valueOf(stored.get("data"))).doesNotContain("refresh_token");

        // a used link is refused
        editor.get()
                .uri("/rest/oauth2-credential/callback?code={code}&state={state}", code, q.get("state"))
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectBody(String.class)
                .value(body -> assertThat(body).contains("expired or was already used"));

        // the access token Hearth holds has gone stale (Home Assistant refuses it): the run below refreshes it
        // at Home Assistant and writes the new one back, encrypted, to the credential
        String signedInTokens = credentials.decrypt(id).secret("oauthTokenData").reveal();
        Map<String, Object> stale = new LinkedHashMap<>((Map<String, Object>) Json.parse(signedInTokens));
        stale.put("access_token", "stale-access-token");
        assertThat(credentials.decrypt(id).writer().replace("oauthTokenData", signedInTokens, Json.write(stale)))
                .isTrue();

        // a workflow with the node signed in
        Map<String, Object> haNode = new LinkedHashMap<>(node(
                "Home Assistant",
                "hearth.homeAssistant",
                2,
                Map.of("authentication", "signIn", "resource", "state", "operation", "get", "entityId", "sun.sun")));
        haNode.put("credentials", Map.of("homeAssistantOAuth2Api", Map.of("id", id, "name", "HA sign-in")));
        Map<String, Object> draft = Map.of(
                "name",
                "Signed in",
                "nodes",
                List.of(node("Start", "hearth.manualTrigger", 1, Map.of()), haNode),
                "connections",
                connect("Start", "Home Assistant"));
        api.post()
                .uri("/api/v1/workflows/run")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("workflow", draft))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.status")
                .isEqualTo("success")
                .jsonPath("$.nodes['Home Assistant'][0].output[0][0].json.entity_id")
                .isEqualTo("sun.sun");

        Map<String, Object> refreshed = (Map<String, Object>)
                Json.parse(credentials.decrypt(id).secret("oauthTokenData").reveal());
        assertThat(refreshed.get("access_token")).isNotEqualTo("stale-access-token");
        assertThat(refreshed.get("refresh_token")).isEqualTo(stale.get("refresh_token"));
        assertThat(refreshed.get("client_id")).isEqualTo(PUBLIC_URL);

        Map<String, Object> test = json(
                "POST",
                "/api/v1/credentials/test",
                Map.of(
                        "type",
                        "homeAssistantOAuth2Api",
                        "id",
                        id,
                        "data",
                        Map.of("host", ha.url(), "port", ha.port())));
        assertThat(test).containsEntry("status", "OK");
        assertThat(String.valueOf(test.get("message"))).startsWith("Signed in to Home Assistant");

        // Disconnect: revoked at Home Assistant, gone from the credential
        Map<String, Object> out = json("POST", "/api/v1/credentials/" + id + "/sign-out", null);
        assertThat(out).containsEntry("signedIn", false).containsEntry("revoked", true);
        assertThat(refreshTokensOfHearth()).isEqualTo(before);
        assertThat((List<String>) json("GET", "/api/v1/credentials/" + id, null).get("secretsSet"))
                .doesNotContain("oauthTokenData");
        api.post()
                .uri("/api/v1/workflows/run")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("workflow", draft))
                .exchange()
                .expectBody()
                .jsonPath("$.status")
                .isEqualTo("error")
                .jsonPath("$.error.message")
                .value(m -> assertThat(String.valueOf(m)).contains("not signed in"));
    }

    @Test
    void aCredentialTypeWithoutSignInIsRefused() {
        Map<String, Object> created = json(
                "POST",
                "/api/v1/credentials",
                Map.of(
                        "name",
                        "HA token",
                        "type",
                        "homeAssistantApi",
                        "data",
                        Map.of("host", "ha.local", "accessToken", "x")));
        api.post()
                .uri("/api/v1/credentials/{id}/sign-in", created.get("id"))
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectBody(String.class)
                .value(b -> assertThat(b).contains("have no sign-in"));
        anonymous
                .post()
                .uri("/api/v1/credentials/{id}/sign-in", created.get("id"))
                .exchange()
                .expectStatus()
                .isUnauthorized();
    }
}
