package io.hearth.runtime.nodes.merge;

import static io.hearth.runtime.Flows.flow;
import static io.hearth.runtime.Flows.output;
import static org.assertj.core.api.Assertions.assertThat;

import io.hearth.runtime.Flows;
import io.hearth.runtime.execution.ExecutionResult;
import io.hearth.runtime.execution.ExecutionStatus;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Merge per type version, each with the behaviour n8n's Merge of that version has
 * (packages/nodes-base/nodes/Merge at 5fbc8d1f). Inputs are pinned items of two (or three) No-Op
 * nodes feeding the Merge's inputs.
 */
class MergeNodeTest {

    private static final String MERGE = "n8n-nodes-base.merge";

    private static final List<Map<String, Object>> PEOPLE =
            List.of(Map.of("id", 1, "name", "Ada"), Map.of("id", 2, "name", "Bo"), Map.of("id", 3, "name", "Cy"));

    private static final List<Map<String, Object>> ORDERS = List.of(
            Map.of("id", "1", "order", "a", "name", ""), Map.of("id", 3, "order", "b"), Map.of("id", 3, "order", "c"));

    /** Start → In1 (pinned) → Merge input 1, Start → In2 (pinned) → Merge input 2 (and In3 → input 3). */
    private static ExecutionResult merge(
            double version, Map<String, Object> parameters, List<List<Map<String, Object>>> inputs) {
        Flows f = flow().node("Start", "hearth.manualTrigger", Map.of()).node("Merge", MERGE, version, parameters);
        for (int i = 0; i < inputs.size(); i++) {
            String name = "In" + (i + 1);
            f.node(name, "hearth.noOp", Map.of()).connect("Start", name).connect(name, 0, "Merge", i);
            f.pin(name, inputs.get(i)); // none pinned: the input gets no items
        }
        return f.run();
    }

    private static List<Map<String, Object>> merged(
            double version, Map<String, Object> parameters, List<List<Map<String, Object>>> inputs) {
        ExecutionResult r = merge(version, parameters, inputs);
        assertThat(r.status()).as("%s", r.error()).isEqualTo(ExecutionStatus.SUCCESS);
        return output(r, "Merge");
    }

    // ---- version 3.2 (the current form)

    @Test
    void keepsMatchesByFieldsToMatchMergedWithInput2WinningClashes() {
        assertThat(merged(
                        3.2,
                        Map.of("mode", "combine", "fieldsToMatchString", "id", "options", Map.of("fuzzyCompare", true)),
                        List.of(PEOPLE, ORDERS)))
                .containsExactly(
                        Map.of("id", "1", "name", "", "order", "a"),
                        Map.of("id", 3, "name", "Cy", "order", "b"),
                        Map.of("id", 3, "name", "Cy", "order", "c"));
    }

    @Test
    void matchesStrictlyByTypeUnlessFuzzyCompare() {
        assertThat(merged(3.2, Map.of("mode", "combine", "fieldsToMatchString", "id"), List.of(PEOPLE, ORDERS)))
                .extracting(m -> m.get("order"))
                .containsExactly("b", "c");
    }

    @Test
    void minimizeEmptyFieldsKeepsTheFilledValue() {
        Map<String, Object> clash = Map.of(
                "clashHandling",
                Map.of("values", Map.of("resolveClash", "preferLast", "overrideEmpty", true)),
                "fuzzyCompare",
                true);
        assertThat(merged(
                                3.2,
                                Map.of("mode", "combine", "fieldsToMatchString", "id", "options", clash),
                                List.of(PEOPLE, ORDERS))
                        .getFirst())
                .containsEntry("name", "Ada");
    }

    @Test
    void firstMatchOnlyAndPreferInput1() {
        Map<String, Object> options = Map.of(
                "multipleMatches", "first", "clashHandling", Map.of("values", Map.of("resolveClash", "preferInput1")));
        assertThat(merged(
                        3.2,
                        Map.of("mode", "combine", "fieldsToMatchString", "id", "options", options),
                        List.of(PEOPLE, ORDERS)))
                .containsExactly(Map.of("id", 3, "name", "Cy", "order", "b"));
    }

