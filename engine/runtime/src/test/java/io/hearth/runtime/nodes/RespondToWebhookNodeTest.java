package io.hearth.runtime.nodes;

import static io.hearth.runtime.Flows.flow;
import static io.hearth.runtime.Flows.output;
import static org.assertj.core.api.Assertions.assertThat;

import io.hearth.node.BinaryData;
import io.hearth.node.Item;
import io.hearth.node.description.ParameterType;
import io.hearth.node.trigger.WebhookResponder;
import io.hearth.node.trigger.WebhookResponse;
import io.hearth.runtime.Flows;
import io.hearth.runtime.execution.ExecutionRequest;
import io.hearth.runtime.execution.ExecutionResult;
import io.hearth.runtime.execution.ExecutionStatus;
import io.hearth.runtime.execution.WorkflowExecutor;
import io.hearth.runtime.registry.ParameterMigrations;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Respond to Webhook across n8n's type versions 1 to 1.5, inside real executions. */
class RespondToWebhookNodeTest {

    private static final String MANUAL = "hearth.manualTrigger";
    private static final String RESPOND = "n8n-nodes-base.respondToWebhook";
    private static final String WEBHOOK = "n8n-nodes-base.webhook";
    private static final Map<String, Object> HOOK = Map.of("path", "answer", "responseMode", "responseNode");

    /** Keeps the answers it is given, as the server's webhook handler would send them. */
    private static final class Answers implements WebhookResponder {
        final List<WebhookResponse> sent = new ArrayList<>();

        @Override
        public synchronized boolean respond(WebhookResponse response) {
            if (!sent.isEmpty()) {
                return false;
            }
            sent.add(response);
            return true;
        }

        @Override
        public synchronized boolean hasResponded() {
            return !sent.isEmpty();
        }
    }

    @Test
    void versionsBefore13HaveNoResponseOutput() {
        assertThat(RespondToWebhookNode.MIGRATIONS.getFirst().migrate().apply(new java.util.HashMap<>()))
                .containsEntry("enableResponseOutput", false);
        assertThat(migrated(1.2)).containsEntry("enableResponseOutput", false);
        assertThat(migrated(1)).containsEntry("enableResponseOutput", false);
    }

    @Test
    void version13AlwaysHasTheResponseOutput() {
        assertThat(RespondToWebhookNode.MIGRATIONS.getLast().migrate().apply(new java.util.HashMap<>()))
                .containsEntry("enableResponseOutput", true);
        assertThat(migrated(1.3)).containsEntry("enableResponseOutput", true);
        assertThat(migrated(1.4)).doesNotContainKey("enableResponseOutput");
    }

    @Test
    void version13SendsTheResponseOnItsSecondOutput() {
        Answers answers = new Answers();
        ExecutionResult r = run(
                flow().node("Start", WEBHOOK, HOOK)
                        .node(
                                "Respond",
                                RESPOND,
                                1.3,
                                Map.of(
                                        "respondWith",
                                        "json",
                                        "responseBody",
                                        "={{ JSON.stringify({ total: $json.n * 2 }) }}",
                                        "options",
                                        Map.of(
                                                "responseCode",
                                                201,
                                                "responseHeaders",
                                                Map.of("entries", List.of(Map.of("name", "X-Trace", "value", "t1"))))))
                        .connect("Start", "Respond"),
                List.of(Item.of(Map.of("n", 21))),
                answers);
        assertThat(r.status()).isEqualTo(ExecutionStatus.SUCCESS);
        assertThat(output(r, "Respond", 0)).containsExactly(Map.of("n", 21));
        assertThat(output(r, "Respond", 1))
                .containsExactly(Map.of(
                        "response",
                        Map.of("body", Map.of("total", 42L), "headers", Map.of("x-trace", "t1"), "statusCode", 201)));
        assertThat(answers.sent).singleElement().satisfies(sent -> {
            assertThat(sent.status()).isEqualTo(201);
            assertThat(sent.body()).isEqualTo(new WebhookResponse.JsonBody(Map.of("total", 42L)));
        });
    }

