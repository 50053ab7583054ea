package io.hearth.runtime.nodes.transform;

import static io.hearth.runtime.nodes.transform.OneNode.error;
import static io.hearth.runtime.nodes.transform.OneNode.items;
import static io.hearth.runtime.nodes.transform.OneNode.json;
import static io.hearth.runtime.nodes.transform.OneNode.run;
import static org.assertj.core.api.Assertions.assertThat;

import io.hearth.node.BinaryData;
import io.hearth.node.Item;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SplitOutNodeTest {

    @Test
    void splitsAListOfObjectsIntoItemsPairedWithTheirSource() {
        var input = OneNode.of(Map.of("rooms", List.of(Map.of("id", 1), Map.of("id", 2))), Map.of("rooms", List.of()));
        var out = items(run("n8n-nodes-base.splitOut", 1, Map.of("fieldToSplitOut", "rooms"), input));
        assertThat(out).extracting(Item::json).containsExactly(Map.of("id", 1), Map.of("id", 2));
        assertThat(out).allSatisfy(i -> assertThat(i.pairedItems()).containsExactly(new Item.PairedItem(0, 0)));
    }

    @Test
    void keepsOtherFieldsWithoutTheSplitOneAndNamesTheDestination() {
        var input = OneNode.of(Map.of("home", "a", "sensor", Map.of("values", List.of(1, 2))));
        var p = Map.<String, Object>of(
                "fieldToSplitOut", "$json.sensor.values",
                "include", "allOtherFields",
                "options", Map.of("destinationFieldName", "value"));
        assertThat(json(run("hearth.splitOut", 1, p, input)))
                .containsExactly(
                        Map.of("home", "a", "sensor", Map.of(), "value", 1),
                        Map.of("home", "a", "sensor", Map.of(), "value", 2));
        assertThat(input.getFirst().json()).isEqualTo(Map.of("home", "a", "sensor", Map.of("values", List.of(1, 2))));
    }

    @Test
    void splitsSeveralFieldsSideBySideAndCopiesSelectedFields() {
        var input = OneNode.of(Map.of("a", List.of(1, 2), "b", List.of("x"), "keep", true, "drop", 0));
        var p = Map.<String, Object>of(
                "fieldToSplitOut", "a, b", "include", "selectedOtherFields", "fieldsToInclude", "keep, missing");
        assertThat(json(run("hearth.splitOut", 1, p, input)))
                .containsExactly(Map.of("a", 1, "b", "x", "keep", true), Map.of("a", 2, "keep", true));
    }

    @Test
    void objectValuesAndPlainValuesSplitToo() {
        var input = OneNode.of(Map.of("o", OneNode.ordered("x", 1, "y", 2)), Map.of("o", "single"));
        assertThat(json(run("hearth.splitOut", 1, Map.of("fieldToSplitOut", "o"), input)))
                .containsExactly(Map.of("o", 1), Map.of("o", 2), Map.of("o", "single"));
    }

    @Test
    void splitsBinariesIntoOneItemEach() {
        BinaryData a = BinaryData.of(new byte[] {1}, "image/png", "a.png");
        BinaryData b = BinaryData.of(new byte[] {2}, "image/png", "b.png");
        var binaries = new java.util.LinkedHashMap<String, BinaryData>();
        binaries.put("first", a);
        binaries.put("second", b);
        var input = List.of(new Item(Map.of("id", 1), binaries, List.of()));
        var out = items(run("hearth.splitOut", 1, Map.of("fieldToSplitOut", "$binary"), input));
        assertThat(out).extracting(Item::binary).containsExactly(Map.of("first", a), Map.of("second", b));
    }

    @Test
    void refusesMismatchedDestinationNames() {
        var p = Map.<String, Object>of("fieldToSplitOut", "a, b", "options", Map.of("destinationFieldName", "x"));
        assertThat(error(run("hearth.splitOut", 1, p, OneNode.of(Map.of("a", List.of(1))))))
                .contains("the same number of destination fields");
    }
}
