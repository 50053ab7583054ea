package io.hearth.testkit;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The results of a conformance run, with counts per node type: fixtures found, included, excluded
 * (with reasons) and passing.
 *
 * @param problems inconsistencies of the conformance list itself (entries naming no fixture)
 */
public record ConformanceReport(Path directory, List<FixtureResult> results, List<String> problems) {

    public ConformanceReport {
        results = List.copyOf(results);
        problems = List.copyOf(problems);
    }

    /** Counts of one node type (or of all). */
    public record Counts(int found, int included, int excluded, int passing, int knownFailing) {}

    public Counts total() {
        return count(results);
    }

    public Map<String, Counts> byNodeType() {
        Map<String, List<FixtureResult>> groups = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        results.forEach(r -> groups.computeIfAbsent(r.nodeType(), k -> new java.util.ArrayList<>())
                .add(r));
        Map<String, Counts> out = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        groups.forEach((type, rs) -> out.put(type, count(rs)));
        return out;
    }

    /** Included fixtures that failed and are not listed as known to fail. */
    public List<FixtureResult> unexpectedFailures() {
        return results.stream()
                .filter(r -> r.outcome() == FixtureResult.Outcome.FAILED && !r.knownFailing())
                .toList();
    }

    private static Counts count(List<FixtureResult> rs) {
        int included = (int) rs.stream().filter(FixtureResult::included).count();
        int passing = (int) rs.stream()
                .filter(r -> r.outcome() == FixtureResult.Outcome.PASSED)
                .count();
        int known = (int) rs.stream().filter(FixtureResult::knownFailing).count();
        return new Counts(rs.size(), included, rs.size() - included, passing, known);
    }

    /** A plain-text report: the table of counts, then every exclusion, substitution and failure. */
    public String render() {
        return render(true);
    }

    /** The report; without the differences of fixtures listed as known to fail when {@code allDifferences} is false. */
    public String render(boolean allDifferences) {
        StringBuilder sb = new StringBuilder();
        sb.append("n8n conformance: fixtures in ").append(directory).append('\n');
        sb.append(String.format(
                "%-18s %6s %9s %9s %8s %13s%n",
                "node type", "found", "included", "excluded", "passing", "known failing"));
        byNodeType().forEach((type, c) -> sb.append(row(type, c)));
        sb.append(row("TOTAL", total()));
        sb.append("\nExcluded:\n");
        results.stream()
                .filter(r -> !r.included())
                .forEach(r -> sb.append("  ")
                        .append(r.fixture())
                        .append(": ")
                        .append(r.reason().orElse(""))
                        .append('\n'));
        sb.append("\nSubstituted:\n");
        results.stream()
                .filter(r -> !r.substitutions().isEmpty())
                .forEach(r -> r.substitutions()
                        .forEach(s -> sb.append("  ")
                                .append(r.fixture())
                                .append(": ")
                                .append(s)
                                .append('\n')));
        List<FixtureResult> known =
                results.stream().filter(FixtureResult::knownFailing).toList();
        if (!known.isEmpty()) {
            sb.append("\nKnown failing (listed):\n");
            known.forEach(r -> sb.append("  ")
                    .append(r.fixture())
                    .append(": ")
                    .append(r.reason().orElse(""))
                    .append('\n'));
        }
        results.stream()
                .filter(FixtureResult::unexpectedlyPassing)
                .forEach(r -> sb.append("\nNOW PASSING (remove from knownFailing): ")
                        .append(r.fixture())
                        .append('\n'));
        List<FixtureResult> failures = results.stream()
                .filter(r -> r.outcome() == FixtureResult.Outcome.FAILED && (allDifferences || !r.knownFailing()))
                .toList();
        if (!failures.isEmpty()) {
            sb.append("\nDifferences:\n");
            failures.forEach(r -> {
                sb.append("--- ")
                        .append(r.fixture())
                        .append(r.knownFailing() ? " (known failing)" : "")
                        .append('\n');
                r.mismatches().forEach(m -> sb.append(m).append('\n'));
            });
        }
        problems.forEach(p -> sb.append("\nPROBLEM: ").append(p).append('\n'));
        return sb.toString();
    }

    private static String row(String type, Counts c) {
        return String.format(
                "%-18s %6d %9d %9d %8d %13d%n",
                type, c.found(), c.included(), c.excluded(), c.passing(), c.knownFailing());
    }
}
