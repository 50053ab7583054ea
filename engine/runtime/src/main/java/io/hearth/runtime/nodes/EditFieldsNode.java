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
import io.hearth.node.support.MiniJson;
import java.math.BigDecimal;
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
    public CompletionStage<NodeOutput> execute(NodeExecutionContext context) {
        double version = context.node().typeVersion();
        return ItemLoop.map(context, in -> {
            ParameterValues p = in.parameters();
            Item item = in.item();
            Map<String, Object> json = version < 3 ? setV1(item, p) : setV3(item, p, version);
            boolean keepBinary = !p.get("options.includeBinary").isPresent() || p.bool("options.includeBinary");
            return new Item(json, keepBinary ? item.binary() : Map.of(), List.of(new Item.PairedItem(in.index(), 0)));
        });
    }

    private static Map<String, Object> setV3(Item item, ParameterValues p, double version) {
        boolean dots = !p.get("options.dotNotation").isPresent() || p.bool("options.dotNotation");
        boolean lenient = p.bool("options.ignoreConversionErrors");
        Map<String, Object> json = base(item, p, version);
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
            put(json, name.toString(), convert(a.get("value"), type, lenient, path + ".value"), dots);
        }
        return json;
    }

    private static Map<String, Object> base(Item item, ParameterValues p, double version) {
        boolean include;
        String mode;
        if (version >= 3.3) {
            include = p.bool("includeOtherFields");
            mode = p.string("include").isBlank() ? "all" : p.string("include");
        } else {
            mode = p.string("include").isBlank() ? "all" : p.string("include");
            include = !"none".equals(mode);
        }
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

    private static Map<String, Object> setV1(Item item, ParameterValues p) {
        boolean dots = !p.get("options.dotNotation").isPresent() || p.bool("options.dotNotation");
        Map<String, Object> json = p.bool("keepOnlySet") ? new LinkedHashMap<>() : new LinkedHashMap<>(item.json());
        Map<String, Object> values = p.map("values");
        for (String type : List.of("boolean", "number", "string")) {
            if (values.get(type) instanceof List<?> list) {
                for (int i = 0; i < list.size(); i++) {
                    if (list.get(i) instanceof Map<?, ?> entry && entry.get("name") != null) {
                        put(
                                json,
                                entry.get("name").toString(),
                                convert(entry.get("value"), type, false, "values." + type + "[" + i + "].value"),
                                dots);
                    }
                }
            }
        }
        return json;
    }

    private static List<String> fieldList(String text) {
        return Arrays.stream(text.split(","))
                .map(String::strip)
                .filter(s -> !s.isEmpty())
                .toList();
    }

    @SuppressWarnings("unchecked")
    private static void put(Map<String, Object> json, String name, Object value, boolean dots) {
        if (!dots || name.indexOf('.') < 0) {
            json.put(name, value);
            return;
        }
        String[] parts = name.split("\\.");
        Map<String, Object> current = json;
        for (int i = 0; i < parts.length - 1; i++) {
            Object next = current.get(parts[i]);
            Map<String, Object> copy =
                    next instanceof Map<?, ?> m ? new LinkedHashMap<>((Map<String, Object>) m) : new LinkedHashMap<>();
            current.put(parts[i], copy);
            current = copy;
        }
        current.put(parts[parts.length - 1], value);
    }

    static Object convert(Object value, String type, boolean lenient, String path) {
        try {
            return switch (type) {
                case "number" -> {
                    if (value == null || value instanceof Number) {
                        yield value;
                    }
                    String s = value.toString().strip();
                    if (s.isEmpty()) {
                        yield null;
                    }
                    BigDecimal d = new BigDecimal(s);
                    yield d.scale() <= 0 && d.abs().compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) < 0
                            ? (Object) d.longValue()
                            : (Object) d.doubleValue();
                }
                case "boolean" -> {
                    if (value == null || value instanceof Boolean) {
                        yield value;
                    }
                    String s = value.toString().strip().toLowerCase(java.util.Locale.ROOT);
                    yield switch (s) {
                        case "true", "1", "yes", "on" -> true;
                        case "false", "0", "no", "off", "" -> false;
                        default -> throw new IllegalArgumentException("'" + value + "' is not a boolean");
                    };
                }
                case "array" -> value instanceof List || value == null ? value : parseArray(value);
                case "object" -> value instanceof Map || value == null ? value : parseObject(value);
                default ->
                    value == null
                            ? ""
                            : value instanceof String
                                    ? value
                                    : io.hearth.runtime.conditions.TypeConversion.toText(value);
            };
        } catch (RuntimeException e) {
            if (lenient) {
                return value;
            }
            String why = e instanceof NumberFormatException ? "'" + value + "' is not a number" : e.getMessage();
            throw new ParameterException(path, "cannot be converted to " + type + ": " + why);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> parseObject(Object value) {
        Object parsed = value instanceof String s ? MiniJson.parse(s.isBlank() ? "{}" : s) : value;
        if (parsed instanceof Map<?, ?> m) {
            return new LinkedHashMap<>((Map<String, Object>) m);
        }
        throw new IllegalArgumentException("not a JSON object");
    }

    private static List<Object> parseArray(Object value) {
        Object parsed = value instanceof String s ? MiniJson.parse(s) : value;
        if (parsed instanceof List<?> l) {
            return new ArrayList<>(l);
        }
        throw new IllegalArgumentException("not a JSON array");
    }
}
