package io.hearth.runtime.nodes;

import io.hearth.node.ActionNode;
import io.hearth.node.Item;
import io.hearth.node.ItemLoop;
import io.hearth.node.NodeExecutionContext;
import io.hearth.node.NodeOutput;
import io.hearth.node.ParameterException;
import io.hearth.node.ParameterValues;
import io.hearth.node.description.FieldGroup;
import io.hearth.node.description.NodeDescription;
import io.hearth.node.description.NodeGroup;
import io.hearth.node.description.Option;
import io.hearth.node.description.Parameter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionStage;

/**
 * Edit Fields (n8n's Set node): sets fields on each item from typed assignments or a JSON
 * template, optionally keeping the item's other fields. Dot notation ({@code a.b}) writes nested
 * fields. Reads Set v3.3+ ({@code assignments.assignments[{name, type, value}]}), v3.0–3.2
 * ({@code fields.values[{name, type: "stringValue", stringValue}]}) and v1/v2
 * ({@code values.string[{name, value}]}, {@code keepOnlySet}).
 */
public final class EditFieldsNode implements ActionNode {

    private static final NodeDescription DESCRIPTION = NodeDescription.builder("hearth.set")
            .alias("n8n-nodes-base.set")
            .displayName("Edit Fields (Set)")
            .versions(1, 2, 3, 3.1, 3.2, 3.3, 3.4)
            .group(NodeGroup.TRANSFORM)
            .categories("Data")
            .icon("fa:pen")
            .description("Modify, add, or remove item fields")
            .parameter(Parameter.options(
                            "mode",
                            Option.of("Manual Mapping", "manual", "Edit item fields one by one"),
                            Option.of("JSON", "raw", "Customize item output with JSON"))
                    .displayName("Mode")
                    .defaultValue("manual")
                    .noDataExpression())
            .parameter(Parameter.fixedCollection(
                            "assignments",
                            true,
                            "Add Field",
                            new FieldGroup(
                                    "assignments",
                                    "Fields to Set",
                                    List.of(
                                            Parameter.string("name")
                                                    .displayName("Name")
                                                    .placeholder("e.g. fieldName")
                                                    .build(),
                                            Parameter.options(
                                                            "type",
                                                            Option.of("String", "string"),
                                                            Option.of("Number", "number"),
                                                            Option.of("Boolean", "boolean"),
                                                            Option.of("Array", "array"),
                                                            Option.of("Object", "object"))
                                                    .displayName("Type")
                                                    .defaultValue("string")
                                                    .build(),
                                            Parameter.string("value")
                                                    .displayName("Value")
                                                    .placeholder("{{ $json.value }}")
                                                    .build())))
                    .displayName("Fields to Set")
                    .show("mode", "manual"))
            .parameter(Parameter.json("jsonOutput")
                    .displayName("JSON Output")
                    .defaultValue("{\n  \"my_field_1\": \"value\",\n  \"my_field_2\": 1\n}")
                    .show("mode", "raw"))
            .parameter(Parameter.bool("includeOtherFields")
                    .displayName("Include Other Input Fields")
                    .description("Keep the input item's other fields"))
            .parameter(Parameter.options(
                            "include",
                            Option.of("All", "all"),
                            Option.of("Selected", "selected"),
                            Option.of("All Except", "except"))
                    .displayName("Input Fields to Include")
                    .defaultValue("all")
                    .show("includeOtherFields", true))
            .parameter(Parameter.string("includeFields")
                    .displayName("Fields to Include")
                    .placeholder("e.g. fieldToInclude1,fieldToInclude2")
                    .show("include", "selected")
                    .show("includeOtherFields", true))
            .parameter(Parameter.string("excludeFields")
                    .displayName("Fields to Exclude")
                    .placeholder("e.g. fieldToExclude1")
                    .show("include", "except")
                    .show("includeOtherFields", true))
            .parameter(Parameter.collection(
                            "options",
                            "Add Option",
                            Parameter.bool("dotNotation")
                                    .displayName("Support Dot Notation")
                                    .defaultValue(true)
                                    .build(),
                            Parameter.bool("ignoreConversionErrors")
                                    .displayName("Ignore Type Conversion Errors")
                                    .build(),
                            Parameter.bool("includeBinary")
                                    .displayName("Include Binary File")
                                    .defaultValue(true)
                                    .build())
                    .displayName("Options"))
            .build();

