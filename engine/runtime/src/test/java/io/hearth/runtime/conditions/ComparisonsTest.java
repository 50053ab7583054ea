package io.hearth.runtime.conditions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hearth.common.Json;
import io.hearth.node.description.FilterOperator;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every operator of every type, under strict and loose type validation, with n8n's results
 * (packages/workflow/src/node-parameters/filter-parameter.ts and type-validation.ts at 5fbc8d1f).
 * A row: operator | left (JSON) | right (JSON) | options | expected (true, false, or the error).
 * Options: strict or loose, then "v2"/"v3" for the filter version and "ci" for ignore case.
 */
class ComparisonsTest {

    private static final String TABLE = """
            string:exists         | "a"            | null        | strict    | true
            string:exists         | null           | null        | strict    | false
            string:notExists      | null           | null        | strict    | true
            string:empty          | ""             | null        | strict    | true
            string:empty          | "a"            | null        | strict    | false
            string:empty          | null           | null        | strict    | true
            string:notEmpty       | "a"            | null        | strict    | true
            string:equals         | "abc"          | "abc"       | strict    | true
            string:equals         | "abc"          | "ABC"       | strict    | false
            string:equals         | "abc"          | "ABC"       | strict ci | true
            string:equals         | 1              | "1"         | strict    | error: Wrong type: '1' is a number but was expecting a string [condition 0, item 0]
            string:equals         | 1              | "1"         | loose     | true
            string:equals         | 1.5            | "1.5"       | loose     | true
            string:equals         | true           | "true"      | loose     | true
            string:equals         | {"a":1}        | "{\\"a\\":1}" | loose   | true
            string:notEquals      | "abc"          | "abd"       | strict    | true
            string:contains       | "abcdef"       | "cd"        | strict    | true
            string:contains       | "abcdef"       | "CD"        | strict ci | true
            string:notContains    | "abcdef"       | "x"         | strict    | true
            string:startsWith     | "abcdef"       | "ab"        | strict    | true
            string:notStartsWith  | "abcdef"       | "b"         | strict    | true
            string:endsWith       | "abcdef"       | "ef"        | strict    | true
            string:notEndsWith    | "abcdef"       | "e"         | strict    | true
            string:regex          | "value"        | "^val"      | strict    | true
            string:regex          | "value"        | "/^value$/g" | strict   | true
            string:regex          | "VALUE"        | "/^value$/i" | strict   | true
            string:regex          | "VALUE"        | "^value$"   | strict ci | true
            string:regex          | "value"        | "^VALUE$"   | strict ci | false
            string:notRegex       | "value"        | "^x"        | strict    | true
            number:exists         | 0              | null        | strict    | true
            number:notExists      | null           | null        | strict    | true
            number:empty          | null           | null        | strict    | true
            number:notEmpty       | 3              | null        | strict    | true
            number:equals         | 1              | 1.0         | strict    | true
            number:equals         | 1              | "1"         | strict    | error: Wrong type: '1' is a string but was expecting a number [condition 0, item 0]
            number:equals         | 1              | "1"         | loose     | true
            number:equals         | 0              | ""          | loose     | true
            number:equals         | 0              | " "         | loose     | true
            number:equals         | 0              | ""          | loose v3  | false
            number:equals         | 1              | true        | loose     | true
            number:equals         | 5              | [5]         | loose     | true
            number:equals         | 5              | "exotic"    | loose     | error: Conversion error: the string 'exotic' can't be converted to a number [condition 0, item 0]
            number:equals         | "a"            | "b"         | strict    | error: Comparison type expects a number but both fields are a string
            number:notEquals      | 1              | 2           | strict    | true
            number:gt             | 12             | 10          | strict    | true
            number:gt             | 10             | 10          | strict    | false
            number:lt             | 2              | 10          | strict    | true
            number:lt             | null           | 10          | strict    | false
            number:gte            | 10             | 10          | strict    | true
            number:lte            | 10             | 10          | strict    | true
            number:gt             | "12"           | "10"        | loose     | true
            dateTime:exists       | "2024-01-01"   | null        | strict    | true
            dateTime:empty        | null           | null        | strict    | true
            dateTime:notExists    | null           | null        | strict    | true
            dateTime:notEmpty     | "2024-01-01"   | null        | strict    | true
            dateTime:equals       | "2024-01-01T00:00:00Z" | "2024-01-01T01:00:00+01:00" | strict | true
            dateTime:notEquals    | "2024-01-01"   | "2024-01-02" | strict   | true
            dateTime:after        | "2024-01-02"   | "2024-01-01" | strict   | true
            dateTime:before       | "2023-10-20T16:45:52.367Z" | "2023-10-21" | strict | true
            dateTime:afterOrEquals | "2024-01-01"  | "2024-01-01" | strict   | true
            dateTime:beforeOrEquals | "2024-01-01" | "2024-01-02" | strict   | true
            dateTime:after        | "Tue, 02 Jan 2024 10:00:00 GMT" | "2024-01-01" | strict | true
            dateTime:after        | "soon"         | "2024-01-01" | loose    | error: Conversion error: the string 'soon' can't be converted to a dateTime [condition 0, item 0]
            boolean:exists        | false          | null        | strict    | true
            boolean:empty         | null           | null        | strict    | true
            boolean:notExists     | true           | null        | strict    | false
            boolean:notEmpty      | false          | null        | strict    | true
            boolean:true          | true           | null        | strict    | true
            boolean:true          | "true"         | null        | strict    | error: Wrong type: 'true' is a string but was expecting a boolean [condition 0, item 0]
            boolean:true          | "true"         | null        | loose     | true
            boolean:true          | "false"        | null        | loose     | true
            boolean:true          | "false"        | null        | loose v2  | false
            boolean:true          | "0"            | null        | loose v2  | false
            boolean:true          | 1              | null        | loose v2  | true
            boolean:false         | false          | null        | strict    | true
            boolean:false         | 0              | null        | loose     | true
            boolean:equals        | true           | true        | strict    | true
            boolean:notEquals     | true           | false       | strict    | true
            array:exists          | []             | null        | strict    | true
            array:notExists       | null           | null        | strict    | true
            array:empty           | []             | null        | strict    | true
            array:notEmpty        | [1]            | null        | strict    | true
            array:contains        | ["exotic"]     | "exotic"    | strict    | true
            array:contains        | ["Exotic"]     | "exotic"    | strict ci | true
            array:contains        | [1, 2]         | 2.0         | strict    | true
            array:contains        | [1, 2]         | "2"         | strict    | false
            array:notContains     | ["a"]          | "b"         | strict    | true
            array:lengthEquals    | [1, 2]         | 2           | strict    | true
            array:lengthNotEquals | [1, 2]         | 3           | strict    | true
            array:lengthGt        | [1, 2]         | 1           | strict    | true
            array:lengthLt        | [1, 2]         | 3           | strict    | true
            array:lengthGte       | [1, 2]         | 2           | strict    | true
            array:lengthLte       | [1, 2]         | 2           | strict    | true
            array:lengthEquals    | "[1, 2]"       | 2           | loose     | true
            array:lengthEquals    | "['a']"        | 1           | loose     | true
            array:lengthEquals    | "[1, 2]"       | 2           | strict    | error: Wrong type: '[1, 2]' is a string but was expecting an array [condition 0, item 0]
            object:exists         | {}             | null        | strict    | true
            object:notExists      | null           | null        | strict    | true
            object:empty          | {}             | null        | strict    | true
            object:empty          | null           | null        | strict    | true
            object:notEmpty       | {"foo": "bar"} | null        | strict    | true
            object:notEmpty       | "{\\"a\\": 1}" | null        | loose     | true
            object:notEmpty       | "text"         | null        | strict    | error: Wrong type: 'text' is a string but was expecting an object [condition 0, item 0]
            any:exists            | 0              | null        | strict    | true
            any:exists            | null           | null        | strict    | false
            any:notExists         | null           | null        | strict    | true
            """;

