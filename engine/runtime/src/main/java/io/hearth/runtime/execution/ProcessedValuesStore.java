package io.hearth.runtime.execution;

import io.hearth.node.ProcessedValues;
import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * Where {@link ProcessedValues} are kept: per workflow and a context ({@code n:<node id>} for a
 * node's own values, empty for the workflow's shared ones). The server keeps them in its database.
 */
public interface ProcessedValuesStore {

    CompletionStage<ProcessedValues.Outcome> checkAndRecord(
            String workflowId, String context, ProcessedValues.Mode mode, List<String> values, int historySize);

    CompletionStage<Void> clear(String workflowId, String context);

    /** The message when a scope was first used with another mode. */
    String MODE_CHANGED =
            "Deduplication data was originally saved with an incompatible setting of the 'Keep Items Where'"
                    + " parameter. Try the 'Clear Deduplication History' operation to reset.";

    /** Without a server: nothing is kept between executions, and a node that needs it says so. */
    ProcessedValuesStore NONE = new ProcessedValuesStore() {
        @Override
        public CompletionStage<ProcessedValues.Outcome> checkAndRecord(
                String workflowId, String context, ProcessedValues.Mode mode, List<String> values, int historySize) {
            throw unavailable();
        }

        @Override
        public CompletionStage<Void> clear(String workflowId, String context) {
            throw unavailable();
        }

        private io.hearth.node.NodeException unavailable() {
            return new io.hearth.node.NodeException(
                    "Values from earlier executions are kept by the Hearth server; this run has no store for them");
        }
    };
}
