package io.hearth.runtime.workflow;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A workflow: named nodes, the connections between their outputs and inputs, and settings.
 *
 * @param id          empty until saved
 * @param name        shown in lists
 * @param active      whether its triggers are live
 * @param nodes       the nodes, in editor order
 * @param connections output-to-input wiring, keyed by source node name
 * @param settings    time zone, error workflow, what to save, timeout, retry policy
 * @param staticData  n8n's workflow static data (kept, not interpreted)
 * @param pinData     n8n's pinned data per node (kept; used by manual runs)
 * @param extra       other top-level fields of the imported JSON (meta, tags, versionId...), kept for export
 */
public record Workflow(
        Optional<String> id,
        String name,
        boolean active,
        List<WorkflowNode> nodes,
        Connections connections,
        WorkflowSettings settings,
        Map<String, Object> staticData,
        Map<String, Object> pinData,
        Map<String, Object> extra) {

    public Workflow {
        id = id == null ? Optional.empty() : id;
        name = name == null ? "" : name;
        nodes = List.copyOf(nodes);
        connections = connections == null ? Connections.EMPTY : connections;
        settings = settings == null ? WorkflowSettings.DEFAULTS : settings;
        staticData =
                staticData == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(staticData));
        pinData = pinData == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(pinData));
        extra = extra == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(extra));
    }

    public Optional<WorkflowNode> node(String nodeName) {
        for (WorkflowNode n : nodes) {
            if (n.name().equals(nodeName)) {
                return Optional.of(n);
            }
        }
        return Optional.empty();
    }

    public Workflow withId(String newId) {
        return new Workflow(Optional.of(newId), name, active, nodes, connections, settings, staticData, pinData, extra);
    }

    public Workflow withActive(boolean newActive) {
        return new Workflow(id, name, newActive, nodes, connections, settings, staticData, pinData, extra);
    }

    public Workflow withName(String newName) {
        return new Workflow(id, newName, active, nodes, connections, settings, staticData, pinData, extra);
    }

    /** A copy with these pinned items per node (n8n's {@code pinData}; an empty map unpins everything). */
    public Workflow withPinData(Map<String, Object> newPinData) {
        return new Workflow(id, name, active, nodes, connections, settings, staticData, newPinData, extra);
    }

    public Workflow withNodes(List<WorkflowNode> newNodes) {
        return new Workflow(id, name, active, newNodes, connections, settings, staticData, pinData, extra);
    }
}
