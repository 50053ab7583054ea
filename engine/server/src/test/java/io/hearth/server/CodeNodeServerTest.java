package io.hearth.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Mono;

/** The Code node inside the server: webhook workflows, and runaway code that cannot take the server down. */
class CodeNodeServerTest extends ApiTestSupport {

    static {
        // The server's Code sandbox is created on first use; keep runaway runs short in this JVM.
        System.setProperty("hearth.code.timeout", "5s");
    }

    private String activeCodeWorkflow(String name, String path, String mode, String code) {
        String id = (String) create(Map.of(
                        "name",
                        name,
                        "nodes",
                        List.of(
                                node(
                                        "Webhook",
                                        "n8n-nodes-base.webhook",
                                        2,
                                        Map.of("httpMethod", "POST", "path", path, "responseMode", "lastNode")),
                                node("Code", "n8n-nodes-base.code", 2, Map.of("mode", mode, "jsCode", code))),
                        "connections",
                        connect("Webhook", "Code")))
                .get("id");
        activate(id);
        return id;
    }

    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> executions(String workflowId) {
        Map<String, Object> list = api.get()
                .uri("/api/v1/executions?workflowId={id}", workflowId)
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody(Map.class)
                .returnResult()
                .getResponseBody();
        return (List<Map<String, Object>>) list.get("data");
    }

    @Test
    void webhookCodeWorkflowAnswersWithTheCodesItems() {
        activeCodeWorkflow(
                "Code answers",
                "code-answers",
                "runOnceForEachItem",
                "console.log('got', $json.body.n);\nreturn {json: {tripled: $json.body.n * 3, at: typeof $now.toISO()}};");
        anonymous
                .post()
                .uri("/webhook/code-answers")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("n", 14))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.tripled")
                .isEqualTo(42)
                .jsonPath("$.at")
                .isEqualTo("string");
    }

    @Test
    void workflowStaticDataSurvivesBetweenProductionExecutions() {
        activeCodeWorkflow(
                "Counter",
                "code-counter",
                "runOnceForAllItems",
                "const data = $getWorkflowStaticData('global');\ndata.count = (data.count || 0) + 1;\n"
                        + "return [{count: data.count}];");
        for (int expected = 1; expected <= 3; expected++) {
            int want = expected;
            Awaitility.await()
                    .atMost(Duration.ofSeconds(30))
                    .untilAsserted(() -> anonymous
                            .post()
                            .uri("/webhook/code-counter")
                            .contentType(MediaType.APPLICATION_JSON)
                            .bodyValue(Map.of())
                            .exchange()
                            .expectStatus()
                            .isOk()
                            .expectBody()
                            .jsonPath("$.count")
                            .isEqualTo(want));
        }
    }

    @Test
    void consoleOutputIsInTheExecutionRecord() {
        String id = activeCodeWorkflow(
                "Code prints", "code-prints", "runOnceForAllItems", "console.log('n is', $json.body.n);\nreturn [];");
        anonymous
                .post()
                .uri("/webhook/code-prints")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("n", 5))
                .exchange()
                .expectStatus()
                .isOk();
        Awaitility.await()
                .atMost(Duration.ofSeconds(30))
                .until(() -> !executions(id).isEmpty());
        api.get()
                .uri("/api/v1/executions/{e}", executions(id).getFirst().get("id"))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.nodes.Code[0].console[0]")
                .isEqualTo("n is 5");
    }

    @Test
    void runawayCodeLeavesOtherWebhooksAnswering() {
        String loop = activeCodeWorkflow("Endless", "code-endless", "runOnceForAllItems", "while (true) {}");
        String hog = activeCodeWorkflow(
                "Hog",
                "code-hog",
                "runOnceForAllItems",
                "const a = []; for (;;) a.push(new Array(1e5).fill(a.length));");
        String doubleId = (String) create(webhookDoubleWorkflow("Still answering", "still-answering"))
                .get("id");
        activate(doubleId);

        WebClient client = WebClient.create(baseUrl());
        List<Mono<String>> runaway = new ArrayList<>();
        for (String path : List.of("code-endless", "code-hog")) {
            runaway.add(client.post()
                    .uri("/webhook/" + path)
                    .contentType(MediaType.APPLICATION_JSON)
                    .bodyValue(Map.of())
                    .exchangeToMono(r -> r.bodyToMono(String.class).defaultIfEmpty(""))
                    .cache());
        }
        runaway.forEach(Mono::subscribe);

        for (int i = 0; i < 20; i++) {
            anonymous
                    .post()
                    .uri("/webhook/still-answering")
                    .contentType(MediaType.APPLICATION_JSON)
                    .bodyValue(Map.of("n", i, "name", "Ada"))
                    .exchange()
                    .expectStatus()
                    .isOk()
                    .expectBody()
                    .jsonPath("$.doubled")
                    .isEqualTo(i * 2);
        }

        for (String id : List.of(loop, hog)) {
            Awaitility.await()
                    .atMost(Duration.ofMinutes(2))
                    .until(() -> executions(id).stream().anyMatch(e -> "error".equals(e.get("status"))));
        }
        for (Mono<String> answer : runaway) {
            assertThat(answer.block(Duration.ofMinutes(2))).isNotNull();
        }
        api.get()
                .uri("/api/v1/executions/{e}", executions(loop).getFirst().get("id"))
                .exchange()
                .expectStatus()
                .isOk()
                .expectBody()
                .jsonPath("$.status")
                .isEqualTo("error")
                .jsonPath("$.error.message")
                .value(m -> assertThat((String) m).containsAnyOf("timed out", "statements"));
    }
}
