package io.hearth.runtime.nodes.merge;

import io.hearth.expression.Undefined;
import io.hearth.node.NodeException;
import io.hearth.runtime.nodes.transform.FieldPath;
import io.hearth.runtime.nodes.transform.FuzzyCompare;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiPredicate;

/**
 * Merge → Combine → Matching Fields (n8n's {@code combineByFields}): which items of input 1 match
 * which of input 2, and the output for each "Output Type" (keep matches, keep non-matches, keep
 * everything, enrich input 1 or 2).
 */
final class MatchFields {

    private MatchFields() {}

    /** One pair of fields to match: {@code field1} of input 1 against {@code field2} of input 2. */
    record Pair(String field1, String field2) {}

    /** The options of this mode. */
    record Settings(
            List<Pair> pairs,
            String joinMode,
            String outputDataFrom,
            boolean fuzzyCompare,
            boolean disableDotNotation,
            String multipleMatches,
            Clash clash) {}

    /** An item of input 1 and the items of input 2 it is merged with. */
    private record Matched(Entry entry, List<Entry> matches) {}

    private record Matches(
            List<Matched> matched, List<Entry> matched2, List<Entry> unmatched1, List<Entry> unmatched2) {}

    /**
     * n8n's {@code checkMatchFieldsInput}: at least one pair, and both names of each pair.
     *
     * @throws NodeException naming the pair that lacks a field
     */
    static List<Pair> checked(List<Pair> pairs) {
        if (pairs.size() == 1
                && pairs.getFirst().field1().isEmpty()
                && pairs.getFirst().field2().isEmpty()) {
            throw new NodeException(
                    "You need to define at least one pair of fields in \"Fields to Match\" to match on");
        }
        for (int i = 0; i < pairs.size(); i++) {
            Pair p = pairs.get(i);
            if (p.field1().isEmpty() || p.field2().isEmpty()) {
                throw new NodeException("You need to define both fields in \"Fields to Match\" for pair " + (i + 1)
                        + ", field 1 = '" + p.field1() + "', field 2 = '" + p.field2() + "'");
            }
        }
        return pairs;
    }

    /** Merge v2.0's check that every field to match is present in at least one item of its input. */
    static void requirePresent(List<Entry> input, List<String> fields, boolean disableDotNotation, String label) {
        for (String field : fields) {
            boolean present = input.stream()
                    .anyMatch(e -> disableDotNotation
                            ? e.json().containsKey(field)
                            : FieldPath.get(e.json(), field) != Undefined.INSTANCE);
            if (!present) {
                throw new NodeException("Field '" + field + "' is not present in any of items in '" + label + "'");
            }
        }
    }

    /** The output; {@code null} when n8n stops the branch (no output at all). */
    static List<Entry> combine(List<Entry> input1, List<Entry> input2, Settings s) {
        String joinMode = s.joinMode();
        String from = s.outputDataFrom();
        if (input1.isEmpty() || input2.isEmpty()) {
            if (input1.isEmpty() && joinMode.equals("keepNonMatches") && from.equals("input1")) {
                return List.of();
            }
            if (input2.isEmpty() && joinMode.equals("keepNonMatches") && from.equals("input2")) {
                return List.of();
            }
            if (joinMode.equals("keepMatches")
                    || (joinMode.equals("enrichInput1") && input1.isEmpty())
                    || (joinMode.equals("enrichInput2") && input2.isEmpty())) {
                return null;
            }
            List<Entry> both = new ArrayList<>(input1);
            both.addAll(input2);
            return both;
        }
        Matches matches = findMatches(input1, input2, s);
        List<Entry> out = new ArrayList<>();
        switch (joinMode) {
            case "keepMatches", "keepEverything" -> {
                switch (from) {
                    case "input1" -> matches.matched().forEach(m -> out.add(m.entry()));
                    case "input2" -> out.addAll(matches.matched2());
                    default -> out.addAll(mergeMatched(matches.matched(), s.clash(), joinMode));
                }
                if (joinMode.equals("keepEverything")) {
                    out.addAll(s.clash().suffixed(matches.unmatched1(), 1));
                    out.addAll(s.clash().suffixed(matches.unmatched2(), 2));
                }
            }
            case "keepNonMatches" -> {
                switch (from) {
                    case "input1" -> out.addAll(matches.unmatched1());
                    case "input2" -> out.addAll(matches.unmatched2());
                    default -> {
                        matches.unmatched1().forEach(e -> out.add(e.withField("_source", "input1")));
                        matches.unmatched2().forEach(e -> out.add(e.withField("_source", "input2")));
                    }
                }
            }
            case "enrichInput1", "enrichInput2" -> {
                out.addAll(mergeMatched(matches.matched(), s.clash(), joinMode));
                out.addAll(
                        joinMode.equals("enrichInput1")
                                ? s.clash().suffixed(matches.unmatched1(), 1)
                                : s.clash().suffixed(matches.unmatched2(), 2));
            }
            default -> throw new NodeException("Merge → Output Type: unknown value '" + joinMode + "'");
        }
        return out;
    }

