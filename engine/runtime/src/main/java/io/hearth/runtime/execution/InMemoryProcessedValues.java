package io.hearth.runtime.execution;

import io.hearth.node.ProcessedValues;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** Processed values kept in memory, for as long as this object lives (tests, the node test kit). */
public final class InMemoryProcessedValues implements ProcessedValuesStore {

    private static final class History {
        final ProcessedValues.Mode mode;
        final LinkedHashSet<String> hashes = new LinkedHashSet<>();
        Optional<String> latest = Optional.empty();

        History(ProcessedValues.Mode mode) {
            this.mode = mode;
        }
    }

    private final Map<String, History> histories = new HashMap<>();

    @Override
    public synchronized CompletionStage<ProcessedValues.Outcome> checkAndRecord(
            String workflowId, String context, ProcessedValues.Mode mode, List<String> values, int historySize) {
        History h = histories.computeIfAbsent(workflowId + "\u0000" + context, k -> new History(mode));
        ProcessedValuesRules.checkMode(h.mode, mode);
        ProcessedValues.Outcome outcome;
        if (mode == ProcessedValues.Mode.ENTRIES) {
            outcome = ProcessedValuesRules.entries(values, h.hashes);
            for (String v : outcome.fresh()) {
                h.hashes.add(ProcessedValuesRules.hash(v));
            }
            List<String> all = new ArrayList<>(h.hashes);
            for (int i = 0; i < all.size() - Math.max(0, historySize); i++) {
                h.hashes.remove(all.get(i));
            }
        } else {
            outcome = ProcessedValuesRules.latest(mode, values, h.latest);
            h.latest = ProcessedValuesRules.newLatest(mode, values, h.latest);
        }
        return CompletableFuture.completedFuture(outcome);
    }

    @Override
    public synchronized CompletionStage<Void> clear(String workflowId, String context) {
        histories.remove(workflowId + "\u0000" + context);
        return CompletableFuture.completedFuture(null);
    }
}
