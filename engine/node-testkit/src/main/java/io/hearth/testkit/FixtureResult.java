package io.hearth.testkit;

import java.util.List;
import java.util.Optional;

/**
 * What became of one n8n test workflow in the conformance suite.
 *
 * @param fixture       its path under {@code node-fixtures/}
 * @param nodeType      the node type it tests (its folder, e.g. {@code If})
 * @param outcome       excluded, passed or failed
 * @param reason        why it was excluded, or why it is known to fail (empty otherwise)
 * @param substitutions nodes replaced by pinned data of their output
 * @param mismatches    what differed (empty when it passed)
 */
public record FixtureResult(
        String fixture,
        String nodeType,
        Outcome outcome,
        Optional<String> reason,
        List<Substitution> substitutions,
        List<String> mismatches) {

    public enum Outcome {
        EXCLUDED,
        PASSED,
        FAILED
    }

    public FixtureResult {
        substitutions = List.copyOf(substitutions);
        mismatches = List.copyOf(mismatches);
    }

    static FixtureResult excluded(String fixture, String nodeType, String reason) {
        return new FixtureResult(fixture, nodeType, Outcome.EXCLUDED, Optional.of(reason), List.of(), List.of());
    }

    static FixtureResult ran(
            String fixture,
            String nodeType,
            List<Substitution> substitutions,
            List<String> mismatches,
            String knownFailing) {
        return new FixtureResult(
                fixture,
                nodeType,
                mismatches.isEmpty() ? Outcome.PASSED : Outcome.FAILED,
                Optional.ofNullable(knownFailing),
                substitutions,
                mismatches);
    }

    public boolean included() {
        return outcome != Outcome.EXCLUDED;
    }

    /** Listed as known to fail (and it did): reported, not counted against the build. */
    public boolean knownFailing() {
        return outcome == Outcome.FAILED && reason.isPresent();
    }

    /** Listed as known to fail but passed: the list entry is stale. */
    public boolean unexpectedlyPassing() {
        return outcome == Outcome.PASSED && reason.isPresent();
    }
}