    private static Matches findMatches(List<Entry> input1, List<Entry> input2, Settings s) {
        BiPredicate<Object, Object> equal = FuzzyCompare.of(s.fuzzyCompare(), 1);
        boolean all = !"first".equals(s.multipleMatches());
        boolean oneMatchPerItem =
                s.outputDataFrom().equals("both") || s.joinMode().startsWith("enrichInput");
        List<Matched> matched = new ArrayList<>();
        List<Entry> unmatched1 = new ArrayList<>();
        Set<Integer> matchedIn2 = new LinkedHashSet<>();
        next:
        for (Entry entry1 : input1) {
            // keyed by the input 2 field, as n8n's lookup object: a repeated field 2 keeps the last value
            Map<String, Object> lookup = new LinkedHashMap<>();
            for (Pair p : s.pairs()) {
                lookup.put(p.field2(), FieldPath.get(entry1.json(), p.field1(), s.disableDotNotation()));
            }
            for (Object v : lookup.values()) {
                if (v == Undefined.INSTANCE) {
                    unmatched1.add(entry1);
                    continue next;
                }
            }
            List<Entry> found = new ArrayList<>();
            for (int i = 0; i < input2.size(); i++) {
                if (matchesAll(input2.get(i), lookup, s.disableDotNotation(), equal)) {
                    found.add(input2.get(i));
                    matchedIn2.add(i);
                    if (!all) {
                        break;
                    }
                }
            }
            if (found.isEmpty()) {
                unmatched1.add(entry1);
            } else if (oneMatchPerItem) {
                found.forEach(m -> matched.add(new Matched(entry1, List.of(m))));
            } else {
                matched.add(new Matched(entry1, found));
            }
        }
        List<Entry> matched2 = new ArrayList<>();
        List<Entry> unmatched2 = new ArrayList<>();
        for (int i = 0; i < input2.size(); i++) {
            (matchedIn2.contains(i) ? matched2 : unmatched2).add(input2.get(i));
        }
        return new Matches(matched, matched2, unmatched1, unmatched2);
    }

    private static boolean matchesAll(
            Entry entry2, Map<String, Object> lookup, boolean literal, BiPredicate<Object, Object> equal) {
        for (Map.Entry<String, Object> e : lookup.entrySet()) {
            Object value = FieldPath.get(entry2.json(), e.getKey(), literal);
            if (!equal.test(e.getValue(), value)) {
                return false;
            }
        }
        return true;
    }

    /** n8n's {@code mergeMatched}: each item of input 1 with its matches, clashes resolved as set. */
    private static List<Entry> mergeMatched(List<Matched> matched, Clash clash, String joinMode) {
        List<Entry> out = new ArrayList<>();
        for (Matched m : matched) {
            if (clash.addsSuffix()) {
                List<Entry> parts = new ArrayList<>();
                parts.add(m.entry().suffixed(1));
                m.matches().forEach(x -> parts.add(x.suffixed(2)));
                out.add(Entry.merged(parts, clash.objectMerge()));
                continue;
            }
            String resolve = clash.resolveClash()
                    .orElse(joinMode.equals("enrichInput2") ? Clash.PREFER_INPUT_1 : Clash.PREFER_LAST);
            List<Entry> parts = new ArrayList<>();
            if (resolve.equals(Clash.PREFER_INPUT_1)) {
                parts.addAll(m.matches());
                parts.add(m.entry());
            } else if (resolve.equals(Clash.PREFER_LAST)) {
                parts.add(m.entry());
                parts.addAll(m.matches());
            } else {
                throw new NodeException(
                        "Merge → Options → Clash Handling → When Field Values Clash: unknown value '" + resolve + "'");
            }
            out.add(Entry.merged(parts, clash.objectMerge()));
        }
        return out;
    }
}