    @Override
    public NodeDescription description() {
        return DESCRIPTION;
    }

    @Override
    public List<io.hearth.node.description.VersionMigration> migrations() {
        return List.of(io.hearth.node.description.VersionMigration.upTo(
                3.3, "include (all by default, or none) becomes includeOtherFields", EditFieldsNode::includeToV33));
    }

    /**
     * Set v3.0-3.2 have {@code include}: all (the default), none, selected or except; from v3.3 on
     * "none" is {@code includeOtherFields: false} (its default) and the others need it true.
     */
    static Map<String, Object> includeToV33(Map<String, Object> p) {
        if (p.containsKey("includeOtherFields")) {
            return p;
        }
        Map<String, Object> out = new LinkedHashMap<>(p);
        Object include = p.getOrDefault("include", "all");
        if ("none".equals(include)) {
            out.remove("include");
            out.put("includeOtherFields", false);
        } else {
            out.put("includeOtherFields", true);
        }
        return out;
    }

    @Override
    public CompletionStage<NodeOutput> execute(NodeExecutionContext context) {
        double version = context.node().typeVersion();
        return ItemLoop.map(context, in -> {
            ParameterValues p = in.parameters();
            Item item = in.item();
            Map<String, Object> json = version < 3 ? setV1(item, p, version) : setV3(item, p, version);
            boolean keepBinary = !p.get("options.includeBinary").isPresent() || p.bool("options.includeBinary");
            return new Item(json, keepBinary ? item.binary() : Map.of(), List.of(new Item.PairedItem(in.index(), 0)));
        });
    }

    private static Map<String, Object> setV3(Item item, ParameterValues p, double version) {
        boolean dots = !p.get("options.dotNotation").isPresent() || p.bool("options.dotNotation");
        boolean lenient = p.bool("options.ignoreConversionErrors");
        Map<String, Object> json = base(item, p);
        if ("raw".equals(p.string("mode"))) {
            p.map("jsonOutput").forEach((k, v) -> put(json, k, v, dots));
            return json;
        }
        List<Map<String, Object>> assignments = p.group("assignments", "assignments");
        if (assignments.isEmpty() && version < 3.3) {
            for (Map<String, Object> f : p.group("fields", "values")) {
                String type = String.valueOf(f.getOrDefault("type", "stringValue"));
                String shortType = type.endsWith("Value") ? type.substring(0, type.length() - 5) : type;
                Map<String, Object> a = new LinkedHashMap<>();
                a.put("name", f.get("name"));
                a.put("type", shortType);
                a.put("value", f.get(type));
                assignments = new ArrayList<>(assignments);
                assignments.add(a);
            }
        }
        for (int i = 0; i < assignments.size(); i++) {
            Map<String, Object> a = assignments.get(i);
            String path = "assignments.assignments[" + i + "]";
            Object name = a.get("name");
            if (name == null || name.toString().isBlank()) {
                throw new ParameterException(path + ".name", "is required");
            }
            String type = a.get("type") == null ? "string" : a.get("type").toString();
            put(
                    json,
                    name.toString(),
                    convert(a.get("value"), type, lenient, path + ".value", version, name.toString()),
                    dots);
        }
        return json;
    }

    private static Map<String, Object> base(Item item, ParameterValues p) {
        boolean include = p.bool("includeOtherFields"); // v3.0-3.2's include is migrated to this
        String mode = p.string("include").isBlank() ? "all" : p.string("include");
        if (!include) {
            return new LinkedHashMap<>();
        }
        Map<String, Object> json = new LinkedHashMap<>();
        switch (mode) {
            case "selected" -> {
                for (String f : fieldList(p.string("includeFields"))) {
                    if (item.json().containsKey(f)) {
                        json.put(f, item.json().get(f));
                    }
                }
            }
            case "except" -> {
                Set<String> excluded = new HashSet<>(fieldList(p.string("excludeFields")));
                item.json().forEach((k, v) -> {
                    if (!excluded.contains(k)) {
                        json.put(k, v);
                    }
                });
            }
            default -> json.putAll(item.json());
        }
        return json;
    }

