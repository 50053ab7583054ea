package io.hearth.uischema;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SequencedMap;
import java.util.TreeMap;

/** Builds JSON-like trees (objects, arrays) for the schemas and copies description-supplied values into them. */
final class JsonTrees {

    private JsonTrees() {}

    static Map<String, Object> object(Object... keysAndValues) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            out.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return out;
    }

    static List<Object> array(Object... values) {
        return new ArrayList<>(Arrays.asList(values));
    }

    /**
     * A deep copy of a description-supplied value (a default, an option value). Maps without a
     * defined order ({@code Map.of}, {@code HashMap}) get sorted keys so the schema is identical
     * from one run to the next.
     */
    static Object copy(Object value) {
        return switch (value) {
            case null -> null;
            case Map<?, ?> m -> {
                Map<String, Object> source = new LinkedHashMap<>();
                m.forEach((k, v) -> source.put(String.valueOf(k), v));
                Map<String, Object> ordered = m instanceof SequencedMap<?, ?> ? source : new TreeMap<>(source);
                Map<String, Object> out = new LinkedHashMap<>();
                ordered.forEach((k, v) -> out.put(k, copy(v)));
                yield out;
            }
            case Iterable<?> l -> {
                List<Object> out = new ArrayList<>();
                l.forEach(v -> out.add(copy(v)));
                yield out;
            }
            case String s -> s;
            case Number n -> n;
            case Boolean b -> b;
            default -> value.toString();
        };
    }
}
