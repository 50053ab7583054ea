package io.hearth.runtime.nodes.merge;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Merge's "Clash Handling" option ({@code options.clashHandling.values}): which input's value
 * wins when both have a field ({@code resolveClash}: add the input number to every field name,
 * prefer input 1, or prefer the last input), whether nested fields merge ({@code mergeMode}) and
 * whether an empty value gives way to a filled one ({@code overrideEmpty}).
 *
 * @param resolveClash empty when the option is not set (each mode then has its own default)
 */
record Clash(Optional<String> resolveClash, ObjectMerge objectMerge) {

    static final String ADD_SUFFIX = "addSuffix";
    static final String PREFER_INPUT_1 = "preferInput1";
    static final String PREFER_LAST = "preferLast";

    /** The option as set in the node's {@code options} collection. */
    static Clash of(Map<String, Object> options) {
        Map<?, ?> values = options.get("clashHandling") instanceof Map<?, ?> c && c.get("values") instanceof Map<?, ?> v
                ? v
                : Map.of();
        Optional<String> resolve =
                values.get("resolveClash") instanceof String s && !s.isEmpty() ? Optional.of(s) : Optional.empty();
        String mergeMode = values.get("mergeMode") instanceof String s ? s : "deepMerge";
        boolean overrideEmpty = Boolean.TRUE.equals(values.get("overrideEmpty"));
        return new Clash(resolve, ObjectMerge.of(mergeMode, overrideEmpty));
    }

    boolean addsSuffix() {
        return resolveClash.filter(ADD_SUFFIX::equals).isPresent();
    }

    boolean prefersInput1() {
        return resolveClash.filter(PREFER_INPUT_1::equals).isPresent();
    }

    /** The entries with input number {@code n} added to their field names when this clash handling adds suffixes. */
    List<Entry> suffixed(List<Entry> entries, int n) {
        return addsSuffix() ? entries.stream().map(e -> e.suffixed(n)).toList() : entries;
    }
}
