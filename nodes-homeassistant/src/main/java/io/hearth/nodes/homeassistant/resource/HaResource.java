package io.hearth.nodes.homeassistant.resource;

import io.hearth.node.description.Option;
import io.hearth.node.description.Parameter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One resource of the Home Assistant node (n8n's grouping: State, Service, Event, ...): everything the
 * node knows about it in one value, built by that resource's class ({@link StateResource}, ...).
 *
 * @param value            the n8n option value stored in workflows, e.g. {@code cameraProxy}
 * @param displayName      the label in the editor
 * @param operations       the operations in the order the editor lists them (n8n's)
 * @param defaultOperation the operation used when a workflow does not set one (n8n's default)
 * @param fields           the resource's parameters, each shown only for this resource and its operations
 * @param dropdowns        the dynamic dropdowns this resource owns, by load-options method name
 */
public record HaResource(
        String value,
        String displayName,
        List<HaOperation> operations,
        String defaultOperation,
        List<Parameter> fields,
        Map<String, Dropdown> dropdowns) {

    public HaResource {
        operations = List.copyOf(operations);
        fields = List.copyOf(fields);
        dropdowns = Collections.unmodifiableMap(new LinkedHashMap<>(dropdowns));
    }

    public static Builder builder(String value, String displayName) {
        return new Builder(value, displayName);
    }

    public Optional<HaOperation> operation(String operationValue) {
        return operations.stream().filter(o -> o.value().equals(operationValue)).findFirst();
    }

    /**
     * This resource's {@code operation} parameter: its options (n8n's values, names and order) and
     * default, shown only for this resource. The node declares one per resource, as n8n does, so a
     * workflow that omits the operation (n8n omits defaults) gets this resource's default.
     */
    public Parameter operationParameter() {
        Option[] options = operations.stream()
                .map(o -> Option.of(o.displayName(), o.value(), o.description()))
                .toArray(Option[]::new);
        return Parameter.options("operation", options)
                .displayName("Operation")
                .defaultValue(defaultOperation)
                .noDataExpression()
                .show("resource", value)
                .build();
    }

    /** Collects a resource; fields are declared with the operations they belong to. */
    public static final class Builder {
        private final String value;
        private final String displayName;
        private final List<HaOperation> operations = new ArrayList<>();
        private final List<Parameter> fields = new ArrayList<>();
        private final Map<String, Dropdown> dropdowns = new LinkedHashMap<>();
        private String defaultOperation;

        private Builder(String value, String displayName) {
            this.value = value;
            this.displayName = displayName;
        }

        public Builder operation(String opValue, String opDisplayName, String description, HaOperation.Handler run) {
            operations.add(new HaOperation(opValue, opDisplayName, description, run));
            return this;
        }

        /** The default operation; without it the first one. */
        public Builder defaultOperation(String opValue) {
            this.defaultOperation = opValue;
            return this;
        }

        /** A field shown for this resource and the given operations (its own show rules are kept). */
        public Builder field(Parameter.Builder field, String... forOperations) {
            if (forOperations.length == 0) {
                throw new IllegalArgumentException("field of " + value + " without operations");
            }
            fields.add(field.show("resource", value)
                    .show("operation", (Object[]) forOperations)
                    .build());
            return this;
        }

        public Builder dropdown(String method, Dropdown loader) {
            if (dropdowns.put(method, loader) != null) {
                throw new IllegalArgumentException("dropdown " + method + " declared twice");
            }
            return this;
        }

        public HaResource build() {
            String def = defaultOperation == null ? operations.getFirst().value() : defaultOperation;
            HaResource r = new HaResource(value, displayName, operations, def, fields, dropdowns);
            if (r.operation(def).isEmpty()) {
                throw new IllegalStateException(
                        value + ": default operation '" + def + "' is not one of its operations");
            }
            for (Parameter f : fields) {
                for (Object op : f.displayOptions().show().getOrDefault("operation", List.of())) {
                    if (r.operation(String.valueOf(op)).isEmpty()) {
                        throw new IllegalStateException(
                                value + ": field " + f.name() + " names unknown operation " + op);
                    }
                }
            }
            return r;
        }
    }
}