    @Test
    void deepMergesNestedObjectsUnlessShallow() {
        List<Map<String, Object>> a = List.of(Map.of("id", 1, "address", Map.of("city", "Oslo", "zip", "0150")));
        List<Map<String, Object>> b = List.of(Map.of("id", 1, "address", Map.of("city", "Bergen")));
        assertThat(merged(3.2, Map.of("mode", "combine", "fieldsToMatchString", "id"), List.of(a, b)))
                .containsExactly(Map.of("id", 1, "address", Map.of("city", "Bergen", "zip", "0150")));
        Map<String, Object> shallow = Map.of(
                "clashHandling", Map.of("values", Map.of("resolveClash", "preferLast", "mergeMode", "shallowMerge")));
        assertThat(merged(
                        3.2, Map.of("mode", "combine", "fieldsToMatchString", "id", "options", shallow), List.of(a, b)))
                .containsExactly(Map.of("id", 1, "address", Map.of("city", "Bergen")));
    }

    @Test
    void fieldNamesWithDotsAreKeysWhenDotNotationIsOff() {
        List<Map<String, Object>> a = List.of(Map.of("a.b", 1, "x", "left"));
        List<Map<String, Object>> b = List.of(Map.of("a.b", 1, "y", "right"), Map.of("a", Map.of("b", 1)));
        Map<String, Object> p =
                Map.of("mode", "combine", "fieldsToMatchString", "a.b", "options", Map.of("disableDotNotation", true));
        assertThat(merged(3.2, p, List.of(a, b))).containsExactly(Map.of("a.b", 1, "x", "left", "y", "right"));
    }

    @Test
    void keepNonMatchesFromBothInputsSaysWhereEachCameFrom() {
        assertThat(merged(
                        3.2,
                        Map.of("mode", "combine", "fieldsToMatchString", "id", "joinMode", "keepNonMatches"),
                        List.of(PEOPLE, ORDERS)))
                .containsExactly(
                        Map.of("id", 1, "name", "Ada", "_source", "input1"),
                        Map.of("id", 2, "name", "Bo", "_source", "input1"),
                        Map.of("id", "1", "order", "a", "name", "", "_source", "input2"));
    }

    @Test
    void enrichInput2PrefersInput1ByDefault() {
        List<Map<String, Object>> a = List.of(Map.of("id", 1, "v", "from 1"));
        List<Map<String, Object>> b = List.of(Map.of("id", 1, "v", "from 2"), Map.of("id", 9, "v", "lonely"));
        assertThat(merged(
                        3.2,
                        Map.of("mode", "combine", "fieldsToMatchString", "id", "joinMode", "enrichInput2"),
                        List.of(a, b)))
                .containsExactly(Map.of("id", 1, "v", "from 1"), Map.of("id", 9, "v", "lonely"));
    }

    @Test
    void withoutFieldsToMatchTheNodeFailsNamingThem() {
        ExecutionResult r = merge(3.2, Map.of("mode", "combine"), List.of(PEOPLE, ORDERS));
        assertThat(r.status()).isEqualTo(ExecutionStatus.ERROR);
        assertThat(r.error().orElseThrow().message()).contains("Fields to Match");
    }

    @Test
    void appendsThreeInputsInOrder() {
        assertThat(merged(
                        3.2,
                        Map.of("mode", "append", "numberInputs", 3),
                        List.of(List.of(Map.of("n", 1)), List.of(Map.of("n", 2)), List.of(Map.of("n", 3)))))
                .containsExactly(Map.of("n", 1), Map.of("n", 2), Map.of("n", 3));
    }

