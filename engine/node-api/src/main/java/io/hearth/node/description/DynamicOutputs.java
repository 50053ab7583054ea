package io.hearth.node.description;

import java.util.Optional;

/**
 * Outputs whose number depends on a parameter, as with Switch: one output per entry of the fixed
 * collection group at {@code groupPath} (e.g. {@code "rules.values"}), labelled by the entry's
 * {@code labelField}, plus an extra output named {@code extraOutputName} when parameter
 * {@code extraWhenParameter} equals {@code extraWhenValue}.
 */
public record DynamicOutputs(
        String groupPath,
        String labelField,
        Optional<String> extraWhenParameter,
        Optional<Object> extraWhenValue,
        String extraOutputName) {}
