package io.hearth.node.description;

import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;

/** The closed set of parameter kinds, each with the settings that kind needs. */
public sealed interface ParameterType {

    /**
     * Free text. {@code password} masks it in forms; in a credential it marks a secret field.
     *
     * @param fieldNames names of input fields (n8n's {@code requiresDataPath: 'multiple'}): comma-separated
     *                   text, or a list of names as n8n's own workflows also store it
     */
    record StringType(int rows, boolean password, boolean fieldNames) implements ParameterType {

        public StringType(int rows, boolean password) {
            this(rows, password, false);
        }
    }

    record NumberType(OptionalDouble minValue, OptionalDouble maxValue, int precision) implements ParameterType {}

    record BooleanType() implements ParameterType {}

    /** One value out of {@code options}, or out of choices loaded by {@code dynamicOptions}. */
    record OptionsType(List<Option> options, Optional<DynamicOptions> dynamicOptions) implements ParameterType {
        public OptionsType {
            options = List.copyOf(options);
        }
    }

    /** Several values out of {@code options} or loaded choices. */
    record MultiOptionsType(List<Option> options, Optional<DynamicOptions> dynamicOptions) implements ParameterType {
        public MultiOptionsType {
            options = List.copyOf(options);
        }
    }

    /** Optional fields the user adds one by one ("Add option"); the value is an object. */
    record CollectionType(List<Parameter> fields, String addButtonText) implements ParameterType {
        public CollectionType {
            fields = List.copyOf(fields);
        }
    }

    /**
     * Repeatable groups of fields; the value is {@code {group: [ {field: value}, ... ]}} when
     * {@code multipleValues}, else {@code {group: {field: value}}}.
     */
    record FixedCollectionType(List<FieldGroup> groups, boolean multipleValues, String addButtonText)
            implements ParameterType {
        public FixedCollectionType {
            groups = List.copyOf(groups);
        }
    }

    /** A JSON document edited as text; the value is the JSON text or an already parsed value. */
    record JsonType(int rows) implements ParameterType {}

    /** An ISO-8601 date-time. */
    record DateTimeType() implements ParameterType {}

    /** A colour ({@code #rrggbb}); a UI hint over a string. */
    record ColorType() implements ParameterType {}

    /** Read-only text shown in the form; holds no value. */
    record NoticeType() implements ParameterType {}

    /**
     * A reference to a remote resource chosen from a list or typed in; the value is n8n's
     * {@code {"__rl": true, "mode": "list", "value": "light.kitchen"}} or a plain string.
     */
    record ResourceLocatorType(List<LocatorMode> modes) implements ParameterType {
        public ResourceLocatorType {
            modes = List.copyOf(modes);
        }
    }

    /**
     * n8n's filter: conditions on values, combined with "and" or "or". The value is
     * {@code {"conditions": [{"leftValue", "rightValue", "operator": {"type", "operation"}}], "combinator",
     * "options": {"caseSensitive", "typeValidation", "version"}}}; the operators are {@link FilterOperator#ALL}.
     */
    record FilterType() implements ParameterType {}

    /**
     * The name of a credential type (n8n's {@code credentialsSelect}), chosen in the editor out of the installed
     * types that declare how they sign HTTP requests ({@link
     * io.hearth.node.credential.CredentialType#requestAuthentication()}), except {@code excluded} (types the node
     * offers elsewhere, e.g. HTTP Request's generic ones).
     */
    record CredentialTypeType(List<String> excluded) implements ParameterType {
        public CredentialTypeType {
            excluded = List.copyOf(excluded);
        }
    }

    /** The name used in n8n's node descriptions and in the generated UI schema. */
    default String wireName() {
        return switch (this) {
            case StringType s -> "string";
            case NumberType n -> "number";
            case BooleanType b -> "boolean";
            case OptionsType o -> "options";
            case MultiOptionsType m -> "multiOptions";
            case CollectionType c -> "collection";
            case FixedCollectionType f -> "fixedCollection";
            case JsonType j -> "json";
            case DateTimeType d -> "dateTime";
            case ColorType c -> "color";
            case NoticeType n -> "notice";
            case ResourceLocatorType r -> "resourceLocator";
            case FilterType f -> "filter";
            case CredentialTypeType c -> "credentialsSelect";
        };
    }
}
