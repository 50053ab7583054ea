package io.hearth.testkit;

import io.hearth.node.Item;
import io.hearth.runtime.execution.ExecutionError;
import io.hearth.runtime.execution.ExecutionResult;
import io.hearth.runtime.execution.ExecutionStatus;
import io.hearth.runtime.execution.NodeRun;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A finished execution run by the {@link NodeTestKit}, with the assertions a node test needs. Each
 * assertion throws an {@link AssertionError} whose message says what differs.
 */
public final class TestRun {

    private final ExecutionResult result;

    TestRun(ExecutionResult result) {
        this.result = result;
    }

    /** The execution as the runtime reports it (status, every node's runs, the error). */
    public ExecutionResult result() {
        return result;
    }

    public ExecutionStatus status() {
        return result.status();
    }

    public Optional<ExecutionError> error() {
        return result.error();
    }

    /** Every run of a node, in order; empty if it did not run. */
    public List<NodeRun> runs(String node) {
        return result.runData().getOrDefault(node, List.of());
    }

    /** The items on the first output of the node's last run; empty if it did not run. */
    public List<Item> output(String node) {
        return output(node, 0);
    }

    /** The items on output {@code outputIndex} of the node's last run ("false" of an If is output 1). */
    public List<Item> output(String node, int outputIndex) {
        List<NodeRun> runs = runs(node);
        if (runs.isEmpty()) {
            return List.of();
        }
        List<List<Item>> outputs = runs.getLast().output();
        return outputIndex < outputs.size() ? outputs.get(outputIndex) : List.of();
    }

    /** The JSON of the items on the node's first output. */
    public List<Map<String, Object>> json(String node) {
        return output(node).stream().map(Item::json).toList();
    }

    /** Fails unless the execution succeeded; the message names the failing node and its error. */
    public TestRun assertSucceeded() {
        if (result.status() != ExecutionStatus.SUCCESS) {
            throw new AssertionError("Expected the execution to succeed, but it ended " + describeEnd());
        }
        return this;
    }

    /** Fails unless the execution failed with an error whose message contains {@code messagePart}. */
    public TestRun assertFailed(String messagePart) {
        if (result.status() != ExecutionStatus.ERROR) {
            throw new AssertionError("Expected the execution to fail, but it ended " + describeEnd());
        }
        String message = result.error().map(ExecutionError::message).orElse("");
        if (!message.contains(messagePart)) {
            throw new AssertionError("Expected an error containing \"" + messagePart + "\", got: " + describeEnd());
        }
        return this;
    }

    /**
     * Compares the node's first output with items in n8n's pinned form, e.g.
     * {@code [{"json": {"state": "on"}}, {"json": {"state": "off"}}]}.
     */
    public TestRun assertOutput(String node, String expectedItemsJson) {
        return assertOutput(node, 0, expectedItemsJson);
    }

    public TestRun assertOutput(String node, int outputIndex, String expectedItemsJson) {
        return assertOutputValue(node, outputIndex, JsonValues.parse(expectedItemsJson, "the expected items"));
    }

    /** Compares the JSON of the node's first-output items with {@code expectedJson}, one map per item. */
    public TestRun assertJson(String node, List<Map<String, Object>> expectedJson) {
        return assertOutputValue(node, 0, new ArrayList<Object>(expectedJson));
    }

    private TestRun assertOutputValue(String node, int outputIndex, Object expected) {
        if (runs(node).isEmpty()) {
            throw new AssertionError("Node \"" + node + "\" did not run; the execution ended " + describeEnd());
        }
        List<String> lines = OutputCheck.differences(expected, output(node, outputIndex));
        if (!lines.isEmpty()) {
            StringBuilder sb = new StringBuilder(
                    "Node \"" + node + "\" output " + outputIndex + " differs from the expected items\n");
            lines.forEach(l -> sb.append("  ").append(l).append('\n'));
            sb.append("  actual: ").append(JsonValues.writePretty(json(node, outputIndex)));
            throw new AssertionError(sb.toString());
        }
        return this;
    }

    private List<Map<String, Object>> json(String node, int outputIndex) {
        return output(node, outputIndex).stream().map(Item::json).toList();
    }

    String describeEnd() {
        String status = result.status().name().toLowerCase(java.util.Locale.ROOT);
        return result.error()
                .map(e -> status + ": "
                        + e.node().map(n -> "node \"" + n + "\": ").orElse("") + e.message()
                        + (e.description().isBlank() ? "" : " (" + e.description() + ")"))
                .orElse(status);
    }
}