    record Row(String operator, Object left, Object right, String options, String expected) {
        @Override
        public String toString() {
            return operator + " " + Json.write(left) + " " + Json.write(right) + " (" + options + ") -> " + expected;
        }
    }

    static Stream<Row> rows() {
        List<Row> rows = new ArrayList<>();
        for (String line : TABLE.strip().split("\n", -1)) {
            String[] cells = line.split("\\s*\\|\\s*", 5);
            rows.add(new Row(
                    cells[0].strip(),
                    Json.parse(cells[1].strip()),
                    Json.parse(cells[2].strip()),
                    cells[3].strip(),
                    cells[4].strip()));
        }
        return rows.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void comparesAsN8nDoes(Row row) {
        String type = row.operator().substring(0, row.operator().indexOf(':'));
        String operation = row.operator().substring(row.operator().indexOf(':') + 1);
        FilterOperator known = FilterOperator.find(type, operation).orElseThrow();
        FilterCondition condition =
                new FilterCondition(row.left(), row.right(), type, operation, known.rightType(), known.singleValue());
        List<String> opts = List.of(row.options().split(" "));
        int version = opts.contains("v3") ? 3 : opts.contains("v2") ? 2 : 1;
        FilterOptions options = new FilterOptions(!opts.contains("ci"), opts.contains("strict"), version);
        FilterValue filter = new FilterValue(List.of(condition), false, options);
        if (row.expected().startsWith("error: ")) {
            assertThatThrownBy(() -> filter.test(0, ZoneOffset.UTC))
                    .isInstanceOf(FilterException.class)
                    .hasMessage(row.expected().substring("error: ".length()));
        } else {
            assertThat(filter.test(0, ZoneOffset.UTC)).isEqualTo(Boolean.parseBoolean(row.expected()));
        }
    }

    @Test
    void theTableCoversEveryOperator() {
        Set<String> covered = new HashSet<>();
        rows().forEach(r -> covered.add(r.operator()));
        assertThat(covered)
                .containsAll(FilterOperator.ALL.stream().map(FilterOperator::id).toList());
    }

    @Test
    void combinatorsBehaveAsEveryAndSome() {
        FilterValue and = FilterValue.read(Json.parse("""
                {"combinator": "and", "conditions": [
                  {"leftValue": 1, "rightValue": 1, "operator": {"type": "number", "operation": "equals"}},
                  {"leftValue": 1, "rightValue": 2, "operator": {"type": "number", "operation": "equals"}}]}"""), "c");
        assertThat(and.test(0, ZoneOffset.UTC)).isFalse();
        FilterValue or = FilterValue.read(Json.parse("""
                {"combinator": "or", "conditions": [
                  {"leftValue": 1, "rightValue": 1, "operator": {"type": "number", "operation": "equals"}},
                  {"leftValue": 1, "rightValue": 2, "operator": {"type": "number", "operation": "equals"}}]}"""), "c");
        assertThat(or.test(0, ZoneOffset.UTC)).isTrue();
        assertThat(FilterValue.read(Map.of("combinator", "and"), "c").test(0, ZoneOffset.UTC))
                .isTrue();
        assertThat(FilterValue.read(Map.of("combinator", "or"), "c").test(0, ZoneOffset.UTC))
                .isFalse();
    }

    @Test
    void aMissingOptionTakesN8nsDefaults() {
        FilterValue f = FilterValue.read(Map.of("conditions", List.of()), "c");
        assertThat(f.options()).isEqualTo(new FilterOptions(true, true, 1));
        assertThat(FilterValue.read(Map.of("options", Map.of("typeValidation", "loose", "version", 2)), "c")
                        .options())
                .isEqualTo(new FilterOptions(true, false, 2));
    }

    @Test
    void refusesAnOperatorN8nDoesNotHaveInsteadOfEvaluatingItAsFalse() {
        assertThatThrownBy(() -> FilterValue.read(Json.parse("""
                        {"conditions": [{"leftValue": 1, "operator": {"type": "number", "operation": "between"}}]}"""), "conditions"))
                .hasMessage(
                        "Parameter 'conditions.conditions[0].operator' has an unknown operation 'between' for number"
                                + " (one of exists, notExists, empty, notEmpty, equals, notEquals, gt, lt, gte, lte)");
        assertThatThrownBy(() -> FilterValue.read(Json.parse("""
                        {"conditions": [{"leftValue": 1, "operator": "color:red"}]}"""), "conditions"))
                .hasMessageContaining("has an unknown type 'color'");
    }

    @Test
    void acceptsHearthsEarlierOperatorText() {
        FilterValue f = FilterValue.read(
                List.of(Map.of("leftValue", List.of("a"), "operator", "array:contains", "rightValue", "a")), "c");
        assertThat(f.conditions().getFirst().rightType()).contains("any");
        assertThat(f.test(0, ZoneOffset.UTC)).isTrue();
    }
}
