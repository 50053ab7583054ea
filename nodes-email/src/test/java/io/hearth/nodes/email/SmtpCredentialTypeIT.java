package io.hearth.nodes.email;

import static org.assertj.core.api.Assertions.assertThat;

import io.hearth.node.credential.CredentialData;
import io.hearth.node.credential.CredentialTestResult;
import io.hearth.testsupport.RealSmtpServer;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The SMTP credential's Test button against a real SMTP server. */
class SmtpCredentialTypeIT {

    private static RealSmtpServer smtp;
    private final SmtpCredentialType type = new SmtpCredentialType();

    @BeforeAll
    static void server() {
        smtp = RealSmtpServer.shared();
    }

    private CredentialTestResult test(Map<String, Object> values) {
        return type.test(new CredentialData(SmtpCredentialType.NAME, values, Set.of("password")))
                .toCompletableFuture()
                .join();
    }

    private static Map<String, Object> plain() {
        return new LinkedHashMap<>(EmailRuns.plainCredential(smtp));
    }

    @Test
    void connectsAndSignsIn() {
        CredentialTestResult r = test(plain());
        assertThat(r.isOk()).as(r.message()).isTrue();
        assertThat(r.message()).isEqualTo("Connected to 127.0.0.1:" + smtp.port() + " (no TLS), signed in as hearth");
    }

    @Test
    void reportsAWrongPasswordWithTheServersReply() {
        CredentialTestResult r = test(EmailRuns.with(plain(), "password", "wrong-password"));
        assertThat(r.status()).isEqualTo(CredentialTestResult.Status.FAILED);
        assertThat(r.message())
                .startsWith("Authentication failed: 127.0.0.1:" + smtp.port() + " answered 535 5.7.8")
                .doesNotContain("wrong-password");
    }

    @Test
    void reportsConnectionRefused() {
        int closed = SendEmailNodeIT.freePort();
        CredentialTestResult r = test(EmailRuns.with(plain(), "port", closed));
        assertThat(r.message()).startsWith("Connection refused by 127.0.0.1:" + closed);
    }

    @Test
    void reportsTheTlsHandshakeFailureOfAnUntrustedCertificate() {
        Map<String, Object> tls = EmailRuns.with(EmailRuns.with(plain(), "secure", true), "port", smtp.tlsPort());
        CredentialTestResult r = test(tls);
        assertThat(r.message())
                .startsWith("TLS handshake failed with 127.0.0.1:" + smtp.tlsPort())
                .contains("certificate is not trusted");
    }

    @Test
    void refusesAUrlAsHostBeforeConnecting() {
        CredentialTestResult r = test(EmailRuns.with(plain(), "host", "smtp://mail.example.com"));
        assertThat(r.message()).contains("Host must be a host name or address only");
    }
}
