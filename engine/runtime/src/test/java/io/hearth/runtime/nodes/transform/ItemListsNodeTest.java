package io.hearth.runtime.nodes.transform;

import static io.hearth.runtime.nodes.transform.OneNode.error;
import static io.hearth.runtime.nodes.transform.OneNode.json;
import static io.hearth.runtime.nodes.transform.OneNode.run;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ItemListsNodeTest {

    private static final String TYPE = "n8n-nodes-base.itemLists";

    @Test
    void splitOutIsStrictInVersionOneAndLenientFromTwoPointTwo() {
        var input = OneNode.of(Map.of("data", "plain"));
        var p = Map.<String, Object>of("fieldToSplitOut", "data");
        assertThat(error(run(TYPE, 1, p, input))).contains("The provided field 'data' is not an array");
        assertThat(error(run(TYPE, 2.1, p, input))).contains("is not an array or object");
        assertThat(json(run(TYPE, 2.2, p, input))).containsExactly(Map.of("data", "plain"));
        assertThat(error(run(TYPE, 2, Map.of("fieldToSplitOut", "nope"), input)))
                .contains("Couldn't find the field 'nope'");
        assertThat(json(run(TYPE, 2.1, Map.of("fieldToSplitOut", "nope"), input)))
                .isEmpty();
    }

    @Test
    void versionsBeforeThreeListFieldsAsAFixedCollection() {
        var input = OneNode.of(Map.of("id", 1, "x", "a", "tags", List.of("t1", "t2")));
        var v2 = Map.<String, Object>of(
                "fieldToSplitOut", "tags",
                "include", "selectedOtherFields",
                "fieldsToInclude", Map.of("fields", List.of(Map.of("fieldName", "id"))));
        assertThat(json(run(TYPE, 2.2, v2, input)))
                .containsExactly(Map.of("tags", "t1", "id", 1), Map.of("tags", "t2", "id", 1));
        var v3 = Map.<String, Object>of(
                "fieldToSplitOut", "tags", "include", "selectedOtherFields", "fieldsToInclude", "x");
        assertThat(json(run(TYPE, 3.1, v3, input)))
                .containsExactly(Map.of("tags", "t1", "x", "a"), Map.of("tags", "t2", "x", "a"));
    }

    @Test
    void concatenateIsCalledAggregateItemsBeforeVersionThree() {
        var input = OneNode.of(Map.of("id", 1), Map.of("id", 2));
        var fields = Map.<String, Object>of("fieldToAggregate", List.of(Map.of("fieldToAggregate", "id")));
        assertThat(json(run(TYPE, 2, Map.of("operation", "aggregateItems", "fieldsToAggregate", fields), input)))
                .containsExactly(Map.of("id", List.of(1, 2)));
        assertThat(json(run(TYPE, 3, Map.of("operation", "concatenateItems", "fieldsToAggregate", fields), input)))
                .containsExactly(Map.of("id", List.of(1, 2)));
    }

    @Test
    void removeDuplicatesChecksTypesUntilThreePointOne() {
        var input = OneNode.of(Map.of("id", 1), Map.of("id", "1"), Map.of("id", 1));
        var p = Map.<String, Object>of("operation", "removeDuplicates");
        assertThat(error(run(TYPE, 3, p, input))).contains("'id' isn't always the same type");
        assertThat(json(run(TYPE, 3.1, p, input))).containsExactly(Map.of("id", 1), Map.of("id", "1"));
    }

    @Test
    void summarizeGroupsByTextWithIntegerKeysFirst() {
        var input = OneNode.of(
                Map.of("k", "b", "v", 1), Map.of("k", 10, "v", 2), Map.of("k", 2, "v", 3), Map.of("k", "10", "v", 4));
        var p = Map.<String, Object>of(
                "operation", "summarize",
                "fieldsToSummarize", Map.of("values", List.of(Map.of("aggregation", "sum", "field", "v"))),
                "fieldsToSplitBy", "k");
        assertThat(json(run(TYPE, 3.1, p, input)))
                .containsExactly(
                        Map.of("k", "2", "sum_v", 3L), Map.of("k", "10", "sum_v", 6L), Map.of("k", "b", "sum_v", 1L));
    }
}
