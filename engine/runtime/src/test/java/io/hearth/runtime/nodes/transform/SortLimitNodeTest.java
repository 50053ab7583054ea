package io.hearth.runtime.nodes.transform;

import static io.hearth.runtime.nodes.transform.OneNode.error;
import static io.hearth.runtime.nodes.transform.OneNode.items;
import static io.hearth.runtime.nodes.transform.OneNode.json;
import static io.hearth.runtime.nodes.transform.OneNode.run;
import static org.assertj.core.api.Assertions.assertThat;

import io.hearth.node.Item;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SortLimitNodeTest {

    @SafeVarargs
    @SuppressWarnings("varargs") // the array is only read (List.of copies it), never kept
    private static Map<String, Object> sortBy(Map<String, Object>... fields) {
        return Map.of("sortFieldsUi", Map.of("sortField", List.of(fields)));
    }

    @Test
    void sortsByFieldsCaseInsensitivelyThenByTheNextField() {
        var input = OneNode.of(
                Map.of("room", "kitchen", "t", 20),
                Map.of("room", "Bath", "t", 18),
                Map.of("room", "bath", "t", 21),
                Map.of("t", 5));
        var out = items(run(
                "n8n-nodes-base.sort",
                1,
                sortBy(Map.of("fieldName", "room"), Map.of("fieldName", "t", "order", "descending")),
                input));
        assertThat(out).extracting(i -> i.json().get("t")).containsExactly(21, 18, 20, 5);
        assertThat(out).extracting(i -> i.pairedItems().getFirst().item()).containsExactly(2, 1, 0, 3);
    }

    @Test
    void namesTheFieldNoItemHas() {
        assertThat(error(run("hearth.sort", 1, sortBy(Map.of("fieldName", "nope")), OneNode.of(Map.of("a", 1)))))
                .contains("Couldn't find the field 'nope' in the input data");
    }

    @Test
    void refusesCodeSortingByName() {
        assertThat(error(run("hearth.sort", 1, Map.of("type", "code"), OneNode.of(Map.of("a", 1)))))
                .contains("Type: 'Code'")
                .contains("not supported");
    }

    @Test
    void randomSortKeepsEveryItem() {
        var input = OneNode.of(Map.of("n", 1), Map.of("n", 2), Map.of("n", 3), Map.of("n", 4));
        assertThat(json(run("hearth.sort", 1, Map.of("type", "random"), input)))
                .containsExactlyInAnyOrderElementsOf(
                        input.stream().map(Item::json).toList());
    }

    @Test
    void limitKeepsTheFirstOrLastItems() {
        var input = OneNode.of(Map.of("n", 1), Map.of("n", 2), Map.of("n", 3));
        assertThat(json(run("n8n-nodes-base.limit", 1, Map.of("maxItems", 2), input)))
                .containsExactly(Map.of("n", 1), Map.of("n", 2));
        var last = items(run("hearth.limit", 1, Map.of("maxItems", 2, "keep", "lastItems"), input));
        assertThat(last).extracting(Item::json).containsExactly(Map.of("n", 2), Map.of("n", 3));
        assertThat(last).extracting(i -> i.pairedItems().getFirst().item()).containsExactly(1, 2);
        assertThat(json(run("hearth.limit", 1, Map.of("maxItems", 10), input))).hasSize(3);
    }
}
