package io.hearth.runtime.nodes.transform;

import static io.hearth.runtime.nodes.transform.OneNode.error;
import static io.hearth.runtime.nodes.transform.OneNode.items;
import static io.hearth.runtime.nodes.transform.OneNode.json;
import static io.hearth.runtime.nodes.transform.OneNode.run;
import static org.assertj.core.api.Assertions.assertThat;

import io.hearth.node.BinaryData;
import io.hearth.node.Item;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AggregateNodeTest {

    @SafeVarargs
    @SuppressWarnings("varargs") // the array is only read (List.of copies it), never kept
    private static Map<String, Object> fields(Map<String, Object>... entries) {
        return Map.of("fieldsToAggregate", Map.of("fieldToAggregate", List.of(entries)));
    }

    @Test
    void collectsNestedFieldsSkippingMissingAndNullUnlessKept() {
        var input = OneNode.of(
                Map.of("user", Map.of("name", "ada", "tags", List.of("a"))),
                Map.of("user", Map.of("tags", Arrays.asList("b", null))),
                Map.of("user", java.util.Collections.singletonMap("name", null)));
        var p = fields(Map.of("fieldToAggregate", "user.name"), Map.of("fieldToAggregate", "user.tags"));
        assertThat(json(run("n8n-nodes-base.aggregate", 1, p, input)))
                .containsExactly(Map.of("name", List.of("ada"), "tags", List.of(List.of("a"), List.of("b"))));

        var kept = new java.util.HashMap<String, Object>(p);
        kept.put("options", Map.of("keepMissing", true, "mergeLists", true));
        assertThat(json(run("hearth.aggregate", 1, kept, input)))
                .containsExactly(
                        Map.of("name", Arrays.asList("ada", null, null), "tags", Arrays.asList("a", "b", null, null)));
    }

    @Test
    void refusesTheSameOutputFieldTwice() {
        var p = fields(
                Map.of("fieldToAggregate", "a"),
                Map.of("fieldToAggregate", "b", "renameField", true, "outputFieldName", "a"));
        assertThat(error(run("hearth.aggregate", 1, p, OneNode.of(Map.of("a", 1)))))
                .contains("The 'a' output field is used more than once");
    }

    @Test
    void allItemDataKeepsOnlyIncludedFieldsAndPairsEveryItem() {
        var p = Map.<String, Object>of(
                "aggregate", "aggregateAllItemData", "include", "specifiedFields", "fieldsToInclude", "id");
        var out = items(
                run("hearth.aggregate", 1, p, OneNode.of(Map.of("id", 1, "x", 2), Map.of("x", 3), Map.of("id", 4))));
        assertThat(out).singleElement().satisfies(i -> {
            assertThat(i.json()).isEqualTo(Map.of("data", List.of(Map.of("id", 1), Map.of("id", 4))));
            assertThat(i.pairedItems()).extracting(Item.PairedItem::item).containsExactly(0, 2);
        });
    }

    @Test
    void includesBinariesRenamingRepeatedKeysAndDroppingLookalikes() {
        BinaryData a = BinaryData.of(new byte[] {1, 2}, "image/png", "a.png");
        BinaryData b = BinaryData.of(new byte[] {3, 4}, "image/png", "b.png");
        BinaryData c = BinaryData.of(new byte[] {5}, "text/plain", "c.txt");
        var input = List.of(
                new Item(Map.of("id", 1), Map.of("data", a), List.of()),
                new Item(Map.of("id", 2), Map.of("data", b, "other", c), List.of()));
        var p = new java.util.HashMap<String, Object>(fields(Map.of("fieldToAggregate", "id")));
        p.put("options", Map.of("includeBinaries", true));
        assertThat(items(run("hearth.aggregate", 1, p, input)).getFirst().binary())
                .containsOnlyKeys("data", "data_1", "other");
        p.put("options", Map.of("includeBinaries", true, "keepOnlyUnique", true));
        assertThat(items(run("hearth.aggregate", 1, p, input)).getFirst().binary())
                .containsOnlyKeys("data", "other");
    }
}
