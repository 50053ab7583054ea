package io.hearth.node;

import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * Values a node has processed in earlier executions of its workflow (n8n's deduplication store):
 * what Remove Duplicates "across executions" checks against. Kept in Hearth's database, for the
 * node or shared by the whole workflow.
 */
public interface ProcessedValues {

    /** Whose values: this node's only, or every node's of the workflow that uses the workflow scope. */
    enum Scope {
        NODE,
        WORKFLOW
    }

    /**
     * How values are remembered: each value (the newest {@code historySize} ones), or only the
     * largest number / latest date seen — then a value is new when it is larger / later.
     */
    enum Mode {
        ENTRIES,
        LATEST_NUMBER,
        LATEST_DATE
    }

    /** Which of the values given were new (in the order given) and which were seen before. */
    record Outcome(List<String> fresh, List<String> seen) {
        public Outcome {
            fresh = List.copyOf(fresh);
            seen = List.copyOf(seen);
        }
    }

    /**
     * Tells which of {@code values} are new and remembers them. The first call for a scope fixes its
     * mode; a later call with another mode fails (clear the history to change it).
     *
     * @param historySize how many values {@link Mode#ENTRIES} keeps; the oldest are forgotten beyond it
     */
    CompletionStage<Outcome> checkAndRecord(Scope scope, Mode mode, List<String> values, int historySize);

    /** Forgets everything remembered for the scope. */
    CompletionStage<Void> clear(Scope scope);
}
