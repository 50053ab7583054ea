package io.hearth.nodes.homeassistant.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.hearth.node.NodeApiException;
import io.hearth.node.NodeException;
import io.hearth.node.credential.Secret;
import io.netty.channel.ConnectTimeoutException;
import io.netty.handler.ssl.NotSslRecordException;
import io.netty.handler.timeout.ReadTimeoutException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.util.Optional;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Test;

class HomeAssistantErrorsTest {

    private static final HaConnectionSettings PLAIN =
            new HaConnectionSettings("ha.local", 8123, false, Secret.of("super-secret-token"), false, Optional.empty());
    private static final HaConnectionSettings TLS =
            new HaConnectionSettings("ha.local", 8443, true, Secret.of("super-secret-token"), false, Optional.empty());
    private static final HaRequest GET_STATE =
            HaRequest.get("Get state of 'light.x'", "/api/states/light.x").about("entity 'light.x'");

    @Test
    void mapsHomeAssistantStatuses() {
        assertThat(HomeAssistantErrors.forStatus(GET_STATE, 401, "401: Unauthorized"))
                .hasMessage("Get state of 'light.x' failed: access token rejected (401)")
                .satisfies(e -> assertThat(e.httpStatus()).hasValue(401));
        assertThat(HomeAssistantErrors.forStatus(GET_STATE, 403, "403: Forbidden"))
                .hasMessageContaining("not allowed for this user (403)");
        assertThat(HomeAssistantErrors.forStatus(GET_STATE, 404, "{\"message\": \"Entity not found.\"}"))
                .hasMessage("Get state of 'light.x' failed: unknown entity 'light.x' (404): Entity not found.");
        assertThat(HomeAssistantErrors.forStatus(HaRequest.get("Call", "/x"), 404, ""))
                .hasMessage("Call failed: not found (404)");
        assertThat(HomeAssistantErrors.forStatus(GET_STATE, 400, "{\"message\": \"Invalid JSON specified.\"}"))
                .hasMessage(
                        "Get state of 'light.x' failed: Home Assistant rejected the request (400): Invalid JSON specified.");
        assertThat(HomeAssistantErrors.forStatus(GET_STATE, 405, "405: Method Not Allowed"))
                .hasMessageContaining("method not allowed (405)");
        assertThat(HomeAssistantErrors.forStatus(GET_STATE, 502, "<html>bad gateway</html>"))
                .hasMessage("Get state of 'light.x' failed: Home Assistant answered 502")
                .satisfies(e -> assertThat(e.isTransient()).isTrue());
    }

    @Test
    void mapsTransportFailuresWithStatusZero() {
        assertTransport(PLAIN, new ConnectException("Connection refused"), "connection refused by ha.local:8123");
        assertTransport(PLAIN, new UnknownHostException("ha.local"), "unknown host 'ha.local'");
        assertTransport(
                PLAIN, new ConnectTimeoutException("connection timed out"), "timed out connecting to ha.local:8123");
        assertTransport(PLAIN, ReadTimeoutException.INSTANCE, "did not answer in time");
        assertTransport(PLAIN, new TimeoutException(), "did not answer in time");
        assertTransport(TLS, new NotSslRecordException("not an SSL/TLS record: 485454502f"), "does not speak TLS");
        assertTransport(
                TLS,
                new SSLHandshakeException("PKIX path building failed: unable to find valid certification path"),
                "certificate is not trusted");
        assertTransport(PLAIN, new RuntimeException(new ConnectException("wrapped")), "connection refused");
    }

    @Test
    void tlsMessagesPointToTheSettings() {
        NodeException notTls = HomeAssistantErrors.forTransport("Op", TLS, new NotSslRecordException("x"));
        assertThat(notTls.description()).hasValueSatisfying(d -> assertThat(d).contains("turn SSL off"));
        NodeException untrusted =
                HomeAssistantErrors.forTransport("Op", TLS, new SSLHandshakeException("PKIX path building failed"));
        assertThat(untrusted.description())
                .hasValueSatisfying(
                        d -> assertThat(d).contains("CA Certificate").contains("Ignore SSL issues"));
    }

    @Test
    void neverMentionsTheToken() {
        for (Throwable t : new Throwable[] {
            new ConnectException(), new UnknownHostException("ha.local"), ReadTimeoutException.INSTANCE
        }) {
            NodeException e = HomeAssistantErrors.forTransport("Op", PLAIN, t);
            assertThat(e.getMessage() + e.description().orElse("")).doesNotContain("super-secret-token");
        }
        assertThat(PLAIN.toString()).doesNotContain("super-secret-token").contains("******");
    }

    @Test
    void extractsHomeAssistantsMessage() {
        assertThat(HomeAssistantErrors.haMessage("{\"message\":\"Service not found.\"}"))
                .hasValue("Service not found.");
        assertThat(HomeAssistantErrors.haMessage("400: Bad Request")).hasValue("400: Bad Request");
        assertThat(HomeAssistantErrors.haMessage("<html><body>nginx</body></html>"))
                .isEmpty();
        assertThat(HomeAssistantErrors.haMessage("")).isEmpty();
    }

    private static void assertTransport(HaConnectionSettings settings, Throwable cause, String expected) {
        NodeException e = HomeAssistantErrors.forTransport("Get configuration", settings, cause);
        assertThat(e).isInstanceOf(NodeApiException.class);
        assertThat(e.getMessage()).startsWith("Get configuration failed: ").contains(expected);
        assertThat(((NodeApiException) e).httpStatus()).isEmpty();
        assertThat(((NodeApiException) e).isTransient()).isTrue();
    }
}
