package io.hearth.nodes.homeassistant.credential;

import static org.assertj.core.api.Assertions.assertThat;

import io.hearth.node.credential.CredentialData;
import io.hearth.node.credential.CredentialTestResult;
import io.hearth.node.credential.FieldError;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HomeAssistantApiCredentialTypeTest {

    private final HomeAssistantApiCredentialType type = new HomeAssistantApiCredentialType();

    private static CredentialData data(Object host, Object port, Object ssl) {
        Map<String, Object> v = new HashMap<>();
        v.put("host", host);
        if (port != null) {
            v.put("port", port);
        }
        if (ssl != null) {
            v.put("ssl", ssl);
        }
        v.put("accessToken", "secret-token");
        return new CredentialData("homeAssistantApi", v, Set.of("accessToken"));
    }

    @ParameterizedTest(name = "{0} (port {1}, ssl {2}) -> {3}:{4} ssl={5}")
    @CsvSource(
            nullValues = "null",
            value = {
                "https://ha.local:8443/,     null, null,  ha.local,       8443, true",
                "https://ha.local:8443/,     8123, false, ha.local,       8443, true",
                "http://x,                   null, true,  x,              8123, false",
                "http://x:9000,              null, null,  x,              9000, false",
                "https://x,                  null, null,  x,              443,  true",
                "HTTPS://Ha.Example.org///,  null, null,  Ha.Example.org, 443,  true",
                "'  homeassistant.local  ',  8123, false, homeassistant.local, 8123, false",
                "homeassistant.local/,       null, null,  homeassistant.local, 8123, false",
                "ha.local:8124,              null, null,  ha.local,       8124, false",
                "192.168.1.5,                '8123', 'true', 192.168.1.5, 8123, true",
                "https://[fd00::1]:8443,     null, null,  fd00::1,        8443, true",
            })
    void normalizesHostPortAndSsl(
            String host, Object port, Object ssl, String expectedHost, int expectedPort, boolean expectedSsl) {
        CredentialData n = type.normalize(data(host, port == null ? null : Integer.valueOf(port.toString()), ssl));
        assertThat(n.values())
                .containsEntry("host", expectedHost)
                .containsEntry("port", expectedPort)
                .containsEntry("ssl", expectedSsl);
        assertThat(type.validate(n)).isEmpty();
    }

    @Test
    void normalizeTrimsTokenAndKeepsOtherFields() {
        CredentialData n = type.normalize(
                data("ha.local", 8123, false).with("accessToken", "  tok \n").with("allowUnauthorizedCerts", true));
        assertThat(n.secret("accessToken").reveal()).isEqualTo("tok");
        assertThat(n.bool("allowUnauthorizedCerts")).isTrue();
        assertThat(n.secretFields()).containsExactly("accessToken");
    }

    @ParameterizedTest
    @CsvSource(
            nullValues = "null",
            value = {
                "'',                 host",
                "'   ',              host",
                "null,               host",
                "ha.local/foo,       host",
                "https://ha.local/foo, host",
                "ha local,           host",
                "ha_local!,          host",
                "user@ha.local,      host",
                "999.1.1.1,          host",
                "http://,            host",
            })
    void rejectsBadHosts(String host, String field) {
        List<FieldError> errors = type.validate(type.normalize(data(host, 8123, false)));
        assertThat(errors).extracting(FieldError::field).containsExactly(field);
    }

    @ParameterizedTest
    @CsvSource({"0", "65536", "-1", "abc", "80.5"})
    void rejectsBadPorts(String port) {
        Map<String, Object> v = new HashMap<>(data("ha.local", null, false).values());
        v.put(
                "port",
                port.matches("-?\\d+") ? (Object) Integer.valueOf(port) : port.equals("80.5") ? (Object) 80.5 : port);
        CredentialData d = new CredentialData("homeAssistantApi", v, Set.of("accessToken"));
        assertThat(type.validate(type.normalize(d)))
                .extracting(FieldError::field)
                .containsExactly("port");
    }

    @Test
    void requiresTokenAndReadableCa() {
        CredentialData noToken = data("ha.local", 8123, false).with("accessToken", "");
        assertThat(type.validate(noToken)).extracting(FieldError::field).containsExactly("accessToken");
        CredentialData badCa = data("ha.local", 8123, true).with("caCertificate", "not a certificate");
        assertThat(type.validate(badCa)).extracting(FieldError::field).containsExactly("caCertificate");
        // ignored while SSL is off (the field is hidden then)
        assertThat(type.validate(data("ha.local", 8123, false).with("caCertificate", "x")))
                .isEmpty();
    }

    @Test
    void testReportsInvalidFieldsWithoutConnecting() throws Exception {
        CredentialTestResult result = type.test(data("ha.local/foo", 8123, false))
                .toCompletableFuture()
                .get(5, TimeUnit.SECONDS);
        assertThat(result.isOk()).isFalse();
        assertThat(result.message()).contains("Host").contains("path");
    }

    @Test
    void testMessagesSayWhatWentWrong() {
        io.hearth.nodes.homeassistant.client.HaRequest probe =
                io.hearth.nodes.homeassistant.client.HaRequest.get("Connect to Home Assistant", "/api/");
        assertThat(HomeAssistantApiCredentialType.testMessage(
                        io.hearth.nodes.homeassistant.client.HomeAssistantErrors.forStatus(
                                probe, 401, "401: Unauthorized")))
                .startsWith("Access token rejected (401)");
        assertThat(HomeAssistantApiCredentialType.testMessage(
                        io.hearth.nodes.homeassistant.client.HomeAssistantErrors.forStatus(
                                probe, 403, "403: Forbidden")))
                .startsWith("Not allowed (403)");
        var settings =
                io.hearth.nodes.homeassistant.client.HaConnectionSettings.fromCredential(data("ha.local", 8123, false));
        assertThat(HomeAssistantApiCredentialType.testMessage(
                        io.hearth.nodes.homeassistant.client.HomeAssistantErrors.forTransport(
                                "Connect to Home Assistant", settings, new java.net.ConnectException("refused"))))
                .startsWith("Connection refused by ha.local:8123")
                .contains("Is Home Assistant running");
        assertThat(HomeAssistantApiCredentialType.testMessage(
                        io.hearth.nodes.homeassistant.client.HomeAssistantErrors.forTransport(
                                "Connect to Home Assistant", settings, new java.util.concurrent.TimeoutException())))
                .startsWith("Home Assistant at ha.local:8123 did not answer in time");
    }
}