    @Test
    void choosesTheThirdInput() {
        assertThat(merged(
                        3.2,
                        Map.of("mode", "chooseBranch", "numberInputs", 3, "useDataOfInput", 3),
                        List.of(List.of(Map.of("n", 1)), List.of(Map.of("n", 2)), List.of(Map.of("n", 3)))))
                .containsExactly(Map.of("n", 3));
    }

    @Test
    void chooseBranchEmptyGivesOneEmptyItem() {
        assertThat(merged(3.2, Map.of("mode", "chooseBranch", "output", "empty"), List.of(PEOPLE, ORDERS)))
                .containsExactly(Map.of());
    }

    @Test
    void combinesThreeInputsByPositionThePreferredOneWinning() {
        List<List<Map<String, Object>>> inputs = List.of(
                List.of(Map.of("v", 1, "a", 1), Map.of("v", 1)),
                List.of(Map.of("v", 2, "b", 2)),
                List.of(Map.of("v", 3, "c", 3)));
        Map<String, Object> preferFirst =
                Map.of("clashHandling", Map.of("values", Map.of("resolveClash", "preferInput1")));
        assertThat(merged(
                        3.2,
                        Map.of(
                                "mode",
                                "combine",
                                "combineBy",
                                "combineByPosition",
                                "numberInputs",
                                3,
                                "options",
                                preferFirst),
                        inputs))
                .containsExactly(Map.of("v", 1, "a", 1, "b", 2, "c", 3));
        assertThat(merged(
                        3.2,
                        Map.of(
                                "mode",
                                "combine",
                                "combineBy",
                                "combineByPosition",
                                "numberInputs",
                                3,
                                "options",
                                Map.of("includeUnpaired", true)),
                        inputs))
                .containsExactly(Map.of("v", 3, "a", 1, "b", 2, "c", 3), Map.of("v", 1));
    }

    @Test
    void byPositionWithAnEmptyInputOutputsNothing() {
        assertThat(merged(3.2, Map.of("mode", "combine", "combineBy", "combineByPosition"), List.of(PEOPLE, List.of())))
                .isEmpty();
    }

    @Test
    void allCombinationsAddInputNumbersWhenAsked() {
        Map<String, Object> suffix = Map.of("clashHandling", Map.of("values", Map.of("resolveClash", "addSuffix")));
        assertThat(merged(
                        3.2,
                        Map.of("mode", "combine", "combineBy", "combineAll", "options", suffix),
                        List.of(List.of(Map.of("x", 1), Map.of("x", 2)), List.of(Map.of("y", "a")))))
                .containsExactly(Map.of("x_1", 1, "y_2", "a"), Map.of("x_1", 2, "y_2", "a"));
    }

    @Test
    void sqlQueryIsRefusedNotIgnored() {
        ExecutionResult r =
                merge(3.2, Map.of("mode", "combineBySql", "query", "SELECT * FROM input1"), List.of(PEOPLE, ORDERS));
        assertThat(r.status()).isEqualTo(ExecutionStatus.ERROR);
        assertThat(r.error().orElseThrow().message()).isEqualTo("Merge → Mode: 'SQL Query' is not supported by Hearth");
    }

    // ---- versions 2 and 2.1

    @Test
    void version2MergesByFieldPairsWithPreferInput2() {
        Map<String, Object> p = Map.of(
                "mode",
                "combine",
                "mergeByFields",
                Map.of("values", List.of(Map.of("field1", "id", "field2", "id"))),
                "joinMode",
                "keepEverything",
                "options",
                Map.of("clashHandling", Map.of("values", Map.of("resolveClash", "preferInput2"))));
        assertThat(merged(2.1, p, List.of(PEOPLE, ORDERS)))
                .containsExactly(
                        Map.of("id", 3, "name", "Cy", "order", "b"),
                        Map.of("id", 3, "name", "Cy", "order", "c"),
                        Map.of("id", 1, "name", "Ada"),
                        Map.of("id", 2, "name", "Bo"),
                        Map.of("id", "1", "order", "a", "name", ""));
    }

