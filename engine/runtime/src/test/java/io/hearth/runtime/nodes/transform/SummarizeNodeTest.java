package io.hearth.runtime.nodes.transform;

import static io.hearth.runtime.nodes.transform.OneNode.error;
import static io.hearth.runtime.nodes.transform.OneNode.items;
import static io.hearth.runtime.nodes.transform.OneNode.json;
import static io.hearth.runtime.nodes.transform.OneNode.run;
import static org.assertj.core.api.Assertions.assertThat;

import io.hearth.node.Item;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SummarizeNodeTest {

    private static final List<Item> READINGS = OneNode.of(
            Map.of("room", "kitchen", "t", 20, "by", "a"),
            Map.of("room", "kitchen", "t", 22, "by", "b"),
            Map.of("room", "bath", "t", 18, "by", "a"),
            Map.of("room", "bath", "t", "n/a", "by", ""));

    @SafeVarargs
    @SuppressWarnings("varargs") // the array is only read (List.of copies it), never kept
    private static Map<String, Object> summarize(String splitBy, Map<String, Object>... values) {
        Map<String, Object> p = new HashMap<>();
        p.put("fieldsToSummarize", Map.of("values", List.of(values)));
        p.put("fieldsToSplitBy", splitBy);
        return p;
    }

    @Test
    void aggregatesPerGroupWithOneItemPerSplit() {
        var p = summarize(
                "room",
                Map.of("aggregation", "average", "field", "t"),
                Map.of("aggregation", "max", "field", "t"),
                Map.of("aggregation", "countUnique", "field", "by"),
                Map.of("aggregation", "concatenate", "field", "by", "separateBy", "other", "customSeparator", "+"));
        var out = items(run("n8n-nodes-base.summarize", 1.1, p, READINGS));
        assertThat(out)
                .extracting(Item::json)
                .containsExactly(
                        Map.of(
                                "room",
                                "kitchen",
                                "average_t",
                                21L,
                                "max_t",
                                22,
                                "unique_count_by",
                                2L,
                                "concatenated_by",
                                "a+b"),
                        Map.of(
                                "room",
                                "bath",
                                "average_t",
                                18L,
                                "max_t",
                                18,
                                "unique_count_by",
                                1L,
                                "concatenated_by",
                                "a"));
        assertThat(out.get(1).pairedItems()).extracting(Item.PairedItem::item).containsExactly(2, 3);
    }

    @Test
    void allSplitsInOneItem() {
        var p = summarize("room", Map.of("aggregation", "sum", "field", "t"));
        p.put("options", Map.of("outputFormat", "singleItem"));
        assertThat(json(run("hearth.summarize", 1.1, p, READINGS)))
                .containsExactly(Map.of("kitchen", Map.of("sum_t", 42L), "bath", Map.of("sum_t", 18L)));
    }

    @Test
    void countsEmptyValuesOnlyWhenAsked() {
        var p = summarize("", Map.of("aggregation", "count", "field", "by"));
        assertThat(json(run("hearth.summarize", 1.1, p, READINGS))).containsExactly(Map.of("count_by", 3L));
        var withEmpty = summarize("", Map.of("aggregation", "count", "field", "by", "includeEmpty", true));
        assertThat(json(run("hearth.summarize", 1.1, withEmpty, READINGS))).containsExactly(Map.of("count_by", 4L));
    }

    @Test
    void versionOneFailsOnAFieldNoItemHasAndLaterVersionsDoNot() {
        var p = summarize("", Map.of("aggregation", "sum", "field", "nope"));
        assertThat(error(run("hearth.summarize", 1, p, READINGS)))
                .contains("The field 'nope' does not exist in any items");
        assertThat(json(run("hearth.summarize", 1.1, p, READINGS))).containsExactly(Map.of("sum_nope", 0L));
    }

    @Test
    void versionOneGroupsNumbersAndTheirTextTogether() {
        var input = OneNode.of(Map.of("k", 1, "v", 1), Map.of("k", "1", "v", 2));
        var p = summarize("k", Map.of("aggregation", "sum", "field", "v"));
        assertThat(json(run("hearth.summarize", 1, p, input))).containsExactly(Map.of("k", "1", "sum_v", 3L));
        assertThat(json(run("hearth.summarize", 1.1, p, input)))
                .containsExactly(Map.of("k", 1, "sum_v", 1L), Map.of("k", "1", "sum_v", 2L));
    }
}
