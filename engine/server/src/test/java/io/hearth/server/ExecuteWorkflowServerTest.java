package io.hearth.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;

/** Execute Workflow in the server: saved sub-workflows, child executions linked to their parent, credentials. */
class ExecuteWorkflowServerTest extends ApiTestSupport {

    private static Map<String, Object> trigger() {
        return node("Called", "n8n-nodes-base.executeWorkflowTrigger", 1.1, Map.of("inputSource", "passthrough"));
    }

    private static Map<String, Object> hmac(Map<String, Object> credentials) {
        return merge(
                node(
                        "Sign",
                        "n8n-nodes-base.crypto",
                        2,
                        Map.of("action", "hmac", "value", "={{ $json.body.text }}", "type", "SHA256")),
                Map.of("credentials", credentials));
    }

    private String childWorkflow(String name, Map<String, Object> credentials) {
        return (String) create(Map.of(
                        "name", name,
                        "nodes", List.of(trigger(), hmac(credentials)),
                        "connections", connect("Called", "Sign")))
                .get("id");
    }

    private String parentWorkflow(String path, Map<String, Object> call) {
        return parentWorkflow(path, "lastNode", call);
    }

    private String parentWorkflow(String path, String responseMode, Map<String, Object> call) {
        String id = (String) create(Map.of(
                        "name",
                        "Parent " + path,
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
                                                responseMode,
                                                "responseData",
                                                "allEntries")),
                                node("Call", "n8n-nodes-base.executeWorkflow", 1.3, call)),
                        "connections",
                        connect("Webhook", "Call")))
                .get("id");
        activate(id);
        return id;
    }

    private String credential() {
        return (String) api.post()
                .uri("/api/v1/credentials")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("name", "HMAC key", "type", "crypto", "data", Map.of("hmacSecret", "key")))
                .exchange()
                .expectStatus()
                .is2xxSuccessful()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody()
                .get("id");
    }

    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> executions(String workflowId) {
        return (List<Map<String, Object>>) api.get()
                .uri("/api/v1/executions?workflowId={id}", workflowId)
                .exchange()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody()
                .get("data");
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> execution(String id) {
        return api.get()
                .uri("/api/v1/executions/{id}", id)
                .exchange()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody();
    }

    @Test
    @SuppressWarnings("unchecked")
    void runsASavedSubWorkflowWithItsOwnCredentialAndLinksBothExecutions() {
        String credentialId = credential();
        String child = childWorkflow("HMAC child", Map.of("crypto", Map.of("id", credentialId, "name", "HMAC key")));
        String parent = parentWorkflow(
                "call-saved",
                Map.of("source", "database", "workflowId", Map.of("__rl", true, "mode", "id", "value", child)));
        List<Object> answer = anonymous
                .post()
                .uri("/webhook/call-saved")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("text", "test"))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(List.class)
                .returnResult()
                .getResponseBody();
        assertThat((Map<String, Object>) answer.getFirst())
                .containsEntry("data", "02afb56304902c656fcb737cdd03de6205bb6d401da2812efd9b2d36a08af159");

        Awaitility.await()
                .atMost(Duration.ofSeconds(30))
                .until(() -> !executions(child).isEmpty() && !executions(parent).isEmpty());
        Map<String, Object> childRun = executions(child).getFirst();
        String parentId = (String) executions(parent).getFirst().get("id");
        assertThat(childRun).containsEntry("mode", "integrated").containsEntry("status", "success");
        assertThat((Map<String, Object>) execution((String) childRun.get("id")).get("parentExecution"))
                .containsEntry("executionId", parentId)
                .containsEntry("workflowId", parent);
        Map<String, Object> callRun = ((List<Map<String, Object>>)
                        ((Map<String, Object>) execution(parentId).get("nodes")).get("Call"))
                .getFirst();
        assertThat((List<Map<String, Object>>) ((Map<String, Object>) callRun.get("metadata")).get("subExecutions"))
                .containsExactly(Map.of("executionId", childRun.get("id"), "workflowId", child));
    }

    @Test
    void aWorkflowGivenAsJsonGetsNoStoredCredentials() {
        String credentialId = credential();
        Map<String, Object> json = Map.of(
                "name", "JSON child",
                "nodes", List.of(trigger(), hmac(Map.of("crypto", Map.of("id", credentialId, "name", "HMAC key")))),
                "connections", connect("Called", "Sign"));
        parentWorkflow("call-json", Map.of("source", "parameter", "workflowJson", io.hearth.common.Json.write(json)));
        anonymous
                .post()
                .uri("/webhook/call-json")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("text", "test"))
                .exchange()
                .expectStatus()
                .is5xxServerError()
                .expectBody()
                .jsonPath("$.error")
                .value(m -> assertThat((String) m).contains("No Crypto credential selected"));
    }

    @Test
    void aMissingWorkflowIsNamed() {
        parentWorkflow(
                "call-missing",
                Map.of("source", "database", "workflowId", Map.of("__rl", true, "mode", "id", "value", "nope")));
        anonymous
                .post()
                .uri("/webhook/call-missing")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of())
                .exchange()
                .expectStatus()
                .is5xxServerError()
                .expectBody()
                .jsonPath("$.error")
                .value(m -> assertThat((String) m).contains("The workflow 'nope' does not exist"));
    }

    @Test
    void cancellingTheParentCancelsTheChildItWaitsFor() {
        String child = (String) create(Map.of(
                        "name", "Slow child",
                        "nodes",
                                List.of(
                                        trigger(),
                                        node("Wait", "hearth.wait", 1.1, Map.of("amount", 1, "unit", "hours"))),
                        "connections", connect("Called", "Wait")))
                .get("id");
        // The webhook answers at once; the parent runs on, waiting for its child.
        String parent = parentWorkflow(
                "call-slow",
                "onReceived",
                Map.of("source", "database", "workflowId", Map.of("__rl", true, "mode", "id", "value", child)));
        anonymous.post().uri("/webhook/call-slow").exchange().expectStatus().isOk();
        Awaitility.await()
                .atMost(Duration.ofSeconds(30))
                .until(() -> !executions(child).isEmpty()
                        && "running".equals(executions(child).getFirst().get("status")));
        String parentId = (String) executions(parent).getFirst().get("id");
        String childId = (String) executions(child).getFirst().get("id");

        api.post()
                .uri("/api/v1/executions/{e}/cancel", parentId)
                .exchange()
                .expectStatus()
                .isOk();

        // The child would wait an hour: it is canceled with its parent.
        Awaitility.await()
                .atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(execution(childId)).containsEntry("status", "canceled"));
        assertThat(execution(parentId)).containsEntry("status", "canceled");
    }
}
