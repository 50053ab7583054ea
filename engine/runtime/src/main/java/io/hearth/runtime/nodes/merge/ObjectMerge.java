package io.hearth.runtime.nodes.merge;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How Merge combines the fields of several items into one, as n8n's Merge does with lodash:
 * {@code merge} (deep: nested objects merge, arrays merge position by position), {@code assign}
 * (shallow: top-level fields only) and, with "Minimize Empty Fields", their variants that keep the
 * earlier value where the later one is null, missing or empty text. Later sources win clashes.
 * <p>
 * Inputs are JSON-like values and are never changed; the result is a new map.
 */
enum ObjectMerge {
    DEEP(true, false),
    SHALLOW(false, false),
    DEEP_KEEP_FILLED(true, true),
    SHALLOW_KEEP_FILLED(false, true);

    private final boolean deep;
    private final boolean keepFilled;

    ObjectMerge(boolean deep, boolean keepFilled) {
        this.deep = deep;
        this.keepFilled = keepFilled;
    }

    /** n8n's {@code selectMergeMethod}: deep unless "Merging Nested Fields" is shallowMerge. */
    static ObjectMerge of(String mergeMode, boolean overrideEmpty) {
        boolean shallow = "shallowMerge".equals(mergeMode);
        if (overrideEmpty) {
            return shallow ? SHALLOW_KEEP_FILLED : DEEP_KEEP_FILLED;
        }
        return shallow ? SHALLOW : DEEP;
    }

    /** {@code sources} merged into a new map, in order. */
    @SafeVarargs
    @SuppressWarnings("varargs") // the array is only read (List.of copies it, a stream reads it), never kept
    final Map<String, Object> apply(Map<String, Object>... sources) {
        return apply(List.of(sources));
    }

    Map<String, Object> apply(List<Map<String, Object>> sources) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (Map<String, Object> source : sources) {
            if (deep) {
                mergeInto(out, source);
            } else {
                source.forEach((key, value) -> out.put(key, keptOrNew(out.containsKey(key), out.get(key), value)));
            }
        }
        return out;
    }

    private Object keptOrNew(boolean present, Object existing, Object value) {
        if (keepFilled && present && isEmpty(value)) {
            return existing;
        }
        return value;
    }

    private static boolean isEmpty(Object value) {
        return value == null || "".equals(value);
    }

    private void mergeInto(Map<String, Object> target, Map<?, ?> source) {
        source.forEach((k, value) -> {
            String key = String.valueOf(k);
            boolean present = target.containsKey(key);
            target.put(key, mergeValue(present, target.get(key), value));
        });
    }

    /** lodash's {@code baseMergeDeep}: objects and arrays merge into what is there, other values replace it. */
    private Object mergeValue(boolean present, Object existing, Object value) {
        if (value instanceof List<?> list) {
            List<Object> merged = existing instanceof List<?> l ? new ArrayList<>(l) : new ArrayList<>();
            for (int i = 0; i < list.size(); i++) {
                boolean has = i < merged.size();
                Object next = mergeValue(has, has ? merged.get(i) : null, list.get(i));
                if (has) {
                    merged.set(i, next);
                } else {
                    merged.add(next);
                }
            }
            return merged;
        }
        if (value instanceof Map<?, ?> map) {
            if (existing instanceof List<?> l) {
                // lodash writes the object's keys onto the array: none of them survive as JSON
                return new ArrayList<>(l);
            }
            Map<String, Object> merged = new LinkedHashMap<>();
            if (existing instanceof Map<?, ?> m) {
                m.forEach((k, v) -> merged.put(String.valueOf(k), copy(v)));
            }
            mergeInto(merged, map);
            return merged;
        }
        return keptOrNew(present, existing, value);
    }

    private static Object copy(Object value) {
        if (value instanceof Map<?, ?> m) {
            Map<String, Object> out = new LinkedHashMap<>();
            m.forEach((k, v) -> out.put(String.valueOf(k), copy(v)));
            return out;
        }
        if (value instanceof List<?> l) {
            List<Object> out = new ArrayList<>(l.size());
            l.forEach(v -> out.add(copy(v)));
            return out;
        }
        return value;
    }
}
