package io.hearth.runtime.workflow;

import io.hearth.common.Json;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads and writes workflows in n8n's export format:
 * <pre>{ "name", "nodes": [{id, name, type, typeVersion, position, parameters, credentials, ...}],
 *   "connections": {"Source": {"main": [[{"node", "type", "index"}]]}}, "settings", "pinData", ... }</pre>
 * Fields Hearth does not interpret are kept and written back, so import followed by export returns
 * the same document. Problems are reported all at once with the path of each field. Each part of the document is
 * read and written in one place: {@link WorkflowNodeJson}, {@link ConnectionsJson}, {@link WorkflowSettingsJson}.
 */
public final class WorkflowJson {

    private static final JsonMapper MAPPER = Json.mapper();

    private static final Set<String> WORKFLOW_FIELDS =
            Set.of("id", "name", "active", "nodes", "connections", "settings", "staticData", "pinData");
    /** The name n8n gives a workflow that has none. */
    public static final String DEFAULT_NAME = "My workflow";

    private WorkflowJson() {}

    /** Parses JSON text. */
    public static Workflow parse(String json) {
        Object tree;
        try {
            tree = MAPPER.readValue(json, Object.class);
        } catch (JacksonException e) {
            throw new InvalidWorkflowException(
                    List.of(new FieldProblem("$", "malformed JSON: " + e.getOriginalMessage())));
        }
        return fromTree(tree);
    }

    public static String toJsonText(Workflow workflow) {
        return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(toTree(workflow));
    }

    /** Reads a JSON-like tree (as parsed by any JSON library into maps and lists). */
    @SuppressWarnings("unchecked")
    public static Workflow fromTree(Object tree) {
        List<FieldProblem> problems = new ArrayList<>();
        if (!(tree instanceof Map<?, ?> rootMap)) {
            throw new InvalidWorkflowException(List.of(new FieldProblem("$", "must be a JSON object")));
        }
        Map<String, Object> root = (Map<String, Object>) rootMap;
        Optional<String> id = optionalString(root, "id", "id", problems);
        // n8n names a workflow that comes without one (its editor's default)
        String name = optionalString(root, "name", "name", problems)
                .filter(n -> !n.isBlank())
                .orElse(DEFAULT_NAME);
        boolean active = bool(root, "active", "active", false, problems);

        List<WorkflowNode> nodes = new ArrayList<>();
        Object rawNodes = root.get("nodes");
        if (rawNodes == null) {
            problems.add(new FieldProblem("nodes", "required"));
        } else if (!(rawNodes instanceof List<?> list)) {
            problems.add(new FieldProblem("nodes", "must be an array"));
        } else {
            Set<String> names = new HashSet<>();
            for (int i = 0; i < list.size(); i++) {
                String path = "nodes[" + i + "]";
                if (!(list.get(i) instanceof Map<?, ?> nodeMap)) {
                    problems.add(new FieldProblem(path, "must be an object"));
                    continue;
                }
                WorkflowNode node = WorkflowNodeJson.readNode((Map<String, Object>) nodeMap, path, problems);
                if (node != null) {
                    if (!names.add(node.name())) {
                        problems.add(new FieldProblem(path + ".name", "duplicate node name '" + node.name() + "'"));
                    }
                    nodes.add(node);
                }
            }
        }
        Set<String> nodeNames = new HashSet<>();
        nodes.forEach(n -> nodeNames.add(n.name()));
        Connections connections = ConnectionsJson.readConnections(root.get("connections"), nodeNames, problems);
        WorkflowSettings settings = WorkflowSettingsJson.readSettings(root.get("settings"), problems);
        Map<String, Object> staticData = optionalMap(root, "staticData", problems);
        Map<String, Object> pinData = optionalMap(root, "pinData", problems);
        pinData.forEach((node, pinned) -> {
            try {
                PinData.items(pinned);
            } catch (IllegalArgumentException e) {
                problems.add(new FieldProblem("pinData." + node, e.getMessage()));
            }
        });
        Map<String, Object> extra = new LinkedHashMap<>();
        root.forEach((k, v) -> {
            boolean emptyData = (k.equals("staticData") || k.equals("pinData"))
                    && (v == null || (v instanceof Map<?, ?> m && m.isEmpty()));
            boolean writtenDefault = (k.equals("active") && Boolean.FALSE.equals(v))
                    || (k.equals("settings")
                            && v instanceof Map<?, ?>
                            && WorkflowSettingsJson.settingsTree(settings).isEmpty());
            if (!WORKFLOW_FIELDS.contains(k) || emptyData || writtenDefault) {
                // unknown fields, and n8n's empty "pinData": {} / "staticData": null, go back out as they came
                extra.put(k, v);
            }
        });
        if (!problems.isEmpty()) {
            throw new InvalidWorkflowException(problems);
        }
        return new Workflow(id, name, active, nodes, connections, settings, staticData, pinData, extra);
    }

    /** The n8n-format tree of a workflow; defaults are left out, as n8n does. */
    public static Map<String, Object> toTree(Workflow w) {
        Map<String, Object> root = new LinkedHashMap<>();
        w.id().ifPresent(id -> root.put("id", id));
        root.put("name", w.name());
        List<Object> nodes = new ArrayList<>();
        for (WorkflowNode n : w.nodes()) {
            nodes.add(WorkflowNodeJson.nodeTree(n));
        }
        root.put("nodes", nodes);
        root.put("connections", ConnectionsJson.connectionsTree(w.connections()));
        if (w.active()) {
            root.put("active", true);
        }
        Map<String, Object> settings = WorkflowSettingsJson.settingsTree(w.settings());
        if (!settings.isEmpty()) {
            root.put("settings", settings);
        }
        if (!w.staticData().isEmpty()) {
            root.put("staticData", w.staticData());
        }
        if (!w.pinData().isEmpty()) {
            root.put("pinData", w.pinData());
        }
        // unknown fields, and known ones the document wrote at their default value, go back as they came
        w.extra().forEach(root::putIfAbsent);
        return root;
    }

    static Object number(double d) {
        return d == Math.rint(d) && Math.abs(d) < 1e15 ? (Object) (long) d : (Object) d;
    }

    static String requiredString(Map<String, Object> m, String key, String path, List<FieldProblem> problems) {
        Object v = m.get(key);
        if (v instanceof String s && !s.isBlank()) {
            return s;
        }
        problems.add(new FieldProblem(path, v == null || "".equals(v) ? "required" : "must be a string"));
        return "";
    }

    static Optional<String> optionalString(
            Map<String, Object> m, String key, String path, List<FieldProblem> problems) {
        Object v = m.get(key);
        if (v == null) {
            return Optional.empty();
        }
        if (v instanceof String s) {
            return Optional.of(s);
        }
        if (v instanceof Number n && key.equals("id")) {
            return Optional.of(String.valueOf(n));
        }
        problems.add(new FieldProblem(path, "must be a string"));
        return Optional.empty();
    }

    static boolean bool(Map<String, Object> m, String key, String path, boolean dflt, List<FieldProblem> problems) {
        Object v = m.get(key);
        if (v == null) {
            return dflt;
        }
        if (v instanceof Boolean b) {
            return b;
        }
        problems.add(new FieldProblem(path, "must be true or false"));
        return dflt;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> optionalMap(Map<String, Object> m, String key, List<FieldProblem> problems) {
        Object v = m.get(key);
        if (v == null) {
            return Map.of();
        }
        if (v instanceof Map<?, ?> map) {
            return (Map<String, Object>) map;
        }
        problems.add(new FieldProblem(key, "must be an object"));
        return Map.of();
    }
}
