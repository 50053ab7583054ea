package io.hearth.uischema;

import static io.hearth.uischema.JsonAssertions.assertJson;
import static io.hearth.uischema.JsonAssertions.at;
import static io.hearth.uischema.JsonAssertions.object;
import static org.assertj.core.api.Assertions.assertThat;

import io.hearth.common.Json;
import io.hearth.node.description.Condition;
import io.hearth.node.description.CredentialRequirement;
import io.hearth.node.description.DisplayOptions;
import io.hearth.node.description.NodeDescription;
import io.hearth.node.description.NodeGroup;
import io.hearth.node.description.Option;
import io.hearth.node.description.Parameter;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class NodeSchemasTest {

    private final Map<String, Object> schema = NodeSchemas.forNode(TestDescriptions.homeAssistant());

    @Test
    void describesParametersAsDraft2020ObjectSchema() {
        assertThat(schema)
                .containsEntry("$schema", "https://json-schema.org/draft/2020-12/schema")
                .containsEntry("title", "Home Assistant")
                .containsEntry("description", "Read and change your Home Assistant")
                .containsEntry("type", "object");
        assertThat(schema.keySet())
                .containsExactly("$schema", "title", "description", "type", "properties", "required", "x-node");
    }

    @Test
    void keepsDeclarationOrderInPropertiesAndUiOrder() {
        Map<String, Object> properties = object(schema, "properties");
        assertThat(properties.keySet())
                .containsExactly(
                        "versionNotice",
                        "resource",
                        "operation",
                        "entityId",
                        "returnAll",
                        "limit",
                        "domainFilter",
                        "entityIds",
                        "domain",
                        "service",
                        "target",
                        "serviceData",
                        "stateValue",
                        "stateAttributes",
                        "additionalFields",
                        "template",
                        "eventType",
                        "eventData",
                        "responseFormat",
                        "simplify");
        assertThat(at(schema, "properties/entityId/x-ui/order")).isEqualTo(4);
        assertThat(at(schema, "properties/simplify/x-ui/order")).isEqualTo(20);
    }

    @Test
    void listsOnlyAlwaysVisibleRequiredParametersAsRequired() {
        assertJson(schema.get("required"), "[\"resource\"]");
    }

    @Test
    void marksConditionallyRequiredParametersInUiHints() {
        assertThat(at(schema, "properties/entityId/x-ui/required")).isEqualTo(true);
        assertThat(at(schema, "properties/resource/x-ui/required")).isEqualTo(true);
        assertThat(object(schema, "properties/returnAll/x-ui")).doesNotContainKey("required");
    }

    @Test
    void describesAStringParameterWithItsUiHints() {
        assertJson(at(schema, "properties/entityId"), """
                {"title": "Entity ID", "description": "The entity to read", "type": "string", "default": "",
                 "x-ui": {"widget": "text", "order": 4, "placeholder": "light.kitchen", "required": true,
                          "displayOptions": {"show": {"resource": ["state"], "operation": ["get"]}}}}""");
    }

    @Test
    void exportsDisplayOptionsInN8nWireFormat() {
        assertJson(
                at(schema, "properties/limit/x-ui/displayOptions"),
                "{\"show\": {\"operation\": [\"getAll\"], \"returnAll\": [false]}}");
        assertJson(
                at(schema, "properties/responseFormat/x-ui/displayOptions"),
                "{\"show\": {\"@version\": [{\"_cnd\": {\"gte\": 2}}]}}");
        assertJson(
                at(schema, "properties/versionNotice/x-ui/displayOptions"),
                "{\"show\": {\"@version\": [{\"_cnd\": {\"lt\": 2}}]}}");
        assertJson(
                at(schema, "properties/simplify/x-ui/displayOptions"),
                "{\"hide\": {\"resource\": [\"template\", \"event\"]}}");
        assertJson(
                at(schema, "properties/additionalFields/properties/attributeNames/x-ui/displayOptions"),
                "{\"show\": {\"includeAttributes\": [true], \"/resource\": [\"state\"]}}");
        assertThat(object(schema, "properties/resource/x-ui")).doesNotContainKey("displayOptions");
    }

    @Test
    void acceptsExpressionsInNonStringTypesThroughAnyOf() {
        assertJson(at(schema, "properties/limit"), """
                {"title": "Limit", "description": "Max number of results to return",
                 "anyOf": [{"type": "number", "minimum": 1, "maximum": 100}, {"type": "string", "pattern": "^="}],
                 "default": 50,
                 "x-ui": {"widget": "number", "order": 6,
                          "displayOptions": {"show": {"operation": ["getAll"], "returnAll": [false]}}}}""");
        assertJson(at(schema, "properties/returnAll/anyOf/0"), "{\"type\": \"boolean\"}");
        assertJson(
                at(schema, "properties/responseFormat/anyOf/0"),
                "{\"type\": \"string\", \"enum\": [\"raw\", \"typed\"]}");
    }

    @Test
    void leavesPlainStringsUnwrappedSinceExpressionsAreStrings() {
        assertThat(object(schema, "properties/entityId"))
                .containsEntry("type", "string")
                .doesNotContainKey("anyOf");
        assertThat(object(schema, "properties/service"))
                .containsEntry("type", "string")
                .doesNotContainKey("anyOf");
    }

    @Test
    void refusesExpressionsWhereNoDataExpressionIsSet() {
        assertJson(at(schema, "properties/resource"), """
                {"title": "Resource", "type": "string", "enum": ["event", "service", "state", "template"], "default": "state",
                 "x-ui": {"widget": "select", "order": 1, "required": true, "noDataExpression": true,
                          "options": [{"name": "Event", "value": "event", "description": ""},
                                      {"name": "Service", "value": "service", "description": ""},
                                      {"name": "State", "value": "state", "description": ""},
                                      {"name": "Template", "value": "template", "description": ""}]}}""");
    }

    @Test
    void mergesParametersDeclaredOncePerResourceIntoVariants() {
        Map<String, Object> operation = object(schema, "properties/operation");
        assertJson(operation.get("x-ui"), "{\"order\": 2, \"variants\": true}");
        assertJson(at(operation, "anyOf/0/enum"), "[\"get\", \"getAll\", \"upsert\"]");
        assertJson(at(operation, "anyOf/0/x-ui/displayOptions"), "{\"show\": {\"resource\": [\"state\"]}}");
        assertJson(
                at(operation, "anyOf/0/x-ui/options/0"),
                "{\"name\": \"Get\", \"value\": \"get\", \"description\": \"Get the state of an entity\"}");
        assertJson(at(operation, "anyOf/1/enum"), "[\"call\", \"getAll\"]");
        assertThat(at(operation, "anyOf/1/default")).isEqualTo("call");
        assertThat(at(operation, "anyOf/1/x-ui/order")).isEqualTo(3);
    }

    @Test
    void describesMultiOptionsAsArrayOfUniqueChoices() {
        assertJson(at(schema, "properties/domainFilter/anyOf/0"), """
                {"type": "array", "items": {"type": "string", "enum": ["light", "switch", "sensor"]}, "uniqueItems": true}""");
        assertThat(at(schema, "properties/domainFilter/x-ui/widget")).isEqualTo("multiselect");
        assertJson(at(schema, "properties/domainFilter/default"), "[]");
    }

    @Test
    void pointsDynamicOptionsAtTheNodeMethodAndItsDependencies() {
        assertJson(at(schema, "properties/service/x-ui"), """
                {"widget": "select", "order": 10, "required": true,
                 "displayOptions": {"show": {"resource": ["service"], "operation": ["call"]}},
                 "dynamicOptions": {"method": "getServices", "dependsOn": ["domain"]}}""");
        assertJson(at(schema, "properties/entityIds/anyOf/0/items"), "{\"type\": \"string\"}");
        assertJson(
                at(schema, "properties/entityIds/x-ui/dynamicOptions"),
                "{\"method\": \"getEntities\", \"dependsOn\": [\"domainFilter\"]}");
    }

    @Test
    void describesCollectionFieldsAsOptionalNestedProperties() {
        Map<String, Object> fields = object(schema, "properties/additionalFields");
        assertThat(fields.get("type")).isEqualTo("object");
        assertThat(fields.get("additionalProperties")).isEqualTo(false);
        assertThat(fields).doesNotContainKey("required");
        assertThat(object(fields, "properties").keySet())
                .containsExactly("since", "includeAttributes", "attributeNames", "highlightColor", "decimals");
        assertJson(at(schema, "properties/additionalFields/x-ui"), """
                {"widget": "collection", "order": 15,
                 "displayOptions": {"show": {"resource": ["state"], "operation": ["get"]}},
                 "addButtonText": "Add Field"}""");
    }

    @Test
    void describesMultipleValueFixedCollectionGroupsAsArraysOfEntries() {
        assertJson(at(schema, "properties/stateAttributes"), """
                {"title": "State Attributes", "type": "object",
                 "properties": {"attributes": {"title": "Attributes", "type": "array", "items": {
                     "type": "object",
                     "properties": {
                       "name": {"title": "Name", "type": "string", "default": "",
                                "x-ui": {"widget": "text", "order": 0, "required": true}},
                       "value": {"title": "Value", "type": "string", "default": "",
                                 "x-ui": {"widget": "text", "order": 1}}},
                     "required": ["name"],
                     "additionalProperties": false}}},
                 "additionalProperties": false,
                 "default": {},
                 "x-ui": {"widget": "fixedCollection", "order": 14,
                          "displayOptions": {"show": {"resource": ["state"], "operation": ["upsert"]}},
                          "multipleValues": true, "addButtonText": "Add Attribute",
                          "groups": [{"name": "attributes", "displayName": "Attributes"}]}}""");
    }

    @Test
    void acceptsExpressionsOnlyInsideCollectionsNotForTheWholeValue() {
        assertThat(object(schema, "properties/additionalFields"))
                .containsEntry("type", "object")
                .doesNotContainKey("anyOf");
        assertThat(object(schema, "properties/stateAttributes"))
                .containsEntry("type", "object")
                .doesNotContainKey("anyOf");
        assertJson(
                at(schema, "properties/additionalFields/properties/decimals/anyOf/1"),
                "{\"type\": \"string\", \"pattern\": \"^=\"}");
    }

    @Test
    void describesSingleValueFixedCollectionGroupsAsObjects() {
        Map<String, Object> switchSchema = NodeSchemas.forNode(TestDescriptions.switchNode());
        Map<String, Object> settings = object(switchSchema, "properties/options/properties/settings");
        assertThat(settings.get("title")).isEqualTo("Settings");
        assertThat(settings.get("type")).isEqualTo("object");
        assertThat(settings).doesNotContainKey("required"); // renameFallback is required only when shown
        assertThat(at(switchSchema, "properties/options/x-ui/multipleValues")).isEqualTo(false);
    }

    @Test
    void describesResourceLocatorValueShapeAndModes() {
        assertJson(at(schema, "properties/target"), """
                {"title": "Target Entity",
                 "anyOf": [
                   {"type": "object",
                    "properties": {"__rl": {"const": true}, "mode": {"type": "string", "enum": ["list", "id"]},
                                   "value": {"type": "string"}},
                    "required": ["mode", "value"]},
                   {"type": "string"}],
                 "default": {"__rl": true, "mode": "list", "value": ""},
                 "x-ui": {"widget": "resourceLocator", "order": 11,
                          "displayOptions": {"show": {"resource": ["service"], "operation": ["call"]}},
                          "modes": [
                            {"name": "list", "displayName": "From List",
                             "dynamicOptions": {"method": "getEntities", "dependsOn": ["domain"]}},
                            {"name": "id", "displayName": "By ID", "placeholder": "light.kitchen",
                             "pattern": "[a-z_]+\\\\.[a-z0-9_]+"}]}}""");
    }

    @Test
    void describesJsonParametersAsTextOrParsedValue() {
        assertJson(at(schema, "properties/serviceData"), """
                {"title": "Service Data",
                 "anyOf": [{"type": "string", "contentMediaType": "application/json"}, {"type": "object"}, {"type": "array"}],
                 "default": "{}",
                 "x-ui": {"widget": "json", "order": 12, "hint": "Sent as the service call's data", "rows": 5,
                          "displayOptions": {"show": {"resource": ["service"], "operation": ["call"]}}}}""");
    }

    @Test
    void describesDateTimeAndColorFormats() {
        assertJson(
                at(schema, "properties/additionalFields/properties/since/anyOf/0"),
                "{\"type\": \"string\", \"format\": \"date-time\"}");
        assertJson(
                at(schema, "properties/additionalFields/properties/highlightColor/anyOf/0"),
                "{\"type\": \"string\", \"pattern\": \"^#([0-9a-fA-F]{3}|[0-9a-fA-F]{6})$\"}");
        assertThat(at(schema, "properties/additionalFields/properties/highlightColor/default"))
                .isEqualTo("#ff8800");
    }

    @Test
    void showsNoticesAsReadOnlyTextWithoutDefault() {
        assertJson(at(schema, "properties/versionNotice"), """
                {"title": "Version 1 returns raw states; version 2 adds typed attributes.", "type": "string", "readOnly": true,
                 "x-ui": {"widget": "notice", "order": 0, "displayOptions": {"show": {"@version": [{"_cnd": {"lt": 2}}]}}}}""");
    }

    @Test
    void usesTextareaWithRowsForMultiLineText() {
        assertJson(at(schema, "properties/template/x-ui"), """
                {"widget": "textarea", "order": 16, "placeholder": "{{ states('sun.sun') }}", "rows": 4, "required": true,
                 "displayOptions": {"show": {"resource": ["template"]}}}""");
    }

    @Test
    void mapsEveryParameterTypeToAWidget() {
        Set<Object> widgets = new HashSet<>();
        collectWidgets(schema, widgets);
        collectWidgets(NodeSchemas.forCredential(TestDescriptions.homeAssistantApi()), widgets);
        assertThat(widgets)
                .containsExactlyInAnyOrder(
                        "text",
                        "textarea",
                        "password",
                        "number",
                        "toggle",
                        "select",
                        "multiselect",
                        "collection",
                        "fixedCollection",
                        "json",
                        "datetime",
                        "color",
                        "notice",
                        "resourceLocator");
    }

    private static void collectWidgets(Object json, Set<Object> out) {
        if (json instanceof Map<?, ?> m) {
            if (m.get("x-ui") instanceof Map<?, ?> ui && ui.containsKey("widget")) {
                out.add(ui.get("widget"));
            }
            m.values().forEach(v -> collectWidgets(v, out));
        } else if (json instanceof List<?> l) {
            l.forEach(v -> collectWidgets(v, out));
        }
    }

    @Test
    void exportsNodeMetadataForTheEditor() {
        assertJson(schema.get("x-node"), """
                {"name": "hearth.homeAssistant", "aliases": ["n8n-nodes-base.homeAssistant"],
                 "displayName": "Home Assistant", "versions": [1, 2], "defaultVersion": 2, "group": "action",
                 "categories": ["Home Assistant"], "icon": "file:homeAssistant.svg",
                 "description": "Read and change your Home Assistant",
                 "subtitle": "={{$parameter[\\"operation\\"] + \\": \\" + $parameter[\\"resource\\"]}}",
                 "inputs": [""], "outputs": [""],
                 "credentials": [{"type": "homeAssistantApi", "required": true}],
                 "documentationUrl": "https://hearth.example/docs/nodes/home-assistant"}""");
    }

    @Test
    void exportsDynamicOutputsAndConditionalCredentials() {
        NodeDescription webhookLike = NodeDescription.builder("hearth.webhook")
                .group(NodeGroup.TRIGGER)
                .credential(
                        CredentialRequirement.when("httpBasicAuth", DisplayOptions.show("authentication", "basicAuth")))
                .parameter(Parameter.options(
                        "authentication", Option.of("None", "none"), Option.of("Basic Auth", "basicAuth")))
                .build();
        assertJson(at(NodeSchemas.forNode(webhookLike), "x-node/credentials"), """
                [{"type": "httpBasicAuth", "required": true,
                  "displayOptions": {"show": {"authentication": ["basicAuth"]}}}]""");
        assertJson(at(NodeSchemas.forNode(webhookLike), "x-node/inputs"), "[]");
        assertJson(at(NodeSchemas.forNode(TestDescriptions.switchNode()), "x-node/dynamicOutputs"), """
                {"groupPath": "rules.values", "labelField": "outputKey", "extraWhenParameter": "fallbackOutput",
                 "extraWhenValue": "extra", "extraOutputName": "Fallback"}""");
    }

    @Test
    void describesACredentialTypeChoiceAsTextTheEditorFillsFromSigningTypes() {
        NodeDescription httpLike = NodeDescription.builder("hearth.test")
                .credential(CredentialRequirement.anyRequestAuthentication(
                        DisplayOptions.show("authentication", "predefinedCredentialType")))
                .parameter(Parameter.requestCredentialType("nodeCredentialType", "httpBasicAuth")
                        .displayName("Credential Type")
                        .noDataExpression()
                        .required())
                .build();
        assertJson(at(NodeSchemas.forNode(httpLike), "properties/nodeCredentialType"), """
                {"title": "Credential Type", "type": "string", "default": "",
                 "x-ui": {"widget": "credentialType", "order": 0, "required": true, "noDataExpression": true,
                          "credentialTypes": {"signsRequests": true, "excluded": ["httpBasicAuth"]}}}""");
        assertThat(new ParameterValidator().validate(httpLike, Map.of("nodeCredentialType", 12), 1))
                .extracting(Violation::message)
                .containsExactly("must be text");
    }

    @Test
    void hintsNumberPrecisionAndExistenceConditions() {
        NodeDescription d = NodeDescription.builder("hearth.test")
                .parameter(Parameter.string("unit"))
                .parameter(Parameter.number("temperature")
                        .precision(1)
                        .minValue(-30)
                        .show("unit", Condition.of(Condition.Operator.EXISTS, null)))
                .build();
        assertJson(at(NodeSchemas.forNode(d), "properties/temperature"), """
                {"title": "temperature", "anyOf": [{"type": "number", "minimum": -30}, {"type": "string", "pattern": "^="}],
                 "default": 0,
                 "x-ui": {"widget": "number", "order": 1, "displayOptions": {"show": {"unit": [{"_cnd": {"exists": true}}]}},
                          "precision": 1}}""");
    }

    @Test
    void producesTheSameJsonEveryTimeEvenForUnorderedDefaults() {
        NodeDescription d = NodeDescription.builder("hearth.test")
                .parameter(Parameter.json("body")
                        .defaultValue(Map.of("zeta", 1, "alpha", 2, "mid", Map.of("b", 1, "a", 2))))
                .build();
        assertJson(
                at(NodeSchemas.forNode(d), "properties/body/default"),
                "{\"alpha\": 2, \"mid\": {\"a\": 2, \"b\": 1}, \"zeta\": 1}");
        assertThat(Json.write(schema)).isEqualTo(Json.write(NodeSchemas.forNode(TestDescriptions.homeAssistant())));
    }
}
