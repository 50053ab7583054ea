package io.hearth.nodes.homeassistant;

import static io.hearth.nodes.homeassistant.HaTestSupport.credential;
import static org.assertj.core.api.Assertions.assertThat;

import io.hearth.node.credential.CredentialData;
import io.hearth.node.credential.CredentialTestResult;
import io.hearth.nodes.homeassistant.client.HomeAssistantClients;
import io.hearth.nodes.homeassistant.credential.HomeAssistantApiCredentialType;
import io.hearth.testsupport.RealHomeAssistant;
import io.hearth.testsupport.RealHomeAssistantExtension;
import io.hearth.testsupport.RealHomeAssistantExtension.Tls;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The credential test against real Home Assistants (plain HTTP and https with a self-signed certificate). */
@Tag("home-assistant")
@ExtendWith(RealHomeAssistantExtension.class)
class HomeAssistantApiCredentialIT {

    private final HomeAssistantApiCredentialType type = new HomeAssistantApiCredentialType();

    private CredentialTestResult test(CredentialData data) throws Throwable {
        return HaTestSupport.await(type.test(type.normalize(data)));
    }

    private static CredentialData with(CredentialData base, String field, Object value) {
        return base.with(field, value);
    }

    @Test
    void goodTokenConnects(RealHomeAssistant ha) throws Throwable {
        CredentialTestResult result = test(credential(ha));
        assertThat(result.isOk()).as(result.message()).isTrue();
        assertThat(result.message()).contains("Connected to Home Assistant");
    }

    @Test
    void pastedUrlWorks(RealHomeAssistant ha) throws Throwable {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("host", "  " + ha.url() + "/  ");
        values.put("accessToken", ha.token());
        CredentialTestResult result = test(HaTestSupport.credential(values));
        assertThat(result.isOk()).as(result.message()).isTrue();
    }

    @Test
    void badTokenIsRejected(RealHomeAssistant ha) throws Throwable {
        String bad = "bad-token-value-1234567890";
        CredentialTestResult result = test(credential(ha, bad));
        assertThat(result.isOk()).isFalse();
        assertThat(result.message())
                .containsIgnoringCase("access token rejected")
                .doesNotContain(bad);
    }

    @Test
    void closedPortIsConnectionRefused(RealHomeAssistant ha) throws Throwable {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        CredentialTestResult result = test(with(credential(ha), "port", port));
        assertThat(result.isOk()).isFalse();
        assertThat(result.message()).containsIgnoringCase("connection refused").contains("127.0.0.1:" + port);
    }

    @Test
    void sslAgainstPlainHttpPortIsATlsError(RealHomeAssistant ha) throws Throwable {
        CredentialTestResult result = test(with(credential(ha), "ssl", true));
        assertThat(result.isOk()).isFalse();
        assertThat(result.message()).containsIgnoringCase("TLS").containsIgnoringCase("SSL");
    }

    @Test
    void serverThatNeverAnswersTimesOut(RealHomeAssistant ha) throws Throwable {
        // a local socket that accepts connections and says nothing
        List<Socket> accepted = new java.util.concurrent.CopyOnWriteArrayList<>();
        try (ServerSocket silent = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            Thread.ofVirtual().start(() -> {
                try {
                    while (!silent.isClosed()) {
                        accepted.add(silent.accept());
                    }
                } catch (IOException ignored) {
                    // closed
                }
            });
            CredentialTestResult result = test(with(credential(ha), "port", silent.getLocalPort()));
            assertThat(result.isOk()).isFalse();
            assertThat(result.message()).containsIgnoringCase("did not answer in time");
        } finally {
            for (Socket s : accepted) {
                s.close();
            }
        }
    }

    @Test
    void unknownHostHasItsOwnMessage(RealHomeAssistant ha) throws Throwable {
        CredentialTestResult result = test(with(credential(ha), "host", "hearth-no-such-host.invalid"));
        assertThat(result.isOk()).isFalse();
        assertThat(result.message()).containsIgnoringCase("unknown host 'hearth-no-such-host.invalid'");
    }

    // ------------------------------------------------------------------ self-signed https

    @Test
    void selfSignedHttpsFailsWithoutCa(@Tls RealHomeAssistant tls) throws Throwable {
        CredentialTestResult result = test(credential(tls));
        assertThat(result.isOk()).isFalse();
        assertThat(result.message()).contains("not trusted").contains("CA Certificate");
    }

    @Test
    void selfSignedHttpsWorksWithCaCertificate(@Tls RealHomeAssistant tls) throws Throwable {
        CredentialData data =
                with(credential(tls), "caCertificate", tls.caCertificatePem().orElseThrow());
        CredentialTestResult result = test(data);
        assertThat(result.isOk()).as(result.message()).isTrue();

        // and the node works through it
        try (HomeAssistantClients clients = new HomeAssistantClients()) {
            HaNodeRun node = HaNodeRun.of(new HomeAssistantNode(clients), data.values());
            assertThat(node.items(Map.of(
                                    "resource", "state", "operation", "get", "entityId", "input_boolean.hearth_flag"))
                            .getFirst()
                            .json())
                    .containsEntry("entity_id", "input_boolean.hearth_flag");
            List<io.hearth.node.description.Option> areas = HaTestSupport.await(new HomeAssistantNode(clients)
                    .loadOptionsMethods()
                    .get("getAreas")
                    .load(TestLoadOptionsContext.of(data, Map.of())));
            assertThat(areas).isNotEmpty();
        }
    }

    @Test
    void selfSignedHttpsWorksWhenIgnoringSslIssues(@Tls RealHomeAssistant tls) throws Throwable {
        CredentialTestResult result = test(with(credential(tls), "allowUnauthorizedCerts", true));
        assertThat(result.isOk()).as(result.message()).isTrue();
    }

    @Test
    void plainHttpAgainstHttpsPortSaysTurnSslOn(@Tls RealHomeAssistant tls) throws Throwable {
        CredentialTestResult result = test(with(credential(tls), "ssl", false));
        assertThat(result.isOk()).isFalse();
        assertThat(result.message()).containsIgnoringCase("SSL");
    }
}
