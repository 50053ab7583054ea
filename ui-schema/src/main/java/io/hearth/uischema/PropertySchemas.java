package io.hearth.uischema;

import io.hearth.node.description.FieldGroup;
import io.hearth.node.description.FilterOperator;
import io.hearth.node.description.LocatorMode;
import io.hearth.node.description.Option;
import io.hearth.node.description.Parameter;
import io.hearth.node.description.ParameterType;
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
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** JSON Schema properties for a list of parameters (node parameters, credential fields, nested fields). */
final class PropertySchemas {

    static final String COLOR_PATTERN = "^#([0-9a-fA-F]{3}|[0-9a-fA-F]{6})$";

    private final boolean credential;

    private PropertySchemas(boolean credential) {
        this.credential = credential;
    }

    static PropertySchemas forNode() {
        return new PropertySchemas(false);
    }

    /**
     * Credential values are literal (stored, never evaluated per item), so no expression branch;
     * secrets become {@code writeOnly}: the API never returns them.
     */
    static PropertySchemas forCredential() {
        return new PropertySchemas(true);
    }

    /**
     * One property per parameter name. n8n descriptions often declare a name several times with
     * disjoint display options (an {@code operation} per resource); such a property becomes an
     * {@code anyOf} of the variants, each with its own {@code x-ui}, marked {@code x-ui.variants}.
     */
    Map<String, Object> properties(List<Parameter> parameters) {
        Map<String, List<Integer>> indexesByName = new LinkedHashMap<>();
        for (int i = 0; i < parameters.size(); i++) {
            indexesByName
                    .computeIfAbsent(parameters.get(i).name(), n -> new ArrayList<>())
                    .add(i);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        indexesByName.forEach((name, indexes) -> {
            if (indexes.size() == 1) {
                out.put(name, property(parameters.get(indexes.getFirst()), indexes.getFirst()));
            } else {
                List<Object> variants = new ArrayList<>();
                indexes.forEach(i -> variants.add(property(parameters.get(i), i)));
                out.put(
                        name,
                        JsonTrees.object(
                                "title", parameters.get(indexes.getFirst()).displayName(),
                                "anyOf", variants,
                                "x-ui", JsonTrees.object("order", indexes.getFirst(), "variants", true)));
            }
        });
        return out;
    }

    /** Names of the parameters that are required and always shown. */
    static List<Object> required(List<Parameter> parameters) {
        Set<Object> names = new LinkedHashSet<>();
        for (Parameter p : parameters) {
            if (p.required() && p.holdsValue() && p.displayOptions().isAlways()) {
                names.add(p.name());
            }
        }
        return new ArrayList<>(names);
    }

    Map<String, Object> property(Parameter p, int order) {
        Map<String, Object> schema = JsonTrees.object("title", p.displayName());
        if (!p.description().isEmpty()) {
            schema.put("description", p.description());
        }
        Map<String, Object> value = valueSchema(p.type());
        if (!credential && !p.noDataExpression() && Expressions.allowedIn(p.type()) && !acceptsAnyString(p.type())) {
            schema.put("anyOf", JsonTrees.array(value, JsonTrees.object("type", "string", "pattern", "^=")));
        } else {
            schema.putAll(value);
        }
        if (p.holdsValue()) {
            schema.put("default", JsonTrees.copy(p.defaultValue()));
        } else {
            schema.put("readOnly", true);
        }
        if (credential && p.isSecret()) {
            schema.put("writeOnly", true);
        }
        schema.put("x-ui", UiHints.of(p, order));
        return schema;
    }

    /** Whether the value schema already admits an expression string, so no {@code anyOf} is needed. */
    private static boolean acceptsAnyString(ParameterType type) {
        return switch (type) {
            case StringType s -> true;
            case OptionsType o -> o.dynamicOptions().isPresent();
            case JsonType j -> true;
            case ResourceLocatorType r -> true;
            case ParameterType.CredentialTypeType c -> true;
            default -> false;
        };
    }

    private Map<String, Object> valueSchema(ParameterType type) {
        return switch (type) {
            case StringType s -> JsonTrees.object("type", "string");
            case NumberType n -> {
                Map<String, Object> schema = JsonTrees.object("type", "number");
                n.minValue().ifPresent(min -> schema.put("minimum", number(min)));
                n.maxValue().ifPresent(max -> schema.put("maximum", number(max)));
                yield schema;
            }
            case BooleanType b -> JsonTrees.object("type", "boolean");
            case OptionsType o -> choice(o.options(), o.dynamicOptions().isPresent());
            case MultiOptionsType m ->
                JsonTrees.object(
                        "type",
                        "array",
                        "items",
                        choice(m.options(), m.dynamicOptions().isPresent()),
                        "uniqueItems",
                        true);
            case CollectionType c ->
                JsonTrees.object("type", "object", "properties", properties(c.fields()), "additionalProperties", false);
            case FixedCollectionType f -> fixedCollection(f);
            case JsonType j ->
                JsonTrees.object(
                        "anyOf",
                        JsonTrees.array(
                                JsonTrees.object("type", "string", "contentMediaType", "application/json"),
                                JsonTrees.object("type", "object"),
                                JsonTrees.object("type", "array")));
            case DateTimeType d -> JsonTrees.object("type", "string", "format", "date-time");
            case ColorType c -> JsonTrees.object("type", "string", "pattern", COLOR_PATTERN);
            case NoticeType n -> JsonTrees.object("type", "string");
            case ResourceLocatorType r ->
                JsonTrees.object("anyOf", JsonTrees.array(locatorObject(r), JsonTrees.object("type", "string")));
            case ParameterType.FilterType f -> filter();
            case ParameterType.CredentialTypeType c -> JsonTrees.object("type", "string");
        };
    }

    private static Map<String, Object> choice(List<Option> options, boolean dynamic) {
        if (dynamic) {
            return JsonTrees.object("type", "string");
        }
        Map<String, Object> schema = new LinkedHashMap<>();
        List<Object> values = Wire.optionValues(options);
        String type = commonType(values);
        if (type != null) {
            schema.put("type", type);
        }
        schema.put("enum", values);
        return schema;
    }

    private static String commonType(List<Object> values) {
        if (values.stream().allMatch(v -> v instanceof String)) {
            return "string";
        }
        if (values.stream().allMatch(v -> v instanceof Number)) {
            return "number";
        }
        if (values.stream().allMatch(v -> v instanceof Boolean)) {
            return "boolean";
        }
        return null;
    }

    private Map<String, Object> fixedCollection(FixedCollectionType f) {
        Map<String, Object> groups = new LinkedHashMap<>();
        for (FieldGroup g : f.groups()) {
            Map<String, Object> entry = JsonTrees.object("type", "object", "properties", properties(g.fields()));
            List<Object> required = required(g.fields());
            if (!required.isEmpty()) {
                entry.put("required", required);
            }
            entry.put("additionalProperties", false);
            groups.put(
                    g.name(),
                    f.multipleValues()
                            ? JsonTrees.object("title", g.displayName(), "type", "array", "items", entry)
                            : withTitle(g.displayName(), entry));
        }
        return JsonTrees.object("type", "object", "properties", groups, "additionalProperties", false);
    }

    /** n8n's filter value: conditions with an operator object, a combinator and options. */
    private static Map<String, Object> filter() {
        Map<String, Object> operator = JsonTrees.object(
                "type",
                "object",
                "properties",
                JsonTrees.object(
                        "type", JsonTrees.object("type", "string", "enum", new ArrayList<Object>(FilterOperator.TYPES)),
                        "operation", JsonTrees.object("type", "string"),
                        "rightType", JsonTrees.object("type", "string"),
                        "singleValue", JsonTrees.object("type", "boolean")),
                "required",
                JsonTrees.array("type", "operation"));
        Map<String, Object> condition = JsonTrees.object(
                "type",
                "object",
                "properties",
                JsonTrees.object(
                        "id", JsonTrees.object("type", "string"),
                        "leftValue", JsonTrees.object(),
                        "rightValue", JsonTrees.object(),
                        "operator", operator));
        return JsonTrees.object(
                "type",
                "object",
                "properties",
                JsonTrees.object(
                        "conditions", JsonTrees.object("type", "array", "items", condition),
                        "combinator", JsonTrees.object("type", "string", "enum", JsonTrees.array("and", "or")),
                        "options",
                                JsonTrees.object(
                                        "type",
                                        "object",
                                        "properties",
                                        JsonTrees.object(
                                                "caseSensitive", JsonTrees.object("type", "boolean"),
                                                "typeValidation",
                                                        JsonTrees.object(
                                                                "type",
                                                                "string",
                                                                "enum",
                                                                JsonTrees.array("strict", "loose")),
                                                "version", JsonTrees.object("type", "number")))));
    }

    private static Map<String, Object> withTitle(String title, Map<String, Object> schema) {
        Map<String, Object> out = JsonTrees.object("title", title);
        out.putAll(schema);
        return out;
    }

    private static Map<String, Object> locatorObject(ResourceLocatorType r) {
        Map<String, Object> mode = JsonTrees.object("type", "string");
        if (!r.modes().isEmpty()) {
            mode.put(
                    "enum",
                    new ArrayList<Object>(
                            r.modes().stream().map(LocatorMode::name).toList()));
        }
        return JsonTrees.object(
                "type", "object",
                "properties",
                        JsonTrees.object(
                                "__rl", JsonTrees.object("const", true),
                                "mode", mode,
                                "value", JsonTrees.object("type", "string")),
                "required", JsonTrees.array("mode", "value"));
    }

    /** Whole numbers without a fraction, so any serializer writes {@code 1}, not {@code 1.0}. */
    static Number number(double d) {
        return d == Math.rint(d) && Math.abs(d) < 1e15 ? (Number) (long) d : (Number) d;
    }
}
