package io.hearth.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;

class NodeTypeApiTest extends ApiTestSupport {

    @Test
    void listsNodeTypesWithTheirSchemas() {
        api.get()
                .uri("/api/v1/node-types")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$[?(@.name == 'hearth.webhook')].group")
                .isEqualTo("trigger")
                .jsonPath("$[?(@.name == 'hearth.homeAssistant')].aliases[0]")
                .isEqualTo("n8n-nodes-base.homeAssistant")
                .jsonPath("$[?(@.name == 'hearth.if')].outputs[1]")
                .isEqualTo(java.util.List.of("false"))
                .jsonPath("$[?(@.name == 'hearth.set')].schema.properties.mode.enum[1]")
                .isEqualTo(java.util.List.of("raw"));
    }

    @Test
    void findsANodeTypeByItsN8nAlias() {
        api.get()
                .uri("/api/v1/node-types/n8n-nodes-base.webhook")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.name")
                .isEqualTo("hearth.webhook")
                .jsonPath("$.schema.properties.responseCode.x-ui.displayOptions.hide.responseMode[0]")
                .isEqualTo("responseNode");
        api.get()
                .uri("/api/v1/node-types/no.such.type")
                .exchange()
                .expectStatus()
                .isNotFound();
    }

    @Test
    void servesFileIcons() {
        api.get()
                .uri("/api/v1/node-types/hearth.homeAssistant/icon")
                .exchange()
                .expectStatus()
                .isOk()
                .expectHeader()
                .contentType("image/svg+xml");
        api.get()
                .uri("/api/v1/node-types/hearth.if/icon")
                .exchange()
                .expectStatus()
                .isNotFound();
    }

