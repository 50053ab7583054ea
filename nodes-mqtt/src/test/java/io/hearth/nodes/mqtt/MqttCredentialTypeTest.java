package io.hearth.nodes.mqtt;

import static org.assertj.core.api.Assertions.assertThat;

import io.hearth.node.credential.CredentialData;
import io.hearth.node.credential.FieldError;
import io.hearth.node.description.Parameter;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class MqttCredentialTypeTest {

    private final MqttCredentialType type = new MqttCredentialType();

    private static CredentialData data(Map<String, Object> values) {
        return new CredentialData(MqttCredentialType.NAME, values, Set.of("password", "ca", "cert", "key"));
    }

    @Test
    void hasN8nsFieldsWithTheSecretsN8nMasks() {
        assertThat(type.description().fields().stream().map(Parameter::name))
                .containsExactly(
                        "protocol",
                        "host",
                        "port",
                        "username",
                        "password",
                        "clean",
                        "clientId",
                        "ssl",
                        "passwordless",
                        "ca",
                        "rejectUnauthorized",
                        "cert",
                        "key");
        assertThat(type.description().secretFieldNames()).containsExactly("password", "ca", "cert", "key");
        assertThat(type.description().field("port").orElseThrow().defaultValue())
                .isEqualTo(1883);
    }

    @Test
    void aPastedUrlBecomesProtocolHostAndPort() {
        CredentialData d = type.normalize(data(Map.of("host", " mqtts://broker.local:8884 ")));
        assertThat(d.string("protocol")).isEqualTo("mqtts");
        assertThat(d.string("host")).isEqualTo("broker.local");
        assertThat(d.integer("port")).contains(8884L);
    }

    @Test
    void namesEachProblemOnItsField() {
        assertThat(type.validate(data(Map.of("host", "", "port", 0, "clean", false, "protocol", "mqtt", "ssl", true))))
                .extracting(FieldError::field)
                .containsExactly("host", "port", "clientId", "ssl");
        assertThat(type.validate(data(Map.of("host", "b", "protocol", "mqtts", "ssl", true, "ca", "nonsense"))))
                .containsExactly(
                        new FieldError(
                                "ca",
                                "CA Certificates: no PEM block found (paste it with its -----BEGIN ...----- and -----END ...----- lines)"));
        assertThat(type.validate(data(Map.of("host", "broker", "protocol", "ws"))))
                .isEmpty();
    }

    @Test
    void serverUrisForPaho() {
        assertThat(MqttSettings.from(data(Map.of("host", "b", "protocol", "mqtts", "port", 8883)))
                        .serverUri())
                .isEqualTo("ssl://b:8883");
        assertThat(MqttSettings.from(data(Map.of("host", "b", "protocol", "wss", "port", 443)))
                        .serverUri())
                .isEqualTo("wss://b:443/mqtt");
        assertThat(MqttSettings.from(data(Map.of("host", "::1"))).serverUri()).isEqualTo("tcp://[::1]:1883");
    }

    @Test
    void equalSettingsShareOneConnectionKeyAndAnyChangeMakesAnother() {
        var a = MqttSettings.from(data(Map.of("host", "b", "password", "one")));
        var b = MqttSettings.from(data(Map.of("host", "b", "password", "one")));
        var c = MqttSettings.from(data(Map.of("host", "b", "password", "two")));
        assertThat(a.fingerprint())
                .isEqualTo(b.fingerprint())
                .isNotEqualTo(c.fingerprint())
                .doesNotContain("one");
    }
}
