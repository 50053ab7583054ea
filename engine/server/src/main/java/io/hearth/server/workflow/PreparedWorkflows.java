package io.hearth.server.workflow;

import io.hearth.runtime.execution.PreparedWorkflow;
import io.hearth.runtime.execution.WorkflowExecutor;
import io.hearth.runtime.workflow.Workflow;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.springframework.stereotype.Component;

/**
 * Prepared workflows by version id, so triggers and webhooks of a saved version reuse its resolved
 * node types and compiled expressions.
 */
@Component
public class PreparedWorkflows {

    private static final int MAX = 1000;

    private final WorkflowExecutor executor;
    private final Map<String, PreparedWorkflow> byVersion = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, PreparedWorkflow> eldest) {
            return size() > MAX;
        }
    };

    public PreparedWorkflows(WorkflowExecutor executor) {
        this.executor = executor;
    }

    public PreparedWorkflow get(StoredWorkflow stored) {
        synchronized (byVersion) {
            PreparedWorkflow p = byVersion.get(stored.versionId());
            if (p != null) {
                return p;
            }
        }
        PreparedWorkflow p = executor.prepare(stored.workflow());
        synchronized (byVersion) {
            byVersion.put(stored.versionId(), p);
        }
        return p;
    }

    /**
     * A saved version, prepared once: from the cache, else from {@code load} (versions never change, so a worker
     * running many executions of one version reads and prepares it once).
     */
    public Optional<PreparedWorkflow> version(String versionId, Supplier<Optional<Workflow>> load) {
        synchronized (byVersion) {
            PreparedWorkflow p = byVersion.get(versionId);
            if (p != null) {
                return Optional.of(p);
            }
        }
        Optional<PreparedWorkflow> p = load.get().map(executor::prepare);
        p.ifPresent(prepared -> {
            synchronized (byVersion) {
                byVersion.put(versionId, prepared);
            }
        });
        return p;
    }

    /** A draft (unsaved) workflow, prepared for one run. */
    public PreparedWorkflow draft(Workflow workflow) {
        return executor.prepare(workflow);
    }
}
