package io.hearth.uischema;

import static io.hearth.uischema.JsonAssertions.assertJson;
import static io.hearth.uischema.JsonAssertions.at;
import static io.hearth.uischema.JsonAssertions.object;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class CredentialSchemasTest {

    private final Map<String, Object> schema = NodeSchemas.forCredential(TestDescriptions.homeAssistantApi());

    @Test
    void marksSecretCredentialFieldsWriteOnly() {
        assertJson(at(schema, "properties/accessToken"), """
                {"title": "Access Token", "type": "string", "default": "", "writeOnly": true,
                 "x-ui": {"widget": "password", "order": 3, "hint": "Profile → Security → Long-lived access tokens",
                          "secret": true, "required": true}}""");
        assertThat(object(schema, "properties/host")).doesNotContainKey("writeOnly");
    }

    @Test
    void describesCredentialFieldsLikeNodeParameters() {
        assertThat(schema)
                .containsEntry("$schema", NodeSchemas.DRAFT)
                .containsEntry("type", "object")
                .containsEntry("title", "Home Assistant API");
        assertJson(schema.get("required"), "[\"host\", \"accessToken\"]");
        assertJson(at(schema, "properties/port"), """
                {"title": "Port", "type": "number", "minimum": 1, "maximum": 65535, "default": 8123,
                 "x-ui": {"widget": "number", "order": 1}}""");
        assertThat(object(schema, "properties/ssl"))
                .containsEntry("type", "boolean")
                .doesNotContainKey("anyOf");
        assertJson(at(schema, "properties/caCertificate/x-ui"), """
                {"widget": "textarea", "order": 4, "rows": 5, "required": true,
                 "displayOptions": {"show": {"ssl": [true]}}}""");
    }

    @Test
    void exportsCredentialMetadata() {
        assertJson(schema.get("x-credential"), """
                {"name": "homeAssistantApi", "displayName": "Home Assistant API", "icon": "file:homeAssistant.svg",
                 "documentationUrl": "https://hearth.example/docs/credentials/home-assistant"}""");
    }

    @Test
    void keepsSecretsReadableInNodeSchemas() {
        var node = io.hearth.node.description.NodeDescription.builder("hearth.http")
                .parameter(io.hearth.node.description.Parameter.secret("apiKey"))
                .build();
        Map<String, Object> apiKey = object(NodeSchemas.forNode(node), "properties/apiKey");
        assertThat(apiKey).doesNotContainKey("writeOnly");
        assertThat(at(apiKey, "x-ui/secret")).isEqualTo(true);
    }
}
