package io.hearth.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.http.client.MultipartBodyBuilder;
import org.springframework.web.reactive.function.BodyInserters;

class WebhookTest extends ApiTestSupport {

    private String activeWorkflow(
            String name,
            Map<String, Object> webhookParams,
            List<Map<String, Object>> more,
            Map<String, Object> connections) {
        List<Map<String, Object>> nodes = new java.util.ArrayList<>();
        nodes.add(node("Webhook", "n8n-nodes-base.webhook", 2, webhookParams));
        nodes.addAll(more);
        String id = (String) create(Map.of("name", name, "nodes", nodes, "connections", connections))
                .get("id");
        activate(id);
        return id;
    }

    @Test
    void answersThroughTheRespondNode() {
        activeWorkflow(
                "Respond",
                Map.of("httpMethod", "POST", "path", "respond-here", "responseMode", "responseNode"),
                List.of(node(
                        "Respond",
                        "n8n-nodes-base.respondToWebhook",
                        1.1,
                        Map.of(
                                "respondWith",
                                "json",
                                "responseBody",
                                "={{ { got: $json.body.n, query: $json.query.q } }}",
                                "options",
                                Map.of(
                                        "responseCode",
                                        201,
                                        "responseHeaders",
                                        Map.of("entries", List.of(Map.of("name", "X-Hearth", "value", "yes"))))))),
                connect("Webhook", "Respond"));
        anonymous
                .post()
                .uri("/webhook/respond-here?q=7")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("n", 3))
                .exchange()
                .expectStatus()
                .isCreated()
                .expectHeader()
                .valueEquals("X-Hearth", "yes")
                .expectBody()
                .jsonPath("$.got")
                .isEqualTo(3)
                .jsonPath("$.query")
                .isEqualTo("7");
    }

    @org.springframework.beans.factory.annotation.Autowired
    private java.util.concurrent.ScheduledExecutorService engineTimer;

    @Test
    void finishedExecutionsLeaveNoTimeoutQueued() {
        activate((String)
                create(webhookDoubleWorkflow("Timeouts", "timeouts-leave")).get("id"));
        var queue = ((java.util.concurrent.ScheduledThreadPoolExecutor) engineTimer).getQueue();
        int before = queue.size();

        for (int i = 0; i < 50; i++) {
            anonymous
                    .post()
                    .uri("/webhook/timeouts-leave")
                    .contentType(MediaType.APPLICATION_JSON)
                    .bodyValue(Map.of("n", i, "name", "Ada"))
                    .exchange()
                    .expectStatus()
                    .isOk();
        }

        // Each execution armed its (1 h) timeout and cancelled it when it ended: none may stay queued for the hour.
        assertThat(queue.size()).isLessThan(before + 50);
    }

    @Test
    void answersWithTheLastNodesOutput() {
        activeWorkflow(
                "Last node",
                Map.of("httpMethod", "POST", "path", "last-node", "responseMode", "lastNode"),
                List.of(node(
                        "Set",
                        "hearth.set",
                        3.4,
                        Map.of(
                                "assignments",
                                Map.of(
                                        "assignments",
                                        List.of(Map.of(
                                                "name",
                                                "upper",
                                                "type",
                                                "string",
                                                "value",
                                                "={{ $json.body.word.toUpperCase() }}")))))),
                connect("Webhook", "Set"));
        anonymous
                .post()
                .uri("/webhook/last-node")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("word", "hearth"))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.upper")
                .isEqualTo("HEARTH");
    }

    @Test
    void theLastNodesAnswerCanBeOnePropertyWithItsOwnContentType() {
        activeWorkflow(
                "Last node property",
                Map.of(
                        "httpMethod",
                        "POST",
                        "path",
                        "last-node-property",
                        "responseMode",
                        "lastNode",
                        "options",
                        Map.of(
                                "responsePropertyName",
                                "body.doc",
                                "responseContentType",
                                "application/xml",
                                "responseCode",
                                Map.of("values", Map.of("responseCode", "customCode", "customCode", 299)))),
                List.of(node("Pass", "n8n-nodes-base.noOp", 1, Map.of())),
                connect("Webhook", "Pass"));
        byte[] answer = anonymous
                .post()
                .uri("/webhook/last-node-property")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("doc", "<ok/>", "other", 1))
                .exchange()
                .expectStatus()
                .isEqualTo(299)
                .expectHeader()
                .contentTypeCompatibleWith(MediaType.APPLICATION_XML)
                .expectBody()
                .returnResult()
                .getResponseBody();
        assertThat(new String(answer, java.nio.charset.StandardCharsets.UTF_8)).isEqualTo("<ok/>");
    }

    @Test
    void respondingImmediatelySendsTheResponseDataOptionOrNothing() {
        activeWorkflow(
                "Immediate text",
                Map.of(
                        "httpMethod",
                        "POST",
                        "path",
                        "immediate-text",
                        "options",
                        Map.of(
                                "responseData",
                                "success",
                                "responseCode",
                                Map.of("values", Map.of("responseCode", 201)))),
                List.of(),
                Map.of());
        anonymous
                .post()
                .uri("/webhook/immediate-text")
                .exchange()
                .expectStatus()
                .isCreated()
                .expectBody(String.class)
                .isEqualTo("success");
        activeWorkflow(
                "Immediate nothing",
                Map.of("httpMethod", "POST", "path", "immediate-nothing", "options", Map.of("noResponseBody", true)),
                List.of(),
                Map.of());
        anonymous
                .post()
                .uri("/webhook/immediate-nothing")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .isEmpty();
    }

    @Test
    void immediateAnswerComesAfterTheExecutionIsRecorded() {
        String id = activeWorkflow(
                "Immediate",
                Map.of("httpMethod", "POST", "path", "immediate", "responseMode", "onReceived"),
                List.of(node("Wait", "hearth.wait", 1.1, Map.of("amount", 0.2, "unit", "seconds"))),
                connect("Webhook", "Wait"));
        anonymous
                .post()
                .uri("/webhook/immediate")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("n", 1))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.message")
                .isEqualTo("Workflow was started");
        // The row was durable before the answer: it is listed straight away (still running or already done).
        api.get()
                .uri("/api/v1/executions?workflowId={id}", id)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.total")
                .isEqualTo(1);
    }

    @Test
    void aRespondNodeThatAnswersLastIsHeardOnceTheFinishedExecutionIsRecorded() {
        // The Wait makes the run asynchronous: Respond to Webhook runs on the timer's thread, not the request's.
        String id = activeWorkflow(
                "Respond last",
                Map.of("httpMethod", "POST", "path", "respond-last", "responseMode", "responseNode"),
                List.of(
                        node("Wait", "hearth.wait", 1.1, Map.of("amount", 0.05, "unit", "seconds")),
                        node(
                                "Respond",
                                "n8n-nodes-base.respondToWebhook",
                                1.1,
                                Map.of("respondWith", "firstIncomingItem"))),
                merge(connect("Webhook", "Wait"), connect("Wait", "Respond")));
        anonymous
                .post()
                .uri("/webhook/respond-last")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("n", 5))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.body.n")
                .isEqualTo(5);
        // One durable write, the final one, before the answer: the record is finished when the caller hears it.
        api.get()
                .uri("/api/v1/executions?workflowId={id}", id)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.total")
                .isEqualTo(1)
                .jsonPath("$.data[0].status")
                .isEqualTo("success");
    }

    @Test
    void aRespondNodeFollowedByMoreNodesAnswersWhileTheExecutionRuns() {
        String id = activeWorkflow(
                "Respond early",
                Map.of("httpMethod", "POST", "path", "respond-early", "responseMode", "responseNode"),
                List.of(
                        node(
                                "Respond",
                                "n8n-nodes-base.respondToWebhook",
                                1.1,
                                Map.of("respondWith", "json", "responseBody", "={{ { early: $json.body.n } }}")),
                        node("Wait", "hearth.wait", 1.1, Map.of("amount", 1, "unit", "hours"))),
                merge(connect("Webhook", "Respond"), connect("Respond", "Wait")));
        anonymous
                .post()
                .uri("/webhook/respond-early")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("n", 8))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.early")
                .isEqualTo(8);
        // Answered before the hour's wait: the execution was made durable as running first.
        Map<String, Object> list = api.get()
                .uri("/api/v1/executions?workflowId={id}", id)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(new org.springframework.core.ParameterizedTypeReference<Map<String, Object>>() {})
                .returnResult()
                .getResponseBody();
        @SuppressWarnings("unchecked")
        Map<String, Object> execution = ((List<Map<String, Object>>) list.get("data")).getFirst();
        assertThat(execution).containsEntry("status", "running");
        api.post()
                .uri("/api/v1/executions/{e}/cancel", execution.get("id"))
                .exchange()
                .expectStatus()
                .isOk();
    }

    @Test
    void acceptsFormBodies() {
        activeWorkflow(
                "Form",
                Map.of("httpMethod", "POST", "path", "form-in", "responseMode", "lastNode"),
                List.of(),
                Map.of());
        anonymous
                .post()
                .uri("/webhook/form-in")
                .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .bodyValue("a=1&b=two&b=three")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.body.a")
                .isEqualTo("1")
                .jsonPath("$.body.b[1]")
                .isEqualTo("three");
    }

    // JSON read back from the API is typed by the test, not the compiler
    @SuppressWarnings("unchecked")
    @Test
    void fileUploadsBecomeBinaryItems() {
        String id = activeWorkflow(
                "Upload",
                Map.of(
                        "httpMethod",
                        "POST",
                        "path",
                        "upload",
                        "responseMode",
                        "lastNode",
                        "responseData",
                        "firstEntryBinary"),
                List.of(),
                Map.of());
        MultipartBodyBuilder body = new MultipartBodyBuilder();
        body.part("title", "dot");
        body.part("file", new org.springframework.core.io.ByteArrayResource(new byte[] {(byte) 0x89, 'P', 'N', 'G'}) {
                    @Override
                    public String getFilename() {
                        return "dot.png";
                    }
                })
                .contentType(MediaType.IMAGE_PNG);
        byte[] answer = anonymous
                .post()
                .uri("/webhook/upload")
                .body(BodyInserters.fromMultipartData(body.build()))
                .exchange()
                .expectStatus()
                .isOk()
                .expectHeader()
                .contentType(MediaType.IMAGE_PNG)
                .expectBody(byte[].class)
                .returnResult()
                .getResponseBody();
        assertThat(answer).containsExactly((byte) 0x89, 'P', 'N', 'G');
        @SuppressWarnings("unchecked")
        Map<String, Object> list = api.get()
                .uri("/api/v1/executions?workflowId={id}", id)
                .exchange()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody();
        String executionId = (String)
                ((List<Map<String, Object>>) list.get("data")).getFirst().get("id");
        @SuppressWarnings("unchecked")
        Map<String, Object> detail = api.get()
                .uri("/api/v1/executions/{e}", executionId)
                .exchange()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody();
        String url = (String) pick(detail, "nodes", "Webhook", 0, "output", 0, 0, "binary", "data", "url");
        assertThat(url).startsWith("/api/v1/executions/" + executionId + "/binary/Webhook/0/output/0/0/data");
        byte[] stored = api.get()
                .uri(url)
                .exchange()
                .expectStatus()
                .isOk()
                .expectHeader()
                .contentType(MediaType.IMAGE_PNG)
                .expectBody(byte[].class)
                .returnResult()
                .getResponseBody();
        assertThat(stored).hasSize(4);
    }

    static Object pick(Object root, Object... path) {
        Object cur = root;
        for (Object p : path) {
            cur = p instanceof Integer i ? ((List<?>) cur).get(i) : ((Map<?, ?>) cur).get(p);
        }
        return cur;
    }

    @Test
    void unknownPathIsNotFoundWithAClearMessage() {
        anonymous
                .post()
                .uri("/webhook/no-such-hook")
                .exchange()
                .expectStatus()
                .isNotFound()
                .expectBody()
                .jsonPath("$.message")
                .isEqualTo("The requested webhook \"POST no-such-hook\" is not registered.");
    }

    @Test
    void wrongMethodSuggestsTheRegisteredOne() {
        activeWorkflow(
                "Get only",
                Map.of("httpMethod", "GET", "path", "get-only", "responseMode", "lastNode"),
                List.of(),
                Map.of());
        anonymous
                .post()
                .uri("/webhook/get-only")
                .exchange()
                .expectStatus()
                .isNotFound()
                .expectBody()
                .jsonPath("$.message")
                .value(m -> assertThat((String) m).contains("Did you mean to make a GET request?"));
        anonymous
                .get()
                .uri("/webhook/get-only?x=1")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.query.x")
                .isEqualTo("1");
    }

    @Test
    void bodyOverTheLimitIs413() {
        activeWorkflow(
                "Big",
                Map.of("httpMethod", "POST", "path", "big-body", "responseMode", "lastNode"),
                List.of(),
                Map.of());
        anonymous
                .post()
                .uri("/webhook/big-body")
                .contentType(MediaType.TEXT_PLAIN)
                .bodyValue("x".repeat(100_000))
                .exchange()
                .expectStatus()
                .isEqualTo(413);
    }

    @Test
    void invalidJsonIs400() {
        activeWorkflow(
                "Json",
                Map.of("httpMethod", "POST", "path", "json-in", "responseMode", "lastNode"),
                List.of(),
                Map.of());
        anonymous
                .post()
                .uri("/webhook/json-in")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"a\":")
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.message")
                .value(m -> assertThat((String) m).contains("not valid JSON"));
    }

    @Test
    void jsonAndFormBodiesOverTheLimitAre413WithTheLimitNamed() {
        activeWorkflow(
                "Big structured",
                Map.of("httpMethod", "POST", "path", "big-structured", "responseMode", "lastNode"),
                List.of(),
                Map.of());
        String big = "x".repeat(100_000);
        anonymous
                .post()
                .uri("/webhook/big-structured")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"a\":\"" + big + "\"}")
                .exchange()
                .expectStatus()
                .isEqualTo(413)
                .expectBody()
                .jsonPath("$.message")
                .value(m -> assertThat((String) m).contains("larger than the limit of 65536 bytes"));
        anonymous
                .post()
                .uri("/webhook/big-structured")
                .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .bodyValue("a=" + big)
                .exchange()
                .expectStatus()
                .isEqualTo(413);
    }

    @Test
    void aContentTypeThatIsNoMediaTypeIs415NamingTheHeader() {
        activeWorkflow(
                "Odd type",
                Map.of("httpMethod", "POST", "path", "odd-type", "responseMode", "lastNode"),
                List.of(),
                Map.of());
        // a raw request: HTTP clients refuse to send a Content-Type that is no media type, callers' scripts do not
        RawHttp.Response answer =
                RawHttp.send(port, "POST", "/webhook/odd-type", Map.of("Content-Type", "json please"), "{}");
        assertThat(answer.status()).isEqualTo(415);
        assertThat(answer.body()).contains("Content-Type").contains("json please");
    }

    @Test
    void aMultipartBodyWithoutItsBoundaryIs400() {
        activeWorkflow(
                "No boundary",
                Map.of("httpMethod", "POST", "path", "no-boundary", "responseMode", "lastNode"),
                List.of(),
                Map.of());
        anonymous
                .post()
                .uri("/webhook/no-boundary")
                .header("Content-Type", "multipart/form-data")
                .bodyValue("--x\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\n1\r\n--x--\r\n")
                .exchange()
                .expectStatus()
                .isBadRequest()
                .expectBody()
                .jsonPath("$.message")
                .value(m -> assertThat((String) m).contains("multipart/form-data"));
    }

    @Test
    void formFieldsWithoutAValueAreEmptyAndAnEmptyJsonBodyIsNoBody() {
        activeWorkflow(
                "Edge bodies",
                Map.of("httpMethod", "POST", "path", "edge-bodies", "responseMode", "lastNode"),
                List.of(),
                Map.of());
        anonymous
                .post()
                .uri("/webhook/edge-bodies")
                .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .bodyValue("flag&name=a+b%21")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.body.flag")
                .isEqualTo("")
                .jsonPath("$.body.name")
                .isEqualTo("a b!");
        anonymous
                .post()
                .uri("/webhook/edge-bodies")
                .contentType(MediaType.APPLICATION_JSON)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.body")
                .isEmpty();
    }

    @Test
    void pathParametersAreCaptured() {
        activeWorkflow(
                "Params",
                Map.of("httpMethod", "GET", "path", "orders/:id/items", "responseMode", "lastNode"),
                List.of(),
                Map.of());
        anonymous
                .get()
                .uri("/webhook/orders/42/items")
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.params.id")
                .isEqualTo("42");
    }

    @Test
    void basicAuthProtectsAWebhook() {
        @SuppressWarnings("unchecked")
        Map<String, Object> cred = api.post()
                .uri("/api/v1/credentials")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of(
                        "name",
                        "hook auth",
                        "type",
                        "httpBasicAuth",
                        "data",
                        Map.of("user", "ada", "password", "lovelace!")))
                .exchange()
                .expectStatus()
                .isCreated()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody();
        Map<String, Object> webhook = new java.util.LinkedHashMap<>(node(
                "Webhook",
                "n8n-nodes-base.webhook",
                2,
                Map.of(
                        "httpMethod",
                        "GET",
                        "path",
                        "guarded",
                        "authentication",
                        "basicAuth",
                        "responseMode",
                        "lastNode")));
        webhook.put("credentials", Map.of("httpBasicAuth", Map.of("id", cred.get("id"), "name", "hook auth")));
        String id = (String)
                create(Map.of("name", "Guarded", "nodes", List.of(webhook))).get("id");
        activate(id);
        anonymous
                .get()
                .uri("/webhook/guarded")
                .exchange()
                .expectStatus()
                .isUnauthorized()
                .expectHeader()
                .valueEquals("WWW-Authenticate", "Basic realm=\"Webhook\"");
        anonymous
                .get()
                .uri("/webhook/guarded")
                .headers(h -> h.setBasicAuth("ada", "wrong"))
                .exchange()
                .expectStatus()
                .isForbidden();
        anonymous
                .get()
                .uri("/webhook/guarded")
                .headers(h -> h.setBasicAuth("ada", "lovelace!"))
                .exchange()
                .expectStatus()
                .isOk();
    }
}
