package io.hearth.uischema;

import io.hearth.node.description.Condition;
import io.hearth.node.description.DisplayOptions;
import io.hearth.node.description.DynamicOptions;
import io.hearth.node.description.LocatorMode;
import io.hearth.node.description.Option;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The n8n wire format of description parts that the editor evaluates itself. */
final class Wire {

    private Wire() {}

    /** {@code {"show": {"resource": ["state"]}, "hide": {"@version": [{"_cnd": {"lt": 2}}]}}}. */
    static Map<String, Object> displayOptions(DisplayOptions options) {
        Map<String, Object> out = new LinkedHashMap<>();
        if (!options.show().isEmpty()) {
            out.put("show", rules(options.show()));
        }
        if (!options.hide().isEmpty()) {
            out.put("hide", rules(options.hide()));
        }
        return out;
    }

    private static Map<String, Object> rules(Map<String, List<Object>> rules) {
        Map<String, Object> out = new LinkedHashMap<>();
        rules.forEach((parameter, values) -> {
            List<Object> wire = new ArrayList<>();
            values.forEach(v -> wire.add(v instanceof Condition c ? condition(c) : JsonTrees.copy(v)));
            out.put(parameter, wire);
        });
        return out;
    }

    private static Map<String, Object> condition(Condition c) {
        // n8n writes {"_cnd": {"exists": true}}; an EXISTS condition built without an operand means the same
        Object operand =
                c.operand() == null && c.operator() == Condition.Operator.EXISTS ? true : JsonTrees.copy(c.operand());
        return JsonTrees.object("_cnd", JsonTrees.object(c.operator().wireName(), operand));
    }

    static Map<String, Object> dynamicOptions(DynamicOptions source) {
        return JsonTrees.object("method", source.method(), "dependsOn", new ArrayList<Object>(source.dependsOn()));
    }

    static List<Object> options(List<Option> options) {
        List<Object> out = new ArrayList<>();
        for (Option o : options) {
            Map<String, Object> wire = JsonTrees.object(
                    "name", o.name(), "value", JsonTrees.copy(o.value()), "description", o.description());
            o.unsupported().ifPresent(reason -> wire.put("unsupported", reason));
            out.add(wire);
        }
        return out;
    }

    static List<Object> optionValues(List<Option> options) {
        List<Object> out = new ArrayList<>();
        options.forEach(o -> out.add(JsonTrees.copy(o.value())));
        return out;
    }

    static List<Object> modes(List<LocatorMode> modes) {
        List<Object> out = new ArrayList<>();
        for (LocatorMode m : modes) {
            Map<String, Object> mode = JsonTrees.object("name", m.name(), "displayName", m.displayName());
            if (m.placeholder() != null && !m.placeholder().isEmpty()) {
                mode.put("placeholder", m.placeholder());
            }
            m.pattern().ifPresent(p -> mode.put("pattern", p));
            m.options().ifPresent(d -> mode.put("dynamicOptions", dynamicOptions(d)));
            out.add(mode);
        }
        return out;
    }

    /** n8n's filter operators, grouped by type in n8n's order, with their labels. */
    static List<Object> filterOperators() {
        List<Object> out = new java.util.ArrayList<>();
        for (io.hearth.node.description.FilterOperator o : io.hearth.node.description.FilterOperator.ALL) {
            Map<String, Object> m = JsonTrees.object(
                    "value", o.id(), "type", o.type(), "operation", o.operation(), "name", o.displayName());
            if (o.singleValue()) {
                m.put("singleValue", true);
            }
            o.rightType().ifPresent(r -> m.put("rightType", r));
            out.add(m);
        }
        return out;
    }
}
