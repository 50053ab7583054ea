package io.hearth.node;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;

/**
 * Runs another workflow as a sub-workflow of the current execution (n8n's Execute Workflow): the
 * items go to its "When Executed by Another Workflow" trigger, and the child execution is recorded
 * with a link to its parent.
 */
public interface SubWorkflows {

    /** Which workflow to run. */
    sealed interface Source {
        /** A saved workflow, by id. */
        record Stored(String workflowId) implements Source {}

        /** A workflow given as n8n-format JSON. It runs without access to stored credentials. */
        record Definition(Map<String, Object> workflow) implements Source {}
    }

    /**
     * One call of a sub-workflow.
     *
     * @param waitForEnd whether the parent waits for the child to end (and gets its last node's output)
     */
    record Call(Source source, List<Item> items, boolean waitForEnd) {
        public Call {
            items = List.copyOf(items);
        }
    }

    /**
     * What a sub-workflow call gave back.
     *
     * @param executionId the child execution's id
     * @param workflowId  the child workflow's id ("" for a JSON definition that has none)
     * @param outputs     the outputs of the child's last node; empty when the parent did not wait
     */
    record Result(String executionId, String workflowId, List<List<Item>> outputs) {
        public Result {
            outputs = outputs.stream().map(List::copyOf).toList();
        }
    }

    /** Starts the child; completes when it ended (or at once when {@link Call#waitForEnd()} is false). */
    CompletionStage<Result> run(Call call);
}
