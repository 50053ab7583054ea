package io.hearth.runtime.nodes.merge;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Each of Merge's migration steps on its own. */
class MergeMigrationsTest {

    @Test
    void version1ModesGetVersion1Defaults() {
        assertThat(MergeMigrations.v1Defaults(Map.of("mode", "passThrough", "output", "input2")))
                .containsEntry(MergeV1Modes.PASS_THROUGH_OUTPUT, "input2")
                .containsEntry("join", "left")
                .containsEntry("overwrite", "always")
                .doesNotContainKey("output");
        assertThat(MergeMigrations.v1Defaults(Map.of("mode", "mergeByKey")))
                .containsEntry(MergeV1Modes.PASS_THROUGH_OUTPUT, "input1");
        assertThat(MergeMigrations.v1Defaults(Map.of())).isEmpty(); // append: as later versions
    }

    @Test
    void version20RequiresMatchFieldsPresent() {
        assertThat(MergeMigrations.fieldsNeedNotBePresent(Map.of("mode", "combine")))
                .containsEntry(MergeNode.REQUIRE_MATCH_FIELDS, true);
        assertThat(MergeMigrations.fieldsNeedNotBePresent(Map.of("mode", "combine", "combinationMode", "multiplex")))
                .doesNotContainKey(MergeNode.REQUIRE_MATCH_FIELDS);
    }

    @Test
    void combinationModeBecomesCombineBy() {
        assertThat(MergeMigrations.v2ToV3(Map.of("mode", "combine")))
                .containsEntry("combineBy", "combineByFields")
                .containsEntry("advanced", true)
                .doesNotContainKey("combinationMode");
        assertThat(MergeMigrations.v2ToV3(Map.of("mode", "combine", "combinationMode", "mergeByPosition")))
                .containsEntry("combineBy", "combineByPosition")
                .containsEntry(MergeNode.APPEND_WHEN_AN_INPUT_IS_EMPTY, true);
        assertThat(MergeMigrations.v2ToV3(Map.of("mode", "combine", "combinationMode", "multiplex")))
                .containsEntry("combineBy", "combineAll");
    }

    @Test
    void preferInput2BecomesPreferLast() {
        Map<String, Object> v2 = Map.of(
                "mode",
                "combine",
                "options",
                Map.of(
                        "clashHandling",
                        Map.of("values", Map.of("resolveClash", "preferInput2", "mergeMode", "shallowMerge"))));
        assertThat(MergeMigrations.v2ToV3(v2).get("options"))
                .isEqualTo(Map.of(
                        "clashHandling",
                        Map.of("values", Map.of("resolveClash", "preferLast", "mergeMode", "shallowMerge"))));
    }

    @Test
    void chooseBranchPicksAnInputByNumber() {
        assertThat(MergeMigrations.v2ToV3(Map.of("mode", "chooseBranch")))
                .containsEntry("chooseBranchMode", "waitForAll")
                .containsEntry("output", "specifiedInput")
                .containsEntry("useDataOfInput", 1);
        assertThat(MergeMigrations.v2ToV3(Map.of("mode", "chooseBranch", "output", "input2")))
                .containsEntry("useDataOfInput", 2);
        assertThat(MergeMigrations.v2ToV3(Map.of("mode", "chooseBranch", "output", "empty")))
                .containsEntry("output", "empty");
    }

    @Test
    void stepsRunInOrderFromVersion1() {
        assertThat(MergeMigrations.STEPS).extracting(s -> s.upTo()).isEqualTo(List.of(2.0, 2.1, 3.0));
    }
}
