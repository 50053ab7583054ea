package io.hearth.node.description;

import java.util.List;

/**
 * Choices loaded at edit time by the node's load-options method {@code method}; reloaded when any
 * parameter in {@code dependsOn} changes (the services of the chosen domain).
 */
public record DynamicOptions(String method, List<String> dependsOn) {

    public DynamicOptions {
        dependsOn = List.copyOf(dependsOn);
    }

    public static DynamicOptions of(String method, String... dependsOn) {
        return new DynamicOptions(method, List.of(dependsOn));
    }
}
