package io.hearth.nodes.homeassistant;

import static io.hearth.nodes.homeassistant.HaTestSupport.p;
import static io.hearth.nodes.homeassistant.HaTestSupport.params;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.hearth.node.NodeApiException;
import io.hearth.node.credential.BrowserSignIn;
import io.hearth.node.credential.CredentialData;
import io.hearth.node.credential.CredentialTestResult;
import io.hearth.node.credential.Secret;
import io.hearth.node.trigger.TriggerHandle;
import io.hearth.node.trigger.TriggerStatus;
import io.hearth.nodes.homeassistant.client.HaConnectionSettings;
import io.hearth.nodes.homeassistant.client.HaRequest;
import io.hearth.nodes.homeassistant.client.HomeAssistantClient;
import io.hearth.nodes.homeassistant.client.SignInTokens;
import io.hearth.nodes.homeassistant.credential.HomeAssistantSignInCredentialType;
import io.hearth.nodes.homeassistant.trigger.ConnectionOptions;
import io.hearth.nodes.homeassistant.trigger.HaEventConnections;
import io.hearth.runtime.execution.ExecutionError;
import io.hearth.testkit.TestTriggerContext;
import io.hearth.testsupport.RealHomeAssistant;
import io.hearth.testsupport.RealHomeAssistantExtension;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import reactor.core.publisher.Flux;

/**
 * "Sign in with Home Assistant" against a real Home Assistant: the user's part (the login page) is driven
 * through Home Assistant's login flow API, which yields the authorization code its page would send to
 * Hearth's callback; everything after (code exchange, refresh before expiry and on a 401, serialised
 * refreshes, revocation, the node and the trigger with the tokens) is Hearth's real code.
 */
@Tag("home-assistant")
@ExtendWith(RealHomeAssistantExtension.class)
class HomeAssistantSignInIT {

    /** Hearth's public URL as Home Assistant sees it: the client id (HA only checks its form). */
    private static final URI PUBLIC_URL = URI.create("http://hearth.test:5678/");

    private static final URI CALLBACK = PUBLIC_URL.resolve("rest/oauth2-credential/callback");

    private final RealHomeAssistant ha;
    private final HaRest rest;
    private final HomeAssistantSignInCredentialType type = new HomeAssistantSignInCredentialType();
    private final BrowserSignIn signIn = type.browserSignIn().orElseThrow();
    private CredentialData credential;

    HomeAssistantSignInIT(RealHomeAssistant ha) {
        this.ha = ha;
        this.rest = new HaRest(ha);
    }

    private CredentialData unsigned() {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("host", ha.host());
        values.put("port", ha.port());
        values.put("ssl", false);
        return new CredentialData(
                HomeAssistantSignInCredentialType.NAME, values, Set.of(HaConnectionSettings.SIGN_IN_FIELD));
    }

    /** Signs in as the user would: Home Assistant's login, then Hearth's code exchange. */
    private CredentialData signedIn() throws Exception {
        CredentialData data = unsigned();
        String code = ha.loginFlowCode(PUBLIC_URL.toString(), CALLBACK.toString());
        Map<String, Object> stored = signIn.exchange(data, PUBLIC_URL, CALLBACK, code)
                .toCompletableFuture()
                .get(60, TimeUnit.SECONDS);
        return data.with(
                HaConnectionSettings.SIGN_IN_FIELD,
                stored.get(HaConnectionSettings.SIGN_IN_FIELD).toString());
    }

    private static SignInTokens tokens(CredentialData data) {
        return SignInTokens.fromStored(
                        data.secret(HaConnectionSettings.SIGN_IN_FIELD).reveal())
                .orElseThrow();
    }

    @BeforeEach
    void signIn() throws Exception {
        credential = signedIn();
    }

    @Test
    void theAuthorizeUrlNamesHearthAsTheClientAndItsCallback() {
        URI uri = signIn.authorizationUri(unsigned(), PUBLIC_URL, CALLBACK, "s1");
        assertThat(uri.getScheme() + "://" + uri.getAuthority() + uri.getPath())
                .isEqualTo(ha.url() + "/auth/authorize");
        Map<String, String> query = new LinkedHashMap<>();
        for (String pair : uri.getRawQuery().split("&", -1)) {
            String[] kv = pair.split("=", 2);
            query.put(kv[0], java.net.URLDecoder.decode(kv[1], java.nio.charset.StandardCharsets.UTF_8));
        }
        assertThat(query)
                .containsEntry("response_type", "code")
                .containsEntry("client_id", "http://hearth.test:5678/")
                .containsEntry("redirect_uri", "http://hearth.test:5678/rest/oauth2-credential/callback")
                .containsEntry("state", "s1");
    }

