package io.hearth.uischema;

import io.hearth.node.description.DynamicOptions;
import io.hearth.node.description.FieldGroup;
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
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The {@code x-ui} object of a property: how the editor renders and orders the field. */
final class UiHints {

    private UiHints() {}

    static Map<String, Object> of(Parameter p, int order) {
        Map<String, Object> ui = JsonTrees.object("widget", widget(p.type()), "order", order);
        putIfNotEmpty(ui, "placeholder", p.placeholder());
        // the form says it before the save does: the field is there because n8n's workflows carry it
        putIfNotEmpty(
                ui,
                "hint",
                p.unsupported()
                        .map(reason -> "Not supported by Hearth: " + reason)
                        .orElse(p.hint()));
        switch (p.type()) {
            case StringType s when s.rows() > 1 -> ui.put("rows", s.rows());
            case JsonType j -> ui.put("rows", j.rows());
            default -> {}
        }
        if (p.isSecret()) {
            ui.put("secret", true);
        }
        if (p.required() && p.holdsValue()) {
            ui.put("required", true);
        }
        if (p.noDataExpression()) {
            ui.put("noDataExpression", true);
        }
        if (!p.displayOptions().isAlways()) {
            ui.put("displayOptions", Wire.displayOptions(p.displayOptions()));
        }
        typeHints(p.type(), ui);
        return ui;
    }

    private static void typeHints(ParameterType type, Map<String, Object> ui) {
        switch (type) {
            case NumberType n when n.precision() > 0 -> ui.put("precision", n.precision());
            case OptionsType o -> choices(o.options(), o.dynamicOptions(), ui);
            case MultiOptionsType m -> choices(m.options(), m.dynamicOptions(), ui);
            case CollectionType c -> putIfNotEmpty(ui, "addButtonText", c.addButtonText());
            case FixedCollectionType f -> {
                ui.put("multipleValues", f.multipleValues());
                putIfNotEmpty(ui, "addButtonText", f.addButtonText());
                List<Object> groups = new ArrayList<>();
                for (FieldGroup g : f.groups()) {
                    groups.add(JsonTrees.object("name", g.name(), "displayName", g.displayName()));
                }
                ui.put("groups", groups);
            }
            case ResourceLocatorType r -> ui.put("modes", Wire.modes(r.modes()));
            case ParameterType.FilterType f -> ui.put("operators", Wire.filterOperators());
            // the editor lists the installed credential types whose /credential-types entry has signsRequests
            case ParameterType.CredentialTypeType c ->
                ui.put(
                        "credentialTypes",
                        JsonTrees.object("signsRequests", true, "excluded", List.copyOf(c.excluded())));
            default -> {}
        }
    }

    private static void choices(List<Option> options, Optional<DynamicOptions> dynamic, Map<String, Object> ui) {
        dynamic.ifPresent(d -> ui.put("dynamicOptions", Wire.dynamicOptions(d)));
        if (!options.isEmpty() || dynamic.isEmpty()) {
            ui.put("options", Wire.options(options));
        }
    }

    static String widget(ParameterType type) {
        return switch (type) {
            case StringType s when s.password() -> "password";
            case StringType s -> s.rows() > 1 ? "textarea" : "text";
            case NumberType n -> "number";
            case BooleanType b -> "toggle";
            case OptionsType o -> "select";
            case MultiOptionsType m -> "multiselect";
            case CollectionType c -> "collection";
            case FixedCollectionType f -> "fixedCollection";
            case JsonType j -> "json";
            case DateTimeType d -> "datetime";
            case ColorType c -> "color";
            case NoticeType n -> "notice";
            case ResourceLocatorType r -> "resourceLocator";
            case ParameterType.FilterType f -> "filter";
            case ParameterType.CredentialTypeType c -> "credentialType";
        };
    }

    private static void putIfNotEmpty(Map<String, Object> ui, String key, String value) {
        if (value != null && !value.isEmpty()) {
            ui.put(key, value);
        }
    }
}
