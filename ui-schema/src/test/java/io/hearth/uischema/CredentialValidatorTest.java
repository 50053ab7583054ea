package io.hearth.uischema;

import static org.assertj.core.api.Assertions.assertThat;

import io.hearth.common.Json;
import io.hearth.node.credential.CredentialDescription;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CredentialValidatorTest {

    private final CredentialValidator validator = new CredentialValidator();
    private final CredentialDescription homeAssistantApi = TestDescriptions.homeAssistantApi();

    @SuppressWarnings("unchecked")
    private List<String> problems(String dataJson, boolean secretsMayBeOmitted) {
        return validator
                .validate(homeAssistantApi, (Map<String, Object>) Json.parse(dataJson), secretsMayBeOmitted)
                .stream()
                .map(Violation::toString)
                .toList();
    }

    @Test
    void requiresHostAndSecretOnCreation() {
        assertThat(problems("{}", false)).containsExactly("data.host: is required", "data.accessToken: is required");
        assertThat(problems("{\"host\": \"ha.local\", \"accessToken\": \"abc\"}", false))
                .isEmpty();
    }

    @Test
    void acceptsOmittedSecretsWhenUpdating() {
        assertThat(problems("{\"host\": \"ha.local\"}", true)).isEmpty();
        assertThat(problems("{\"host\": \"ha.local\", \"accessToken\": null}", true))
                .isEmpty();
    }

    @Test
    void stillRequiresBlankSecretsAndOtherFieldsWhenUpdating() {
        assertThat(problems("{\"host\": \"\", \"accessToken\": \"\"}", true))
                .containsExactly("data.host: is required", "data.accessToken: is required");
    }

    @Test
    void checksFieldTypesAndRanges() {
        assertThat(problems(
                        "{\"host\": \"ha.local\", \"accessToken\": \"abc\", \"port\": 70000, \"ssl\": \"maybe\"}",
                        false))
                .containsExactly("data.port: must be at most 65535", "data.ssl: must be true or false");
        assertThat(problems("{\"host\": \"ha.local\", \"accessToken\": \"abc\", \"port\": \"8443\"}", false))
                .isEmpty();
    }

    @Test
    void requiresConditionalFieldsOnlyWhenShown() {
        assertThat(problems("{\"host\": \"ha.local\", \"accessToken\": \"abc\", \"ssl\": true}", false))
                .containsExactly("data.caCertificate: is required");
        assertThat(problems(
                        "{\"host\": \"ha.local\", \"accessToken\": \"abc\", \"ssl\": false, \"caCertificate\": \"\"}",
                        false))
                .isEmpty();
    }

    @Test
    void treatsValuesStartingWithEqualsAsLiteralText() {
        assertThat(problems("{\"host\": \"ha.local\", \"accessToken\": \"=s3cret\"}", false))
                .isEmpty();
        assertThat(problems("{\"host\": \"ha.local\", \"accessToken\": \"abc\", \"port\": \"={{ 8123 }}\"}", false))
                .containsExactly("data.port: must be a number");
    }
}
