package io.hearth.runtime.nodes.transform;

import static io.hearth.runtime.nodes.transform.OneNode.error;
import static io.hearth.runtime.nodes.transform.OneNode.json;
import static io.hearth.runtime.nodes.transform.OneNode.run;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RenameKeysNodeTest {

    @Test
    void renamesDeepKeysAndLeavesMissingOnesAlone() {
        var p = Map.<String, Object>of(
                "keys",
                Map.of(
                        "key",
                        List.of(
                                Map.of("currentKey", "attributes.temp", "newKey", "temperature"),
                                Map.of("currentKey", "absent", "newKey", "x"))));
        var input = OneNode.of(Map.of("attributes", Map.of("temp", 21, "unit", "C")));
        assertThat(json(run("n8n-nodes-base.renameKeys", 1, p, input)))
                .containsExactly(Map.of("attributes", Map.of("unit", "C"), "temperature", 21));
        assertThat(input.getFirst().json()).isEqualTo(Map.of("attributes", Map.of("temp", 21, "unit", "C")));
    }

    @Test
    void regexRenamesKeysAtEveryDepthWithCapturesUnlessDepthLimitsIt() {
        var replacement = Map.<String, Object>of(
                "searchRegex", "^sensor_(\\w+)$", "replaceRegex", "$1", "options", Map.of("caseInsensitive", true));
        var p = Map.<String, Object>of(
                "additionalOptions", Map.of("regexReplacement", Map.of("replacements", List.of(replacement))));
        var input = OneNode.of(Map.of("SENSOR_a", 1, "nested", Map.of("sensor_b", List.of(Map.of("sensor_c", 3)))));
        assertThat(json(run("hearth.renameKeys", 1, p, input)))
                .containsExactly(Map.of("a", 1, "nested", Map.of("b", List.of(Map.of("c", 3)))));

        var topOnly = Map.<String, Object>of(
                "additionalOptions",
                Map.of(
                        "regexReplacement",
                        Map.of(
                                "replacements",
                                List.of(Map.of(
                                        "searchRegex", "sensor_",
                                        "replaceRegex", "",
                                        "options", Map.of("depth", 0))))));
        assertThat(json(run("hearth.renameKeys", 1, topOnly, OneNode.of(Map.of("sensor_a", Map.of("sensor_b", 1))))))
                .containsExactly(Map.of("a", Map.of("sensor_b", 1)));
    }

    @Test
    void anInvalidRegexFailsTheNode() {
        var p = Map.<String, Object>of(
                "additionalOptions",
                Map.of(
                        "regexReplacement",
                        Map.of("replacements", List.of(Map.of("searchRegex", "(", "replaceRegex", "x")))));
        assertThat(error(run("hearth.renameKeys", 1, p, OneNode.of(Map.of("a", 1)))))
                .contains("Invalid regular expression");
    }
}