    @Test
    void version20RequiresTheFieldsToMatchInBothInputs() {
        Map<String, Object> p = Map.of(
                "mode", "combine", "mergeByFields", Map.of("values", List.of(Map.of("field1", "id", "field2", "ref"))));
        ExecutionResult r = merge(2, p, List.of(PEOPLE, ORDERS));
        assertThat(r.status()).isEqualTo(ExecutionStatus.ERROR);
        assertThat(r.error().orElseThrow().message())
                .isEqualTo("Field 'ref' is not present in any of items in 'Input 2'");
        assertThat(merged(2.1, p, List.of(PEOPLE, ORDERS))).isEmpty();
    }

    @Test
    void version2ByPositionWithAnEmptyInputOutputsTheOtherInput() {
        assertThat(merged(
                        2.1,
                        Map.of("mode", "combine", "combinationMode", "mergeByPosition"),
                        List.of(PEOPLE, List.of())))
                .isEqualTo(PEOPLE);
    }

    @Test
    void version2ChoosesInput2() {
        assertThat(merged(2, Map.of("mode", "chooseBranch", "output", "input2"), List.of(PEOPLE, ORDERS)))
                .isEqualTo(ORDERS);
    }

    // ---- version 1

    @Test
    void version1MergesByKeyComparingKeysAsText() {
        assertThat(merged(
                        1,
                        Map.of(
                                "mode",
                                "mergeByKey",
                                "propertyName1",
                                "id",
                                "propertyName2",
                                "id",
                                "overwrite",
                                "blank"),
                        List.of(PEOPLE, ORDERS)))
                .containsExactly(
                        Map.of("id", 1, "name", "Ada", "order", "a"),
                        Map.of("id", 2, "name", "Bo"),
                        Map.of("id", 3, "name", "Cy", "order", "c"));
    }

    @Test
    void version1KeepsAndRemovesKeyMatches() {
        Map<String, Object> keys = Map.of("propertyName1", "id", "propertyName2", "id");
        Map<String, Object> keep = new java.util.HashMap<>(keys);
        keep.put("mode", "keepKeyMatches");
        Map<String, Object> remove = new java.util.HashMap<>(keys);
        remove.put("mode", "removeKeyMatches");
        assertThat(merged(1, keep, List.of(PEOPLE, ORDERS)))
                .extracting(m -> m.get("name"))
                .containsExactly("Ada", "Cy");
        assertThat(merged(1, remove, List.of(PEOPLE, ORDERS)))
                .extracting(m -> m.get("name"))
                .containsExactly("Bo");
    }

    @Test
    void version1MergesByIndexWithLeftJoinByDefault() {
        assertThat(merged(1, Map.of("mode", "mergeByIndex"), List.of(List.of(Map.of("a", 1)), ORDERS)))
                .containsExactly(Map.of("a", 1, "id", "1", "order", "a", "name", ""));
        assertThat(merged(1, Map.of("mode", "mergeByIndex", "join", "outer"), List.of(List.of(Map.of("a", 1)), ORDERS)))
                .hasSize(3);
    }

    @Test
    void version1PassesInput2ThroughAndWaitsForBoth() {
        assertThat(merged(1, Map.of("mode", "passThrough", "output", "input2"), List.of(PEOPLE, ORDERS)))
                .isEqualTo(ORDERS);
        assertThat(merged(1, Map.of("mode", "passThrough"), List.of(PEOPLE, ORDERS)))
                .isEqualTo(PEOPLE);
        assertThat(merged(1, Map.of("mode", "wait"), List.of(PEOPLE, ORDERS))).containsExactly(Map.of());
    }

    @Test
    void version1MultiplexIsShallow() {
        assertThat(merged(
                        1,
                        Map.of("mode", "multiplex"),
                        List.of(List.of(Map.of("o", Map.of("a", 1))), List.of(Map.of("o", Map.of("b", 2))))))
                .containsExactly(Map.of("o", Map.of("b", 2)));
    }
}
