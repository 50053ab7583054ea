package io.hearth.server;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;

class WorkflowApiTest extends ApiTestSupport {

    @Test
    void createsReadsAndListsAWorkflow() {
        Map<String, Object> created = create(webhookDoubleWorkflow("Created workflow", "created-wf"));
        String id = (String) created.get("id");
        assertThat(created).containsEntry("active", false).containsKey("versionId");
        api.get()
                .uri("/api/v1/workflows/{id}", id)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.name")
                .isEqualTo("Created workflow")
                .jsonPath("$.nodes.length()")
                .isEqualTo(3)
                .jsonPath("$.connections.Webhook.main[0][0].node")
                .isEqualTo("Edit Fields");
        api.get()
                .uri("/api/v1/workflows?name=created workflow&limit=5")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.data[0].id")
                .isEqualTo(id)
                .jsonPath("$.data[0].nodeCount")
                .isEqualTo(3)
                .jsonPath("$.limit")
                .isEqualTo(5);
    }

    @Test
    void pagesAndFiltersTheList() {
        for (int i = 0; i < 3; i++) {
            create(webhookDoubleWorkflow("Paging sample " + i, "paging-" + i));
        }
        api.get()
                .uri("/api/v1/workflows?name=paging sample&limit=2&offset=0")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.data.length()")
                .isEqualTo(2)
                .jsonPath("$.total")
                .isEqualTo(3);
        api.get()
                .uri("/api/v1/workflows?name=paging sample&limit=2&offset=2")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.data.length()")
                .isEqualTo(1);
        api.get()
                .uri("/api/v1/workflows?limit=0")
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.detail")
                .isEqualTo("limit: must be between 1 and 500");
    }

    @Test
    void everySaveAddsAVersion() {
        Map<String, Object> created = create(webhookDoubleWorkflow("Versioned", "versioned"));
        String id = (String) created.get("id");
        Map<String, Object> second = merge(webhookDoubleWorkflow("Versioned v2", "versioned"));
        api.put()
                .uri("/api/v1/workflows/{id}", id)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(second)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.name")
                .isEqualTo("Versioned v2");
        api.get()
                .uri("/api/v1/workflows/{id}/versions", id)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.length()")
                .isEqualTo(2)
                .jsonPath("$[0].name")
                .isEqualTo("Versioned v2")
                .jsonPath("$[1].versionId")
                .isEqualTo(created.get("versionId"));
        api.get()
                .uri("/api/v1/workflows/{id}/versions/{v}", id, created.get("versionId"))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.name")
                .isEqualTo("Versioned");
        api.get()
                .uri("/api/v1/workflows/{id}/versions/{v}", id, "nope")
                .exchange()
                .expectStatus()
                .isNotFound();
    }

    @Test
    void savesAWorkflowWithIssuesAndRefusesToActivateItNamingEachIssueAsTheUserSeesIt() {
        Map<String, Object> unfinished = Map.of(
                "name",
                "Unfinished",
                "nodes",
                List.of(
                        node("Webhook", "n8n-nodes-base.webhook", 2, Map.of("httpMethod", "TRACE", "path", "unf")),
                        node("Mystery", "acme.unknown", 1, Map.of()),
                        node("Set", "hearth.set", 3.4, Map.of("mode", "raw", "jsonOutput", "{not json"))));
        Map<String, Object> saved = create(unfinished);
        String id = (String) saved.get("id");
        api.get()
                .uri("/api/v1/workflows/{id}", id)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.nodes.length()")
                .isEqualTo(3)
                .jsonPath("$.issues[?(@.path == 'nodes[0].parameters.httpMethod')].text")
                .isEqualTo("Webhook \u2192 HTTP Method must be one of: DELETE, GET, HEAD, PATCH, POST, PUT")
                .jsonPath("$.issues[?(@.path == 'nodes[1].type')].text")
                .isEqualTo("Mystery: the node type 'acme.unknown' is not installed on this server")
                .jsonPath("$.issues[?(@.path == 'nodes[2].parameters.jsonOutput')].text")
                .value(t -> assertThat(t.toString()).contains("Set \u2192 JSON Output is not valid JSON"));
        api.post()
                .uri("/api/v1/workflows/{id}/activate", id)
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectHeader()
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.detail")
                .value(d -> assertThat((String) d)
                        .startsWith("The workflow has issues to fix before it can be activated: ")
                        .contains("Webhook \u2192 HTTP Method must be one of")
                        .doesNotContain("nodes[0]"))
                .jsonPath("$.errors[?(@.path == 'nodes[0].parameters.httpMethod')].message")
                .isEqualTo("must be one of: DELETE, GET, HEAD, PATCH, POST, PUT");
        api.post()
                .uri("/api/v1/workflows/{id}/run", id)
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.detail")
                .value(d -> assertThat((String) d).startsWith("The workflow has issues to fix before it can be run"));
    }

