package io.hearth.server.execution;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** JSON shapes of executions in API answers. */
public final class ExecutionViews {

    private ExecutionViews() {}

    public static Map<String, Object> summary(ExecutionRecord r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", r.id());
        m.put("workflowId", r.workflowId());
        m.put("workflowName", r.workflowName());
        m.put("workflowVersionId", r.workflowVersionId().orElse(null));
        m.put("status", r.status().wireName());
        m.put("mode", r.mode().wireName());
        m.put("startedAt", r.startedAt().toString());
        m.put("stoppedAt", r.stoppedAt().map(Object::toString).orElse(null));
        m.put("durationMs", r.durationMillis().orElse(null));
        m.put("retryOf", r.retryOf().orElse(null));
        if (r.errorMessage().isPresent()) {
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("message", r.errorMessage().get());
            e.put("node", r.errorNode().orElse(null));
            m.put("error", e);
        } else {
            m.put("error", null);
        }
        return m;
    }

    /** Summary plus the stored data (start, per-node runs), binary bytes replaced by URLs. */
    public static Map<String, Object> detail(ExecutionRecord r, Map<String, Object> storedData) {
        Map<String, Object> m = summary(r);
        Map<String, Object> data = apiView(r.id(), storedData);
        m.put("lastNodeExecuted", data.get("lastNodeExecuted"));
        if (data.get("error") != null) {
            m.put("error", data.get("error"));
        }
        // Past its data limit (executionDataOverflow: truncate) a record leaves items out; its runs say how many.
        m.put("truncated", Boolean.TRUE.equals(data.get("truncated")));
        m.put("start", data.get("start"));
        if (data.get("parentExecution") != null) {
            m.put("parentExecution", data.get("parentExecution"));
        }
        m.put("nodes", data.getOrDefault("nodes", Map.of()));
        return m;
    }

    /** Live per-node progress of a running execution: {"Node": {"runs", "items", "running", "failed"}}. */
    public static Map<String, Object> progress(Map<String, NodeProgress> progress) {
        Map<String, Object> m = new LinkedHashMap<>();
        progress.forEach((node, p) -> {
            Map<String, Object> v = new LinkedHashMap<>();
            v.put("runs", p.runs());
            v.put("items", p.items());
            v.put("running", p.running());
            v.put("failed", p.failed());
            m.put(node, v);
        });
        return m;
    }

    /**
     * The API view of stored data: binary bytes replaced by a download URL.
     */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> apiView(String executionId, Map<String, Object> stored) {
        Object nodes = stored.get("nodes");
        if (nodes instanceof Map<?, ?> nm) {
            nm.forEach((node, runs) -> {
                if (runs instanceof List<?> rl) {
                    for (Object run : rl) {
                        if (run instanceof Map<?, ?> rm) {
                            int runIndex = rm.get("runIndex") instanceof Number n ? n.intValue() : 0;
                            stripBinary(executionId, String.valueOf(node), runIndex, "input", rm.get("input"));
                            stripBinary(executionId, String.valueOf(node), runIndex, "output", rm.get("output"));
                        }
                    }
                }
            });
        }
        StoredExecutionData.fillReferences(stored);
        stored.remove(ExecutionCodec.CONTEXT);
        if (stored.get("start") instanceof Map<?, ?> s && s.get("items") instanceof List<?> items) {
            for (Object item : items) {
                if (item instanceof Map<?, ?> im && im.get("binary") instanceof Map<?, ?> bm) {
                    bm.values().forEach(b -> {
                        if (b instanceof Map<?, ?> bmap) {
                            ((Map<String, Object>) bmap).remove("data");
                        }
                    });
                }
            }
        }
        return stored;
    }

    @SuppressWarnings("unchecked")
    private static void stripBinary(String executionId, String node, int run, String side, Object lists) {
        if (!(lists instanceof List<?> ll)) {
            return;
        }
        for (int o = 0; o < ll.size(); o++) {
            if (!(ll.get(o) instanceof List<?> items)) {
                continue;
            }
            for (int i = 0; i < items.size(); i++) {
                if (items.get(i) instanceof Map<?, ?> im && im.get("binary") instanceof Map<?, ?> bm) {
                    for (Map.Entry<?, ?> e : bm.entrySet()) {
                        if (e.getValue() instanceof Map<?, ?> b) {
                            Map<String, Object> bmap = (Map<String, Object>) b;
                            bmap.remove("data");
                            bmap.put(
                                    "url",
                                    "/api/v1/executions/" + executionId + "/binary/" + encode(node) + "/" + run + "/"
                                            + side + "/" + o + "/" + i + "/" + encode(String.valueOf(e.getKey())));
                        }
                    }
                }
            }
        }
    }

    private static String encode(String s) {
        return java.net.URLEncoder.encode(s, java.nio.charset.StandardCharsets.UTF_8)
                .replace("+", "%20");
    }
}
