package io.hearth.testkit;

import java.util.List;

/**
 * The outcome of {@link NodeTestKit#check}: each node named in the workflow's pinData compared
 * with what it produced.
 *
 * @param substitutions nodes that were replaced by pinned data of their output before the run
 * @param run           the execution
 * @param mismatches    one readable paragraph per node whose output differs (and one if the run failed)
 */
public record PinDataCheck(List<Substitution> substitutions, TestRun run, List<String> mismatches) {

    public PinDataCheck {
        substitutions = List.copyOf(substitutions);
        mismatches = List.copyOf(mismatches);
    }

    public boolean passed() {
        return mismatches.isEmpty();
    }

    /** Every mismatch, one paragraph each; empty when the check passed. */
    public String report() {
        return String.join("\n", mismatches);
    }

    /** Throws an {@link AssertionError} with the {@linkplain #report report} unless the check passed. */
    public PinDataCheck assertPassed() {
        if (!passed()) {
            throw new AssertionError(report());
        }
        return this;
    }
}
