package io.hearth.runtime.nodes.transform;

import io.hearth.expression.Undefined;
import io.hearth.node.ParameterValues;
import io.hearth.node.description.DisplayOptions;
import io.hearth.node.description.Parameter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Small helpers the data nodes share for their descriptions and parameter values. */
final class Descriptions {

    private Descriptions() {}

    /**
     * Builds the parameters, each also shown only under {@code extraShow} (parameter name to
     * required value): how the Item Lists node shows one operation's parameters.
     */
    static List<Parameter> showing(Map<String, Object> extraShow, Parameter.Builder... builders) {
        List<Parameter> out = new ArrayList<>(builders.length);
        for (Parameter.Builder b : builders) {
            Parameter p = b.build();
            DisplayOptions d = p.displayOptions();
            for (Map.Entry<String, Object> e : extraShow.entrySet()) {
                d = e.getValue() instanceof List<?> values
                        ? d.andShow(e.getKey(), values.toArray())
                        : d.andShow(e.getKey(), e.getValue());
            }
            out.add(extraShow.isEmpty() ? p : withDisplayOptions(p, d));
        }
        return List.copyOf(out);
    }

    /** The parameter with other show/hide rules. */
    static Parameter withDisplayOptions(Parameter p, DisplayOptions d) {
        return new Parameter(
                p.name(),
                p.displayName(),
                p.type(),
                p.defaultValue(),
                p.required(),
                p.description(),
                p.placeholder(),
                p.hint(),
                d,
                p.noDataExpression(),
                p.unsupported());
    }

    /** The "Disable Dot Notation" option most data nodes have. */
    static Parameter.Builder disableDotNotation() {
        return Parameter.bool("disableDotNotation")
                .displayName("Disable Dot Notation")
                .description("Whether to disallow referencing child fields using `parent.child` in the field name");
    }

    /** A value as the text n8n's nodes would use: absent and null give "". */
    static String text(Object v) {
        if (v == null || v == Undefined.INSTANCE) {
            return "";
        }
        if (v instanceof Number || v instanceof Boolean) {
            return io.hearth.expression.ExpressionValues.toText(v);
        }
        return v.toString();
    }

    /** A "field names" parameter: a comma-separated string or a list of names (n8n accepts both). */
    static List<String> fieldList(ParameterValues p, String name) {
        Object v = p.get(name).orElse("");
        if (v instanceof List<?> l) {
            List<String> out = new ArrayList<>();
            for (Object o : l) {
                String s = text(o).strip();
                if (!s.isEmpty()) {
                    out.add(s);
                }
            }
            return out;
        }
        return FieldPath.list(text(v));
    }

    /** Item Lists before 3: field names as a fixed collection {@code {fields: [{fieldName}]}}. */
    static List<String> fieldCollection(ParameterValues p, String name) {
        List<String> out = new ArrayList<>();
        for (Map<String, Object> f : p.group(name, "fields")) {
            out.add(text(f.get("fieldName")));
        }
        return out;
    }
}
