package io.hearth.runtime.workflow;

import java.time.Duration;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Per-workflow settings (n8n's {@code settings}).
 *
 * @param timezone         zone for schedules and {@code $now}; empty means the server default
 * @param errorWorkflow    id of a workflow started when this one fails
 * @param saveData         which finished executions are kept
 * @param saveManualExecutions keep manual (editor) runs
 * @param executionTimeout whole-execution timeout (n8n's {@code executionTimeout} in seconds); empty means the
 *                         server's default, {@link Duration#ZERO} none (n8n's -1)
 * @param retryCrashed     re-run executions that were running when the server crashed
 * @param limits           the workflow's own execution limits (node runs, items, recorded data, concurrency)
 * @param extra            other settings of the imported JSON, kept for export
 */
public record WorkflowSettings(
        Optional<ZoneId> timezone,
        Optional<String> errorWorkflow,
        SaveDataPolicy saveData,
        boolean saveManualExecutions,
        Optional<Duration> executionTimeout,
        boolean retryCrashed,
        WorkflowLimits limits,
        Map<String, Object> extra) {

    public static final WorkflowSettings DEFAULTS = new WorkflowSettings(
            Optional.empty(),
            Optional.empty(),
            SaveDataPolicy.ALL,
            true,
            Optional.empty(),
            false,
            WorkflowLimits.NONE,
            Map.of());

    public WorkflowSettings {
        timezone = timezone == null ? Optional.empty() : timezone;
        errorWorkflow = errorWorkflow == null ? Optional.empty() : errorWorkflow;
        saveData = saveData == null ? SaveDataPolicy.ALL : saveData;
        executionTimeout = executionTimeout == null ? Optional.empty() : executionTimeout;
        limits = limits == null ? WorkflowLimits.NONE : limits;
        extra = extra == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(extra));
    }

    /**
     * n8n's {@code executionOrder}: "v1" runs branch after branch (depth first); n8n reads anything
     * else, and its absence (workflows made before n8n 1.0), as the legacy order "v0" (breadth first,
     * and a node waiting for several inputs first runs the branches feeding its other inputs).
     */
    public boolean legacyExecutionOrder() {
        return !"v1".equals(extra.get("executionOrder"));
    }

    /** These settings with {@code executionOrder} set to "v1" or "v0". */
    public WorkflowSettings withExecutionOrder(String order) {
        Map<String, Object> copy = new LinkedHashMap<>(extra);
        copy.put("executionOrder", order);
        return new WorkflowSettings(
                timezone, errorWorkflow, saveData, saveManualExecutions, executionTimeout, retryCrashed, limits, copy);
    }

    public WorkflowSettings withTimezone(ZoneId zone) {
        return new WorkflowSettings(
                Optional.of(zone),
                errorWorkflow,
                saveData,
                saveManualExecutions,
                executionTimeout,
                retryCrashed,
                limits,
                extra);
    }

    public WorkflowSettings withExecutionTimeout(Duration timeout) {
        return new WorkflowSettings(
                timezone,
                errorWorkflow,
                saveData,
                saveManualExecutions,
                Optional.of(timeout),
                retryCrashed,
                limits,
                extra);
    }

    public WorkflowSettings withSaveData(SaveDataPolicy policy) {
        return new WorkflowSettings(
                timezone, errorWorkflow, policy, saveManualExecutions, executionTimeout, retryCrashed, limits, extra);
    }

    public WorkflowSettings withLimits(WorkflowLimits value) {
        return new WorkflowSettings(
                timezone, errorWorkflow, saveData, saveManualExecutions, executionTimeout, retryCrashed, value, extra);
    }

    /** Which executions are saved. n8n expresses this as two settings; Hearth keeps one. */
    public enum SaveDataPolicy {
        ALL("all"),
        ERRORS_ONLY("errors"),
        NONE("none");

        private final String wireName;

        SaveDataPolicy(String wireName) {
            this.wireName = wireName;
        }

        public String wireName() {
            return wireName;
        }

        public static SaveDataPolicy fromWireName(String name) {
            for (SaveDataPolicy p : values()) {
                if (p.wireName.equals(name)) {
                    return p;
                }
            }
            throw new IllegalArgumentException("must be one of all, errors, none");
        }
    }
}
