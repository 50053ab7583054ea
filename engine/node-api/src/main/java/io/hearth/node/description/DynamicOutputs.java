package io.hearth.node.description;

import java.util.List;
import java.util.Optional;

/**
 * Outputs whose number depends on a parameter, as with Switch: one output per entry of the fixed
 * collection group at {@code groupPath} (e.g. {@code "rules.values"}), labelled by the entry's
 * {@code labelField}, plus an extra output named {@code extraOutputName} when parameter
 * {@code extraWhenParameter} equals {@code extraWhenValue}. When one of {@code countParameters}
 * holds a number (Switch in expression mode: {@code numberOutputs}), that many outputs instead. An empty
 * {@code groupPath} keeps the declared outputs and adds only the extra one (Respond to Webhook's
 * response output).
 */
public record DynamicOutputs(
        String groupPath,
        String labelField,
        Optional<String> extraWhenParameter,
        Optional<Object> extraWhenValue,
        String extraOutputName,
        List<String> countParameters) {

    public DynamicOutputs {
        countParameters = countParameters == null ? List.of() : List.copyOf(countParameters);
    }

    public DynamicOutputs(
            String groupPath,
            String labelField,
            Optional<String> extraWhenParameter,
            Optional<Object> extraWhenValue,
            String extraOutputName) {
        this(groupPath, labelField, extraWhenParameter, extraWhenValue, extraOutputName, List.of());
    }
}