    @Test
    void fromVersion14TheResponseOutputIsASwitchOffByDefault() {
        var off = run(flow().node("Start", WEBHOOK, HOOK)
                .node("Respond", RESPOND, 1.5, Map.of("respondWith", "noData"))
                .connect("Start", "Respond"));
        assertThat(off.runData().get("Respond").getLast().output()).hasSize(1);

        var on = run(flow().node("Start", WEBHOOK, HOOK)
                .node("Respond", RESPOND, 1.4, Map.of("respondWith", "noData", "enableResponseOutput", true))
                .connect("Start", "Respond"));
        assertThat(output(on, "Respond", 1))
                .containsExactly(Map.of("response", Map.of("headers", Map.of(), "statusCode", 200)));
    }

    @Test
    void aBinaryAnswerTakesTheFirstItemsFirstFileUnlessAFieldIsNamed() {
        BinaryData report = BinaryData.of("a,b".getBytes(StandardCharsets.UTF_8), "text/csv", "report.csv");
        BinaryData photo = BinaryData.of(new byte[] {1, 2, 3}, "image/png", "photo.png");
        Item item = Item.of(Map.of()).withBinary("report", report).withBinary("photo", photo);
        Map<String, Object> automatic = Map.of("respondWith", "binary");
        Answers first = new Answers();
        run(
                flow().node("Start", WEBHOOK, HOOK)
                        .node("Respond", RESPOND, 1.5, automatic)
                        .connect("Start", "Respond"),
                List.of(item),
                first);
        assertThat(first.sent.getFirst().body()).isEqualTo(new WebhookResponse.BinaryBody(report));

        Answers named = new Answers();
        ExecutionResult r = run(
                flow().node("Start", WEBHOOK, HOOK)
                        .node(
                                "Respond",
                                RESPOND,
                                1.5,
                                Map.of(
                                        "respondWith",
                                        "binary",
                                        "responseDataSource",
                                        "set",
                                        "inputFieldName",
                                        "photo",
                                        "enableResponseOutput",
                                        true))
                        .connect("Start", "Respond"),
                List.of(item),
                named);
        assertThat(named.sent.getFirst().body()).isEqualTo(new WebhookResponse.BinaryBody(photo));
        assertThat(output(r, "Respond", 1))
                .containsExactly(Map.of(
                        "response",
                        Map.of(
                                "body",
                                Map.of("fileName", "photo.png", "mimeType", "image/png", "fileSize", 3L),
                                "headers",
                                Map.of(),
                                "statusCode",
                                200)));
    }

    @Test
    void aBinaryAnswerWithoutFilesFailsAsN8nDoes() {
        var r = run(flow().node("Start", WEBHOOK, HOOK)
                .node("Respond", RESPOND, 1.5, Map.of("respondWith", "binary"))
                .connect("Start", "Respond"));
        assertThat(r.status()).isEqualTo(ExecutionStatus.ERROR);
        assertThat(r.error().orElseThrow().message()).contains("No binary data exists on the first item!");
    }

    @Test
    void fromVersion11ARespondNoWebhookLeadsToFailsAsN8nDoes() {
        Answers answers = new Answers();
        ExecutionResult r = flow().node("Start", MANUAL, Map.of())
                .node("Respond", RESPOND, 1.1, Map.of("respondWith", "noData"))
                .connect("Start", "Respond")
                .run();
        assertThat(r.status()).isEqualTo(ExecutionStatus.ERROR);
        assertThat(r.error().orElseThrow().message()).isEqualTo("No Webhook node found in the workflow");
        assertThat(r.error().orElseThrow().node()).hasValue("Respond");
        assertThat(r.error().orElseThrow().description())
                .isEqualTo("Insert a Webhook node to your workflow and set the \u201cRespond\u201d parameter to"
                        + " \u201cUsing Respond to Webhook Node\u201d");
        assertThat(answers.sent).isEmpty();
    }

