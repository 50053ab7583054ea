package io.hearth.node.description;

import io.hearth.node.description.ParameterType.BooleanType;
import io.hearth.node.description.ParameterType.CollectionType;
import io.hearth.node.description.ParameterType.ColorType;
import io.hearth.node.description.ParameterType.DateTimeType;
import io.hearth.node.description.ParameterType.FixedCollectionType;
import io.hearth.node.description.ParameterType.JsonType;
import io.hearth.node.description.ParameterType.MultiOptionsType;
import io.hearth.node.description.ParameterType.NoticeType;
import io.hearth.node.description.ParameterType.NumberType;
import io.hearth.node.description.ParameterType.OptionsType;
import io.hearth.node.description.ParameterType.ResourceLocatorType;
import io.hearth.node.description.ParameterType.StringType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * One parameter of a node or field of a credential.
 *
 * @param name             the key in the workflow's {@code parameters} object
 * @param displayName      the form label
 * @param type             the kind of value and its settings
 * @param defaultValue     the value used when the workflow sets none (JSON-like; never Java null)
 * @param required         a visible required parameter must have a non-empty value
 * @param description      help text under the field
 * @param placeholder      example shown in an empty field
 * @param hint             a short note shown next to the field
 * @param displayOptions   when the parameter is shown (and therefore used and validated)
 * @param noDataExpression expressions are not allowed (resource/operation selectors)
 * @param unsupported      why Hearth refuses this parameter, for one n8n has that Hearth does not implement:
 *                         a value other than its default is saved with an issue naming the node and the
 *                         parameter, and the workflow neither runs nor activates (never ignored at run time)
 */
