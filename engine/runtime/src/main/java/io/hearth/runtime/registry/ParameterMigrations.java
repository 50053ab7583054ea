package io.hearth.runtime.registry;

import io.hearth.node.NodeType;
import io.hearth.node.description.VersionMigration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Applies a node type's {@link VersionMigration}s: saved parameters of any version, in the current form. */
public final class ParameterMigrations {

    private ParameterMigrations() {}

    /** The parameters of a node of {@code typeVersion} in the form the type's description declares. */
    public static Map<String, Object> toCurrent(NodeType type, double typeVersion, Map<String, Object> parameters) {
        List<VersionMigration> steps = new ArrayList<>(type.migrations());
        if (steps.isEmpty()) {
            return parameters;
        }
        steps.sort(Comparator.comparingDouble(VersionMigration::upTo));
        Map<String, Object> current = parameters;
        for (VersionMigration step : steps) {
            if (typeVersion < step.upTo()) {
                current = step.migrate().apply(deepCopy(current));
            }
        }
        return current;
    }

    /**
     * The type version whose form the migrated parameters have: the node's own version, or the
     * version the last migration step brought them to. Show rules on {@code @version} read this.
     */
    public static double formVersion(NodeType type, double typeVersion) {
        double form = typeVersion;
        for (VersionMigration step : type.migrations()) {
            if (typeVersion < step.upTo()) {
                form = Math.max(form, step.upTo());
            }
        }
        return form;
    }

    @SuppressWarnings("unchecked")
    static <T> T deepCopy(T value) {
        if (value instanceof Map<?, ?> m) {
            Map<String, Object> out = new LinkedHashMap<>();
            m.forEach((k, v) -> out.put(String.valueOf(k), deepCopy(v)));
            return (T) out;
        }
        if (value instanceof List<?> l) {
            List<Object> out = new ArrayList<>(l.size());
            l.forEach(v -> out.add(deepCopy(v)));
            return (T) out;
        }
        return value;
    }
}