    @Test
    void aRequiredParameterLeftEmptyIsAnIssueNamedAsInTheForm() {
        Map<String, Object> missingPath = Map.of(
                "name",
                "No path",
                "nodes",
                List.of(node("Webhook", "n8n-nodes-base.webhook", 2, Map.of("httpMethod", "POST"))));
        Map<String, Object> saved = create(missingPath);
        assertThat(saved.get("issues"))
                .asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.LIST)
                .containsExactly(Map.of(
                        "path",
                        "nodes[0].parameters.path",
                        "message",
                        "is required",
                        "text",
                        "Webhook \u2192 Path is required"));
    }

    @Test
    void anOptionHearthDoesNotHaveOrImplementIsAnIssueNamedAsTheUserSeesItAndActivationIsRefused() {
        Map<String, Object> options = Map.of(
                "name",
                "Unknown options",
                "nodes",
                List.of(node(
                        "Webhook",
                        "n8n-nodes-base.webhook",
                        1,
                        Map.of(
                                "httpMethod",
                                "POST",
                                "path",
                                "unknown-options",
                                "options",
                                Map.of("binaryData", true, "allowedOrigins", "*")))));
        Map<String, Object> saved = create(options);
        assertThat(((List<?>) saved.get("issues"))
                        .stream()
                                .map(issue -> String.valueOf(((Map<?, ?>) issue).get("text")))
                                .toList())
                .containsExactlyInAnyOrder(
                        "Webhook \u2192 Options \u2192 allowedOrigins: not supported by Hearth (an option Hearth does not know)",
                        "Webhook \u2192 Options \u2192 Binary File: not supported by Hearth: Hearth does not keep the"
                                + " whole request body as one file; it keeps uploads and non-JSON bodies as files itself"
                                + " (see Binary Property)");
        api.post()
                .uri("/api/v1/workflows/{id}/activate", saved.get("id"))
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.detail")
                .value(m -> assertThat((String) m).contains("Options \u2192 allowedOrigins: not supported by Hearth"));
    }

    @Test
    void aBadExpressionIsAnIssueBeforeTheWorkflowRuns() {
        Map<String, Object> bad = Map.of(
                "name",
                "Bad expression",
                "nodes",
                List.of(
                        node("Webhook", "n8n-nodes-base.webhook", 2, Map.of("httpMethod", "POST", "path", "bad-expr")),
                        node(
                                "Greet",
                                "hearth.set",
                                3.4,
                                Map.of(
                                        "assignments",
                                        Map.of(
                                                "assignments",
                                                List.of(Map.of(
                                                        "name", "greeting",
                                                        "type", "string",
                                                        "value", "=Hello {{ $json.name( }}")))))));
        Map<String, Object> saved = create(bad);
        assertThat(saved.get("issues").toString())
                .contains("nodes[1].parameters.assignments.assignments[0].value")
                .contains("Greet \u2192 Fields to Set \u2192 1st field \u2192 Value has an invalid expression");
        api.post()
                .uri("/api/v1/workflows/{id}/activate", saved.get("id"))
                .exchange()
                .expectStatus()
                .isBadRequest();
    }

    @Test
    void savingAnActiveWorkflowWithIssuesKeepsTheWorkAndDeactivatesIt() {
        String id = (String)
                create(webhookDoubleWorkflow("Broken later", "broken-later")).get("id");
        activate(id);
        Map<String, Object> broken = Map.of(
                "name",
                "Broken later",
                "nodes",
                List.of(node("Webhook", "n8n-nodes-base.webhook", 2, Map.of("httpMethod", "POST"))));
        api.put()
                .uri("/api/v1/workflows/{id}", id)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(broken)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.active")
                .isEqualTo(false)
                .jsonPath("$.issues[0].text")
                .isEqualTo("Webhook \u2192 Path is required");
        anonymous.post().uri("/webhook/broken-later").exchange().expectStatus().isNotFound();
    }

    @Test
    void malformedJsonIsABadRequest() {
        api.post()
                .uri("/api/v1/workflows")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"name\": ")
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.detail")
                .value(d -> assertThat((String) d).startsWith("malformed JSON"));
    }

    @Test
    void unknownIdsAreNotFound() {
        api.get()
                .uri("/api/v1/workflows/does-not-exist")
                .exchange()
                .expectStatus()
                .isNotFound()
                .expectBody()
                .jsonPath("$.detail")
                .isEqualTo("Workflow 'does-not-exist' does not exist");
        api.put()
                .uri("/api/v1/workflows/does-not-exist")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(webhookDoubleWorkflow("x", "x"))
                .exchange()
                .expectStatus()
                .isNotFound();
        api.delete()
                .uri("/api/v1/workflows/does-not-exist")
                .exchange()
                .expectStatus()
                .isNotFound();
        api.post()
                .uri("/api/v1/workflows/does-not-exist/activate")
                .exchange()
                .expectStatus()
                .isNotFound();
    }

    @Test
    void deletesAWorkflow() {
        String id = (String) create(webhookDoubleWorkflow("Doomed", "doomed")).get("id");
        api.delete().uri("/api/v1/workflows/{id}", id).exchange().expectStatus().isNoContent();
        api.get().uri("/api/v1/workflows/{id}", id).exchange().expectStatus().isNotFound();
    }

    @Test
    void importsAnN8nExportAndExportsItBack() throws Exception {
        String n8n =
                new String(getClass().getResourceAsStream("/n8n-export.json").readAllBytes(), UTF_8);
        @SuppressWarnings("unchecked")
        Map<String, Object> imported = api.post()
                .uri("/api/v1/workflows/import")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(n8n)
                .exchange()
                .expectStatus()
                .isCreated()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody();
        api.get()
                .uri("/api/v1/workflows/{id}/export", imported.get("id"))
                .exchange()
                .expectStatus()
                .isOk()
                .expectHeader()
                .valueMatches("Content-Disposition", "attachment; filename=\".*\\.json\"")
                .expectBody()
                .jsonPath("$.nodes[1].parameters.assignments.assignments[0].value")
                .isEqualTo("={{ $json.body.n * 2 }}")
                .jsonPath("$.settings.executionOrder")
                .isEqualTo("v1")
                .jsonPath("$.meta.instanceId")
                .isEqualTo("n8n-instance");
    }

    @Test
    void activationRegistersTheWebhookAndDeactivationRemovesIt() {
        String id =
                (String) create(webhookDoubleWorkflow("Live", "live-double")).get("id");
        anonymous
                .post()
                .uri("/webhook/live-double")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("n", 1))
                .exchange()
                .expectStatus()
                .isNotFound();
        assertThat(activate(id)).containsEntry("active", true);
        anonymous
                .post()
                .uri("/webhook/live-double")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("n", 4, "name", "Bo"))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.doubled")
                .isEqualTo(8)
                .jsonPath("$.greeting")
                .isEqualTo("Hello Bo");
        api.post()
                .uri("/api/v1/workflows/{id}/deactivate", id)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.active")
                .isEqualTo(false);
        anonymous
                .post()
                .uri("/webhook/live-double")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("n", 1))
                .exchange()
                .expectStatus()
                .isNotFound();
    }

    @Test
    void secondWorkflowClaimingTheSamePathIsAConflict() {
        String first =
                (String) create(webhookDoubleWorkflow("Holder", "contested")).get("id");
        activate(first);
        String second = (String)
                create(webhookDoubleWorkflow("Challenger", "contested")).get("id");
        api.post()
                .uri("/api/v1/workflows/{id}/activate", second)
                .exchange()
                .expectStatus()
                .isEqualTo(409)
                .expectBody()
                .jsonPath("$.detail")
                .value(d -> assertThat((String) d)
                        .contains("POST /contested")
                        .contains("'Holder'")
                        .contains(first));
        api.get()
                .uri("/api/v1/workflows/{id}", second)
                .exchange()
                .expectBody()
                .jsonPath("$.active")
                .isEqualTo(false);
    }

    @Test
    void workflowWithoutAnAutomaticTriggerCannotBeActivated() {
        String id = (String) create(Map.of(
                        "name", "Manual only", "nodes", List.of(node("Start", "hearth.manualTrigger", 1, Map.of()))))
                .get("id");
        api.post()
                .uri("/api/v1/workflows/{id}/activate", id)
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.detail")
                .value(d -> assertThat((String) d).contains("no trigger"));
    }

    @Test
    void savingAnActiveWorkflowSwitchesItsWebhookToTheNewVersion() {
        String id = (String) create(webhookDoubleWorkflow("Moving", "moving-a")).get("id");
        activate(id);
        api.put()
                .uri("/api/v1/workflows/{id}", id)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(webhookDoubleWorkflow("Moving", "moving-b"))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.active")
                .isEqualTo(true);
        anonymous
                .post()
                .uri("/webhook/moving-a")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("n", 1))
                .exchange()
                .expectStatus()
                .isNotFound();
        anonymous
                .post()
                .uri("/webhook/moving-b")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("n", 1))
                .exchange()
                .expectStatus()
                .isOk();
    }

    @Test
    void pinnedNodesAreSkippedByManualRunsUntilUnpinned() {
        Map<String, Object> wf = Map.of(
                "name",
                "Pinned",
                "nodes",
                List.of(
                        node("Start", "hearth.manualTrigger", 1, Map.of()),
                        node(
                                "Set",
                                "hearth.set",
                                3.4,
                                Map.of(
                                        "assignments",
                                        Map.of(
                                                "assignments",
                                                List.of(Map.of("name", "from", "type", "string", "value", "node")))))),
                "connections",
                connect("Start", "Set"));
        String id = (String) create(wf).get("id");
        api.put()
                .uri("/api/v1/workflows/{id}/pin-data/{node}", id, "Set")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(List.of(Map.of("json", Map.of("from", "pin")), Map.of("json", Map.of("from", "pin 2"))))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.pinData.Set.length()")
                .isEqualTo(2);
        api.post()
                .uri("/api/v1/workflows/{id}/run", id)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of())
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.nodes.Set[0].output[0][1].json.from")
                .isEqualTo("pin 2");
        api.delete()
                .uri("/api/v1/workflows/{id}/pin-data/{node}", id, "Set")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.pinData")
                .doesNotExist();
        api.post()
                .uri("/api/v1/workflows/{id}/run", id)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of())
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.nodes.Set[0].output[0][0].json.from")
                .isEqualTo("node");
    }

    @Test
    void pinningRefusesAnUnknownNodeAndItemsThatAreNotObjects() {
        String id = (String)
                create(webhookDoubleWorkflow("Pin refusals", "pin-refusals")).get("id");
        api.put()
                .uri("/api/v1/workflows/{id}/pin-data/{node}", id, "Ghost")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(List.of())
                .exchange()
                .expectStatus()
                .isNotFound();
        api.put()
                .uri("/api/v1/workflows/{id}/pin-data/{node}", id, "Edit Fields")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("items", List.of(1, 2)))
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.errors[0].path")
                .isEqualTo("items");
    }

    @Test
    void runsASavedWorkflowManuallyWithGivenInput() {
        Map<String, Object> wf = Map.of(
                "name",
                "Manual",
                "nodes",
                List.of(
                        node("Start", "hearth.manualTrigger", 1, Map.of()),
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
                                                        "sum",
                                                        "type",
                                                        "number",
                                                        "value",
                                                        "={{ $json.a + $json.b }}")))))),
                "connections",
                connect("Start", "Set"));
        String id = (String) create(wf).get("id");
        api.post()
                .uri("/api/v1/workflows/{id}/run", id)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("input", List.of(Map.of("a", 2, "b", 3))))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.status")
                .isEqualTo("success")
                .jsonPath("$.mode")
                .isEqualTo("manual")
                .jsonPath("$.nodes.Set[0].output[0][0].json.sum")
                .isEqualTo(5)
                .jsonPath("$.nodes.Set[0].input[0][0].json.a")
                .isEqualTo(2)
                .jsonPath("$.nodes.Set[0].sources[0][0].node")
                .isEqualTo("Start");
    }

    @Test
    void runsAnUnsavedDraft() {
        Map<String, Object> draft = Map.of(
                "name",
                "Draft",
                "nodes",
                List.of(
                        node("Start", "hearth.manualTrigger", 1, Map.of()),
                        node(
                                "If",
                                "hearth.if",
                                2.2,
                                Map.of(
                                        "conditions",
                                        Map.of(
                                                "conditions",
                                                List.of(Map.of(
                                                        "leftValue",
                                                        "={{ $json.t }}",
                                                        "operator",
                                                        "number:gt",
                                                        "rightValue",
                                                        20)))))),
                "connections",
                connect("Start", "If"));
        api.post()
                .uri("/api/v1/workflows/run")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("workflow", draft, "input", List.of(Map.of("t", 25), Map.of("t", 3))))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.nodes.If[0].output[0].length()")
                .isEqualTo(1)
                .jsonPath("$.nodes.If[0].output[1][0].json.t")
                .isEqualTo(3);
    }

    @Test
    void failedRunReportsTheNodeAndTheExpression() {
        Map<String, Object> draft = Map.of(
                "name",
                "Broken",
                "nodes",
                List.of(
                        node("Start", "hearth.manualTrigger", 1, Map.of()),
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
                                                        "x",
                                                        "type",
                                                        "string",
                                                        "value",
                                                        "={{ $json.missing.toInt() }}")))))),
                "connections",
                connect("Start", "Set"));
        api.post()
                .uri("/api/v1/workflows/run")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("workflow", draft))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.status")
                .isEqualTo("error")
                .jsonPath("$.error.node")
                .isEqualTo("Set")
                .jsonPath("$.error.message")
                .value(m -> assertThat((String) m)
                        .contains("assignments.assignments[0].value")
                        .contains("$json.missing.toInt()"));
    }

    @Test
    void testWebhookRunsTheDraftOnceAndReportsTheExecution() {
        String id = (String)
                create(webhookDoubleWorkflow("Test listener", "listen-here")).get("id");
        api.post()
                .uri("/api/v1/workflows/{id}/test-webhook", id)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of())
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.testUrls[0]")
                .value(u -> assertThat((String) u).isEqualTo("POST " + baseUrl() + "/webhook-test/listen-here"));
        anonymous
                .post()
                .uri("/webhook-test/listen-here")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("n", 5))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.doubled")
                .isEqualTo(10);
        @SuppressWarnings("unchecked")
        Map<String, Object> state = api.get()
                .uri("/api/v1/workflows/{id}/test-webhook", id)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody();
        assertThat(state).containsEntry("listening", false);
        api.get()
                .uri("/api/v1/executions/{e}", state.get("executionId"))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.mode")
                .isEqualTo("manual");
        anonymous
                .post()
                .uri("/webhook-test/listen-here")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("n", 5))
                .exchange()
                .expectStatus()
                .isNotFound();
    }

    @Test
    void webhookUrlsAreListedPerNode() {
        String id = (String) create(webhookDoubleWorkflow("Urls", "urls-here")).get("id");
        api.get()
                .uri("/api/v1/workflows/{id}/webhooks", id)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$[0].node")
                .isEqualTo("Webhook")
                .jsonPath("$[0].productionUrl")
                .isEqualTo(baseUrl() + "/webhook/urls-here")
                .jsonPath("$[0].testUrl")
                .isEqualTo(baseUrl() + "/webhook-test/urls-here")
                .jsonPath("$[0].responseMode")
                .isEqualTo("responseNode");
    }

    @Test
    void apiRequiresAuthentication() {
        anonymous
                .get()
                .uri("/api/v1/workflows")
                .exchange()
                .expectStatus()
                .isUnauthorized()
                .expectHeader()
                .contentType("application/problem+json")
                .expectBody()
                .jsonPath("$.detail")
                .value(d -> assertThat((String) d).contains("API key"));
        anonymous
                .get()
                .uri("/api/v1/workflows")
                .header("X-Hearth-Api-Key", "hk_wrong")
                .exchange()
                .expectStatus()
                .isUnauthorized();
    }
}