    @Test
    void aWebhookAnyNumberOfNodesBackIsFound() {
        Answers answers = new Answers();
        ExecutionResult r = run(
                flow().node("Start", WEBHOOK, HOOK)
                        .node("Pass", "n8n-nodes-base.noOp", Map.of())
                        .node("Respond", RESPOND, 1.5, Map.of("respondWith", "firstIncomingItem"))
                        .connect("Start", "Pass")
                        .connect("Pass", "Respond"),
                List.of(Item.of(Map.of("n", 1))),
                answers);
        assertThat(r.status()).isEqualTo(ExecutionStatus.SUCCESS);
        assertThat(answers.sent)
                .singleElement()
                .satisfies(sent -> assertThat(sent.body()).isEqualTo(new WebhookResponse.JsonBody(Map.of("n", 1))));
    }

    @Test
    void version1DoesNotLookForAWebhookAndPassesItsItemsOn() {
        ExecutionResult r = flow().node("Start", MANUAL, Map.of())
                .node("Respond", RESPOND, 1, Map.of("respondWith", "noData"))
                .connect("Start", "Respond")
                .run(List.of(Item.of(Map.of("n", 1))));
        assertThat(r.status()).isEqualTo(ExecutionStatus.SUCCESS);
        assertThat(output(r, "Respond", 0)).containsExactly(Map.of("n", 1));
    }

    @Test
    void continuingOnFailTheNodeOutputsTheErrorAsN8nsDoes() {
        ExecutionResult r = flow().node("Start", MANUAL, Map.of())
                .node(
                        "Respond",
                        RESPOND,
                        Map.of("respondWith", "noData"),
                        n -> n.withOnError(io.hearth.runtime.workflow.OnError.CONTINUE_REGULAR_OUTPUT))
                .connect("Start", "Respond")
                .run(List.of(Item.of(Map.of("n", 1)), Item.of(Map.of("n", 2))));
        assertThat(r.status()).isEqualTo(ExecutionStatus.SUCCESS);
        assertThat(output(r, "Respond", 0)).containsExactly(Map.of("error", "No Webhook node found in the workflow"));
        assertThat(r.runData()
                        .get("Respond")
                        .getLast()
                        .output()
                        .getFirst()
                        .getFirst()
                        .pairedItems())
                .hasSize(2);
    }

    @Test
    void jwtTokensAreRefusedAsAChoiceNotIgnored() {
        var respondWith = (ParameterType.OptionsType) new RespondToWebhookNode()
                .description()
                .parameter("respondWith")
                .orElseThrow()
                .type();
        var jwt = respondWith.options().stream()
                .filter(o -> o.value().equals("jwt"))
                .findFirst()
                .orElseThrow();
        assertThat(jwt.unsupported()).hasValue("Hearth has no JWT credential to sign the token with");
    }

    private static Map<String, Object> migrated(double version) {
        return ParameterMigrations.toCurrent(new RespondToWebhookNode(), version, Map.of("respondWith", "noData"));
    }

    private static ExecutionResult run(Flows flow) {
        return run(flow, List.of(Item.empty()), new Answers());
    }

    /** A run started by the webhook node "Start" with the items it received. */
    private static ExecutionResult run(Flows flow, List<Item> input, WebhookResponder responder) {
        WorkflowExecutor executor = Flows.executor();
        return executor.start(ExecutionRequest.manual(executor.prepare(flow.build()), "exec-1", input)
                        .withStartNode("Start")
                        .withMode(io.hearth.node.ExecutionMode.WEBHOOK)
                        .withResponder(responder))
                .result()
                .orTimeout(30, TimeUnit.SECONDS)
                .join();
    }
}
