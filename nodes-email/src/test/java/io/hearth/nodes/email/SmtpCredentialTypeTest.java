package io.hearth.nodes.email;

import static org.assertj.core.api.Assertions.assertThat;

import io.hearth.node.credential.CredentialData;
import io.hearth.node.credential.FieldError;
import io.hearth.node.description.Parameter;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SmtpCredentialTypeTest {

    private final SmtpCredentialType type = new SmtpCredentialType();

    private static CredentialData data(Map<String, Object> values) {
        return new CredentialData(SmtpCredentialType.NAME, values, Set.of("password"));
    }

    @Test
    void hasN8nsFieldsWithTheirDefaultsAndThePasswordAsTheOnlySecret() {
        var d = type.description();
        assertThat(d.fields().stream().map(Parameter::name))
                .containsExactly("user", "password", "host", "port", "secure", "disableStartTls", "hostName");
        assertThat(d.field("port").orElseThrow().defaultValue()).isEqualTo(465);
        assertThat(d.field("secure").orElseThrow().defaultValue()).isEqualTo(true);
        assertThat(d.secretFieldNames()).containsExactly("password");
    }

    @Test
    void namesEachBadFieldAsTheFormShowsIt() {
        assertThat(type.validate(data(Map.of("host", "smtp://mail.example.com/x", "port", 70000, "hostName", "a b"))))
                .extracting(FieldError::field)
                .containsExactly("host", "port", "hostName");
        assertThat(type.validate(data(Map.of("port", 25)))).containsExactly(new FieldError("host", "Host is required"));
        assertThat(type.validate(data(Map.of("host", "mail.example.com", "port", "587"))))
                .isEmpty();
    }

    @Test
    void trimsHostAndClientHostName() {
        CredentialData d = type.normalize(data(Map.of("host", "  mail.example.com ", "hostName", " me.local ")));
        assertThat(d.string("host")).isEqualTo("mail.example.com");
        assertThat(d.string("hostName")).isEqualTo("me.local");
    }

    @Test
    void sessionPropertiesFollowNodemailersMeaningOfTheFields() {
        SmtpSettings plain = SmtpSettings.from(
                data(Map.of("host", "h", "port", 587, "secure", false)), false, SmtpSettings.DEFAULT_TIMEOUT);
        assertThat(plain.properties())
                .containsEntry("mail.smtp.ssl.enable", "false")
                .containsEntry("mail.smtp.starttls.enable", "true")
                .containsEntry("mail.smtp.auth", "false")
                .containsEntry("mail.smtp.ssl.checkserveridentity", "true");
        SmtpSettings secure =
                SmtpSettings.from(data(Map.of("host", "h", "user", "u")), true, SmtpSettings.DEFAULT_TIMEOUT);
        assertThat(secure.port()).isEqualTo(465);
        assertThat(secure.properties())
                .containsEntry("mail.smtp.ssl.enable", "true")
                .containsEntry("mail.smtp.starttls.enable", "false")
                .containsEntry("mail.smtp.auth", "true")
                .containsEntry("mail.smtp.ssl.trust", "*");
    }
}
