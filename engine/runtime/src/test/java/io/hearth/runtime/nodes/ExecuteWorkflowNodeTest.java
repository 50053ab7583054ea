package io.hearth.runtime.nodes;

import static org.assertj.core.api.Assertions.assertThat;

import io.hearth.common.Json;
import io.hearth.node.Item;
import io.hearth.runtime.Flows;
import io.hearth.runtime.execution.ExecutionRequest;
import io.hearth.runtime.execution.ExecutionResult;
import io.hearth.runtime.execution.ExecutionServices;
import io.hearth.runtime.execution.ExecutionStatus;
import io.hearth.runtime.execution.LocalSubWorkflows;
import io.hearth.runtime.execution.ProcessedValuesStore;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ExecuteWorkflowNodeTest {

    /** A sub-workflow: trigger (with an input schema) -> Edit Fields adding "doubled". */
    private static final String CHILD = """
            {"name": "Double", "nodes": [
              {"name": "Start", "type": "n8n-nodes-base.executeWorkflowTrigger", "typeVersion": 1.1, "position": [0, 0],
               "parameters": {"inputSource": "workflowInputs",
                              "workflowInputs": {"values": [{"name": "n", "type": "number"}, {"name": "label"}]}}},
              {"name": "Double", "type": "n8n-nodes-base.set", "typeVersion": 3.4, "position": [200, 0],
               "parameters": {"includeOtherFields": true, "assignments": {"assignments": [
                 {"name": "doubled", "type": "number", "value": "={{ $json.n * 2 }}"}]}}}],
             "connections": {"Start": {"main": [[{"node": "Double", "type": "main", "index": 0}]]}}}""";

    private static ExecutionResult run(Map<String, Object> parameters, double version, List<Item> input) {
        var wf = Flows.flow()
                .node("Manual", "hearth.manualTrigger", Map.of())
                .node("Call", "n8n-nodes-base.executeWorkflow", parameters)
                .connect("Manual", "Call")
                .build();
        wf = wf.withNodes(wf.nodes().stream()
                .map(n -> n.name().equals("Call") ? n.withTypeVersion(version) : n)
                .toList());
        var executor = Flows.executor();
        var services = new ExecutionServices(ProcessedValuesStore.NONE, null, new LocalSubWorkflows(executor), 0);
        return executor.start(ExecutionRequest.manual(executor.prepare(wf), "parent", input)
                        .withServices(services))
                .result()
                .orTimeout(30, TimeUnit.SECONDS)
                .join();
    }

    private static ExecutionResult runContinuing(Map<String, Object> parameters, List<Item> input) {
        var wf = Flows.flow()
                .node("Manual", "hearth.manualTrigger", Map.of())
                .node(
                        "Call",
                        "n8n-nodes-base.executeWorkflow",
                        parameters,
                        n -> n.withOnError(io.hearth.runtime.workflow.OnError.CONTINUE_REGULAR_OUTPUT))
                .connect("Manual", "Call")
                .build();
        var executor = Flows.executor();
        var services = new ExecutionServices(ProcessedValuesStore.NONE, null, new LocalSubWorkflows(executor), 0);
        return executor.start(ExecutionRequest.manual(executor.prepare(wf), "parent", input)
                        .withServices(services))
                .result()
                .orTimeout(30, TimeUnit.SECONDS)
                .join();
    }

    private static final List<Item> TWO =
            List.of(Item.of(Map.of("n", 2, "secret", "x")), Item.of(Map.of("n", 5, "secret", "y")));

    @Test
    void runsTheChildOnceWithAllItemsThroughItsInputSchema() {
        var r = run(Map.of("source", "parameter", "workflowJson", CHILD), 1.3, TWO);
        assertThat(r.status()).isEqualTo(ExecutionStatus.SUCCESS);
        // the trigger's schema keeps n and label (null when missing) and drops the rest
        assertThat(Flows.output(r, "Call"))
                .containsExactly(
                        mapOf("n", 2, "label", null, "doubled", 4L), mapOf("n", 5, "label", null, "doubled", 10L));
        var run = r.runData().get("Call").getLast();
        assertThat(run.output().getFirst())
                .extracting(i -> i.pairedItems().getFirst().item())
                .containsExactly(0, 1);
        assertThat((List<?>) run.metadata().get("subExecutions")).hasSize(1);
    }

    @Test
    void runsTheChildOncePerItemWhenAsked() {
        var r = run(Map.of("source", "parameter", "workflowJson", CHILD, "mode", "each"), 1.3, TWO);
        assertThat(Flows.output(r, "Call")).extracting(m -> m.get("doubled")).containsExactly(4L, 10L);
        assertThat((List<?>) r.runData().get("Call").getLast().metadata().get("subExecutions"))
                .hasSize(2);
    }

    @Test
    void withoutWaitingTheItemsGoOnUnchanged() {
        var p = Map.<String, Object>of(
                "source", "parameter", "workflowJson", CHILD, "options", Map.of("waitForSubWorkflow", false));
        assertThat(Flows.output(run(p, 1.3, TWO), "Call"))
                .containsExactly(Map.of("n", 2, "secret", "x"), Map.of("n", 5, "secret", "y"));
    }

    @Test
    void aChildFailureFailsTheNodeOrBecomesAnErrorItemPerItem() {
        String failing = """
                {"name": "Fails", "nodes": [
                  {"name": "Start", "type": "n8n-nodes-base.executeWorkflowTrigger", "typeVersion": 1, "position": [0, 0], "parameters": {}},
                  {"name": "Stop", "type": "n8n-nodes-base.stopAndError", "typeVersion": 1, "position": [200, 0],
                   "parameters": {"errorMessage": "={{ 'no ' + $json.n }}"}}],
                 "connections": {"Start": {"main": [[{"node": "Stop", "type": "main", "index": 0}]]}}}""";
        var once = run(Map.of("source", "parameter", "workflowJson", failing), 1.3, TWO);
        assertThat(once.status()).isEqualTo(ExecutionStatus.ERROR);
        assertThat(once.error().orElseThrow().node()).contains("Call");
        assertThat(once.error().orElseThrow().message()).isEqualTo("no 2");

        var each = runContinuing(Map.of("source", "parameter", "workflowJson", failing, "mode", "each"), TWO);
        assertThat(Flows.output(each, "Call")).containsExactly(Map.of("error", "no 2"), Map.of("error", "no 5"));
    }

    @Test
    void mappedInputsAreCheckedAgainstTheTriggersTypesAndConvertedOnlyWhenAsked() {
        List<Object> schema = List.of(
                mapOf("id", "n", "displayName", "n", "type", "number"),
                mapOf("id", "label", "displayName", "label", "type", "string"),
                mapOf("id", "secret", "displayName", "secret", "removed", true));
        Map<String, Object> strict = mapOf(
                "mappingMode",
                "defineBelow",
                "value",
                mapOf("n", "={{ String($json.n + 1) }}", "label", "={{ 'item ' + $json.n }}"),
                "schema",
                schema,
                "attemptToConvertTypes",
                false);
        var refused = runStored(strict);
        assertThat(refused.status()).isEqualTo(ExecutionStatus.ERROR);
        assertThat(refused.error().orElseThrow().message()).isEqualTo("Invalid input for 'n' [item 0]");
        assertThat(refused.error().orElseThrow().description()).contains("'n' expects a number but we got '3'");

        Map<String, Object> converting = new java.util.LinkedHashMap<>(strict);
        converting.put("attemptToConvertTypes", true);
        var r = runStored(converting);
        assertThat(r.status()).isEqualTo(ExecutionStatus.SUCCESS);
        // "3" became 3; the removed "secret" never reached the child
        assertThat(Flows.output(r, "Call"))
                .containsExactly(
                        mapOf("n", 3L, "label", "item 2", "doubled", 6L),
                        mapOf("n", 6L, "label", "item 5", "doubled", 12L));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> childTree() {
        return (Map<String, Object>) Json.parse(CHILD);
    }

    /** Execute Workflow 1.2 calling CHILD as the saved workflow "child", with its inputs mapped. */
    private static ExecutionResult runStored(Map<String, Object> workflowInputs) {
        var wf = Flows.flow()
                .node("Manual", "hearth.manualTrigger", Map.of())
                .node(
                        "Call",
                        "n8n-nodes-base.executeWorkflow",
                        Map.of(
                                "source",
                                "database",
                                "workflowId",
                                Map.of("__rl", true, "mode", "id", "value", "child"),
                                "workflowInputs",
                                workflowInputs),
                        n -> n.withTypeVersion(1.2))
                .connect("Manual", "Call")
                .build();
        var executor = Flows.executor();
        var local = new LocalSubWorkflows(executor);
        io.hearth.runtime.execution.SubWorkflowRunner stored = (call, parent) -> {
            assertThat(call.source()).isEqualTo(new io.hearth.node.SubWorkflows.Source.Stored("child"));
            var definition = new io.hearth.node.SubWorkflows.Source.Definition(childTree());
            return local.run(new io.hearth.node.SubWorkflows.Call(definition, call.items(), call.waitForEnd()), parent);
        };
        var services = new ExecutionServices(ProcessedValuesStore.NONE, null, stored, 0);
        return executor.start(ExecutionRequest.manual(executor.prepare(wf), "parent", TWO)
                        .withServices(services))
                .result()
                .orTimeout(30, TimeUnit.SECONDS)
                .join();
    }

    @Test
    void refusesSourcesHearthDoesNotLoad() {
        var r = run(Map.of("source", "url", "workflowUrl", "https://example.com/wf.json"), 1, TWO);
        assertThat(r.error().orElseThrow().message()).contains("Source: 'URL' is not supported by Hearth");
        var noTrigger = run(
                Map.of(
                        "source",
                        "parameter",
                        "workflowJson",
                        "{\"name\": \"Bare\", \"nodes\": [], \"connections\": {}}"),
                1.3,
                TWO);
        assertThat(noTrigger.error().orElseThrow().message())
                .contains("has no 'When Executed by Another Workflow' trigger");
    }

    @Test
    void aChildThatCallsItselfStopsAtTheDepthLimit() {
        // the child passes its own JSON on to itself, forever
        String selfCalling = """
                {"name": "Again", "nodes": [
                  {"name": "Start", "type": "n8n-nodes-base.executeWorkflowTrigger", "typeVersion": 1, "position": [0, 0], "parameters": {}},
                  {"name": "Again", "type": "n8n-nodes-base.executeWorkflow", "typeVersion": 1.3, "position": [200, 0],
                   "parameters": {"source": "parameter", "workflowJson": "={{ JSON.stringify($json.self) }}"}}],
                 "connections": {"Start": {"main": [[{"node": "Again", "type": "main", "index": 0}]]}}}""";
        var input = List.of(Item.of(Map.of("self", Json.parse(selfCalling))));
        var r = run(Map.of("source", "parameter", "workflowJson", selfCalling), 1.3, input);
        assertThat(r.status()).isEqualTo(ExecutionStatus.ERROR);
        assertThat(r.error().orElseThrow().message()).contains("more than 10 levels deep");
    }

    private static Map<String, Object> mapOf(Object... kv) {
        Map<String, Object> m = new java.util.LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    @Test
    void aSubWorkflowRunsInItsParentsSlotEvenWhenTheWorkflowMayRunOnlyOnce() {
        // parent and child are the same workflow (same id) with room for one running execution
        String child = CHILD.replace(
                "{\"name\": \"Double\",",
                "{\"id\": \"same\", \"settings\": {\"maxConcurrency\": 1}, \"name\": \"Double\",");
        var parent = io.hearth.runtime.workflow.WorkflowJson.parse("""
                {"id": "same", "name": "Parent", "settings": {"maxConcurrency": 1}, "nodes": [
                  {"name": "Manual", "type": "n8n-nodes-base.manualTrigger", "typeVersion": 1, "position": [0, 0], "parameters": {}},
                  {"name": "Call", "type": "n8n-nodes-base.executeWorkflow", "typeVersion": 1.3, "position": [200, 0],
                   "parameters": {"source": "parameter", "workflowJson": %s}}],
                 "connections": {"Manual": {"main": [[{"node": "Call", "type": "main", "index": 0}]]}}}""".formatted(Json.write(child)));
        var executor = Flows.executor();
        var services = new ExecutionServices(ProcessedValuesStore.NONE, null, new LocalSubWorkflows(executor), 0);
        var r = executor.start(ExecutionRequest.manual(executor.prepare(parent), "parent", TWO)
                        .withServices(services))
                .result()
                .orTimeout(30, TimeUnit.SECONDS)
                .join();
        assertThat(r.status()).isEqualTo(ExecutionStatus.SUCCESS);
        assertThat(Flows.output(r, "Call")).hasSize(2);
    }

    @Test
    void cancellingTheParentCancelsTheChildItWaitsFor() {
        String slowChild = """
                {"name": "Slow", "nodes": [
                  {"name": "Start", "type": "n8n-nodes-base.executeWorkflowTrigger", "typeVersion": 1.1, "position": [0, 0],
                   "parameters": {"inputSource": "passthrough"}},
                  {"name": "Wait", "type": "n8n-nodes-base.wait", "typeVersion": 1.1, "position": [200, 0],
                   "parameters": {"amount": 1, "unit": "hours"}}],
                 "connections": {"Start": {"main": [[{"node": "Wait", "type": "main", "index": 0}]]}}}""";
        var wf = Flows.flow()
                .node("Manual", "hearth.manualTrigger", Map.of())
                .node(
                        "Call",
                        "n8n-nodes-base.executeWorkflow",
                        Map.of("source", "parameter", "workflowJson", slowChild))
                .connect("Manual", "Call")
                .build();
        var executor = Flows.executor();
        var local = new LocalSubWorkflows(executor);
        var children = new java.util.concurrent.CopyOnWriteArrayList<
                java.util.concurrent.CompletableFuture<io.hearth.node.SubWorkflows.Result>>();
        io.hearth.runtime.execution.SubWorkflowRunner watched = (call, parent) -> {
            var child = local.run(call, parent).toCompletableFuture();
            children.add(child);
            return child;
        };
        var services = new ExecutionServices(ProcessedValuesStore.NONE, null, watched, 0);
        var parent = executor.start(
                ExecutionRequest.manual(executor.prepare(wf), "parent", TWO).withServices(services));
        org.awaitility.Awaitility.await()
                .atMost(java.time.Duration.ofSeconds(30))
                .until(() -> !children.isEmpty());

        assertThat(parent.cancel()).isTrue();

        assertThat(parent.result().orTimeout(30, TimeUnit.SECONDS).join().status())
                .isEqualTo(ExecutionStatus.CANCELED);
        // The child would wait an hour: it ended with its parent, canceled.
        org.awaitility.Awaitility.await()
                .atMost(java.time.Duration.ofSeconds(30))
                .until(() -> children.getFirst().isDone());
        assertThat(children.getFirst())
                .failsWithin(java.time.Duration.ZERO)
                .withThrowableThat()
                .withMessageContaining("canceled");
    }
}
