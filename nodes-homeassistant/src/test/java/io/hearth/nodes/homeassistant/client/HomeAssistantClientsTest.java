package io.hearth.nodes.homeassistant.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hearth.node.NodeApiException;
import io.hearth.node.credential.CredentialData;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class HomeAssistantClientsTest {

    private static CredentialData credential(String host, String token) {
        return new CredentialData(
                "homeAssistantApi",
                Map.of("host", host, "port", 8123, "ssl", false, "accessToken", token),
                Set.of("accessToken"));
    }

    @Test
    void oneClientPerCredentialValues() {
        try (HomeAssistantClients clients = new HomeAssistantClients(HomeAssistantClient.Options.DEFAULT, 2)) {
            HomeAssistantClient a = clients.forCredential(credential("ha.local", "t1"));
            assertThat(clients.forCredential(credential("ha.local", "t1"))).isSameAs(a);
            assertThat(clients.forCredential(credential("https://ha.local:8123", "t1")))
                    .isNotSameAs(a); // ssl differs
            HomeAssistantClient changedToken = clients.forCredential(credential("ha.local", "t2"));
            assertThat(changedToken).isNotSameAs(a);
            assertThat(clients.size()).isEqualTo(2); // bounded
            assertThat(a.toString()).doesNotContain("t1");
        }
    }

    @Test
    void aTokenWithALineBreakNeverBecomesAHeader() {
        // saving refuses it; a value stored before that rule must still not inject a header
        for (String token : new String[] {"abc\r\nX-Injected: 1", "abc\nX: 1", "abc\u0000"}) {
            assertThatThrownBy(() -> HomeAssistantClient.create(
                            HaConnectionSettings.fromCredential(credential("ha.local", token)),
                            HomeAssistantClient.Options.DEFAULT))
                    .isInstanceOf(NodeApiException.class)
                    .hasMessageContaining("line break")
                    .hasMessageNotContaining("X-Injected");
        }
    }

    @Test
    void fingerprintHidesTheToken() {
        HaConnectionSettings s = HaConnectionSettings.fromCredential(credential("ha.local", "my-token"));
        assertThat(s.fingerprint()).hasSize(64).doesNotContain("my-token");
        assertThat(s.baseUrl()).isEqualTo("http://ha.local:8123");
        assertThat(s.websocketUrl()).isEqualTo("ws://ha.local:8123/api/websocket");
        HaConnectionSettings v6 = HaConnectionSettings.fromCredential(credential("https://[fd00::1]:8443", "x"));
        assertThat(v6.baseUrl()).isEqualTo("https://[fd00::1]:8443");
        assertThat(v6.websocketUrl()).isEqualTo("wss://[fd00::1]:8443/api/websocket");
    }

    @Test
    void badCaCertificateIsReported() {
        assertThatThrownBy(() ->
                        HomeAssistantClient.parsePem("-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----"))
                .isInstanceOf(NodeApiException.class)
                .hasMessageContaining("CA certificate");
    }

    @Test
    void encodesPathSegmentsAndQueries() {
        assertThat(HaRequest.segment("light.kitchen")).isEqualTo("light.kitchen");
        assertThat(HaRequest.segment("../config")).isEqualTo("..%2Fconfig");
        assertThat(HaRequest.segment("..")).isEqualTo("%2E%2E");
        assertThat(HaRequest.segment("2024-03-01T00:00:00+00:00")).isEqualTo("2024-03-01T00:00:00%2B00:00");
        assertThat(HaRequest.get("x", "/api/x")
                        .withQuery("a", "b c&d")
                        .withQuery("flag", null)
                        .uri())
                .isEqualTo("/api/x?a=b%20c%26d&flag");
    }
}
