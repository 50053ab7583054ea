package io.hearth.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;

/**
 * The expression preview evaluates a node's expression as a run would: the runtime's variables for the node's
 * input item over the editor's last run or pinned data (paired items, $parameter, $prevNode, $binary).
 */
class ExpressionPreviewApiTest extends ApiTestSupport {

    private static final Map<String, Object> SET = node(
            "Set",
            "hearth.set",
            3.4,
            Map.of(
                    "assignments",
                    Map.of(
                            "assignments",
                            List.of(Map.of("name", "greeting", "type", "string", "value", "={{ $json.picked }}")))));

    /** Start -> States -> Pick -> Set; Pick keeps the second state only. */
    private static Map<String, Object> workflow(Map<String, Object> extra) {
        Map<String, Object> w = new LinkedHashMap<>(Map.of(
                "name",
                "Preview",
                "nodes",
                List.of(
                        node("Start", "hearth.manualTrigger", 1, Map.of()),
                        node("States", "hearth.noOp", 1, Map.of()),
                        node("Pick", "hearth.noOp", 1, Map.of()),
                        SET),
                "connections",
                merge(connect("Start", "States"), connect("States", "Pick"), connect("Pick", "Set"))));
        w.putAll(extra);
        return w;
    }

    private static Map<String, Object> item(Map<String, Object> json, Object... more) {
        Map<String, Object> m = new LinkedHashMap<>(Map.of("json", json));
        for (int i = 0; i < more.length; i += 2) {
            m.put((String) more[i], more[i + 1]);
        }
        return m;
    }

    /** The runs as GET /executions/{id} shows them: States put out two lights, Pick kept the second. */
    private static final Map<String, Object> LAST_RUN = Map.of(
            "Start",
            List.of(Map.of(
                    "runIndex",
                    0,
                    "sources",
                    List.of(),
                    "input",
                    List.of(),
                    "output",
                    List.of(List.of(item(Map.of()))))),
            "States",
            List.of(Map.of(
                    "runIndex",
                    0,
                    "sources",
                    List.of(List.of(Map.of("node", "Start", "output", 0, "run", 0))),
                    "input",
                    List.of(List.of(item(Map.of()))),
                    "output",
                    List.of(List.of(
                            item(Map.of("entity_id", "light.kitchen"), "pairedItem", List.of(Map.of("item", 0))),
                            item(Map.of("entity_id", "light.porch"), "pairedItem", List.of(Map.of("item", 0))))))),
            "Pick",
            List.of(Map.of(
                    "runIndex",
                    0,
                    "sources",
                    List.of(List.of(Map.of("node", "States", "output", 0, "run", 0))),
                    "input",
                    List.of(List.of()),
                    "output",
                    List.of(List.of(item(
                            Map.of("picked", true),
                            "pairedItem",
                            List.of(Map.of("item", 1, "input", 0)),
                            "binary",
                            Map.of(
                                    "data",
                                    Map.of(
                                            "mimeType",
                                            "image/png",
                                            "fileName",
                                            "porch.png",
                                            "url",
                                            "/api/v1/executions/x/binary/Pick/0/output/0/0/data"))))))));

    // JSON read back from the API is typed by the test, not the compiler
    @SuppressWarnings("unchecked")
    private Map<String, Object> preview(Map<String, Object> body) {
        return api.post()
                .uri("/api/v1/expressions/preview")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(body)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody();
    }

    private String text(String expression, Map<String, Object> workflow, Map<String, Object> runData) {
        Map<String, Object> answer =
                preview(Map.of("expression", expression, "workflow", workflow, "node", "Set", "runData", runData));
        assertThat(answer).as(expression).containsEntry("ok", true);
        return (String) answer.get("text");
    }

    @Test
    void followsPairedItemsBackToTheItemAnExpressionMeans() {
        // Pick's only item came from the second state: $('States').item is that one, not the first by position
        assertThat(text("={{ $('States').item.json.entity_id }}", workflow(Map.of()), LAST_RUN))
                .isEqualTo("light.porch");
        assertThat(text(
                        "={{ $('States').first().json.entity_id }} of {{ $('States').all().length }}",
                        workflow(Map.of()),
                        LAST_RUN))
                .isEqualTo("light.kitchen of 2");
        assertThat(text("={{ $json.picked }}", workflow(Map.of()), LAST_RUN)).isEqualTo("true");
    }

    @Test
    void seesTheNodesParametersThePreviousNodeAndBinaryMetadata() {
        assertThat(text("={{ $parameter.assignments.assignments[0].name }}", workflow(Map.of()), LAST_RUN))
                .isEqualTo("greeting");
        assertThat(text("={{ $prevNode.name }}/{{ $prevNode.outputIndex }}", workflow(Map.of()), LAST_RUN))
                .isEqualTo("Pick/0");
        assertThat(text("={{ $binary.data.fileName }} {{ $binary.data.mimeType }}", workflow(Map.of()), LAST_RUN))
                .isEqualTo("porch.png image/png");
        assertThat(text("={{ $runIndex }} {{ $itemIndex }} {{ $execution.mode }}", workflow(Map.of()), LAST_RUN))
                .isEqualTo("0 0 test");
    }

    @Test
    void pinnedDataStandsInForANodeThatHasNotRun() {
        Map<String, Object> pinned =
                workflow(Map.of("pinData", Map.of("Pick", List.of(Map.of("json", Map.of("picked", "from the pin"))))));
        assertThat(text("=Hi {{ $json.picked }}", pinned, Map.of())).isEqualTo("Hi from the pin");
    }

    @Test
    void namesTheProblemOfABadExpressionOrOfANodeWithoutData() {
        Map<String, Object> unexecuted = preview(
                Map.of("expression", "={{ $('States').item.json.a }}", "workflow", workflow(Map.of()), "node", "Set"));
        assertThat(unexecuted).containsEntry("ok", false);
        assertThat((String) unexecuted.get("text")).contains("Node 'States' hasn't been executed");
        assertThat(preview(Map.of("expression", "={{ $json.a( }}", "workflow", workflow(Map.of()), "node", "Set")))
                .containsEntry("ok", false);
    }

    @Test
    void refusesABodyWithoutTheWorkflowOrWithANodeItDoesNotHave() {
        for (Map<String, Object> body : List.of(
                Map.<String, Object>of("expression", "={{ 1 }}", "node", "Set"),
                Map.of("expression", "={{ 1 }}", "workflow", workflow(Map.of())),
                Map.of("expression", "={{ 1 }}", "workflow", workflow(Map.of()), "node", "Nowhere"),
                Map.of("expression", "={{ 1 }}", "workflow", workflow(Map.of()), "node", "Set", "itemIndex", -1))) {
            api.post()
                    .uri("/api/v1/expressions/preview")
                    .contentType(MediaType.APPLICATION_JSON)
                    .bodyValue(body)
                    .exchange()
                    .expectStatus()
                    .isBadRequest()
                    .expectBody()
                    .jsonPath("$.detail")
                    .value(d -> assertThat((String) d).matches("(workflow|node|itemIndex): .*"));
        }
    }
}
