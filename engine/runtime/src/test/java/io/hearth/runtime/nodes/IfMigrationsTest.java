package io.hearth.runtime.nodes;

import static org.assertj.core.api.Assertions.assertThat;

import io.hearth.common.Json;
import java.util.Map;
import org.junit.jupiter.api.Test;

class IfMigrationsTest {

    @SuppressWarnings("unchecked")
    private static Map<String, Object> json(String text) {
        return (Map<String, Object>) Json.parse(text);
    }

    @Test
    void v1TypedListsBecomeOneFilterInTypeOrderWithEachTypesDefaults() {
        Map<String, Object> v1 = json("""
                {"conditions": {
                   "string": [{"value1": "={{ $json.a }}", "value2": "x"}],
                   "number": [{"value1": "={{ $json.n }}", "value2": 5}, {"value1": 1, "operation": "largerEqual"}],
                   "dateTime": [{"value1": "={{ $json.d }}", "value2": "2024-01-01"}],
                   "boolean": [{"value1": true, "operation": "notEqual"}]},
                 "combineOperation": "any"}""");
        assertThat(IfMigrations.v1ToFilter(v1)).isEqualTo(json("""
                {"conditions": {
                   "conditions": [
                     {"leftValue": true, "rightValue": false, "operator": {"type": "boolean", "operation": "notEquals"}},
                     {"leftValue": "={{ $json.d }}", "rightValue": "2024-01-01", "operator": {"type": "dateTime", "operation": "after"}},
                     {"leftValue": "={{ $json.n }}", "rightValue": 5, "operator": {"type": "number", "operation": "lt"}},
                     {"leftValue": 1, "rightValue": 0, "operator": {"type": "number", "operation": "gte"}},
                     {"leftValue": "={{ $json.a }}", "rightValue": "x", "operator": {"type": "string", "operation": "equals"}}],
                   "combinator": "or",
                   "options": {"caseSensitive": true, "typeValidation": "loose", "version": 1}}}"""));
    }

    @Test
    void v1WithoutCombineOperationRequiresAllConditions() {
        assertThat(IfMigrations.v1ToFilter(json("{\"conditions\": {}}")).get("conditions"))
                .isEqualTo(json("""
                        {"conditions": [], "combinator": "and",
                         "options": {"caseSensitive": true, "typeValidation": "loose", "version": 1}}"""));
    }

    @Test
    void v2LooseTypeOptionMovesToTheTopLevel() {
        assertThat(IfMigrations.looseTypesToTopLevel(json("""
                        {"conditions": {}, "options": {"looseTypeValidation": true, "ignoreCase": false}}"""))).isEqualTo(json("""
                        {"conditions": {}, "options": {"ignoreCase": false}, "looseTypeValidation": true}"""));
        Map<String, Object> without = json("{\"options\": {}}");
        assertThat(IfMigrations.looseTypesToTopLevel(without)).isSameAs(without);
    }
}
