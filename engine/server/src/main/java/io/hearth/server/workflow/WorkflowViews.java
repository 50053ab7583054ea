package io.hearth.server.workflow;

import io.hearth.runtime.workflow.WorkflowJson;
import java.util.LinkedHashMap;
import java.util.Map;

/** JSON shapes of workflows in API answers. */
public final class WorkflowViews {

    private WorkflowViews() {}

    /** n8n-format document plus id, active, versionId and timestamps. */
    public static Map<String, Object> full(StoredWorkflow w) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", w.id());
        m.putAll(WorkflowJson.toTree(w.workflow()));
        m.putIfAbsent("settings", new LinkedHashMap<>());
        m.put("id", w.id());
        m.put("active", w.active());
        m.put("versionId", w.versionId());
        m.put("createdAt", w.createdAt().toString());
        m.put("updatedAt", w.updatedAt().toString());
        return m;
    }

    public static Map<String, Object> summary(WorkflowRepository.Summary s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", s.id());
        m.put("name", s.name());
        m.put("active", s.active());
        m.put("versionId", s.versionId());
        m.put("nodeCount", s.nodeCount());
        m.put("createdAt", s.createdAt().toString());
        m.put("updatedAt", s.updatedAt().toString());
        return m;
    }
}
