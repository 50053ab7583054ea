package io.hearth.runtime.nodes.transform;

import static io.hearth.runtime.nodes.transform.OneNode.error;
import static io.hearth.runtime.nodes.transform.OneNode.items;
import static io.hearth.runtime.nodes.transform.OneNode.json;
import static io.hearth.runtime.nodes.transform.OneNode.run;
import static org.assertj.core.api.Assertions.assertThat;

import io.hearth.node.Item;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RemoveDuplicatesNodeTest {

    @Test
    void keepsTheFirstOfEqualItemsInInputOrder() {
        var input = OneNode.of(
                Map.of("a", 1, "b", Map.of("c", List.of(1, 2))),
                Map.of("a", 2, "b", Map.of("c", List.of(1, 2))),
                Map.of("a", 1.0, "b", Map.of("c", List.of(1, 2))));
        var out = items(run("n8n-nodes-base.removeDuplicates", 2, Map.of(), input));
        assertThat(out).extracting(i -> i.pairedItems().getFirst().item()).containsExactly(0, 1);
    }

    @Test
    void comparesSelectedFieldsAndCanDropTheOthers() {
        var input = OneNode.of(Map.of("id", 1, "x", "a"), Map.of("id", 1, "x", "b"), Map.of("id", 2, "x", "c"));
        var p = Map.<String, Object>of(
                "compare", "selectedFields", "fieldsToCompare", "id", "options", Map.of("removeOtherFields", true));
        assertThat(json(run("hearth.removeDuplicates", 2, p, input))).containsExactly(Map.of("id", 1), Map.of("id", 2));
    }

    @Test
    void comparesAllFieldsExceptSome() {
        var input = OneNode.of(Map.of("id", 1, "seen", "mon"), Map.of("id", 1, "seen", "tue"));
        var p = Map.<String, Object>of("compare", "allFieldsExcept", "fieldsToExclude", "seen");
        assertThat(json(run("hearth.removeDuplicates", 1.1, p, input))).containsExactly(Map.of("id", 1, "seen", "mon"));
    }

    @Test
    void aFieldMissingFromSomeItemsOrOfMixedTypesIsAnError() {
        var p = Map.<String, Object>of("compare", "selectedFields", "fieldsToCompare", "id");
        assertThat(error(run("hearth.removeDuplicates", 2, p, OneNode.of(Map.of("id", 1), Map.of("x", 1)))))
                .contains("'id' field is missing from some input items");
        assertThat(error(run("hearth.removeDuplicates", 2, p, OneNode.of(Map.of("id", 1), Map.of("id", "1")))))
                .contains("'id' isn't always the same type");
    }

    @Test
    void nullsTakePartInTheTypeCheckOnlyInVersionOne() {
        var input = List.of(Item.of(Map.of("id", 1)), Item.of(Collections.singletonMap("id", null)));
        var p = Map.<String, Object>of("compare", "selectedFields", "fieldsToCompare", "id");
        assertThat(error(run("hearth.removeDuplicates", 1, p, input))).contains("isn't always the same type");
        assertThat(json(run("hearth.removeDuplicates", 1.1, p, input)))
                .containsExactly(Map.of("id", 1), Collections.singletonMap("id", null));
    }

    @Test
    void flattensNestedKeysForAllFields() {
        assertThat(RemoveDuplicatesNode.flattenKeys(Map.of("a", Map.of("b", 1), "c", Arrays.asList(2, 3))))
                .containsExactlyInAnyOrder("a.b", "c.0", "c.1");
    }
}