    @Test
    void theNodeWorksWithTheSignInAndTheCredentialTestSaysSo() throws Exception {
        SignInTokens tokens = tokens(credential);
        assertThat(tokens.clientId()).isEqualTo(PUBLIC_URL.toString());
        assertThat(tokens.expiresAt()).hasValueSatisfying(e -> assertThat(e).isAfter(Instant.now()));
        Map<String, Object> state = HaNodeRun.withSignIn(credential.values())
                .json(params(
                        p("authentication", "signIn"),
                        p("resource", "state"),
                        p("operation", "get"),
                        p("entityId", "input_boolean.hearth_flag")));
        assertThat(state).containsEntry("entity_id", "input_boolean.hearth_flag");
        CredentialTestResult test = type.test(credential).toCompletableFuture().get(60, TimeUnit.SECONDS);
        assertThat(test.message()).isEqualTo("Signed in to Home Assistant at " + ha.url());
        assertThat(type.test(unsigned())
                        .toCompletableFuture()
                        .get(60, TimeUnit.SECONDS)
                        .message())
                .contains("Not signed in yet");
    }

    @Test
    void aDueAccessTokenIsRefreshedForRealOnceForConcurrentCallsAndWrittenBack() {
        // the credential as the store gives it: the refreshed token is written back where it was read
        Map<String, String> store = new ConcurrentHashMap<>();
        String field = HaConnectionSettings.SIGN_IN_FIELD;
        store.put(field, credential.secret(field).reveal());
        AtomicInteger writes = new AtomicInteger();
        CredentialData stored = credential.withWriter((f, expected, value) ->
                f.equals(field) && store.replace(field, expected, value) && writes.incrementAndGet() > 0);
        // a margin longer than the tokens' 30 minutes: every access token is due
        try (HomeAssistantClient client = HomeAssistantClient.create(
                HaConnectionSettings.fromCredential(stored),
                HomeAssistantClient.Options.DEFAULT.withRefreshMargin(Duration.ofMinutes(31)))) {
            List<String> answers = Flux.range(0, 8)
                    .flatMap(i -> client.send(HaRequest.get("Probe", "/api/")))
                    .map(r -> r.text())
                    .collectList()
                    .block(Duration.ofSeconds(60));
            assertThat(answers).hasSize(8).allSatisfy(a -> assertThat(a).contains("API running."));
            assertThat(client.tokens().refreshes()).isEqualTo(1);
            // the WebSocket commands work with refreshed tokens too (with this margin each one is due at once)
            assertThat(client.states().block(Duration.ofSeconds(60)))
                    .asInstanceOf(InstanceOfAssertFactories.LIST)
                    .isNotEmpty();
            // every refresh written back (Home Assistant's token may equal the previous one: its JWT has whole
            // seconds, so the test counts the writes)
            assertThat(writes).hasValue(client.tokens().refreshes());
        }
        SignInTokens before = tokens(credential);
        SignInTokens after = SignInTokens.fromStored(store.get(field)).orElseThrow();
        assertThat(after.expiresAt()).hasValueSatisfying(e -> assertThat(e).isAfter(Instant.now()));
        assertThat(after.refreshToken().reveal())
                .isEqualTo(before.refreshToken().reveal());
        assertThat(after.clientId()).isEqualTo(before.clientId());
        // after a restart the written-back token is used as it is: Home Assistant accepts it, no refresh
        try (HomeAssistantClient client = HomeAssistantClient.create(
                HaConnectionSettings.fromCredential(credential.with(field, store.get(field))),
                HomeAssistantClient.Options.DEFAULT)) {
            assertThat(client.send(HaRequest.get("Probe", "/api/"))
                            .block(Duration.ofSeconds(60))
                            .text())
                    .contains("API running.");
            assertThat(client.tokens().refreshes()).isZero();
        }
    }

    @Test
    void aSignInChangedMeanwhileIsNotOverwrittenByARefresh() {
        // the user signed in again (or disconnected) after this client read the credential
        CredentialData stored = credential.withWriter((f, expected, value) -> false);
        try (HomeAssistantClient client = HomeAssistantClient.create(
                HaConnectionSettings.fromCredential(stored),
                HomeAssistantClient.Options.DEFAULT.withRefreshMargin(Duration.ofMinutes(31)))) {
            assertThat(client.send(HaRequest.get("Probe", "/api/"))
                            .block(Duration.ofSeconds(60))
                            .text())
                    .contains("API running.");
            assertThat(client.tokens().refreshes()).isEqualTo(1);
        }
    }

    @Test
    void aRefusedAccessTokenIsRefreshedAndTheCallRetried() {
        SignInTokens stored = tokens(credential);
        CredentialData stale = credential.with(
                HaConnectionSettings.SIGN_IN_FIELD,
                stored.withAccess(
                                Secret.of("not-a-valid-access-token"),
                                Optional.of(Instant.now().plusSeconds(1200)))
                        .toStored());
        try (HomeAssistantClient client = HomeAssistantClient.create(
                HaConnectionSettings.fromCredential(stale), HomeAssistantClient.Options.DEFAULT)) {
            assertThat(client.send(HaRequest.get("Probe", "/api/"))
                            .block(Duration.ofSeconds(60))
                            .text())
                    .contains("API running.");
            assertThat(client.tokens().refreshes()).isEqualTo(1);
            assertThat(client.command("Load areas", Map.of("type", "config/area_registry/list"))
                            .block(Duration.ofSeconds(60)))
                    .asInstanceOf(InstanceOfAssertFactories.LIST)
                    .isNotEmpty();
            assertThat(client.tokens().refreshes()).isEqualTo(1);
        }
    }

