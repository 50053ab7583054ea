package io.hearth.server.execution;

import static org.assertj.core.api.Assertions.assertThat;

import io.hearth.node.BinaryData;
import io.hearth.node.ExecutionMode;
import io.hearth.node.Item;
import io.hearth.runtime.execution.DroppedItems;
import io.hearth.runtime.execution.ExecutionError;
import io.hearth.runtime.execution.ExecutionResult;
import io.hearth.runtime.execution.ExecutionStatus;
import io.hearth.runtime.execution.InputSource;
import io.hearth.runtime.execution.NodeRun;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ExecutionCodecTest {

    private static final Instant T0 = Instant.parse("2026-11-23T10:00:00Z");

    private final List<Item> webhookOut = List.of(Item.of(json(
            "body",
            json("n", 21, "price", new BigDecimal("9.95"), "tags", List.of("a", true, 1.5), "none", nullValue()))));
    private final List<Item> setOut = List.of(Item.of(json("doubled", 42L, "greeting", "Hello \"Ada\""))
            .withBinary("data", BinaryData.of("hi".getBytes(StandardCharsets.UTF_8), "text/plain", "hi.txt"))
            .pairedWith(0));
    private final List<Item> unrelated = List.of(Item.of(json("other", 1)));

    private ExecutionResult result(Optional<ExecutionError> error) {
        Map<String, List<NodeRun>> runs = new LinkedHashMap<>();
        runs.put(
                "Webhook",
                List.of(new NodeRun(
                        "Webhook",
                        "webhook",
                        0,
                        T0,
                        1,
                        1,
                        List.of(),
                        List.of(),
                        List.of(webhookOut),
                        Optional.empty(),
                        List.of(),
                        Map.of())));
        runs.put(
                "Edit Fields",
                List.of(new NodeRun(
                        "Edit Fields",
                        "set",
                        0,
                        T0,
                        2,
                        1,
                        List.of(Optional.of(new InputSource("Webhook", 0, 0)), Optional.empty()),
                        List.of(webhookOut, unrelated),
                        List.of(setOut),
                        error,
                        List.of(),
                        Map.of())));
        return new ExecutionResult(
                "ex1",
                "wf1",
                error.isPresent() ? ExecutionStatus.ERROR : ExecutionStatus.SUCCESS,
                ExecutionMode.WEBHOOK,
                T0,
                T0.plusMillis(3),
                runs,
                Optional.of("Edit Fields"),
                error);
    }

    @Test
    void aFailedExecutionsRunsAndNodeStatesReadBackForARetryFromTheFailedNode() {
        ExecutionError failure = new ExecutionError("boom", "", Optional.of("Edit Fields"), 0, "NodeOperationError");
        ExecutionResult failed = result(Optional.of(failure));
        List<Item> remaining = List.of(new Item(json("i", 3L), Map.of(), List.of(Item.PairedItem.ofRun(3, 0, 0))));
        Map<String, Map<String, Object>> states = Map.of("Loop", json("done", false, "items", remaining));
        ExecutionResult withStates = new ExecutionResult(
                failed.executionId(),
                failed.workflowId(),
                failed.status(),
                failed.mode(),
                failed.startedAt(),
                failed.stoppedAt(),
                failed.runData(),
                failed.lastNodeExecuted(),
                failed.error(),
                states);
        Map<String, Object> stored =
                StoredExecutionData.parse(ExecutionCodec.fullData(Optional.of("Webhook"), webhookOut, withStates));

        Map<String, List<NodeRun>> runs = StoredRuns.of(stored);
        NodeRun edit = runs.get("Edit Fields").getFirst();
        assertThat(edit.input().getFirst())
                .as("an input stored by reference")
                .extracting(i -> (Object) ((Map<?, ?>) i.json().get("body")).get("n"))
                .containsExactly(21L);
        assertThat(edit.sources().getFirst()).contains(new InputSource("Webhook", 0, 0));
        assertThat(edit.output().getFirst().getFirst().pairedItems()).containsExactly(new Item.PairedItem(0, 0));
        assertThat(edit.output().getFirst().getFirst().binary().get("data").data())
                .isEqualTo("hi".getBytes(StandardCharsets.UTF_8));
        assertThat(edit.error()).contains(failure);
        assertThat(StoredRuns.nodeStates(stored).get("Loop"))
                .containsEntry("done", false)
                .containsEntry("items", remaining);
        assertThat(ExecutionViews.apiView("ex1", stored)).doesNotContainKey(ExecutionCodec.CONTEXT);
    }

    // JSON read back from the run is typed by the test, not the compiler
    @SuppressWarnings("unchecked")
    @Test
    void storesAnInputThatIsItsSourcesOutputByReferenceAndTheApiViewPutsItBack() {
        Map<String, Object> stored = StoredExecutionData.parse(
                ExecutionCodec.fullData(Optional.of("Webhook"), webhookOut, result(Optional.empty())));

        Map<String, Object> edit = run(stored, "Edit Fields");
        assertThat((List<Object>) edit.get("input"))
                .containsExactly(null, List.of(Map.of("json", Map.of("other", 1L))));
        assertThat(stored.get("start")).isEqualTo(Map.of("node", "Webhook", "itemsFromNode", "Webhook"));

        Map<String, Object> view = ExecutionViews.apiView("ex1", stored);
        Map<String, Object> webhookItem = Map.of(
                "json",
                Map.of("body", json("n", 21L, "price", 9.95, "tags", List.of("a", true, 1.5), "none", nullValue())));
        assertThat((List<Object>) run(view, "Edit Fields").get("input")).first().isEqualTo(List.of(webhookItem));
        assertThat((Map<String, Object>) view.get("start"))
                .containsEntry("items", List.of(webhookItem))
                .doesNotContainKey("itemsFromNode");
    }

    // JSON read back from the run is typed by the test, not the compiler
    @SuppressWarnings("unchecked")
    @Test
    void keepsARecordWithinItsByteBudgetAndSaysWhatWasLeftOut() {
        // Room for the webhook's item and the small unrelated input, not for the output with binary data.
        Map<String, Object> stored = StoredExecutionData.parse(
                ExecutionCodec.fullData(Optional.of("Webhook"), webhookOut, result(Optional.empty()), 150));

        assertThat(stored).containsEntry("truncated", true);
        assertThat(run(stored, "Webhook")).doesNotContainKey("truncated");
        Map<String, Object> edit = run(stored, "Edit Fields");
        assertThat(edit.get("output")).isEqualTo(List.of(List.of()));
        assertThat((List<Object>) edit.get("input"))
                .containsExactly(null, List.of(Map.of("json", Map.of("other", 1L))));
        assertThat(edit.get("truncated")).isEqualTo(Map.of("input", List.of(0L, 0L), "output", List.of(1L)));
    }

    @Test
    void itemsTheRuntimeLeftOutAreRecordedAsLeftOut() {
        Map<String, List<NodeRun>> runs =
                new LinkedHashMap<>(result(Optional.empty()).runData());
        runs.put(
                "Big",
                List.of(new NodeRun(
                        "Big",
                        "set",
                        0,
                        T0,
                        1,
                        1,
                        List.of(Optional.of(new InputSource("Edit Fields", 0, 0))),
                        List.of(DroppedItems.of(setOut)),
                        List.of(DroppedItems.of(List.of(Item.empty(), Item.empty()))),
                        Optional.empty(),
                        List.of(),
                        Map.of())));
        var r = result(Optional.empty());
        var truncated = new ExecutionResult(
                r.executionId(),
                r.workflowId(),
                r.status(),
                r.mode(),
                r.startedAt(),
                r.stoppedAt(),
                runs,
                Optional.of("Big"),
                Optional.empty());
        Map<String, Object> stored =
                StoredExecutionData.parse(ExecutionCodec.fullData(Optional.of("Webhook"), webhookOut, truncated));

        assertThat(stored).containsEntry("truncated", true);
        Map<String, Object> big = run(stored, "Big");
        assertThat(big.get("output")).isEqualTo(List.of(List.of()));
        assertThat(big.get("truncated")).isEqualTo(Map.of("input", List.of(1L), "output", List.of(2L)));
    }

    @Test
    void writesRunMetadataSourcesPairedItemsAndBinaryMetadata() {
        Map<String, Object> stored = StoredExecutionData.parse(
                ExecutionCodec.fullData(Optional.of("Webhook"), webhookOut, result(Optional.empty())));

        assertThat(stored).containsEntry("lastNodeExecuted", "Edit Fields").containsEntry("error", null);
        Map<String, Object> edit = run(stored, "Edit Fields");
        assertThat(edit)
                .containsEntry("runIndex", 0L)
                .containsEntry("type", "set")
                .containsEntry("status", "success")
                .containsEntry("executionTimeMs", 2L)
                .containsEntry("attempts", 1L)
                .containsEntry("startedAt", T0.toString());
        assertThat(edit.get("sources"))
                .isEqualTo(List.of(List.of(Map.of("node", "Webhook", "output", 0L, "run", 0L)), List.of()));
        Map<String, Object> item = firstOutputItem(edit);
        assertThat(item.get("json")).isEqualTo(Map.of("doubled", 42L, "greeting", "Hello \"Ada\""));
        assertThat(item.get("pairedItem")).isEqualTo(List.of(Map.of("item", 0L, "input", 0L)));
        assertThat(item.get("binary"))
                .isEqualTo(Map.of(
                        "data",
                        Map.of("mimeType", "text/plain", "fileName", "hi.txt", "fileSize", 2L, "data", "aGk=")));
    }

    // JSON read back from the run is typed by the test, not the compiler
    @SuppressWarnings("unchecked")
    @Test
    void theApiViewReplacesBinaryBytesWithADownloadUrl() {
        Map<String, Object> view = ExecutionViews.apiView(
                "ex1",
                StoredExecutionData.parse(
                        ExecutionCodec.fullData(Optional.of("Webhook"), webhookOut, result(Optional.empty()))));

        Map<String, Object> binary = (Map<String, Object>)
                ((Map<String, Object>) firstOutputItem(run(view, "Edit Fields")).get("binary")).get("data");
        assertThat(binary)
                .doesNotContainKey("data")
                .containsEntry("url", "/api/v1/executions/ex1/binary/Edit%20Fields/0/output/0/0/data");
    }

    @Test
    void writesTheErrorOfTheExecutionAndOfTheFailedRun() {
        ExecutionError error = new ExecutionError("boom", "it broke", Optional.of("Edit Fields"), 502, "node");
        Map<String, Object> stored = StoredExecutionData.parse(
                ExecutionCodec.fullData(Optional.of("Webhook"), webhookOut, result(Optional.of(error))));

        Map<String, Object> expected = new LinkedHashMap<>(Map.of(
                "message",
                "boom",
                "description",
                "it broke",
                "node",
                "Edit Fields",
                "httpStatus",
                502L,
                "kind",
                "node"));
        assertThat(stored.get("error")).isEqualTo(expected);
        assertThat(run(stored, "Edit Fields")).containsEntry("status", "error").containsEntry("error", expected);
    }

    @Test
    void startItemsThatNoNodeOutputAreStoredInFull() {
        Map<String, Object> stored = StoredExecutionData.parse(ExecutionCodec.startData(Optional.empty(), unrelated));

        Map<String, Object> start = new LinkedHashMap<>();
        start.put("node", null);
        start.put("items", List.of(Map.of("json", Map.of("other", 1L))));
        assertThat(stored).isEqualTo(Map.of("start", start));
        assertThat(StoredExecutionData.readItems(start.get("items"))).containsExactly(Item.of(Map.of("other", 1L)));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> run(Map<String, Object> data, String node) {
        return (Map<String, Object>) ((List<Object>) ((Map<String, Object>) data.get("nodes")).get(node)).getFirst();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> firstOutputItem(Map<String, Object> run) {
        return (Map<String, Object>) ((List<Object>) ((List<Object>) run.get("output")).getFirst()).getFirst();
    }

    private static final Object NULL = new Object();

    private static Object nullValue() {
        return NULL;
    }

    private static Map<String, Object> json(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1] == NULL ? null : kv[i + 1]);
        }
        return m;
    }
}
