package io.hearth.runtime.execution;

import io.hearth.node.ParameterValues;
import io.hearth.node.description.DynamicOutputs;
import io.hearth.node.description.NodeDescription;
import io.hearth.node.description.Port;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** The output ports of a node given its parameters (static, or derived for nodes like Switch). */
public final class OutputPorts {

    private OutputPorts() {}

    public static int count(NodeDescription d, ParameterValues parameters) {
        return ports(d, parameters).size();
    }

    public static List<Port> ports(NodeDescription d, ParameterValues parameters) {
        if (d.dynamicOutputs().isEmpty()) {
            return d.outputs();
        }
        DynamicOutputs dyn = d.dynamicOutputs().get();
        List<Port> ports = new ArrayList<>();
        for (String countParameter : dyn.countParameters()) {
            if (parameters.get(countParameter).orElse(null) instanceof Number n && n.intValue() >= 0) {
                for (int i = 0; i < Math.min(n.intValue(), 100); i++) {
                    ports.add(new Port(String.valueOf(i)));
                }
                return ports;
            }
        }
        if (dyn.groupPath().isEmpty()) {
            ports.addAll(d.outputs()); // the declared outputs, plus the extra one
        }
        int dot = dyn.groupPath().lastIndexOf('.');
        List<Map<String, Object>> entries = dot < 0
                ? List.of()
                : parameters.group(
                        dyn.groupPath().substring(0, dot), dyn.groupPath().substring(dot + 1));
        for (int i = 0; i < entries.size(); i++) {
            Object label = entries.get(i).get(dyn.labelField());
            ports.add(new Port(label == null || label.toString().isBlank() ? String.valueOf(i) : label.toString()));
        }
        if (dyn.extraWhenParameter().isPresent()) {
            Object actual = parameters.get(dyn.extraWhenParameter().get()).orElse(null);
            if (Objects.equals(
                    String.valueOf(actual), String.valueOf(dyn.extraWhenValue().orElse(null)))) {
                ports.add(new Port(dyn.extraOutputName()));
            }
        }
        return ports.isEmpty() ? d.outputs() : ports;
    }
}
