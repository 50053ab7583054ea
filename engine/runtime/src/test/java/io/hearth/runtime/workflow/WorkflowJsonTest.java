package io.hearth.runtime.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hearth.common.Json;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class WorkflowJsonTest {

    private static final JsonMapper MAPPER = Json.mapper();

    private static String resource(String name) throws IOException {
        try (InputStream in = WorkflowJsonTest.class.getResourceAsStream("/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void importsAnN8nExport() throws IOException {
        Workflow w = WorkflowJson.parse(resource("n8n-webhook-ha.json"));
        assertThat(w.id()).contains("wf42");
        assertThat(w.nodes())
                .extracting(WorkflowNode::name)
                .containsExactly("Webhook", "Edit Fields", "Respond to Webhook", "Home Assistant");
        WorkflowNode set = w.node("Edit Fields").orElseThrow();
        assertThat(set.typeVersion()).isEqualTo(3.4);
        assertThat(set.retry()).isEqualTo(new RetryPolicy(true, 4, Duration.ofSeconds(2), false));
        assertThat(w.node("Respond to Webhook").orElseThrow().onError()).isEqualTo(OnError.CONTINUE_REGULAR_OUTPUT);
        WorkflowNode ha = w.node("Home Assistant").orElseThrow();
        assertThat(ha.disabled()).isTrue();
        assertThat(ha.credentials())
                .containsEntry("homeAssistantApi", new CredentialRef("12", "Home Assistant account"));
        assertThat(w.connections().targets("Webhook", 0))
                .extracting(Connection::node)
                .containsExactly("Edit Fields", "Home Assistant");
        assertThat(w.settings().timezone()).contains(ZoneId.of("Europe/Amsterdam"));
        assertThat(w.settings().saveData()).isEqualTo(WorkflowSettings.SaveDataPolicy.ERRORS_ONLY);
        assertThat(w.settings().executionTimeout()).contains(Duration.ofMinutes(2));
    }

    @Test
    void exportReturnsTheImportedDocument() throws IOException {
        String original = resource("n8n-webhook-ha.json");
        Workflow w = WorkflowJson.parse(original);
        Object exported = MAPPER.readValue(WorkflowJson.toJsonText(w), Object.class);
        Object expected = MAPPER.readValue(original, Object.class);
        assertThat(exported).isEqualTo(expected);
    }

    @Test
    void exportThenImportIsStable() throws IOException {
        Workflow w = WorkflowJson.parse(resource("n8n-webhook-ha.json"));
        Workflow again = WorkflowJson.parse(WorkflowJson.toJsonText(w));
        assertThat(again).isEqualTo(w);
    }

    @Test
    void reportsEveryProblemWithItsPath() {
        String json = """
                {"name": "bad", "nodes": [
                  {"name": "A", "type": "n8n-nodes-base.noOp", "typeVersion": "one"},
                  {"type": "n8n-nodes-base.noOp"},
                  {"name": "A", "type": "n8n-nodes-base.noOp", "onError": "explode"}
                 ],
                 "connections": {"A": {"main": [[{"node": "Ghost", "type": "main", "index": 0}]]}, "Nobody": {"main": []}},
                 "settings": {"timezone": "Mars/Olympus"}}
                """;
        assertThatThrownBy(() -> WorkflowJson.parse(json))
                .isInstanceOfSatisfying(
                        InvalidWorkflowException.class,
                        e -> assertThat(e.problems())
                                .extracting(FieldProblem::toString)
                                .contains(
                                        "nodes[0].typeVersion: must be a number",
                                        "nodes[1].name: required",
                                        "nodes[2].onError: must be one of stopWorkflow, continueRegularOutput, continueErrorOutput",
                                        "connections.Nobody: unknown node 'Nobody'",
                                        "settings.timezone: unknown time zone 'Mars/Olympus'"));
    }

    @Test
    void readsN8nsExecutionOrderWithTheLegacyOrderWhenAbsent() {
        String base = "{\"name\": \"w\", \"nodes\": [], \"connections\": {}%s}";
        assertThat(WorkflowJson.parse(base.formatted("")).settings().legacyExecutionOrder())
                .isTrue();
        assertThat(WorkflowJson.parse(base.formatted(", \"settings\": {\"executionOrder\": \"v1\"}"))
                        .settings()
                        .legacyExecutionOrder())
                .isFalse();
        assertThatThrownBy(() -> WorkflowJson.parse(base.formatted(", \"settings\": {\"executionOrder\": \"v2\"}")))
                .isInstanceOfSatisfying(
                        InvalidWorkflowException.class,
                        e -> assertThat(e.problems())
                                .extracting(FieldProblem::toString)
                                .containsExactly("settings.executionOrder: must be 'v1' or 'v0' (n8n's legacy order)"));
    }

    @Test
    void readsAndWritesTheExecutionLimitSettings() {
        String json = """
                {"name": "limited", "nodes": [], "connections": {},
                 "settings": {"executionTimeout": -1, "maxNodeRuns": 500, "maxItemsPerOutput": 2000,
                              "maxExecutionDataMb": 4, "executionDataOverflow": "truncate", "maxConcurrency": 1}}
                """;
        Workflow w = WorkflowJson.parse(json);
        assertThat(w.settings().executionTimeout()).contains(Duration.ZERO);
        assertThat(w.settings().limits())
                .isEqualTo(WorkflowLimits.NONE
                        .withMaxNodeRuns(500)
                        .withMaxItemsPerOutput(2000)
                        .withMaxExecutionDataMb(4, WorkflowLimits.DataOverflow.TRUNCATE)
                        .withMaxConcurrency(1));
        assertThat(WorkflowJson.toTree(w).get("settings"))
                .isEqualTo(Map.of(
                        "executionTimeout", -1L,
                        "maxNodeRuns", 500,
                        "maxItemsPerOutput", 2000,
                        "maxExecutionDataMb", 4,
                        "executionDataOverflow", "truncate",
                        "maxConcurrency", 1));
        assertThat(WorkflowJson.parse(WorkflowJson.toJsonText(w))).isEqualTo(w);
    }

    @Test
    void refusesLimitSettingsThatAreNotPositiveWholeNumbers() {
        String json = """
                {"name": "bad", "nodes": [], "connections": {},
                 "settings": {"maxNodeRuns": 0, "maxItemsPerOutput": "many", "maxExecutionDataMb": 1.5,
                              "executionDataOverflow": "drop", "maxConcurrency": -2}}
                """;
        assertThatThrownBy(() -> WorkflowJson.parse(json))
                .isInstanceOfSatisfying(
                        InvalidWorkflowException.class,
                        e -> assertThat(e.problems())
                                .extracting(FieldProblem::toString)
                                .containsExactlyInAnyOrder(
                                        "settings.maxNodeRuns: must be a whole number of at least 1",
                                        "settings.maxItemsPerOutput: must be a whole number of at least 1",
                                        "settings.maxExecutionDataMb: must be a whole number of at least 1",
                                        "settings.executionDataOverflow: must be fail or truncate",
                                        "settings.maxConcurrency: must be a whole number of at least 1"));
    }

    @Test
    void rejectsDuplicateNodeNamesAndDanglingConnections() {
        String json = """
                {"nodes": [{"name": "A", "type": "x"}, {"name": "A", "type": "y"}],
                 "connections": {"A": {"main": [[{"node": "B", "type": "main", "index": 0}]]}}}
                """;
        assertThatThrownBy(() -> WorkflowJson.parse(json))
                .isInstanceOfSatisfying(
                        InvalidWorkflowException.class,
                        e -> assertThat(e.problems())
                                .extracting(FieldProblem::toString)
                                .containsExactly(
                                        "nodes[1].name: duplicate node name 'A'",
                                        "connections.A.main[0][0].node: unknown node 'B'"));
    }

    @Test
    void malformedJsonIsOneProblem() {
        assertThatThrownBy(() -> WorkflowJson.parse("{\"nodes\": ["))
                .isInstanceOfSatisfying(
                        InvalidWorkflowException.class,
                        e -> assertThat(e.problems())
                                .singleElement()
                                .satisfies(p -> assertThat(p.message()).startsWith("malformed JSON")));
    }

    @Test
    void continueOnFailLegacyFlagMeansContinueRegularOutput() {
        Workflow w = WorkflowJson.fromTree(
                Map.of("nodes", java.util.List.of(Map.of("name", "A", "type", "t", "continueOnFail", true))));
        assertThat(w.nodes().getFirst().onError()).isEqualTo(OnError.CONTINUE_REGULAR_OUTPUT);
        assertThat(WorkflowJson.toTree(w).get("nodes").toString())
                .contains("continueOnFail=true")
                .doesNotContain("onError");
    }

    @Test
    void readsPinnedItemsWithOrWithoutTheirJsonWrapperAndRefusesOtherShapes() {
        Workflow w = WorkflowJson.parse("""
                {"nodes": [{"name": "A", "type": "t"}],
                 "pinData": {"A": [{"json": {"n": 1}}, {"n": 2}]}}
                """);
        assertThat(PinData.of(w, "A").orElseThrow())
                .extracting(io.hearth.node.Item::json)
                .containsExactly(Map.of("n", 1L), Map.of("n", 2L));
        assertThatThrownBy(() -> WorkflowJson.parse("""
                        {"nodes": [{"name": "A", "type": "t"}], "pinData": {"A": {"n": 1}, "B": [1]}}
                        """))
                .isInstanceOfSatisfying(
                        InvalidWorkflowException.class,
                        e -> assertThat(e.problems())
                                .extracting(FieldProblem::toString)
                                .containsExactly(
                                        "pinData.A: must be an array of items", "pinData.B: item 0 must be an object"));
    }

    @Test
    void importsCredentialsGivenByNameAloneAndExportsThemAsTheyCame() {
        String json = """
                {"name": "w", "nodes": [
                  {"name": "A", "type": "t", "credentials": {"homeAssistantApi": "My HA", "httpBasicAuth": {"name": "Basic"},
                                                            "httpHeaderAuth": {"id": "9", "name": "Header"}}}]}""";
        Workflow w = WorkflowJson.parse(json);
        assertThat(w.nodes().getFirst().credentials())
                .containsEntry("homeAssistantApi", CredentialRef.byName("My HA"))
                .containsEntry("httpBasicAuth", new CredentialRef("", "Basic"))
                .containsEntry("httpHeaderAuth", new CredentialRef("9", "Header"));
        @SuppressWarnings("unchecked")
        var exported = (Map<String, Object>)
                ((java.util.List<Map<String, Object>>) WorkflowJson.toTree(w).get("nodes"))
                        .getFirst()
                        .get("credentials");
        assertThat(exported)
                .isEqualTo(Map.of(
                        "homeAssistantApi",
                        "My HA",
                        "httpBasicAuth",
                        Map.of("name", "Basic"),
                        "httpHeaderAuth",
                        Map.of("id", "9", "name", "Header")));
    }

    @Test
    void aWorkflowWithoutANameIsNamedAsN8nNamesIt() {
        assertThat(WorkflowJson.parse("{\"nodes\": []}").name()).isEqualTo("My workflow");
        assertThat(WorkflowJson.parse("{\"name\": \"  \", \"nodes\": []}").name())
                .isEqualTo("My workflow");
    }
}