public record Parameter(
        String name,
        String displayName,
        ParameterType type,
        Object defaultValue,
        boolean required,
        String description,
        String placeholder,
        String hint,
        DisplayOptions displayOptions,
        boolean noDataExpression,
        Optional<String> unsupported) {

    public Parameter {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        displayName = displayName == null ? name : displayName;
        defaultValue = defaultValue == null ? implicitDefault(type) : defaultValue;
        description = description == null ? "" : description;
        placeholder = placeholder == null ? "" : placeholder;
        hint = hint == null ? "" : hint;
        displayOptions = displayOptions == null ? DisplayOptions.ALWAYS : displayOptions;
        unsupported = unsupported == null ? Optional.empty() : unsupported;
    }

    /** A parameter Hearth implements. */
    public Parameter(
            String name,
            String displayName,
            ParameterType type,
            Object defaultValue,
            boolean required,
            String description,
            String placeholder,
            String hint,
            DisplayOptions displayOptions,
            boolean noDataExpression) {
        this(
                name,
                displayName,
                type,
                defaultValue,
                required,
                description,
                placeholder,
                hint,
                displayOptions,
                noDataExpression,
                Optional.empty());
    }

    /** A secret credential field (a masked string). */
    public boolean isSecret() {
        return type instanceof StringType s && s.password();
    }

    /** Whether this parameter carries a value (notices do not). */
    public boolean holdsValue() {
        return !(type instanceof NoticeType);
    }

    private static Object implicitDefault(ParameterType type) {
        return switch (type) {
            case NumberType n -> 0;
            case BooleanType b -> false;
            case OptionsType o ->
                o.options().isEmpty() ? "" : o.options().getFirst().value();
            case MultiOptionsType m -> List.of();
            case CollectionType c -> Map.of();
            case FixedCollectionType f -> Map.of();
            case ParameterType.FilterType f -> Map.of();
            case ResourceLocatorType r ->
                Map.of(
                        "__rl",
                        true,
                        "mode",
                        r.modes().isEmpty() ? "id" : r.modes().getFirst().name(),
                        "value",
                        "");
            default -> "";
        };
    }

    // ---- builders: Parameter.string("entityId").displayName("Entity").required().show("operation", "get").build()

    public static Builder string(String name) {
        return new Builder(name, new StringType(1, false));
    }

    public static Builder text(String name, int rows) {
        return new Builder(name, new StringType(rows, false));
    }

    public static Builder secret(String name) {
        return new Builder(name, new StringType(1, true));
    }

    public static Builder number(String name) {
        return new Builder(name, new NumberType(OptionalDouble.empty(), OptionalDouble.empty(), 0));
    }

    public static Builder number(String name, double min, double max) {
        return new Builder(name, new NumberType(OptionalDouble.of(min), OptionalDouble.of(max), 0));
    }

    public static Builder bool(String name) {
        return new Builder(name, new BooleanType());
    }

    public static Builder options(String name, Option... options) {
        return new Builder(name, new OptionsType(List.of(options), Optional.empty()));
    }

    public static Builder dynamicOptions(String name, DynamicOptions source) {
        return new Builder(name, new OptionsType(List.of(), Optional.of(source)));
    }

    public static Builder multiOptions(String name, Option... options) {
        return new Builder(name, new MultiOptionsType(List.of(options), Optional.empty()));
    }

    public static Builder dynamicMultiOptions(String name, DynamicOptions source) {
        return new Builder(name, new MultiOptionsType(List.of(), Optional.of(source)));
    }

    /**
     * The name of a credential type that signs HTTP requests, offered from the installed types except
     * {@code excluded} (HTTP Request's "Credential Type").
     */
    public static Builder requestCredentialType(String name, String... excluded) {
        return new Builder(name, new ParameterType.CredentialTypeType(List.of(excluded)));
    }

    public static Builder collection(String name, String addButtonText, Parameter... fields) {
        return new Builder(name, new CollectionType(List.of(fields), addButtonText));
    }

    public static Builder fixedCollection(
            String name, boolean multipleValues, String addButtonText, FieldGroup... groups) {
        return new Builder(name, new FixedCollectionType(List.of(groups), multipleValues, addButtonText));
    }

    public static Builder json(String name) {
        return new Builder(name, new JsonType(5));
    }

    public static Builder dateTime(String name) {
        return new Builder(name, new DateTimeType());
    }

    public static Builder color(String name) {
        return new Builder(name, new ColorType());
    }

    public static Builder notice(String name, String text) {
        return new Builder(name, new NoticeType()).displayName(text);
    }

    public static Builder resourceLocator(String name, LocatorMode... modes) {
        return new Builder(name, new ResourceLocatorType(List.of(modes)));
    }

    /** n8n's filter: a list of conditions (see {@link FilterOperator}). */
    public static Builder filter(String name) {
        return new Builder(name, new ParameterType.FilterType());
    }

    public static Builder of(String name, ParameterType type) {
        return new Builder(name, type);
    }

    /** Fluent construction of a {@link Parameter}. */
    public static final class Builder {
        private final String name;
        private ParameterType type;
        private String displayName;
        private Object defaultValue;
        private boolean required;
        private String description;
        private String placeholder;
        private String hint;
        private DisplayOptions displayOptions = DisplayOptions.ALWAYS;
        private boolean noDataExpression;
        private Optional<String> unsupported = Optional.empty();

        private Builder(String name, ParameterType type) {
            this.name = name;
            this.type = type;
        }

        public Builder displayName(String displayName) {
            this.displayName = displayName;
            return this;
        }

        public Builder defaultValue(Object defaultValue) {
            this.defaultValue = defaultValue;
            return this;
        }

        public Builder required() {
            this.required = true;
            return this;
        }

        public Builder description(String description) {
            this.description = description;
            return this;
        }

        public Builder placeholder(String placeholder) {
            this.placeholder = placeholder;
            return this;
        }

        public Builder hint(String hint) {
            this.hint = hint;
            return this;
        }

        public Builder noDataExpression() {
            this.noDataExpression = true;
            return this;
        }

        /**
         * A parameter n8n has that Hearth does not implement: any value but its default is refused
         * with {@code reason} before the workflow runs or activates.
         */
        public Builder unsupported(String reason) {
            this.unsupported = Optional.of(reason);
            return this;
        }

        /** Shown only when {@code parameter} has one of {@code values}; calls accumulate (AND). */
        public Builder show(String parameter, Object... values) {
            this.displayOptions = displayOptions.andShow(parameter, values);
            return this;
        }

        public Builder hide(String parameter, Object... values) {
            this.displayOptions = displayOptions.andHide(parameter, values);
            return this;
        }

        public Builder displayOptions(DisplayOptions displayOptions) {
            this.displayOptions = displayOptions;
            return this;
        }

        /** Number range and decimals. */
        public Builder range(double min, double max) {
            NumberType n = (NumberType) type;
            this.type = new NumberType(OptionalDouble.of(min), OptionalDouble.of(max), n.precision());
            return this;
        }

        public Builder minValue(double min) {
            NumberType n = (NumberType) type;
            this.type = new NumberType(OptionalDouble.of(min), n.maxValue(), n.precision());
            return this;
        }

        public Builder precision(int decimals) {
            NumberType n = (NumberType) type;
            this.type = new NumberType(n.minValue(), n.maxValue(), decimals);
            return this;
        }

        public Builder rows(int rows) {
            this.type = switch (type) {
                case StringType s -> new StringType(rows, s.password(), s.fieldNames());
                case JsonType j -> new JsonType(rows);
                default -> throw new IllegalStateException("rows() applies to string and json parameters");
            };
            return this;
        }

        /** A text of input field names that may also be stored as a list of names, as n8n stores them. */
        public Builder fieldNames() {
            StringType s = (StringType) type;
            this.type = new StringType(s.rows(), s.password(), true);
            return this;
        }

        /** Static choices plus choices loaded at edit time. */
        public Builder loadOptions(String method, String... dependsOn) {
            DynamicOptions source = new DynamicOptions(method, Arrays.asList(dependsOn));
            this.type = switch (type) {
                case OptionsType o -> new OptionsType(o.options(), Optional.of(source));
                case MultiOptionsType m -> new MultiOptionsType(m.options(), Optional.of(source));
                default -> throw new IllegalStateException("loadOptions() applies to options parameters");
            };
            return this;
        }

        public Parameter build() {
            return new Parameter(
                    name,
                    displayName,
                    type,
                    defaultValue,
                    required,
                    description,
                    placeholder,
                    hint,
                    displayOptions,
                    noDataExpression,
                    unsupported);
        }
    }

    /** Builds several parameters at once; handy when a description lists many. */
    public static List<Parameter> all(Builder... builders) {
        List<Parameter> out = new ArrayList<>(builders.length);
        for (Builder b : builders) {
            out.add(b.build());
        }
        return List.copyOf(out);
    }
}