    @Test
    void disconnectRevokesTheSignInAndRunsThenSaySignInAgain() throws Exception {
        signIn.revoke(credential).toCompletableFuture().get(60, TimeUnit.SECONDS);

        CredentialTestResult test = type.test(credential).toCompletableFuture().get(60, TimeUnit.SECONDS);
        assertThat(test.isOk()).isFalse();
        assertThat(test.message()).startsWith("Sign in again");
        // the node refreshes its expired-or-refused token: Home Assistant refuses the revoked refresh token
        ExecutionError error = HaNodeRun.withSignIn(credential
                        .with(
                                HaConnectionSettings.SIGN_IN_FIELD,
                                tokens(credential)
                                        .withAccess(Secret.of(""), Optional.empty())
                                        .toStored())
                        .values())
                .run(params(p("authentication", "signIn"), p("resource", "config"), p("operation", "get")))
                .error()
                .orElseThrow();
        assertThat(error.message()).startsWith("Sign in again: Home Assistant no longer accepts this sign-in");
        assertThat(error.httpStatus()).isEqualTo(401);
        // an access token given before the revocation is refused too
        try (HomeAssistantClient client = HomeAssistantClient.create(
                HaConnectionSettings.fromCredential(credential), HomeAssistantClient.Options.DEFAULT)) {
            assertThatThrownBy(
                            () -> client.send(HaRequest.get("Probe", "/api/")).block(Duration.ofSeconds(60)))
                    .isInstanceOf(NodeApiException.class)
                    .hasMessageStartingWith("Sign in again");
        }
    }

    @Test
    void theTriggerRefreshesARefusedAccessTokenBeforeItsFirstConnectAndSaysSignInAgainOnceRevoked() throws Throwable {
        SignInTokens stored = tokens(credential);
        CredentialData stale = credential.with(
                HaConnectionSettings.SIGN_IN_FIELD,
                stored.withAccess(
                                Secret.of("not-a-valid-access-token"),
                                Optional.of(Instant.now().plusSeconds(1200)))
                        .toStored());
        Map<String, Object> parameters =
                Map.of("authentication", "signIn", "event", "stateChanged", "entityIds", List.of("sun.sun"));
        HaEventConnections connections = new HaEventConnections(ConnectionOptions.DEFAULT);
        HomeAssistantTriggerNode trigger = new HomeAssistantTriggerNode(connections);
        TestTriggerContext context = TestTriggerContext.of("HA Trigger", stale, parameters);
        TriggerHandle handle = trigger.activate(context).toCompletableFuture().get(60, TimeUnit.SECONDS);
        try {
            assertThat(context.lastStatus())
                    .hasValueSatisfying(s -> assertThat(s.state()).isEqualTo(TriggerStatus.State.CONNECTED));
        } finally {
            handle.close();
        }

        signIn.revoke(credential).toCompletableFuture().get(60, TimeUnit.SECONDS);
        HaEventConnections fresh = new HaEventConnections(ConnectionOptions.DEFAULT);
        TestTriggerContext revoked = TestTriggerContext.of("HA Trigger", stale, parameters);
        assertThatThrownBy(() -> new HomeAssistantTriggerNode(fresh)
                        .activate(revoked)
                        .toCompletableFuture()
                        .get(60, TimeUnit.SECONDS))
                .hasRootCauseInstanceOf(NodeApiException.class)
                .rootCause()
                .hasMessageStartingWith("Sign in again: Home Assistant no longer accepts this sign-in");
    }

    @Test
    void theTriggerListensWithTheSignIn() throws Throwable {
        rest.callService("input_boolean", "turn_off", Map.of("entity_id", "input_boolean.hearth_relay"));
        await().atMost(Duration.ofSeconds(30))
                .until(() -> rest.state("input_boolean.hearth_relay").equals("off"));
        HaEventConnections connections = new HaEventConnections(ConnectionOptions.DEFAULT);
        HomeAssistantTriggerNode trigger = new HomeAssistantTriggerNode(connections);
        TestTriggerContext context = TestTriggerContext.of(
                "HA Trigger",
                credential,
                Map.of(
                        "authentication",
                        "signIn",
                        "event",
                        "stateChanged",
                        "entityIds",
                        List.of("input_boolean.hearth_relay")));
        TriggerHandle handle = trigger.activate(context).toCompletableFuture().get(60, TimeUnit.SECONDS);
        try {
            assertThat(context.lastStatus())
                    .hasValueSatisfying(s -> assertThat(s.state()).isEqualTo(TriggerStatus.State.CONNECTED));
            rest.callService("input_boolean", "turn_on", Map.of("entity_id", "input_boolean.hearth_relay"));
            await().atMost(Duration.ofSeconds(30)).until(() -> !context.items().isEmpty());
            Map<String, Object> json = context.items().getFirst();
            assertThat(json).containsEntry("entity_id", "input_boolean.hearth_relay");
        } finally {
            handle.close();
        }
    }
}