    /**
     * Set v1/v2: typed value lists. As n8n: an entry without a name is named "propertyName" and one
     * without a value takes its type's default (false, 0, ""); booleans are JavaScript's truthiness,
     * numbers from text become numbers from v2 on, strings are kept as the expression gave them.
     */
    private static Map<String, Object> setV1(Item item, ParameterValues p, double version) {
        boolean dots = !p.get("options.dotNotation").isPresent() || p.bool("options.dotNotation");
        Map<String, Object> json = p.bool("keepOnlySet") ? new LinkedHashMap<>() : new LinkedHashMap<>(item.json());
        Map<String, Object> values = p.map("values");
        for (String type : List.of("boolean", "number", "string")) {
            if (values.get(type) instanceof List<?> list) {
                for (Object e : list) {
                    if (!(e instanceof Map<?, ?> entry)) {
                        continue;
                    }
                    Object name = entry.get("name") == null ? "propertyName" : entry.get("name");
                    Object value = entry.containsKey("value")
                            ? entry.get("value")
                            : switch (type) {
                                case "boolean" -> false;
                                case "number" -> 0;
                                default -> "";
                            };
                    Object converted = switch (type) {
                        case "boolean" -> io.hearth.expression.ExpressionValues.truthy(value);
                        case "number" ->
                            version >= 2
                                            && value instanceof String s
                                            && !Double.isNaN(io.hearth.expression.ExpressionValues.toNumber(s))
                                    ? jsNumber(io.hearth.expression.ExpressionValues.toNumber(s))
                                    : value;
                        default -> value;
                    };
                    put(json, name.toString(), converted, dots);
                }
            }
        }
        return json;
    }

    private static Object jsNumber(double d) {
        return d == Math.rint(d) && Math.abs(d) < 1e15 ? (Object) (long) d : (Object) d;
    }

    private static List<String> fieldList(String text) {
        return Arrays.stream(text.split(","))
                .map(String::strip)
                .filter(s -> !s.isEmpty())
                .toList();
    }

    /** As n8n (lodash's set): with dot notation {@code a.b[1]} writes into nested objects and arrays. */
    private static void put(Map<String, Object> json, String name, Object value, boolean dots) {
        io.hearth.runtime.nodes.transform.FieldPath.set(json, name, value, !dots);
    }

    /**
     * An assignment's value as n8n's Set v3 converts it (validateEntry): from v3.2 on no value stays
     * null; a string field takes objects as JSON and anything else as JavaScript's String(); other
     * types as n8n's validateFieldType ("true" and "1" are a number 1 and a boolean true, JSON text an
     * array or object). A value that does not convert fails the item, or with "Ignore Type Conversion
     * Errors" is kept as it is.
     */
    static Object convert(Object value, String type, boolean lenient, String path, double version, String name) {
        if (version >= 3.2 && value == null) {
            return null;
        }
        Object v = value;
        if (type.equals("string")) {
            if (version > 3 && value == null) {
                if (lenient) {
                    return null;
                }
                throw new ParameterException(path, "'" + name + "' expects a string but we got 'null'");
            }
            v = value instanceof Map<?, ?> || value instanceof List<?>
                    ? io.hearth.expression.ExpressionValues.stringify(value)
                    : io.hearth.expression.ExpressionValues.toText(value);
            return v;
        }
        var converted = io.hearth.runtime.conditions.TypeConversion.forField(v, type);
        if (converted.valid()) {
            Object out = converted.value();
            return out instanceof Double d ? jsNumber(d) : out;
        }
        if (lenient) {
            return value;
        }
        throw new ParameterException(
                path,
                "'" + name + "' expects a " + type + " but we got " + describe(value)
                        + " (change the field's type or turn on the option Ignore Type Conversion Errors)");
    }

    private static String describe(Object value) {
        if (value == null) {
            return "'null'";
        }
        if (value instanceof List<?>) {
            return "array";
        }
        if (value instanceof Map<?, ?>) {
            return "object";
        }
        return "'" + io.hearth.expression.ExpressionValues.toText(value) + "'";
    }
}
