package io.hearth.runtime.execution;

import java.util.Map;
import java.util.Optional;

/**
 * Where a saved workflow's static data lives between executions (n8n's {@code staticData}: global keys
 * at the top level, each node's under {@code "node:<name>"}).
 */
public interface StaticDataStore {

    /** Nothing is kept: every execution starts from the workflow JSON's {@code staticData}. */
    StaticDataStore NONE = new StaticDataStore() {
        @Override
        public Optional<Map<String, Object>> load(String workflowId) {
            return Optional.empty();
        }

        @Override
        public void save(String workflowId, Map<String, Object> data) {}
    };

    /** The stored static data; empty when none was saved yet (the workflow JSON's applies). */
    Optional<Map<String, Object>> load(String workflowId);

    void save(String workflowId, Map<String, Object> data);
}
