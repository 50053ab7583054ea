package io.hearth.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;

class ExecutionApiTest extends ApiTestSupport {

    @SuppressWarnings("unchecked")
    private String lastExecution(String workflowId) {
        Map<String, Object> list = api.get()
                .uri("/api/v1/executions?workflowId={id}", workflowId)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody();
        return (String)
                ((List<Map<String, Object>>) list.get("data")).getFirst().get("id");
    }

    @Test
    void listsAndShowsExecutionsWithPerNodeData() {
        String id = (String) create(webhookDoubleWorkflow("History", "history")).get("id");
        activate(id);
        anonymous
                .post()
                .uri("/webhook/history")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("n", 21, "name", "Ada"))
                .exchange()
                .expectStatus()
                .isOk();
        String execution = lastExecution(id);
        api.get()
                .uri("/api/v1/executions/{e}", execution)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.status")
                .isEqualTo("success")
                .jsonPath("$.mode")
                .isEqualTo("webhook")
                .jsonPath("$.workflowName")
                .isEqualTo("History")
                .jsonPath("$.lastNodeExecuted")
                .isEqualTo("Respond")
                .jsonPath("$.nodes.Webhook[0].output[0][0].json.body.n")
                .isEqualTo(21)
                .jsonPath("$.nodes['Edit Fields'][0].input[0][0].json.body.name")
                .isEqualTo("Ada")
                .jsonPath("$.nodes['Edit Fields'][0].output[0][0].json.doubled")
                .isEqualTo(42)
                .jsonPath("$.durationMs")
                .exists();
        api.get()
                .uri("/api/v1/executions?workflowId={id}&status=success", id)
                .exchange()
                .expectBody()
                .jsonPath("$.total")
                .isEqualTo(1);
        api.get()
                .uri("/api/v1/executions?workflowId={id}&status=error", id)
                .exchange()
                .expectBody()
                .jsonPath("$.total")
                .isEqualTo(0);
        api.get()
                .uri("/api/v1/executions?status=exploded")
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.detail")
                .value(d -> assertThat((String) d).startsWith("status: must be one of"));
    }

    @Test
    void retriesAFailedExecutionWithItsOriginalInput() {
        Map<String, Object> wf = Map.of(
                "name",
                "Fails on odd",
                "nodes",
                List.of(
                        node(
                                "Webhook",
                                "n8n-nodes-base.webhook",
                                2,
                                Map.of("httpMethod", "POST", "path", "odd", "responseMode", "lastNode")),
                        node(
                                "Set",
                                "hearth.set",
                                3.4,
                                Map.of(
                                        "assignments",
                                        Map.of(
                                                "assignments",
                                                List.of(Map.of(
                                                        "name",
                                                        "n",
                                                        "type",
                                                        "number",
                                                        "value",
                                                        "={{ $json.body.n }}")))))),
                "connections",
                connect("Webhook", "Set"));
        String id = (String) create(wf).get("id");
        activate(id);
        anonymous
                .post()
                .uri("/webhook/odd")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("n", "not a number"))
                .exchange()
                .expectStatus()
                .is5xxServerError();
        String failed = lastExecution(id);
        api.get()
                .uri("/api/v1/executions/{e}", failed)
                .exchange()
                .expectBody()
                .jsonPath("$.status")
                .isEqualTo("error")
                .jsonPath("$.error.node")
                .isEqualTo("Set");
        api.post()
                .uri("/api/v1/executions/{e}/retry", failed)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.mode")
                .isEqualTo("retry")
                .jsonPath("$.retryOf")
                .isEqualTo(failed)
                .jsonPath("$.status")
                .isEqualTo("error")
                .jsonPath("$.nodes.Webhook[0].output[0][0].json.body.n")
                .isEqualTo("not a number");
    }

    private static Map<String, Object> setNumber(String expression, String type) {
        return node(
                "Set",
                "hearth.set",
                3.4,
                Map.of(
                        "assignments",
                        Map.of("assignments", List.of(Map.of("name", "n", "type", type, "value", expression)))));
    }

    private Map<String, Object> sideEffectWorkflow(String childId, String setType) {
        return Map.of(
                "name",
                "Calls a child, then fails",
                "nodes",
                List.of(
                        node(
                                "Webhook",
                                "n8n-nodes-base.webhook",
                                2,
                                Map.of("httpMethod", "POST", "path", "side-effect", "responseMode", "lastNode")),
                        node(
                                "Call",
                                "n8n-nodes-base.executeWorkflow",
                                1.3,
                                Map.of(
                                        "source",
                                        "database",
                                        "workflowId",
                                        Map.of("__rl", true, "mode", "id", "value", childId))),
                        setNumber("={{ $('Webhook').item.json.body.n }}", setType)),
                "connections",
                merge(connect("Webhook", "Call"), connect("Call", "Set")));
    }

    private long executionCount(String workflowId) {
        return ((Number) api.get()
                        .uri("/api/v1/executions?workflowId={id}", workflowId)
                        .exchange()
                        .expectBody(Map.class)
                        .returnResult()
                        .getResponseBody()
                        .get("total"))
                .longValue();
    }

    @Test
    @SuppressWarnings("unchecked")
    void bothRetryModesGoOnFromTheFailedNodeWithoutRunningEarlierNodesAgain() {
        String child = (String) create(Map.of(
                        "name",
                        "Side effect",
                        "nodes",
                        List.of(node(
                                "Called",
                                "n8n-nodes-base.executeWorkflowTrigger",
                                1.1,
                                Map.of("inputSource", "passthrough"))),
                        "connections",
                        Map.of()))
                .get("id");
        String id = (String) create(sideEffectWorkflow(child, "number")).get("id");
        activate(id);
        anonymous
                .post()
                .uri("/webhook/side-effect")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("n", "seven"))
                .exchange()
                .expectStatus()
                .is5xxServerError();
        String failed = lastExecution(id);
        Map<String, Object> original = api.get()
                .uri("/api/v1/executions/{e}", failed)
                .exchange()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody();
        Object callStarted = ((List<Map<String, Object>>) ((Map<String, Object>) original.get("nodes")).get("Call"))
                .getFirst()
                .get("startedAt");
        assertThat(executionCount(child)).as("the child ran once").isEqualTo(1);

        api.post()
                .uri("/api/v1/executions/{e}/retry?workflow=original", failed)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.status")
                .isEqualTo("error")
                .jsonPath("$.error.node")
                .isEqualTo("Set")
                .jsonPath("$.nodes.Call[0].startedAt")
                .isEqualTo(callStarted);
        assertThat(executionCount(child))
                .as("the node before the failed one did not run again")
                .isEqualTo(1);

        // the fix: a text field instead of a number
        api.put()
                .uri("/api/v1/workflows/{id}", id)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(sideEffectWorkflow(child, "string"))
                .exchange()
                .expectStatus()
                .isOk();
        Map<String, Object> retried = api.post()
                .uri("/api/v1/executions/{e}/retry?workflow=current", failed)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody();
        assertThat(retried).containsEntry("status", "success").containsEntry("retryOf", failed);
        Map<String, Object> nodes = (Map<String, Object>) retried.get("nodes");
        assertThat(((List<Map<String, Object>>) nodes.get("Call")).getFirst())
                .as("the retry records the run it reused")
                .containsEntry("startedAt", callStarted);
        // the failed node's expression follows the reused runs' paired items back to the webhook's item
        assertThat(((List<Map<String, Object>>) nodes.get("Set")).getFirst().get("output"))
                .isEqualTo(List.of(List.of(
                        Map.of("json", Map.of("n", "seven"), "pairedItem", List.of(Map.of("item", 0, "input", 0))))));
        assertThat(executionCount(child)).isEqualTo(1);
        api.post()
                .uri("/api/v1/executions/{e}/retry", retried.get("id"))
                .exchange()
                .expectStatus()
                .isEqualTo(409)
                .expectBody()
                .jsonPath("$.detail")
                .isEqualTo("The execution succeeded, so it cannot be retried.");
    }

    @Test
    void cancelsARunningExecution() {
        Map<String, Object> wf = Map.of(
                "name",
                "Slow",
                "nodes",
                List.of(
                        node(
                                "Webhook",
                                "n8n-nodes-base.webhook",
                                2,
                                Map.of("httpMethod", "POST", "path", "slow", "responseMode", "onReceived")),
                        node("Wait", "hearth.wait", 1.1, Map.of("amount", 1, "unit", "hours"))),
                "connections",
                connect("Webhook", "Wait"));
        String id = (String) create(wf).get("id");
        activate(id);
        anonymous.post().uri("/webhook/slow").exchange().expectStatus().isOk();
        String running = lastExecution(id);
        api.get()
                .uri("/api/v1/executions/{e}", running)
                .exchange()
                .expectBody()
                .jsonPath("$.status")
                .value(s -> assertThat((String) s).isIn("new", "running"));
        api.delete()
                .uri("/api/v1/executions/{e}", running)
                .exchange()
                .expectStatus()
                .isEqualTo(409);
        api.post()
                .uri("/api/v1/executions/{e}/cancel", running)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.status")
                .isEqualTo("canceled");
        Awaitility.await()
                .atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> api.get()
                        .uri("/api/v1/executions/{e}", running)
                        .exchange()
                        .expectBody()
                        .jsonPath("$.status")
                        .isEqualTo("canceled"));
        api.post()
                .uri("/api/v1/executions/{e}/cancel", running)
                .exchange()
                .expectStatus()
                .isEqualTo(409);
    }

    @Test
    void deletesAnExecution() {
        String id = (String)
                create(webhookDoubleWorkflow("Delete me", "delete-exec")).get("id");
        activate(id);
        anonymous
                .post()
                .uri("/webhook/delete-exec")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("n", 1))
                .exchange();
        String execution = lastExecution(id);
        api.delete()
                .uri("/api/v1/executions/{e}", execution)
                .exchange()
                .expectStatus()
                .isNoContent();
        api.get()
                .uri("/api/v1/executions/{e}", execution)
                .exchange()
                .expectStatus()
                .isNotFound();
        api.delete()
                .uri("/api/v1/executions/{e}", execution)
                .exchange()
                .expectStatus()
                .isNotFound();
        api.post()
                .uri("/api/v1/executions/{e}/retry", "nope")
                .exchange()
                .expectStatus()
                .isNotFound();
    }

    @Test
    void errorsOnlyPolicyKeepsFailuresAndDropsSuccesses() {
        Map<String, Object> wf = merge(
                webhookDoubleWorkflow("Errors only", "errors-only"), Map.of("settings", Map.of("saveData", "errors")));
        String id = (String) create(wf).get("id");
        activate(id);
        anonymous
                .post()
                .uri("/webhook/errors-only")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("n", 2))
                .exchange()
                .expectStatus()
                .isOk();
        api.get()
                .uri("/api/v1/executions?workflowId={id}", id)
                .exchange()
                .expectBody()
                .jsonPath("$.total")
                .isEqualTo(0);
    }

    @Test
    void aFailedWorkflowStartsItsErrorWorkflow() {
        String handler = (String) create(Map.of(
                        "name",
                        "On error",
                        "nodes",
                        List.of(
                                node("Error Trigger", "n8n-nodes-base.errorTrigger", 1, Map.of()),
                                node(
                                        "Note",
                                        "hearth.set",
                                        3.4,
                                        Map.of(
                                                "assignments",
                                                Map.of(
                                                        "assignments",
                                                        List.of(
                                                                Map.of(
                                                                        "name",
                                                                        "failedWorkflow",
                                                                        "type",
                                                                        "string",
                                                                        "value",
                                                                        "={{ $json.workflow.name }}"),
                                                                Map.of(
                                                                        "name",
                                                                        "why",
                                                                        "type",
                                                                        "string",
                                                                        "value",
                                                                        "={{ $json.execution.error.message }}")))))),
                        "connections",
                        connect("Error Trigger", "Note")))
                .get("id");
        Map<String, Object> failing = Map.of(
                "name",
                "Fails loudly",
                "nodes",
                List.of(
                        node(
                                "Webhook",
                                "n8n-nodes-base.webhook",
                                2,
                                Map.of("httpMethod", "POST", "path", "fails-loudly", "responseMode", "lastNode")),
                        node(
                                "Set",
                                "hearth.set",
                                3.4,
                                Map.of(
                                        "assignments",
                                        Map.of(
                                                "assignments",
                                                List.of(Map.of(
                                                        "name",
                                                        "n",
                                                        "type",
                                                        "number",
                                                        "value",
                                                        "={{ $json.body.n }}")))))),
                "connections",
                connect("Webhook", "Set"),
                "settings",
                Map.of("errorWorkflow", handler));
        String id = (String) create(failing).get("id");
        activate(id);
        anonymous
                .post()
                .uri("/webhook/fails-loudly")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("n", "NaN!"))
                .exchange()
                .expectStatus()
                .is5xxServerError();
        String failed = lastExecution(id);
        // The handler gets the failure as the failed execution recorded it (whatever the Set node's wording).
        Map<?, ?> error = (Map<?, ?>) api.get()
                .uri("/api/v1/executions/{e}", failed)
                .exchange()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody()
                .get("error");
        String message = (String) error.get("message");
        assertThat(message).as("the failed execution's error").contains("NaN!");
        Awaitility.await().atMost(Duration.ofSeconds(10)).ignoreExceptions().untilAsserted(() -> {
            String execution = lastExecution(handler);
            api.get()
                    .uri("/api/v1/executions/{e}", execution)
                    .exchange()
                    .expectBody()
                    .jsonPath("$.status")
                    .isEqualTo("success")
                    .jsonPath("$.nodes.Note[0].output[0][0].json.failedWorkflow")
                    .isEqualTo("Fails loudly")
                    .jsonPath("$.nodes.Note[0].output[0][0].json.why")
                    .isEqualTo(message);
        });
    }
}
