package io.hearth.runtime.execution;

import static io.hearth.runtime.Flows.flow;
import static io.hearth.runtime.Flows.output;
import static org.assertj.core.api.Assertions.assertThat;

import io.hearth.node.ExecutionMode;
import io.hearth.node.Item;
import io.hearth.node.credential.CredentialData;
import io.hearth.runtime.Flows;
import io.hearth.runtime.workflow.CredentialRef;
import io.hearth.runtime.workflow.OnError;
import io.hearth.runtime.workflow.RetryPolicy;
import io.hearth.runtime.workflow.WorkflowSettings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class WorkflowExecutorTest {

    private static final String MANUAL = "hearth.manualTrigger";
    private static final String SET = "n8n-nodes-base.set";

    private static Map<String, Object> set(String name, String value) {
        return Map.of(
                "mode",
                "manual",
                "assignments",
                Map.of("assignments", List.of(Map.of("name", name, "type", "string", "value", value))),
                "includeOtherFields",
                true);
    }

    private static Map<String, Object> ifGreater(String field, int than) {
        return Map.of(
                "conditions",
                Map.of(
                        "conditions",
                        List.of(Map.of(
                                "leftValue",
                                "={{ $json." + field + " }}",
                                "operator",
                                "number:gt",
                                "rightValue",
                                than))));
    }

    @Test
    void passesItemsAlongConnectionsAndRecordsEveryNode() {
        var r = flow().node("Start", MANUAL, Map.of())
                .node("Greet", SET, set("greeting", "=Hello {{ $json.name }}"))
                .connect("Start", "Greet")
                .run(List.of(Item.of(Map.of("name", "Ada"))));
        assertThat(r.status()).isEqualTo(ExecutionStatus.SUCCESS);
        assertThat(output(r, "Greet")).containsExactly(Map.of("name", "Ada", "greeting", "Hello Ada"));
        assertThat(r.runData().keySet()).containsExactly("Start", "Greet");
        NodeRun greet = r.runData().get("Greet").getFirst();
        assertThat(greet.input().getFirst()).extracting(Item::json).containsExactly(Map.of("name", "Ada"));
        assertThat(greet.sources().getFirst()).contains(new InputSource("Start", 0, 0));
        assertThat(r.lastNodeExecuted()).contains("Greet");
    }

    @Test
    void manualRunsDoNotRunPinnedNodesAndPassTheirPinnedItemsOn() {
        TestNodes.Flaky flaky = new TestNodes.Flaky(0);
        var r = flow().node("Start", MANUAL, Map.of())
                .node("Remote", "test.flaky", Map.of())
                .node("Greet", SET, set("greeting", "=Hello {{ $json.name }}"))
                .connect("Start", "Remote")
                .connect("Remote", "Greet")
                .pin("Remote", List.of(Map.of("name", "Ada"), Map.of("name", "Grace")))
                .run(List.of(Item.of(Map.of("name", "nobody"))), flaky);
        assertThat(flaky.calls).hasValue(0);
        assertThat(output(r, "Remote")).containsExactly(Map.of("name", "Ada"), Map.of("name", "Grace"));
        assertThat(output(r, "Greet")).extracting(m -> m.get("greeting")).containsExactly("Hello Ada", "Hello Grace");
    }

    @Test
    void productionRunsIgnorePinnedData() {
        TestNodes.Flaky flaky = new TestNodes.Flaky(0);
        var r = flow().node("Start", MANUAL, Map.of())
                .node("Remote", "test.flaky", Map.of())
                .connect("Start", "Remote")
                .pin("Remote", List.of(Map.of("name", "Ada")))
                .pin("Start", List.of(Map.of("pinned", true)))
                .run(ExecutionMode.WEBHOOK, List.of(Item.of(Map.of("name", "live"))), flaky);
        assertThat(flaky.calls).hasValue(1);
        assertThat(output(r, "Remote")).containsExactly(Map.of("name", "live"));
    }

    @Test
    void aPinnedTriggerOutputsItsPinnedItemsInManualRuns() {
        var r = flow().node("Start", MANUAL, Map.of())
                .node("Greet", SET, set("greeting", "=Hi {{ $json.name }}"))
                .connect("Start", "Greet")
                .pin("Start", List.of(Map.of("name", "Ada")))
                .run(List.of(Item.of(Map.of("name", "typed in"))));
        assertThat(output(r, "Greet")).extracting(m -> m.get("greeting")).containsExactly("Hi Ada");
    }

    @Test
    void aDisabledPinnedNodeIsNotReplacedByItsPinnedData() {
        var r = flow().node("Start", MANUAL, Map.of())
                .node("Greet", SET, set("greeting", "x"), n -> n.withDisabled(true))
                .connect("Start", "Greet")
                .pin("Greet", List.of(Map.of("pinned", true)))
                .run(List.of(Item.of(Map.of("name", "Ada"))));
        assertThat(r.runData()).doesNotContainKey("Greet");
    }

    @Test
    void n8nsLegacyStartNodeStartsTheWorkflowAndStickyNotesNeverRun() {
        var r = flow().node("Note", "n8n-nodes-base.stickyNote", Map.of("content", "## Read me"))
                .node("Start", "n8n-nodes-base.start", Map.of())
                .node("Greet", SET, set("greeting", "=Hi {{ $json.name }}"))
                .connect("Start", "Greet")
                .run(List.of(Item.of(Map.of("name", "Ada"))));
        assertThat(r.status()).isEqualTo(ExecutionStatus.SUCCESS);
        assertThat(r.runData()).doesNotContainKey("Note");
        assertThat(output(r, "Greet")).extracting(m -> m.get("greeting")).containsExactly("Hi Ada");
    }

    @Test
    void routesItemsToTrueAndFalseBranches() {
        var r = flow().node("Start", MANUAL, Map.of())
                .node("If", "hearth.if", ifGreater("n", 5))
                .node("Big", SET, set("size", "big"))
                .node("Small", SET, set("size", "small"))
                .connect("Start", "If")
                .connect("If", 0, "Big", 0)
                .connect("If", 1, "Small", 0)
                .run(List.of(Item.of(Map.of("n", 10)), Item.of(Map.of("n", 1)), Item.of(Map.of("n", 7))));
        assertThat(output(r, "Big")).extracting(m -> m.get("n")).containsExactly(10, 7);
        assertThat(output(r, "Small")).extracting(m -> m.get("n")).containsExactly(1);
    }

    @Test
    void doesNotRunABranchThatReceivedNoItems() {
        var r = flow().node("Start", MANUAL, Map.of())
                .node("If", "hearth.if", ifGreater("n", 100))
                .node("Big", SET, set("size", "big"))
                .connect("Start", "If")
                .connect("If", 0, "Big", 0)
                .run(List.of(Item.of(Map.of("n", 1))));
        assertThat(r.runData()).doesNotContainKey("Big");
        assertThat(r.status()).isEqualTo(ExecutionStatus.SUCCESS);
    }

    @Test
    void runsEachBranchToTheEndBeforeTheNextOne() {
        // Start -> A -> A2 and Start -> B: v1 order runs A, A2, then B (A is placed above B).
        List<String> order = new ArrayList<>();
        var listener = new ExecutionListener() {
            @Override
            public void nodeFinished(String executionId, NodeRun run) {
                order.add(run.node());
            }
        };
        var f = flow().node("Start", MANUAL, Map.of())
                .node(
                        "A",
                        "hearth.noOp",
                        Map.of(),
                        n -> n.withPosition(new io.hearth.runtime.workflow.Position(200, 0)))
                .node(
                        "B",
                        "hearth.noOp",
                        Map.of(),
                        n -> n.withPosition(new io.hearth.runtime.workflow.Position(200, 300)))
                .node("A2", "hearth.noOp", Map.of())
                .connect("Start", "B")
                .connect("Start", "A")
                .connect("A", "A2");
        var executor = Flows.executor();
        executor.start(ExecutionRequest.manual(executor.prepare(f.build()), "e", List.of(Item.empty()))
                        .withListener(listener))
                .result()
                .join();
        assertThat(order).containsExactly("Start", "A", "A2", "B");
    }

    @Test
    void legacyOrderRunsTheBranchFeedingAWaitingNodesOtherInput() {
        // n8n's v0 (no executionOrder): If sends nothing to A, yet Merge waiting on A makes A run once
        // with an empty item; v1 runs Merge with B's items alone.
        Flows f = flow().node("Start", MANUAL, Map.of())
                .node(
                        "If",
                        "n8n-nodes-base.if",
                        1,
                        Map.of("conditions", Map.of("boolean", List.of(Map.of("value1", true)))))
                .node("A", SET, set("from", "A"))
                .node("B", "hearth.noOp", Map.of())
                .node("Merge", "n8n-nodes-base.merge", 2.1, Map.of())
                .connect("Start", "If")
                .connect("If", 0, "A", 0)
                .connect("If", 1, "B", 0)
                .connect("A", 0, "Merge", 0)
                .connect("B", 0, "Merge", 1);
        var v0 = f.settings(WorkflowSettings.DEFAULTS).run(List.of(Item.of(Map.of("id", 7))));
        assertThat(output(v0, "Merge")).containsExactly(Map.of("from", "A"), Map.of("id", 7));
        var v1 = f.settings(WorkflowSettings.DEFAULTS.withExecutionOrder("v1")).run(List.of(Item.of(Map.of("id", 7))));
        assertThat(v1.runData()).doesNotContainKey("A");
        assertThat(output(v1, "Merge")).containsExactly(Map.of("id", 7));
    }

    @Test
    void legacyOrderRunsBreadthFirst() {
        List<String> order = new ArrayList<>();
        var listener = new ExecutionListener() {
            @Override
            public void nodeFinished(String executionId, NodeRun run) {
                order.add(run.node());
            }
        };
        var f = flow().node("Start", MANUAL, Map.of())
                .node("A", "hearth.noOp", Map.of())
                .node("B", "hearth.noOp", Map.of())
                .node("A2", "hearth.noOp", Map.of())
                .connect("Start", "A")
                .connect("Start", "B")
                .connect("A", "A2")
                .settings(WorkflowSettings.DEFAULTS);
        var executor = Flows.executor();
        executor.start(ExecutionRequest.manual(executor.prepare(f.build()), "e", List.of(Item.empty()))
                        .withListener(listener))
                .result()
                .join();
        assertThat(order).containsExactly("Start", "A", "B", "A2");
    }

    @Test
    void aNodeThatNeedsAllItsInputsDoesNotRunWithOneMissing() {
        // Merge → Choose Branch waits for all inputs (n8n's requiredInputs); Append runs with what came
        var f = flow().node("Start", MANUAL, Map.of())
                .node(
                        "Nothing",
                        "n8n-nodes-base.filter",
                        Map.of(
                                "conditions",
                                Map.of(
                                        "conditions",
                                        List.of(Map.of(
                                                "leftValue",
                                                false,
                                                "operator",
                                                Map.of("type", "boolean", "operation", "true"))))))
                .node("Choose", "n8n-nodes-base.merge", Map.of("mode", "chooseBranch"))
                .node("Append", "n8n-nodes-base.merge", Map.of("mode", "append"))
                .connect("Start", "Nothing")
                .connect("Nothing", 0, "Choose", 0)
                .connect("Start", 0, "Choose", 1)
                .connect("Nothing", 0, "Append", 0)
                .connect("Start", 0, "Append", 1);
        var r = f.run(List.of(Item.of(Map.of("id", 1))));
        assertThat(r.status()).isEqualTo(ExecutionStatus.SUCCESS);
        assertThat(r.runData()).doesNotContainKey("Choose");
        assertThat(output(r, "Append")).containsExactly(Map.of("id", 1));
    }

    @Test
    void mergeWaitsForBothInputsThenAppends() {
        var r = flow().node("Start", MANUAL, Map.of())
                .node("Left", SET, set("side", "left"))
                .node("Right", "test.async", Map.of())
                .node("Merge", "hearth.merge", Map.of("mode", "append"))
                .connect("Start", "Left")
                .connect("Start", "Right")
                .connect("Left", 0, "Merge", 0)
                .connect("Right", 0, "Merge", 1)
                .run(List.of(Item.of(Map.of("id", 1))), new TestNodes.Async());
        assertThat(r.runData().get("Merge")).hasSize(1);
        assertThat(output(r, "Merge")).containsExactly(Map.of("id", 1, "side", "left"), Map.of("id", 1, "async", true));
    }

    @Test
    void mergeCombinesByMatchingField() {
        var r = flow().node("Start", MANUAL, Map.of())
                .node(
                        "People",
                        "hearth.set",
                        Map.of("mode", "raw", "jsonOutput", "={{ { id: $json.id, name: 'Ada' } }}"))
                .node("Ages", "hearth.set", Map.of("mode", "raw", "jsonOutput", "={{ { id: $json.id, age: 36 } }}"))
                .node(
                        "Merge",
                        "hearth.merge",
                        Map.of("mode", "combine", "combineBy", "combineByFields", "fieldsToMatchString", "id"))
                .connect("Start", "People")
                .connect("Start", "Ages")
                .connect("People", 0, "Merge", 0)
                .connect("Ages", 0, "Merge", 1)
                .run(List.of(Item.of(Map.of("id", 7))));
        assertThat(output(r, "Merge")).containsExactly(Map.of("id", 7, "name", "Ada", "age", 36L));
    }

    @Test
    void mergeRunsWithWhatArrivedWhenOneBranchStaysEmpty() {
        var r = flow().node("Start", MANUAL, Map.of())
                .node("If", "hearth.if", ifGreater("n", 5))
                .node("Merge", "hearth.merge", Map.of("mode", "append"))
                .connect("Start", "If")
                .connect("If", 0, "Merge", 0)
                .connect("If", 1, "Merge", 1)
                .run(List.of(Item.of(Map.of("n", 9))));
        assertThat(output(r, "Merge")).containsExactly(Map.of("n", 9));
    }

    @Test
    void stopsTheWorkflowOnErrorByDefault() {
        var r = flow().node("Start", MANUAL, Map.of())
                .node("Broken", "test.flaky", Map.of())
                .node("After", "hearth.noOp", Map.of())
                .connect("Start", "Broken")
                .connect("Broken", "After")
                .run(new TestNodes.Flaky(10));
        assertThat(r.status()).isEqualTo(ExecutionStatus.ERROR);
        assertThat(r.error()).get().satisfies(e -> {
            assertThat(e.node()).contains("Broken");
            assertThat(e.httpStatus()).isEqualTo(503);
            assertThat(e.message()).contains("service unavailable");
        });
        assertThat(r.runData()).doesNotContainKey("After");
        assertThat(r.runData().get("Broken").getFirst().error()).isPresent();
    }

    @Test
    void continuesOnTheRegularOutputWithTheInputUnchangedAsN8nDoes() {
        var r = flow().node("Start", MANUAL, Map.of())
                .node("Broken", "test.flaky", Map.of(), n -> n.withOnError(OnError.CONTINUE_REGULAR_OUTPUT))
                .node("After", "hearth.noOp", Map.of())
                .connect("Start", "Broken")
                .connect("Broken", "After")
                .run(List.of(Item.of(Map.of("id", 1))), new TestNodes.Flaky(10));
        assertThat(r.status()).isEqualTo(ExecutionStatus.SUCCESS);
        assertThat(output(r, "After")).containsExactly(Map.of("id", 1));
        assertThat(r.runData().get("Broken").getFirst().error())
                .hasValueSatisfying(e -> assertThat(e.message()).contains("service unavailable"));
    }

    @Test
    void routesFailuresToTheErrorOutput() {
        var r = flow().node("Start", MANUAL, Map.of())
                .node("Broken", "test.flaky", Map.of(), n -> n.withOnError(OnError.CONTINUE_ERROR_OUTPUT))
                .node("Ok", "hearth.noOp", Map.of())
                .node("Handle", "hearth.noOp", Map.of())
                .connect("Start", "Broken")
                .connect("Broken", 0, "Ok", 0)
                .connect("Broken", 1, "Handle", 0)
                .run(new TestNodes.Flaky(10));
        assertThat(r.status()).isEqualTo(ExecutionStatus.SUCCESS);
        assertThat(r.runData()).doesNotContainKey("Ok");
        assertThat(output(r, "Handle"))
                .singleElement()
                .satisfies(json -> assertThat(json).containsKey("error"));
    }

    @Test
    void retriesAFailingNodeUntilItSucceeds() {
        TestNodes.Flaky flaky = new TestNodes.Flaky(2);
        var r = flow().node("Start", MANUAL, Map.of())
                .node(
                        "Flaky",
                        "test.flaky",
                        Map.of(),
                        n -> n.withRetry(new RetryPolicy(true, 3, Duration.ofMillis(10), false)))
                .connect("Start", "Flaky")
                .run(flaky);
        assertThat(r.status()).isEqualTo(ExecutionStatus.SUCCESS);
        assertThat(flaky.calls).hasValue(3);
        assertThat(r.runData().get("Flaky").getFirst().attempts()).isEqualTo(3);
    }

    @Test
    void givesUpAfterMaxTries() {
        TestNodes.Flaky flaky = new TestNodes.Flaky(5);
        var r = flow().node("Start", MANUAL, Map.of())
                .node(
                        "Flaky",
                        "test.flaky",
                        Map.of(),
                        n -> n.withRetry(new RetryPolicy(true, 3, Duration.ofMillis(5), true)))
                .connect("Start", "Flaky")
                .run(flaky);
        assertThat(r.status()).isEqualTo(ExecutionStatus.ERROR);
        assertThat(flaky.calls).hasValue(3);
        assertThat(r.error().orElseThrow().message()).contains("call 3");
    }

    @Test
    void doesNotRetryABadExpression() {
        var r = flow().node("Start", MANUAL, Map.of())
                .node(
                        "Set",
                        SET,
                        set("x", "={{ $json.a.toInt() }}"), // n8n's error: toInt can't be used on undefined
                        n -> n.withRetry(new RetryPolicy(true, 5, Duration.ofSeconds(5), false)))
                .connect("Start", "Set")
                .run();
        assertThat(r.status()).isEqualTo(ExecutionStatus.ERROR);
        assertThat(r.runData().get("Set").getFirst().attempts()).isEqualTo(1);
        assertThat(r.error().orElseThrow().message())
                .contains("assignments.assignments[0].value")
                .contains("$json.a.toInt()")
                .contains("toInt can't be used on undefined value");
    }

    @Test
    void disabledNodePassesItsInputThrough() {
        var r = flow().node("Start", MANUAL, Map.of())
                .node("Off", SET, set("x", "changed"), n -> n.withDisabled(true))
                .node("After", "hearth.noOp", Map.of())
                .connect("Start", "Off")
                .connect("Off", "After")
                .run(List.of(Item.of(Map.of("x", "original"))));
        assertThat(output(r, "After")).containsExactly(Map.of("x", "original"));
        assertThat(r.runData()).doesNotContainKey("Off");
    }

    @Test
    void alwaysOutputDataEmitsOneEmptyItem() {
        var r = flow().node("Start", MANUAL, Map.of())
                .node(
                        "Switch",
                        "hearth.switch",
                        Map.of(
                                "rules",
                                Map.of(
                                        "values",
                                        List.of(Map.of(
                                                "leftValue",
                                                "={{ $json.n }}",
                                                "operator",
                                                "number:gt",
                                                "rightValue",
                                                100)))),
                        n -> n.withAlwaysOutputData(true))
                .node("After", "hearth.noOp", Map.of())
                .connect("Start", "Switch")
                .connect("Switch", "After")
                .run(List.of(Item.of(Map.of("n", 1))));
        assertThat(output(r, "After")).containsExactly(Map.of());
    }

    @Test
    void timesOutAHungExecution() {
        var r = flow().node("Start", MANUAL, Map.of())
                .node("Hang", "test.hang", Map.of())
                .connect("Start", "Hang")
                .settings(WorkflowSettings.DEFAULTS.withExecutionTimeout(Duration.ofMillis(200)))
                .run(new TestNodes.Hang());
        assertThat(r.status()).isEqualTo(ExecutionStatus.ERROR);
        assertThat(r.error().orElseThrow().message()).contains("timed out");
    }

    @Test
    void cancelsARunningExecution() {
        var f = flow().node("Start", MANUAL, Map.of())
                .node("Wait", "hearth.wait", Map.of("amount", 1, "unit", "hours"))
                .connect("Start", "Wait");
        var executor = Flows.executor();
        var running = executor.start(ExecutionRequest.manual(executor.prepare(f.build()), "e", List.of(Item.empty())));
        assertThat(running.cancel()).isTrue();
        var r = running.result().orTimeout(5, TimeUnit.SECONDS).join();
        assertThat(r.status()).isEqualTo(ExecutionStatus.CANCELED);
        assertThat(running.cancel()).isFalse();
    }

    @Test
    void waitNodeResumesAfterItsInterval() {
        var r = flow().node("Start", MANUAL, Map.of())
                .node("Wait", "hearth.wait", Map.of("amount", 0.05, "unit", "seconds"))
                .node("After", "hearth.noOp", Map.of())
                .connect("Start", "Wait")
                .connect("Wait", "After")
                .run(List.of(Item.of(Map.of("k", "v"))));
        assertThat(output(r, "After")).containsExactly(Map.of("k", "v"));
    }

    @Test
    void expressionsReachOtherNodesByName() {
        var r = flow().node("Start", MANUAL, Map.of())
                .node("First", SET, set("tag", "first"))
                .node(
                        "Second",
                        SET,
                        set(
                                "from",
                                "={{ $('First').item.json.tag }}-{{ $node[\"Start\"].json.n }}-{{ $input.all().length }}"))
                .connect("Start", "First")
                .connect("First", "Second")
                .run(List.of(Item.of(Map.of("n", 1)), Item.of(Map.of("n", 2))));
        assertThat(output(r, "Second")).extracting(m -> m.get("from")).containsExactly("first-1-2", "first-2-2");
    }

    @Test
    void envIsDeniedUnlessEnabled() {
        var r = flow().node("Start", MANUAL, Map.of())
                .node("Set", SET, set("home", "={{ $env.HOME }}"))
                .connect("Start", "Set")
                .run();
        assertThat(r.status()).isEqualTo(ExecutionStatus.ERROR);
        assertThat(r.error().orElseThrow().message()).contains("access to env vars denied");
    }

    @Test
    void secretsAreMaskedInLogsErrorsAndRecordedData() {
        String token = "tok-9f8e7d6c5b4a";
        CredentialProvider provider = (CredentialRef ref, String type) ->
                Optional.of(new CredentialData(type, Map.of("token", token), Set.of("token")));
        var f = flow().node("Start", MANUAL, Map.of())
                .node("Leaky", "test.leaky", Map.of(), n -> n.withCredential("testApi", new CredentialRef("1", "test")))
                .connect("Start", "Leaky");
        var executor = Flows.executor(new TestNodes.LeakySecret());
        var ok = executor.start(ExecutionRequest.manual(executor.prepare(f.build()), "e", List.of(Item.empty()))
                        .withCredentials(provider))
                .result()
                .join();
        assertThat(output(ok, "Leaky")).containsExactly(Map.of("echo", "token=******"));

        var failing = flow().node("Start", MANUAL, Map.of())
                .node(
                        "Leaky",
                        "test.leaky",
                        Map.of("fail", true),
                        n -> n.withCredential("testApi", new CredentialRef("1", "test")))
                .connect("Start", "Leaky");
        var bad = executor.start(ExecutionRequest.manual(executor.prepare(failing.build()), "e2", List.of(Item.empty()))
                        .withCredentials(provider))
                .result()
                .join();
        assertThat(bad.error().orElseThrow().message())
                .contains("Bearer ******")
                .doesNotContain(token);
    }

    @Test
    void webhookModeRunsFromTheWebhookNodeWithItsItems() {
        var f = flow().node("Hook", "hearth.webhook", Map.of("path", "in", "httpMethod", "POST"))
                .node("Set", SET, set("doubled", "={{ $json.body.n * 2 }}"))
                .connect("Hook", "Set");
        var executor = Flows.executor();
        var r = executor.start(ExecutionRequest.manual(
                                executor.prepare(f.build()), "e", List.of(Item.of(Map.of("body", Map.of("n", 21)))))
                        .withMode(ExecutionMode.WEBHOOK))
                .result()
                .join();
        assertThat(output(r, "Set"))
                .singleElement()
                .satisfies(j -> assertThat(j.get("doubled")).isEqualTo("42"));
    }

    @Test
    void aNodeGetsOnlyTheCredentialItDeclaresAndReferences() {
        java.util.List<String> asked = new java.util.ArrayList<>();
        CredentialProvider provider = (CredentialRef ref, String type) -> {
            asked.add(type + ":" + ref.id());
            return Optional.of(new CredentialData(type, Map.of("token", "t-123456"), Set.of("token")));
        };
        // References a type the node does not declare: never decrypted, never handed over.
        var f = flow().node("Start", MANUAL, Map.of())
                .node(
                        "Leaky",
                        "test.leaky",
                        Map.of(),
                        n -> n.withCredential("otherApi", new CredentialRef("9", "other")))
                .connect("Start", "Leaky");
        var executor = Flows.executor(new TestNodes.LeakySecret());
        var r = executor.start(ExecutionRequest.manual(executor.prepare(f.build()), "e", List.of(Item.empty()))
                        .withCredentials(provider))
                .result()
                .join();
        assertThat(r.status()).isEqualTo(ExecutionStatus.ERROR);
        assertThat(asked).isEmpty();
    }
}