    @Test
    void migratesAnOlderNodesParametersToTheFormHearthReads() {
        api.post()
                .uri("/api/v1/node-types/n8n-nodes-base.if/migrate")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of(
                        "typeVersion",
                        1,
                        "parameters",
                        Map.of(
                                "conditions",
                                Map.of("number", List.of(Map.of("value1", "={{ $json.n }}", "value2", 5))))))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.typeVersion")
                .isEqualTo(2.1)
                .jsonPath("$.parameters.conditions.conditions[0].leftValue")
                .isEqualTo("={{ $json.n }}")
                .jsonPath("$.parameters.conditions.conditions[0].operator.operation")
                .isEqualTo("lt")
                .jsonPath("$.steps[0]")
                .value(s -> assertThat((String) s).contains("one filter"))
                .jsonPath("$.editable")
                .isEqualTo(false);
        api.post()
                .uri("/api/v1/node-types/n8n-nodes-base.if/migrate")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(
                        Map.of("typeVersion", 2, "parameters", Map.of("options", Map.of("looseTypeValidation", true))))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.typeVersion")
                .isEqualTo(2.1)
                .jsonPath("$.parameters.looseTypeValidation")
                .isEqualTo(true)
                .jsonPath("$.editable")
                .isEqualTo(true);
        // Edit Fields 1's values are read by the node itself; no form shows them, so it is not edited in one
        Map<String, Object> setV1 = Map.of("values", Map.of("string", List.of(Map.of("name", "a", "value", "x"))));
        api.post()
                .uri("/api/v1/node-types/n8n-nodes-base.set/migrate")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("typeVersion", 1, "parameters", setV1))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.parameters.values.string[0].name")
                .isEqualTo("a")
                .jsonPath("$.unshown[0]")
                .isEqualTo("values")
                .jsonPath("$.editable")
                .isEqualTo(false);
        // Respond to Webhook 1.3: the step adds only a switch 1.3's form hides, so the node opens as it is
        api.post()
                .uri("/api/v1/node-types/n8n-nodes-base.respondToWebhook/migrate")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("typeVersion", 1.3, "parameters", Map.of("respondWith", "noData")))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.typeVersion")
                .isEqualTo(1.3)
                .jsonPath("$.steps")
                .isEmpty();
        api.post()
                .uri("/api/v1/node-types/n8n-nodes-base.if/migrate")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("parameters", Map.of()))
                .exchange()
                .expectStatus()
                .isBadRequest();
    }

    @Test
    void loadOptionsNeedsAKnownMethod() {
        api.post()
                .uri("/api/v1/node-types/hearth.homeAssistant/load-options")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("method", "noSuchMethod"))
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.detail")
                .value(d -> assertThat((String) d).contains("no load-options method 'noSuchMethod'"));
    }

    @Test
    void loadOptionsWithoutACredentialSaysWhatIsMissing() {
        api.post()
                .uri("/api/v1/node-types/hearth.homeAssistant/load-options")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("method", "getDomains", "parameters", Map.of()))
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.detail")
                .value(d -> assertThat((String) d).startsWith("Loading options failed"));
    }

    @Test
    void listsCredentialTypesWithWriteOnlySecrets() {
        api.get()
                .uri("/api/v1/credential-types")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$[?(@.name == 'homeAssistantApi')].schema.properties.accessToken.writeOnly")
                .isEqualTo(java.util.List.of(true))
                .jsonPath("$[?(@.name == 'homeAssistantApi')].schema.properties.port.default")
                .isEqualTo(java.util.List.of(8123));
    }

    @Test
    void httpRequestsCredentialTypeChoiceIsTheInstalledTypesThatSignRequests() {
        // HTTP Request → Predefined Credential Type → Credential Type: the editor lists the credential types whose
        // entry says signsRequests, except the generic ones the node offers under Generic Auth Type
        api.get()
                .uri("/api/v1/node-types/n8n-nodes-base.httpRequest")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.schema.properties.nodeCredentialType.x-ui.widget")
                .isEqualTo("credentialType")
                .jsonPath("$.schema.properties.nodeCredentialType.x-ui.credentialTypes.signsRequests")
                .isEqualTo(true)
                .jsonPath("$.schema.properties.nodeCredentialType.x-ui.credentialTypes.excluded")
                .isEqualTo(java.util.List.of(
                        "httpBasicAuth",
                        "httpDigestAuth",
                        "httpHeaderAuth",
                        "httpQueryAuth",
                        "httpBearerAuth",
                        "oAuth2Api"))
                .jsonPath("$.schema.properties.nodeCredentialType.x-ui.displayOptions.show.authentication[0]")
                .isEqualTo("predefinedCredentialType");
        api.get()
                .uri("/api/v1/credential-types")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$[?(@.name == 'homeAssistantApi')].signsRequests")
                .isEqualTo(java.util.List.of(true))
                .jsonPath("$[?(@.name == 'httpBearerAuth')].signsRequests")
                .isEqualTo(java.util.List.of(true))
                .jsonPath("$[?(@.name == 'smtp')].signsRequests")
                .isEqualTo(java.util.List.of(false))
                .jsonPath("$[?(@.name == 'oAuth2Api')].signsRequests")
                .isEqualTo(java.util.List.of(false));
    }

    @Test
    void sendEmailAndItsSmtpCredentialAnswerToN8nsNames() {
        api.get()
                .uri("/api/v1/node-types/n8n-nodes-base.emailSend")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.name")
                .isEqualTo("hearth.emailSend")
                .jsonPath("$.versions")
                .isEqualTo(java.util.List.of(1.0, 2.0, 2.1));
        api.get()
                .uri("/api/v1/credential-types")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$[?(@.name == 'smtp')].schema.properties.password.writeOnly")
                .isEqualTo(java.util.List.of(true))
                .jsonPath("$[?(@.name == 'smtp')].schema.properties.port.default")
                .isEqualTo(java.util.List.of(465));
    }

    @Test
    void mqttNodeTriggerAndCredentialAnswerToN8nsNames() {
        api.get()
                .uri("/api/v1/node-types/n8n-nodes-base.mqttTrigger")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.name")
                .isEqualTo("hearth.mqttTrigger")
                .jsonPath("$.group")
                .isEqualTo("trigger");
        api.get()
                .uri("/api/v1/node-types/n8n-nodes-base.mqtt")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.name")
                .isEqualTo("hearth.mqtt");
        api.get()
                .uri("/api/v1/credential-types")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$[?(@.name == 'mqtt')].schema.properties.key.writeOnly")
                .isEqualTo(java.util.List.of(true))
                .jsonPath("$[?(@.name == 'mqtt')].schema.properties.port.default")
                .isEqualTo(java.util.List.of(1883));
    }

    @Test
    void reportsNoPluginFailures() {
        api.get()
                .uri("/api/v1/plugins")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.failures.length()")
                .isEqualTo(0);
    }

    @Test
    void openApiDocumentIsServed() {
        anonymous
                .get()
                .uri("/v3/api-docs")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.paths['/api/v1/workflows']")
                .exists()
                .jsonPath("$.paths['/api/v1/executions/{id}/retry']")
                .exists()
                .jsonPath("$.info.title")
                .isEqualTo("Hearth API")
                .jsonPath("$.components.securitySchemes.apiKey.name")
                .isEqualTo("X-Hearth-Api-Key");
    }

    @Test
    void healthIsPublicAndMetricsAreNot() {
        anonymous
                .get()
                .uri("/actuator/health")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.status")
                .isEqualTo("UP");
        anonymous
                .get()
                .uri("/actuator/health/readiness")
                .exchange()
                .expectStatus()
                .isOk();
        anonymous.get().uri("/actuator/metrics").exchange().expectStatus().isUnauthorized();
        api.get()
                .uri("/actuator/metrics/hearth.executions")
                .exchange()
                .expectStatus()
                .value(s -> assertThat(s).isIn(200, 404));
    }

    @Test
    void settingsTellWhereWebhooksLive() {
        api.get()
                .uri("/api/v1/settings")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.webhookUrl")
                .isEqualTo(baseUrl() + "/webhook/")
                .jsonPath("$.database")
                .isEqualTo("SQLite");
    }
}
