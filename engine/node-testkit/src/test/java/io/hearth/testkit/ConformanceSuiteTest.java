package io.hearth.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConformanceSuiteTest {

    private static final String PASSING = """
            {"nodes": [
              {"name": "Start", "type": "n8n-nodes-base.manualTrigger", "typeVersion": 1, "position": [0, 0], "parameters": {}},
              {"name": "Code", "type": "n8n-nodes-testing.testData", "typeVersion": 1, "position": [200, 0],
               "parameters": {"data": [{"n": 1}, {"n": 2}]}},
              {"name": "Pass", "type": "n8n-nodes-base.noOp", "typeVersion": 1, "position": [400, 0], "parameters": {}}
             ],
             "connections": {"Start": {"main": [[{"node": "Code", "type": "main", "index": 0}]]},
                             "Code": {"main": [[{"node": "Pass", "type": "main", "index": 0}]]}},
             "pinData": {"Pass": [{"json": {"n": 1}}, {"json": {"n": 2}}]}}""";

    @TempDir
    Path fixtures;

    private void write(String path, String json) throws IOException {
        Path file = fixtures.resolve(path);
        Files.createDirectories(file.getParent());
        Files.writeString(file, json);
    }

    @Test
    void countsFoundIncludedExcludedAndPassingPerNodeType() throws IOException {
        write("NoOp/test/pass.json", PASSING);
        write("NoOp/test/wrong.json", PASSING.replace("{\"json\": {\"n\": 2}}]", "{\"json\": {\"n\": 3}}]"));
        write("NoOp/test/listed.json", PASSING);
        write("NoOp/test/data/sample.json", "{\"not\": \"a workflow\"}");
        write("Fancy/V2/test/fancy.json", PASSING.replace("n8n-nodes-base.noOp", "n8n-nodes-base.fancy"));
        ConformanceList list = ConformanceList.parse("""
                {"excluded": {"NoOp/test/listed.json": "needs a network mock"},
                 "knownFailing": {"NoOp/test/wrong.json": "expects 3 where 2 is right"},
                 "pinned": {"NoOp/test/gone.json": {"X": "no such fixture"}}}""");

        ConformanceReport report = new ConformanceSuite(fixtures, list, Optional.empty()).run(NodeTestKit.create());

        assertThat(report.byNodeType().get("NoOp")).isEqualTo(new ConformanceReport.Counts(3, 2, 1, 1, 1));
        assertThat(report.byNodeType().get("Fancy")).isEqualTo(new ConformanceReport.Counts(1, 0, 1, 0, 0));
        assertThat(report.total()).isEqualTo(new ConformanceReport.Counts(4, 2, 2, 1, 1));
        assertThat(report.unexpectedFailures()).isEmpty();
        assertThat(report.problems())
                .containsExactly("The conformance list names NoOp/test/gone.json, which is not among the fixtures");
        assertThat(report.render())
                .contains("NoOp/test/listed.json: needs a network mock")
                .contains("Fancy/V2/test/fancy.json: needs node types Hearth does not have: n8n-nodes-base.fancy")
                .contains("NoOp/test/pass.json: \"Code\" (n8n-nodes-testing.testData) replaced by pinned data")
                .contains("item 1.json.n: expected 3 (number), got 2 (number)");
    }

    @Test
    void runsOneNodeTypeOnly() throws IOException {
        write("NoOp/test/pass.json", PASSING);
        write("Other/test/pass.json", PASSING);
        ConformanceReport report =
                new ConformanceSuite(fixtures, ConformanceList.EMPTY, Optional.of("other")).run(NodeTestKit.create());
        assertThat(report.results()).extracting(FixtureResult::fixture).containsExactly("Other/test/pass.json");
    }

    @Test
    void aFailureNotListedIsUnexpected() throws IOException {
        write("NoOp/test/wrong.json", PASSING.replace("{\"json\": {\"n\": 2}}]", "{\"json\": {\"n\": 3}}]"));
        ConformanceReport report =
                new ConformanceSuite(fixtures, ConformanceList.EMPTY, Optional.empty()).run(NodeTestKit.create());
        assertThat(report.unexpectedFailures())
                .extracting(FixtureResult::fixture)
                .containsExactly("NoOp/test/wrong.json");
    }

    @Test
    void theNodeTypeIsTheFolderBeforeTestWithoutAVersionFolder() {
        assertThat(ConformanceSuite.nodeTypeOf("Switch/V3/test/switch.rules.workflow.json"))
                .isEqualTo("Switch");
        assertThat(ConformanceSuite.nodeTypeOf("Transform/SplitOut/test/workflow.splitOut.json"))
                .isEqualTo("SplitOut");
        assertThat(ConformanceSuite.nodeTypeOf("If/test/v1/IF.number.json")).isEqualTo("If");
        assertThat(ConformanceSuite.nodeTypeOf("Crypto/v1/test/CryptoTest.workflow.json"))
                .isEqualTo("Crypto");
    }
}
