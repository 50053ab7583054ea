package io.hearth.uischema;

import static org.assertj.core.api.Assertions.assertThat;

import io.hearth.common.Json;
import io.hearth.node.description.NodeDescription;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ParameterValidatorTest {

    private final ParameterValidator validator = new ParameterValidator();
    private final NodeDescription homeAssistant = TestDescriptions.homeAssistant();

    private List<String> problems(String parametersJson) {
        return problems(homeAssistant, parametersJson, 2);
    }

    @SuppressWarnings("unchecked")
    private List<String> problems(NodeDescription d, String parametersJson, double version) {
        return validator.validate(d, (Map<String, Object>) Json.parse(parametersJson), version).stream()
                .map(Violation::toString)
                .toList();
    }

    @Test
    void requiresEntityIdOnlyWhenStateGetIsSelected() {
        assertThat(problems("{\"resource\": \"state\", \"operation\": \"get\"}"))
                .containsExactly("parameters.entityId: is required");
        assertThat(problems("{\"resource\": \"state\", \"operation\": \"getAll\"}"))
                .isEmpty();
        assertThat(problems("{\"resource\": \"event\", \"eventType\": \"doorbell\"}"))
                .isEmpty();
        assertThat(problems("{\"resource\": \"state\", \"operation\": \"get\", \"entityId\": \"light.kitchen\"}"))
                .isEmpty();
    }

    @Test
    void refusesAChoiceHearthDoesNotSupportNamingIt() {
        NodeDescription merge = NodeDescription.builder("test.merge")
                .parameter(io.hearth.node.description.Parameter.options(
                                "mode",
                                io.hearth.node.description.Option.of("Append", "append"),
                                io.hearth.node.description.Option.unsupported(
                                        "SQL Query", "combineBySql", "", "Hearth has no AlaSQL"))
                        .displayName("Mode"))
                .build();
        List<Violation> violations = validator.validate(merge, Map.of("mode", "combineBySql"), 1);
        assertThat(violations)
                .extracting(Violation::sentence)
                .containsExactly("Mode: 'SQL Query' is not supported by Hearth: Hearth has no AlaSQL");
        assertThat(violations)
                .extracting(Violation::detail)
                .containsExactly("'SQL Query' is not supported by Hearth: Hearth has no AlaSQL");
        assertThat(validator.validate(merge, Map.of("mode", "append"), 1)).isEmpty();
    }

    @Test
    void fallsBackToDefaultsForVisibilityAndRequiredChecks() {
        // resource and operation left at their defaults (state, get), as n8n saves them
        assertThat(problems("{}")).containsExactly("parameters.entityId: is required");
    }

    @Test
    void takesTheDefaultOfTheVariantShownForRepeatedNames() {
        // operation is declared per resource; for "service" its default is "call"
        assertThat(problems("{\"resource\": \"service\"}"))
                .containsExactly("parameters.domain: is required", "parameters.service: is required");
    }

    @Test
    void treatsNullBlankAndEmptyValuesAsMissing() {
        Map<String, Object> parameters = new HashMap<>(Map.of("resource", "state", "operation", "get"));
        parameters.put("entityId", null);
        assertThat(validator.validate(homeAssistant, parameters, 2))
                .extracting(Violation::toString)
                .containsExactly("parameters.entityId: is required");
        assertThat(problems("{\"entityId\": \"  \"}")).containsExactly("parameters.entityId: is required");
        assertThat(problems("{\"resource\": \"template\", \"template\": \"\"}"))
                .containsExactly("parameters.template: is required");
    }

    @Test
    void ignoresHiddenParametersEvenWhenTheirValuesAreWrong() {
        assertThat(problems("""
                {"resource": "state", "operation": "getAll", "returnAll": true, "limit": "lots", "entityId": 5,
                 "domain": ["not", "a", "string"]}""")).isEmpty();
    }

    @Test
    void ignoresUnknownTopLevelParameters() {
        assertThat(problems("{\"entityId\": \"sun.sun\", \"legacy\": {\"anything\": true}}"))
                .isEmpty();
    }

    @Test
    void acceptsExpressionsInNumberParameters() {
        assertThat(problems("""
                {"resource": "state", "operation": "getAll", "limit": "={{ $json.count }}"}""")).isEmpty();
    }

    @Test
    void acceptsExpressionsInEveryTypeThatAllowsThem() {
        assertThat(problems("""
                {"operation": "getAll", "returnAll": "={{ true }}", "domainFilter": "={{ ['light'] }}",
                 "simplify": "={{ false }}", "responseFormat": "={{ 'raw' }}"}""")).isEmpty();
    }

    @Test
    void rejectsExpressionsInNoDataExpressionParameters() {
        assertThat(problems("{\"resource\": \"={{ 'state' }}\", \"entityId\": \"sun.sun\"}"))
                .containsExactly("parameters.resource: expressions are not allowed");
    }

    @Test
    void keepsParametersShownWhenTheirControllingValueIsAnExpression() {
        assertThat(problems("{\"returnAll\": \"={{ $json.all }}\", \"operation\": \"getAll\", \"limit\": 0}"))
                .containsExactly("parameters.limit: must be at least 1");
    }

    @Test
    void rejectsValuesOutsideStaticOptions() {
        assertThat(problems("{\"resource\": \"calendar\"}"))
                .containsExactly("parameters.resource: must be one of: event, service, state, template");
        assertThat(problems("{\"resource\": \"state\", \"operation\": \"call\", \"entityId\": \"a.b\"}"))
                .containsExactly("parameters.operation: must be one of: get, getAll, upsert");
    }

    @Test
    void acceptsAnyValueForDynamicOptions() {
        assertThat(problems("{\"resource\": \"service\", \"domain\": \"light\", \"service\": \"turn_on\"}"))
                .isEmpty();
        assertThat(problems("{\"resource\": \"service\", \"domain\": \"light\", \"service\": [\"turn_on\"]}"))
                .containsExactly("parameters.service: must be a single value");
    }

    @Test
    void checksNumbersAndTheirRange() {
        String base = "{\"resource\": \"state\", \"operation\": \"getAll\", \"limit\": %s}";
        assertThat(problems(base.formatted("\"lots\""))).containsExactly("parameters.limit: must be a number");
        assertThat(problems(base.formatted("0"))).containsExactly("parameters.limit: must be at least 1");
        assertThat(problems(base.formatted("100.5"))).containsExactly("parameters.limit: must be at most 100");
        assertThat(problems(base.formatted("true"))).containsExactly("parameters.limit: must be a number");
        assertThat(problems(base.formatted("100"))).isEmpty();
    }

    @Test
    void acceptsNumbersTypedAsText() {
        assertThat(problems("{\"resource\": \"state\", \"operation\": \"getAll\", \"limit\": \" 25 \"}"))
                .isEmpty();
    }

    @Test
    void checksBooleans() {
        assertThat(problems("{\"entityId\": \"a.b\", \"simplify\": \"yes\"}"))
                .containsExactly("parameters.simplify: must be true or false");
        assertThat(problems("{\"entityId\": \"a.b\", \"simplify\": \"false\"}")).isEmpty();
    }

    @Test
    void checksTextParametersHoldSingleValues() {
        assertThat(problems("{\"entityId\": {\"id\": \"a.b\"}}")).containsExactly("parameters.entityId: must be text");
        assertThat(problems("{\"entityId\": 42}")).isEmpty();
    }

    @Test
    void checksEachChoiceOfMultiOptions() {
        assertThat(problems("""
                {"operation": "getAll", "domainFilter": ["light", "climate", "light"]}"""))
                .containsExactly(
                        "parameters.domainFilter[1]: must be one of: light, switch, sensor",
                        "parameters.domainFilter[2]: repeats 'light'");
        assertThat(problems("{\"operation\": \"getAll\", \"domainFilter\": \"light\"}"))
                .containsExactly("parameters.domainFilter: must be a list");
        assertThat(problems("{\"operation\": \"getAll\", \"entityIds\": [\"light.a\", \"light.b\"]}"))
                .isEmpty();
    }

    @Test
    void refusesCollectionFieldsItDoesNotDeclareNamingThemAndChecksKnownOnes() {
        List<Violation> violations = validator.validate(
                homeAssistant,
                Map.of("entityId", "a.b", "additionalFields", Map.of("since", "yesterday", "colour", "red")),
                2);
        assertThat(violations)
                .extracting(Violation::toString)
                .containsExactly(
                        "parameters.additionalFields.colour: not supported by Hearth (an option Hearth does not know)",
                        "parameters.additionalFields.since: must be an ISO-8601 date-time");
        assertThat(violations.getFirst().sentence())
                .isEqualTo("Additional Fields \u2192 colour: not supported by Hearth (an option Hearth does not know)");
        assertThat(problems("{\"entityId\": \"a.b\", \"additionalFields\": {\"since\": \"2024-05-01T10:00:00Z\"}}"))
                .isEmpty();
    }

    @Test
    void ignoresCollectionFieldsDeclaredForAnotherVersionOrMode() {
        NodeDescription webhookLike = NodeDescription.builder("test.webhook")
                .versions(1, 2)
                .parameter(io.hearth.node.description.Parameter.collection(
                                "options",
                                "Add Option",
                                io.hearth.node.description.Parameter.bool("rawBody")
                                        .displayName("Raw Body")
                                        .show("@version", 2)
                                        .build())
                        .displayName("Options"))
                .build();
        assertThat(problems(webhookLike, "{\"options\": {\"rawBody\": \"not a boolean\"}}", 1))
                .isEmpty();
        assertThat(problems(webhookLike, "{\"options\": {\"rawBody\": \"not a boolean\"}}", 2))
                .containsExactly("parameters.options.rawBody: must be true or false");
    }

    @Test
    void refusesAParameterHearthDoesNotImplementWhenSetOtherThanItsDefault() {
        NodeDescription webhookLike = NodeDescription.builder("test.webhook")
                .parameter(io.hearth.node.description.Parameter.collection(
                                "options",
                                "Add Option",
                                io.hearth.node.description.Parameter.bool("binaryData")
                                        .displayName("Binary File")
                                        .unsupported("Hearth cannot do that")
                                        .build())
                        .displayName("Options"))
                .build();
        List<Violation> violations = validator.validate(webhookLike, Map.of("options", Map.of("binaryData", true)), 1);
        assertThat(violations)
                .extracting(Violation::sentence)
                .containsExactly("Options \u2192 Binary File: not supported by Hearth: Hearth cannot do that");
        assertThat(validator.validate(webhookLike, Map.of("options", Map.of("binaryData", false)), 1))
                .isEmpty();
    }

    @Test
    void acceptsFieldNamesAsTextOrAsAList() {
        NodeDescription aggregate = NodeDescription.builder("test.aggregate")
                .parameter(io.hearth.node.description.Parameter.string("fieldsToInclude")
                        .displayName("Fields To Include")
                        .fieldNames())
                .parameter(io.hearth.node.description.Parameter.string("name").displayName("Name"))
                .build();
        assertThat(problems(aggregate, "{\"fieldsToInclude\": [\"id\", \"name\"]}", 1))
                .isEmpty();
        assertThat(problems(aggregate, "{\"fieldsToInclude\": \"id, name\"}", 1))
                .isEmpty();
        assertThat(problems(aggregate, "{\"fieldsToInclude\": [{\"a\": 1}], \"name\": [\"x\"]}", 1))
                .containsExactly("parameters.fieldsToInclude: must be text", "parameters.name: must be text");
    }

    @Test
    void refusesAnExpressionInPlaceOfAWholeCollection() {
        assertThat(problems("{\"entityId\": \"a.b\", \"additionalFields\": \"={{ $json.fields }}\"}"))
                .containsExactly("parameters.additionalFields: must be an object");
    }

    @Test
    void checksCollectionFieldsThatArePresentOnly() {
        assertThat(problems("{\"entityId\": \"a.b\", \"additionalFields\": {}}"))
                .isEmpty();
        assertThat(problems("""
                {"entityId": "a.b", "additionalFields": {"decimals": 9, "highlightColor": "orange", "since": "tomorrow"}}"""))
                .containsExactly(
                        "parameters.additionalFields.since: must be an ISO-8601 date-time",
                        "parameters.additionalFields.highlightColor: must be a color like #rgb or #rrggbb",
                        "parameters.additionalFields.decimals: must be at most 6");
        assertThat(problems("{\"entityId\": \"a.b\", \"additionalFields\": [1]}"))
                .containsExactly("parameters.additionalFields: must be an object");
    }

    @Test
    void resolvesSiblingAndRootReferencesInsideCollections() {
        String fields =
                "{\"entityId\": \"a.b\", \"additionalFields\": {\"includeAttributes\": %s, \"attributeNames\": [\"bogus\"]}}";
        assertThat(problems(fields.formatted("false"))).isEmpty();
        assertThat(problems(fields.formatted("true")))
                .containsExactly(
                        "parameters.additionalFields.attributeNames[0]: must be one of: brightness, color_mode, friendly_name");
    }

    @Test
    void reportsFixedCollectionEntryProblemsWithIndexedPaths() {
        assertThat(problems(TestDescriptions.switchNode(), """
                {"rules": {"values": [
                    {"outputKey": "small", "operation": "smaller", "value": 10},
                    {"outputKey": "big", "operation": "larger", "value": "ten"},
                    {"outputKey": "any", "operation": "like", "value": ""}]}}""", 3))
                .containsExactly(
                        "parameters.rules.values[1].value: must be a number",
                        "parameters.rules.values[2].operation: must be one of: equal, larger, smaller",
                        "parameters.rules.values[2].value: is required");
    }

    @Test
    void rejectsMalformedFixedCollections() {
        NodeDescription switchNode = TestDescriptions.switchNode();
        assertThat(problems(switchNode, "{\"rules\": {\"conditions\": [], \"combinator\": \"and\"}}", 3))
                .as("keys beside the declared groups are n8n's business")
                .isEmpty();
        assertThat(problems(switchNode, "{\"rules\": {\"values\": {\"value\": 1}}}", 3))
                .containsExactly("parameters.rules.values: must be a list of entries");
        assertThat(problems(switchNode, "{\"rules\": {\"values\": [\"x\", {\"value\": 1, \"label\": \"y\"}]}}", 3))
                .containsExactly("parameters.rules.values[0]: must be an object");
        assertThat(problems(switchNode, "{\"rules\": \"values\"}", 3))
                .containsExactly("parameters.rules: must be an object");
    }

    @Test
    void checksSingleValueFixedCollectionsWithRootReferences() {
        NodeDescription switchNode = TestDescriptions.switchNode();
        assertThat(problems(switchNode, "{\"options\": {\"settings\": {\"ignoreCase\": true}}}", 3))
                .isEmpty();
        assertThat(problems(
                        switchNode,
                        "{\"fallbackOutput\": \"extra\", \"options\": {\"settings\": {\"ignoreCase\": true}}}",
                        3))
                .containsExactly("parameters.options.settings.renameFallback: is required");
    }

    @Test
    void requiresFieldsInsideFixedCollectionEntries() {
        assertThat(problems("""
                {"operation": "upsert", "stateValue": "on",
                 "stateAttributes": {"attributes": [{"name": "brightness", "value": "255"}, {"value": "x"}]}}""")).containsExactly("parameters.stateAttributes.attributes[1].name: is required");
    }

    @Test
    void requiresJsonTextToParse() {
        String base =
                "{\"resource\": \"service\", \"domain\": \"light\", \"service\": \"turn_on\", \"serviceData\": %s}";
        assertThat(problems(base.formatted("\"{\\\"brightness\\\": }\"")))
                .singleElement()
                .asString()
                .startsWith("parameters.serviceData: is not valid JSON: Unexpected character ('}'")
                .endsWith("(line 1, column 16)");
        assertThat(problems(base.formatted("\"{\\\"brightness\\\": 255}\""))).isEmpty();
        assertThat(problems(base.formatted("{\"brightness\": 255}"))).isEmpty();
        assertThat(problems(base.formatted("[1, 2]"))).isEmpty();
        assertThat(problems(base.formatted("\"={{ $json.data }}\""))).isEmpty();
        assertThat(problems(base.formatted("12")))
                .containsExactly("parameters.serviceData: must be JSON text, an object or a list");
    }

    @Test
    void acceptsIsoDateTimesWithOrWithoutOffset() {
        for (String since : List.of(
                "2024-05-01T10:00:00Z",
                "2024-05-01T10:00:00+02:00",
                "2024-05-01T10:00",
                "2024-05-01T10:00:00.123",
                "2024-05-01T10:00:00+01:00[Europe/Paris]",
                "={{ $now }}")) {
            assertThat(problems("{\"entityId\": \"a.b\", \"additionalFields\": {\"since\": \"" + since + "\"}}"))
                    .as(since)
                    .isEmpty();
        }
        for (String since : List.of("2024-05-01", "01/05/2024 10:00", "2024-13-01T10:00:00")) {
            assertThat(problems("{\"entityId\": \"a.b\", \"additionalFields\": {\"since\": \"" + since + "\"}}"))
                    .as(since)
                    .containsExactly("parameters.additionalFields.since: must be an ISO-8601 date-time");
        }
    }

    @Test
    void acceptsShortAndLongHexColors() {
        for (String color : List.of("#f80", "#FF8800", "={{ $json.color }}")) {
            assertThat(problems(
                            "{\"entityId\": \"a.b\", \"additionalFields\": {\"highlightColor\": \"" + color + "\"}}"))
                    .as(color)
                    .isEmpty();
        }
        assertThat(problems("{\"entityId\": \"a.b\", \"additionalFields\": {\"highlightColor\": \"#ff88\"}}"))
                .containsExactly("parameters.additionalFields.highlightColor: must be a color like #rgb or #rrggbb");
    }

    @Test
    void checksResourceLocatorModeAndTypedIdFormat() {
        String base = "{\"resource\": \"service\", \"domain\": \"light\", \"service\": \"turn_on\", \"target\": %s}";
        assertThat(
                        problems(
                                base.formatted(
                                        "{\"__rl\": true, \"mode\": \"list\", \"value\": \"light.kitchen\", \"cachedResultName\": \"Kitchen\"}")))
                .isEmpty();
        assertThat(problems(base.formatted("{\"__rl\": true, \"mode\": \"id\", \"value\": \"light.kitchen\"}")))
                .isEmpty();
        assertThat(problems(base.formatted("{\"__rl\": true, \"mode\": \"id\", \"value\": \"={{ $json.entity }}\"}")))
                .isEmpty();
        assertThat(problems(base.formatted("\"light.kitchen\""))).isEmpty();
        assertThat(problems(base.formatted("{\"__rl\": true, \"mode\": \"id\", \"value\": \"Kitchen Light\"}")))
                .containsExactly("parameters.target.value: must match " + TestDescriptions.ENTITY_ID_PATTERN);
        assertThat(problems(base.formatted("{\"__rl\": true, \"mode\": \"url\", \"value\": \"x\"}")))
                .containsExactly("parameters.target.mode: must be one of: list, id");
        assertThat(problems(base.formatted("{\"__rl\": true, \"value\": \"x\"}")))
                .containsExactly("parameters.target.mode: is required");
        assertThat(problems(base.formatted("[\"light.kitchen\"]")))
                .containsExactly("parameters.target: must be a resource locator {__rl, mode, value} or text");
    }

    @Test
    void treatsAnEmptyResourceLocatorAsMissing() {
        NodeDescription d = NodeDescription.builder("hearth.test")
                .parameter(io.hearth.node.description.Parameter.resourceLocator("entity")
                        .required())
                .build();
        assertThat(problems(d, "{\"entity\": {\"__rl\": true, \"mode\": \"id\", \"value\": \"\"}}", 1))
                .containsExactly("parameters.entity: is required");
        assertThat(problems(d, "{}", 1)).containsExactly("parameters.entity: is required");
        assertThat(problems(d, "{\"entity\": {\"__rl\": true, \"mode\": \"anything\", \"value\": \"x\"}}", 1))
                .isEmpty();
    }

    @Test
    void appliesTheTypeVersionToDisplayOptions() {
        String parameters = "{\"entityId\": \"a.b\", \"responseFormat\": \"pretty\"}";
        assertThat(problems(homeAssistant, parameters, 1)).isEmpty();
        assertThat(problems(homeAssistant, parameters, 2))
                .containsExactly("parameters.responseFormat: must be one of: raw, typed");
    }

    @Test
    void ignoresNoticesAndNullParameters() {
        assertThat(problems("{\"entityId\": \"a.b\", \"versionNotice\": 12}")).isEmpty();
        assertThat(validator.validate(TestDescriptions.switchNode(), null, 3)).isEmpty();
    }

    @Test
    void reportsEveryProblemAtOnceInDeclarationOrder() {
        assertThat(problems("""
                {"resource": "state", "operation": "getAll", "returnAll": false, "limit": 500,
                 "domainFilter": ["moon"], "entityIds": "light.a", "simplify": 1}"""))
                .containsExactly(
                        "parameters.limit: must be at most 100",
                        "parameters.domainFilter[0]: must be one of: light, switch, sensor",
                        "parameters.entityIds: must be a list",
                        "parameters.simplify: must be true or false");
    }

    @Test
    void hidesParametersWhoseControllingValueNoLongerMatches() {
        // "sometimes" is no valid returnAll, and it does not equal false either: limit is hidden
        assertThat(problems("{\"operation\": \"getAll\", \"returnAll\": \"sometimes\", \"limit\": 500}"))
                .containsExactly("parameters.returnAll: must be true or false");
    }

    @Test
    void doesNotRequireParametersShownOnlyBecauseOfAnExpression() {
        // whether there is a fallback output is known at run time only, so its name may stay empty
        NodeDescription switchNode = TestDescriptions.switchNode();
        assertThat(problems(
                        switchNode,
                        "{\"fallbackOutput\": \"={{ $json.fallback }}\", \"options\": {\"settings\": {}}}",
                        3))
                .isEmpty();
        assertThat(problems(
                        switchNode,
                        "{\"fallbackOutput\": \"={{ $json.fallback }}\", \"options\": {\"settings\": {\"renameFallback\": [1]}}}",
                        3))
                .containsExactly("parameters.options.settings.renameFallback: must be text");
    }

    @Test
    void formatsViolationsAsPathAndMessage() {
        assertThat(new Violation("parameters.entityId", "is required")).hasToString("parameters.entityId: is required");
        assertThat(Arrays.asList(new Violation("a", "b"))).containsExactly(new Violation("a", "b"));
    }
}
