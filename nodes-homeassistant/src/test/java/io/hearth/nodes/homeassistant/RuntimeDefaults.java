package io.hearth.nodes.homeassistant;

import io.hearth.node.description.NodeDescription;
import io.hearth.node.description.Parameter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * What the runtime does to stored parameters before a node sees them, restated with the SPI only
 * (this module must not depend on the runtime): top-level parameters in declaration order, the first
 * declaration of a name whose show/hide rules match the values so far supplies the value or its
 * default, hidden parameters are left out, undeclared ones kept. Lets tests run a workflow "as n8n
 * saved it" (defaults such as the resource's operation left out). No expressions.
 */
final class RuntimeDefaults {

    private RuntimeDefaults() {}

    static Map<String, Object> resolve(NodeDescription description, Map<String, Object> stored) {
        Map<String, Object> visible = new LinkedHashMap<>();
        Function<String, Optional<Object>> lookup = key -> {
            String name = key.startsWith("/") ? key.substring(1) : key;
            if (visible.containsKey(name)) {
                return Optional.ofNullable(visible.get(name));
            }
            if (stored.containsKey(name)) {
                return Optional.ofNullable(stored.get(name));
            }
            return description.parameter(name).map(Parameter::defaultValue);
        };
        for (Parameter p : description.parameters()) {
            if (!p.holdsValue() || visible.containsKey(p.name())) {
                continue;
            }
            if (p.displayOptions().isVisible(lookup)) {
                visible.put(p.name(), stored.containsKey(p.name()) ? stored.get(p.name()) : p.defaultValue());
            }
        }
        stored.forEach((k, v) -> {
            if (description.parameter(k).isEmpty()) {
                visible.put(k, v);
            }
        });
        return visible;
    }
}
