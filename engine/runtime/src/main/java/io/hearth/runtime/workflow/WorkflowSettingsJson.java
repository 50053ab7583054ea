package io.hearth.runtime.workflow;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** A workflow's {@code settings} in n8n's export format, read (with its limits checked) and written. */
final class WorkflowSettingsJson {

    private WorkflowSettingsJson() {}

    private static final Set<String> SETTINGS_FIELDS = Set.of(
            "timezone",
            "errorWorkflow",
            "saveData",
            "saveManualExecutions",
            "executionTimeout",
            "retryCrashed",
            "maxNodeRuns",
            "maxItemsPerOutput",
            "maxExecutionDataMb",
            "executionDataOverflow",
            "maxConcurrency");

    static WorkflowSettings readSettings(Object raw, List<FieldProblem> problems) {
        if (raw == null) {
            return WorkflowSettings.DEFAULTS;
        }
        if (!(raw instanceof Map<?, ?> m)) {
            problems.add(new FieldProblem("settings", "must be an object"));
            return WorkflowSettings.DEFAULTS;
        }
        Optional<ZoneId> zone = Optional.empty();
        if (m.get("timezone") instanceof String tz && !tz.isBlank() && !tz.equals("DEFAULT")) {
            try {
                zone = Optional.of(ZoneId.of(tz));
            } catch (DateTimeException e) {
                problems.add(new FieldProblem("settings.timezone", "unknown time zone '" + tz + "'"));
            }
        }
        Optional<String> errorWorkflow =
                m.get("errorWorkflow") instanceof String s && !s.isBlank() ? Optional.of(s) : Optional.empty();
        WorkflowSettings.SaveDataPolicy save = WorkflowSettings.SaveDataPolicy.ALL;
        if (m.get("saveData") instanceof String s) {
            try {
                save = WorkflowSettings.SaveDataPolicy.fromWireName(s);
            } catch (IllegalArgumentException e) {
                problems.add(new FieldProblem("settings.saveData", e.getMessage()));
            }
        } else {
            boolean success = !"none".equals(m.get("saveDataSuccessExecution"));
            boolean error = !"none".equals(m.get("saveDataErrorExecution"));
            save = success
                    ? WorkflowSettings.SaveDataPolicy.ALL
                    : error ? WorkflowSettings.SaveDataPolicy.ERRORS_ONLY : WorkflowSettings.SaveDataPolicy.NONE;
        }
        boolean saveManual = !(m.get("saveManualExecutions") instanceof Boolean b) || b;
        Optional<Duration> timeout = Optional.empty();
        Object t = m.get("executionTimeout");
        if (t instanceof Number n) {
            // n8n: a positive number of seconds; -1 (or 0) switches the timeout off for this workflow.
            timeout = Optional.of(n.longValue() > 0 ? Duration.ofSeconds(n.longValue()) : Duration.ZERO);
        } else if (t != null) {
            problems.add(new FieldProblem("settings.executionTimeout", "must be a number of seconds (-1 for none)"));
        }
        boolean retryCrashed = Boolean.TRUE.equals(m.get("retryCrashed"));
        Object order = m.get("executionOrder");
        if (order != null && !"v0".equals(order) && !"v1".equals(order)) {
            problems.add(new FieldProblem("settings.executionOrder", "must be 'v1' or 'v0' (n8n's legacy order)"));
        }
        Map<String, Object> extra = new LinkedHashMap<>();
        m.forEach((k, v) -> {
            if (!SETTINGS_FIELDS.contains(String.valueOf(k))) {
                extra.put(String.valueOf(k), v);
            }
        });
        if (m.containsKey("timezone") && zone.isEmpty()) {
            extra.put("timezone", m.get("timezone"));
        }
        if (m.containsKey("executionTimeout") && timeout.isEmpty()) {
            extra.put("executionTimeout", m.get("executionTimeout"));
        }
        WorkflowLimits limits = new WorkflowLimits(
                positiveInt(m, "maxNodeRuns", problems),
                positiveInt(m, "maxItemsPerOutput", problems),
                positiveInt(m, "maxExecutionDataMb", problems),
                dataOverflow(m.get("executionDataOverflow"), problems),
                positiveInt(m, "maxConcurrency", problems));
        return new WorkflowSettings(zone, errorWorkflow, save, saveManual, timeout, retryCrashed, limits, extra);
    }

    static Optional<Integer> positiveInt(Map<?, ?> settings, String key, List<FieldProblem> problems) {
        Object v = settings.get(key);
        if (v == null) {
            return Optional.empty();
        }
        if (v instanceof Number n
                && n.doubleValue() == Math.rint(n.doubleValue())
                && n.doubleValue() >= 1
                && n.doubleValue() <= Integer.MAX_VALUE) {
            return Optional.of(n.intValue());
        }
        problems.add(new FieldProblem("settings." + key, "must be a whole number of at least 1"));
        return Optional.empty();
    }

    static Optional<WorkflowLimits.DataOverflow> dataOverflow(Object v, List<FieldProblem> problems) {
        if (v == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(WorkflowLimits.DataOverflow.fromWireName(String.valueOf(v)));
        } catch (IllegalArgumentException e) {
            problems.add(new FieldProblem("settings.executionDataOverflow", e.getMessage()));
            return Optional.empty();
        }
    }

    static Map<String, Object> settingsTree(WorkflowSettings s) {
        Map<String, Object> m = new LinkedHashMap<>(s.extra());
        s.timezone().ifPresent(z -> m.put("timezone", z.getId()));
        s.errorWorkflow().ifPresent(e -> m.put("errorWorkflow", e));
        boolean n8nKeys = m.containsKey("saveDataSuccessExecution") || m.containsKey("saveDataErrorExecution");
        if (n8nKeys || s.saveData() != WorkflowSettings.SaveDataPolicy.ALL) {
            m.put("saveDataSuccessExecution", s.saveData() == WorkflowSettings.SaveDataPolicy.ALL ? "all" : "none");
            m.put("saveDataErrorExecution", s.saveData() == WorkflowSettings.SaveDataPolicy.NONE ? "none" : "all");
        }
        if (!s.saveManualExecutions()) {
            m.put("saveManualExecutions", false);
        }
        s.executionTimeout().ifPresent(t -> m.put("executionTimeout", t.isZero() ? -1 : t.toSeconds()));
        WorkflowLimits limits = s.limits();
        limits.maxNodeRuns().ifPresent(v -> m.put("maxNodeRuns", v));
        limits.maxItemsPerOutput().ifPresent(v -> m.put("maxItemsPerOutput", v));
        limits.maxExecutionDataMb().ifPresent(v -> m.put("maxExecutionDataMb", v));
        limits.executionDataOverflow().ifPresent(v -> m.put("executionDataOverflow", v.wireName()));
        limits.maxConcurrency().ifPresent(v -> m.put("maxConcurrency", v));
        if (s.retryCrashed()) {
            m.put("retryCrashed", true);
        }
        return m;
    }
}
