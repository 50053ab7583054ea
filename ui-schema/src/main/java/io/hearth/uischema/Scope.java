package io.hearth.uischema;

import io.hearth.node.description.Parameter;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;

/**
 * One level of values being validated (the top-level parameters, a collection, a fixed-collection
 * entry) with the fields declared at that level; answers the lookups of display options.
 */
record Scope(Map<String, Object> values, List<Parameter> fields, Scope parent, OptionalDouble version) {

    static Scope root(Map<String, ?> values, List<Parameter> fields, OptionalDouble version) {
        return new Scope(stringKeys(values), fields, null, version);
    }

    Scope child(Map<?, ?> values, List<Parameter> childFields) {
        return new Scope(stringKeys(values), childFields, this, version);
    }

    boolean isVisible(Parameter p) {
        return p.displayOptions().isVisible(key -> valueOf(key, Set.of()));
    }

    /**
     * Whether a value its display options read is an expression: the parameter is then shown (its
     * relevance is only known at run time) but not required.
     */
    boolean visibilityDependsOnExpression(Parameter p) {
        Set<String> keys = new HashSet<>(p.displayOptions().show().keySet());
        keys.addAll(p.displayOptions().hide().keySet());
        return keys.stream()
                .anyMatch(key ->
                        valueOf(key, Set.of()).filter(Expressions::isExpression).isPresent());
    }

    /**
     * The value display options compare against: the set value, else the default of the
     * parameter of that name that is itself visible (names repeat across resources in n8n
     * descriptions, each with its own default). {@code /name} reads the top level, {@code @version}
     * the type version.
     */
    private Optional<Object> valueOf(String key, Set<String> resolving) {
        if (key.equals("@version")) {
            return version.isPresent() ? Optional.of(version.getAsDouble()) : Optional.empty();
        }
        if (key.startsWith("/")) {
            return root().valueOf(key.substring(1), resolving);
        }
        Object set = values.get(key);
        if (set != null) {
            return Optional.of(locatorValue(set));
        }
        if (resolving.contains(key)) {
            return Optional.empty();
        }
        Set<String> next = new HashSet<>(resolving);
        next.add(key);
        for (Parameter p : fields) {
            if (p.name().equals(key) && p.holdsValue() && p.displayOptions().isVisible(k -> valueOf(k, next))) {
                return Optional.of(locatorValue(p.defaultValue()));
            }
        }
        return Optional.empty();
    }

    private Scope root() {
        return parent == null ? this : parent.root();
    }

    /** A resource locator compares by its value, as the runtime reads it. */
    private static Object locatorValue(Object value) {
        return value instanceof Map<?, ?> m && m.containsKey("__rl") ? m.get("value") : value;
    }

    private static Map<String, Object> stringKeys(Map<?, ?> values) {
        Map<String, Object> out = new LinkedHashMap<>();
        if (values != null) {
            values.forEach((k, v) -> out.put(String.valueOf(k), v));
        }
        return out;
    }
}
