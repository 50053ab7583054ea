package io.hearth.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;

/** Data nodes that need the server: Remove Duplicates across executions keeps its history in the database. */
class DataNodesServerTest extends ApiTestSupport {

    private String dedupeWorkflow(String path, Map<String, Object> dedupe) {
        String id = (String) create(Map.of(
                        "name",
                        "Dedupe " + path,
                        "nodes",
                        List.of(
                                node(
                                        "Webhook",
                                        "n8n-nodes-base.webhook",
                                        2,
                                        Map.of(
                                                "httpMethod",
                                                "POST",
                                                "path",
                                                path,
                                                "responseMode",
                                                "lastNode",
                                                "responseData",
                                                "allEntries")),
                                node("Split", "n8n-nodes-base.splitOut", 1, Map.of("fieldToSplitOut", "body.items")),
                                node("Dedupe", "n8n-nodes-base.removeDuplicates", 2, dedupe)),
                        "connections",
                        merge(connect("Webhook", "Split"), connect("Split", "Dedupe"))))
                .get("id");
        activate(id);
        return id;
    }

    @SuppressWarnings("unchecked")
    private List<Object> post(String path, List<Map<String, Object>> items) {
        return anonymous
                .post()
                .uri("/webhook/" + path)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("items", items))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(List.class)
                .returnResult()
                .getResponseBody();
    }

    @Test
    void removesItemsSeenInEarlierExecutionsWithinTheHistorySize() {
        dedupeWorkflow(
                "dedupe-seen",
                Map.of(
                        "operation", "removeItemsSeenInPreviousExecutions",
                        "dedupeValue", "={{ $json.id }}",
                        "options", Map.of("historySize", 3)));
        assertThat(post("dedupe-seen", List.of(Map.of("id", 1), Map.of("id", 2), Map.of("id", 2))))
                .containsExactly(Map.of("id", 1), Map.of("id", 2), Map.of("id", 2));
        assertThat(post("dedupe-seen", List.of(Map.of("id", 2), Map.of("id", 3), Map.of("id", 4))))
                .containsExactly(Map.of("id", 3), Map.of("id", 4));
        // history size 3: 1 was forgotten when 3 and 4 came
        assertThat(post("dedupe-seen", List.of(Map.of("id", 1), Map.of("id", 4))))
                .containsExactly(Map.of("id", 1));
    }

    @Test
    void keepsOnlyValuesHigherThanAnySeenAndForgetsOnClear() {
        String id = dedupeWorkflow(
                "dedupe-higher",
                Map.of(
                        "operation", "removeItemsSeenInPreviousExecutions",
                        "logic", "removeItemsUpToStoredIncrementalKey",
                        "incrementalDedupeValue", "={{ $json.n }}",
                        "options", Map.of("scope", "workflow")));
        assertThat(post("dedupe-higher", List.of(Map.of("n", 5), Map.of("n", 3))))
                .hasSize(2);
        assertThat(post("dedupe-higher", List.of(Map.of("n", 4), Map.of("n", 6), Map.of("n", 5))))
                .containsExactly(Map.of("n", 6));

        String clear = (String) create(Map.of(
                        "name",
                        "Clear dedupe",
                        "nodes",
                        List.of(
                                node(
                                        "Webhook",
                                        "n8n-nodes-base.webhook",
                                        2,
                                        Map.of(
                                                "httpMethod",
                                                "POST",
                                                "path",
                                                "dedupe-clear",
                                                "responseMode",
                                                "lastNode")),
                                node(
                                        "Clear",
                                        "n8n-nodes-base.removeDuplicates",
                                        2,
                                        Map.of(
                                                "operation",
                                                "clearDeduplicationHistory",
                                                "options",
                                                Map.of("scope", "workflow")))),
                        "connections",
                        connect("Webhook", "Clear")))
                .get("id");
        assertThat(clear).isNotEqualTo(id);
        // another workflow's workflow-scope history is its own: clearing it leaves this one
        activate(clear);
        anonymous.post().uri("/webhook/dedupe-clear").exchange().expectStatus().isOk();
        assertThat(post("dedupe-higher", List.of(Map.of("n", 6), Map.of("n", 7))))
                .containsExactly(Map.of("n", 7));
    }

    // JSON read back from the API is typed by the test, not the compiler
    @SuppressWarnings("unchecked")
    @Test
    void aHistoryKeepsTheModeItStartedWith() {
        String id = dedupeWorkflow(
                "dedupe-mode",
                Map.of("operation", "removeItemsSeenInPreviousExecutions", "dedupeValue", "={{ $json.id }}"));
        post("dedupe-mode", List.of(Map.of("id", 1)));
        var wf = api.get()
                .uri("/api/v1/workflows/{id}", id)
                .exchange()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody();
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> nodes = (List<Map<String, Object>>) wf.get("nodes");
        List<Map<String, Object>> changed = nodes.stream()
                .map(n -> n.get("name").equals("Dedupe")
                        ? merge(
                                n,
                                Map.of(
                                        "parameters",
                                        Map.of(
                                                "operation", "removeItemsSeenInPreviousExecutions",
                                                "logic", "removeItemsUpToStoredIncrementalKey",
                                                "incrementalDedupeValue", "={{ $json.id }}")))
                        : n)
                .toList();
        api.put()
                .uri("/api/v1/workflows/{id}", id)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(merge(wf, Map.of("nodes", changed)))
                .exchange()
                .expectStatus()
                .isOk();
        // the saved version serves the webhook once the activation switched to it
        java.util.concurrent.atomic.AtomicInteger next = new java.util.concurrent.atomic.AtomicInteger(100);
        org.awaitility.Awaitility.await()
                .atMost(java.time.Duration.ofSeconds(30))
                .untilAsserted(() -> anonymous
                        .post()
                        .uri("/webhook/dedupe-mode")
                        .contentType(MediaType.APPLICATION_JSON)
                        .bodyValue(Map.of("items", List.of(Map.of("id", next.incrementAndGet()))))
                        .exchange()
                        .expectStatus()
                        .is5xxServerError()
                        .expectBody()
                        .jsonPath("$.error")
                        .value(m -> assertThat((String) m).contains("incompatible setting of the 'Keep Items Where'")));
    }
}
