package io.hearth.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hearth.node.ActionNode;
import io.hearth.node.Item;
import io.hearth.node.NodeExecutionContext;
import io.hearth.node.NodeOutput;
import io.hearth.node.ParameterValues;
import io.hearth.node.credential.CredentialDescription;
import io.hearth.node.credential.CredentialType;
import io.hearth.node.description.CredentialRequirement;
import io.hearth.node.description.NodeDescription;
import io.hearth.node.description.NodeGroup;
import io.hearth.node.description.Parameter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class NodeTestKitTest {

    /** A plugin-style node: upper-cases a field, optionally adding the credential's suffix. */
    static final class ShoutNode implements ActionNode {
        final AtomicInteger runs = new AtomicInteger();

        @Override
        public NodeDescription description() {
            return NodeDescription.builder("acme.shout")
                    .displayName("Shout")
                    .group(NodeGroup.TRANSFORM)
                    .credential(new CredentialRequirement(
                            "acmeApi", false, io.hearth.node.description.DisplayOptions.ALWAYS))
                    .parameter(Parameter.string("field").displayName("Field").required())
                    .build();
        }

        @Override
        public CompletionStage<NodeOutput> execute(NodeExecutionContext ctx) {
            runs.incrementAndGet();
            String suffix =
                    ctx.credential("acmeApi").map(c -> c.string("suffix")).orElse("");
            List<Item> out = new ArrayList<>();
            for (int i = 0; i < ctx.items().size(); i++) {
                ParameterValues p = ctx.parameters(i);
                Map<String, Object> json =
                        new LinkedHashMap<>(ctx.items().get(i).json());
                String field = p.requiredString("field");
                json.put(field, String.valueOf(json.get(field)).toUpperCase(Locale.ROOT) + suffix);
                out.add(ctx.items().get(i).withJson(json).pairedWith(i));
            }
            return CompletableFuture.completedFuture(NodeOutput.of(out));
        }
    }

    static final class AcmeCredential implements CredentialType {
        @Override
        public CredentialDescription description() {
            return new CredentialDescription(
                    "acmeApi",
                    "Acme",
                    List.of(
                            Parameter.string("suffix").build(),
                            Parameter.secret("token").build()),
                    Optional.empty(),
                    null);
        }
    }

    private static final String WORKFLOW = """
            {"name": "shout", "nodes": [
              {"name": "Start", "type": "n8n-nodes-base.manualTrigger", "typeVersion": 1, "position": [0, 0], "parameters": {}},
              {"name": "Names", "type": "n8n-nodes-base.set", "typeVersion": 3.4, "position": [200, 0],
               "parameters": {"assignments": {"assignments": [{"name": "name", "type": "string", "value": "={{ 'ada' }}"}]}}},
              {"name": "Shout", "type": "acme.shout", "typeVersion": 1, "position": [400, 0],
               "parameters": {"field": "name"}, "credentials": {"acmeApi": {"id": "7", "name": "Acme account"}}}
             ],
             "connections": {"Start": {"main": [[{"node": "Names", "type": "main", "index": 0}]]},
                             "Names": {"main": [[{"node": "Shout", "type": "main", "index": 0}]]}}
            }""";

    private final ShoutNode shout = new ShoutNode();
    private final NodeTestKit kit = NodeTestKit.builder()
            .nodeTypes(shout)
            .credentialTypes(new AcmeCredential())
            .credential("acmeApi", "7", "Acme account", Map.of("suffix", "!", "token", "t0ken"))
            .build();

    @Test
    void runsAWorkflowWithTheRealRuntimeAndChecksANodesOutput() {
        kit.run(WORKFLOW).assertSucceeded().assertOutput("Shout", """
                [{"json": {"name": "ADA!"}}]""");
    }

    @Test
    void aMismatchNamesTheNodeTheItemAndTheField() {
        TestRun run = kit.run(WORKFLOW);
        assertThatThrownBy(() -> run.assertOutput("Shout", """
                        [{"json": {"name": "ADA?", "extra": 1}}]"""))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("Node \"Shout\" output 0 differs")
                .hasMessageContaining("item 0.json.name: expected \"ADA?\" (string), got \"ADA!\" (string)")
                .hasMessageContaining("item 0.json.extra: missing (expected 1)");
        assertThatThrownBy(() -> run.assertOutput("Shout", "[]"))
                .hasMessageContaining("expected 0 items, got 1 item")
                .hasMessageContaining("item 0: unexpected {\"json\":{\"name\":\"ADA!\"}}");
    }

    @Test
    void numbersCompareByValueAndKeysInAnyOrder() {
        assertThat(OutputCheck.differences(
                        JsonValues.parse("[{\"json\": {\"b\": 1.0, \"a\": [2]}}]", "x"),
                        List.of(Item.of(Map.of("a", List.of(2L), "b", 1)))))
                .isEmpty();
    }

    @Test
    void aFailedRunSaysWhichNodeFailedAndWhy() {
        String broken = WORKFLOW.replace("\"parameters\": {\"field\": \"name\"}", "\"parameters\": {\"field\": \"\"}");
        TestRun run = kit.run(broken);
        assertThatThrownBy(run::assertSucceeded)
                .hasMessageContaining("node \"Shout\"")
                .hasMessageContaining("Parameter 'field' is required");
        run.assertFailed("is required");
    }

    @Test
    void pinDataIsTheExpectationInN8nsTestConvention() {
        String withExpectations = WORKFLOW.replace(
                "\"connections\"", "\"pinData\": {\"Shout\": [{\"json\": {\"name\": \"ADA!\"}}]}, \"connections\"");
        PinDataCheck check = kit.check(withExpectations);
        assertThat(check.passed()).as(check.report()).isTrue();
        assertThat(shout.runs).hasValue(1);

        PinDataCheck wrong = kit.check(withExpectations.replace("ADA!", "ADA"));
        assertThat(wrong.passed()).isFalse();
        assertThat(wrong.report())
                .contains("Node \"Shout\": output differs", "expected \"ADA\" (string), got \"ADA!\"");
        assertThatThrownBy(wrong::assertPassed).isInstanceOf(AssertionError.class);
    }

    @Test
    void n8nsTestDataNodeIsReplacedByPinnedDataOfItsOutput() {
        String fixture = """
                {"nodes": [
                  {"name": "Start", "type": "n8n-nodes-base.manualTrigger", "typeVersion": 1, "position": [0, 0], "parameters": {}},
                  {"name": "Code", "type": "n8n-nodes-testing.testData", "typeVersion": 1, "position": [200, 0],
                   "parameters": {"data": "[{\\"name\\": \\"grace\\"}, {\\"name\\": \\"ada\\"}]"}},
                  {"name": "Shout", "type": "acme.shout", "typeVersion": 1, "position": [400, 0], "parameters": {"field": "name"}}
                 ],
                 "connections": {"Start": {"main": [[{"node": "Code", "type": "main", "index": 0}]]},
                                 "Code": {"main": [[{"node": "Shout", "type": "main", "index": 0}]]}},
                 "pinData": {"Shout": [{"json": {"name": "GRACE"}}, {"name": "ADA"}]}}""";
        PinDataCheck check = kit.check(fixture);
        assertThat(check.passed()).as(check.report()).isTrue();
        assertThat(check.substitutions())
                .singleElement()
                .hasToString("\"Code\" (n8n-nodes-testing.testData) replaced by pinned data of its output:"
                        + " n8n's test-only data node");
    }

    @Test
    void manualRunsHonourPinnedDataAsTheEditorDoes() {
        String pinned = WORKFLOW.replace(
                "\"connections\"", "\"pinData\": {\"Shout\": [{\"json\": {\"name\": \"pinned\"}}]}, \"connections\"");
        kit.run(pinned).assertOutput("Shout", "[{\"json\": {\"name\": \"pinned\"}}]");
        assertThat(shout.runs).hasValue(0);
    }
}
