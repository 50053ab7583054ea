package io.hearth.runtime.nodes;

import static org.assertj.core.api.Assertions.assertThat;

import io.hearth.common.Json;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SwitchMigrationsTest {

    @SuppressWarnings("unchecked")
    private static Map<String, Object> json(String text) {
        return (Map<String, Object>) Json.parse(text);
    }

    @Test
    void v1HasFourOutputsAndEveryRuleNamesItsOutput() {
        assertThat(SwitchMigrations.v1ToV2(json("""
                        {"value1": 3, "rules": {"rules": [{"value2": 1}, {"value2": 5, "output": 2}]}}"""))).isEqualTo(json("""
                        {"value1": 3, "rules": {"rules": [{"value2": 1, "output": 0}, {"value2": 5, "output": 2}]},
                         "legacyOutputCount": 4, "outputsAmount": 4}"""));
        assertThat(SwitchMigrations.v1ToV2(json("{\"mode\": \"expression\"}")))
                .containsEntry("output", 0L)
                .containsEntry("outputsAmount", 4L);
    }

    @Test
    void v2RulesBecomeOneFilterEachWithTheDataTypesDefaults() {
        Map<String, Object> v2 = json("""
                {"dataType": "string", "value1": "={{ $json.output }}",
                 "rules": {"rules": [{"value2": "first", "outputKey": "First"}, {"operation": "startsWith", "value2": "s"}]},
                 "fallbackOutput": 2}""");
        assertThat(SwitchMigrations.v2ToV3(v2)).isEqualTo(json("""
                {"rules": {"values": [
                   {"conditions": {"conditions": [{"leftValue": "={{ $json.output }}", "rightValue": "first",
                                                   "operator": {"type": "string", "operation": "equals"}}],
                                   "combinator": "and",
                                   "options": {"caseSensitive": true, "typeValidation": "loose", "version": 1}},
                    "renameOutput": true, "outputKey": "First"},
                   {"conditions": {"conditions": [{"leftValue": "={{ $json.output }}", "rightValue": "s",
                                                   "operator": {"type": "string", "operation": "startsWith"}}],
                                   "combinator": "and",
                                   "options": {"caseSensitive": true, "typeValidation": "loose", "version": 1}}}]},
                 "options": {"fallbackOutput": 2}}"""));
    }

    @Test
    void v2DefaultsToNumberSmallerAndNoFallback() {
        Map<String, Object> v3 = SwitchMigrations.v2ToV3(json("{\"rules\": {\"rules\": [{}]}}"));
        assertThat(v3.get("options")).isEqualTo(Map.of("fallbackOutput", "none"));
        assertThat(v3.get("rules").toString())
                .contains("leftValue=0, rightValue=0")
                .containsAnyOf("operator={type=number, operation=lt}", "operator={operation=lt, type=number}");
    }

    @Test
    void v2ExpressionModeKeepsItsOutputCount() {
        assertThat(SwitchMigrations.v2ToV3(json("{\"mode\": \"expression\", \"outputsAmount\": 3, \"output\": 1}")))
                .containsEntry("numberOutputs", 3L)
                .containsEntry("output", 1L)
                .doesNotContainKey("outputsAmount");
        assertThat(SwitchMigrations.v2ToV3(json("{\"mode\": \"expression\"}"))).containsEntry("numberOutputs", 4L);
    }
}
