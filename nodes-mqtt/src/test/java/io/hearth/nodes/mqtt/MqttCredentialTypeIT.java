package io.hearth.nodes.mqtt;

import static io.hearth.nodes.mqtt.Brokers.plain;
import static io.hearth.nodes.mqtt.Brokers.tls;
import static io.hearth.nodes.mqtt.Brokers.with;
import static org.assertj.core.api.Assertions.assertThat;

import io.hearth.node.credential.CredentialTestResult;
import io.hearth.testsupport.RealMosquitto;
import io.hearth.testsupport.TestCertificates;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The MQTT credential's Test button against a real Mosquitto: each failure in its own words. */
class MqttCredentialTypeIT {

    private static RealMosquitto broker;
    private final MqttCredentialType type = new MqttCredentialType();

    @BeforeAll
    static void broker() {
        broker = RealMosquitto.shared();
    }

    private CredentialTestResult test(Map<String, Object> values) {
        return type.test(Brokers.credential(values)).toCompletableFuture().join();
    }

    @Test
    void connectsWithUserAndPassword() {
        CredentialTestResult r = test(plain(broker));
        assertThat(r.isOk()).as(r.message()).isTrue();
        assertThat(r.message()).isEqualTo("Connected to mqtt://127.0.0.1:" + broker.port() + " as hearth");
    }

    @Test
    void aWrongPasswordIsNotAuthorized() {
        CredentialTestResult r = test(with(plain(broker), "password", "wrong-password"));
        assertThat(r.status()).isEqualTo(CredentialTestResult.Status.FAILED);
        assertThat(r.message())
                .startsWith("Not authorized: the broker at mqtt://127.0.0.1:" + broker.port())
                .doesNotContain("wrong-password");
    }

    @Test
    void noBrokerOnThePortIsConnectionRefused() {
        int closed = freePort();
        assertThat(test(with(plain(broker), "port", closed)).message())
                .isEqualTo("Connection refused by mqtt://127.0.0.1:" + closed + ": no MQTT broker listens there");
    }

    @Test
    void anUntrustedCertificateFailsTheTlsHandshake() {
        Map<String, Object> noCa = with(plain(broker), "protocol", "mqtts", "port", broker.tlsPort());
        assertThat(test(noCa).message())
                .startsWith("TLS handshake failed with mqtts://127.0.0.1:" + broker.tlsPort())
                .contains("certificate is not trusted");
    }

    @Test
    void theBrokersCaMakesTlsWorkAndSoDoesNotRejectingUnauthorizedCertificates() {
        CredentialTestResult withCa = test(tls(broker));
        assertThat(withCa.isOk()).as(withCa.message()).isTrue();
        Map<String, Object> insecure = with(tls(broker), "ca", "", "rejectUnauthorized", false);
        CredentialTestResult r = test(insecure);
        assertThat(r.isOk()).as(r.message()).isTrue();
    }

    @Test
    void tlsOnAPlainPortSaysTheBrokerDoesNotSpeakTls() {
        assertThat(test(with(tls(broker), "port", broker.port())).message())
                .contains("TLS handshake failed")
                .contains("does not speak TLS on this port");
    }

    @Test
    void webSocketTransportConnects() {
        CredentialTestResult r = test(with(plain(broker), "protocol", "ws", "port", broker.wsPort()));
        assertThat(r.isOk()).as(r.message()).isTrue();
    }

    @Test
    void aClientCertificateSignsInWhereTheBrokerRequiresOne() {
        TestCertificates certs = broker.certificates();
        Map<String, Object> mtls = with(
                tls(broker),
                "port",
                broker.mtlsPort(),
                "username",
                "",
                "password",
                "",
                "cert",
                TestCertificates.pem(certs.clientCert()),
                "key",
                TestCertificates.pem(certs.clientKey()));
        CredentialTestResult r = test(mtls);
        assertThat(r.isOk()).as(r.message()).isTrue();
        assertThat(test(with(mtls, "cert", "", "key", "")).message()).startsWith("TLS handshake failed");
    }

    static int freePort() {
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            return s.getLocalPort();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
