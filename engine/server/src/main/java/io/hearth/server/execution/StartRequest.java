package io.hearth.server.execution;

import io.hearth.common.SecretRedactor;
import io.hearth.node.ExecutionMode;
import io.hearth.node.Item;
import io.hearth.node.trigger.WebhookResponder;
import io.hearth.runtime.execution.ExecutionServices;
import io.hearth.runtime.execution.PreparedWorkflow;
import io.hearth.runtime.execution.RedactedRun;
import io.hearth.runtime.execution.ReusedRuns;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What to start.
 *
 * @param workflowId        the saved workflow's id ("" for a draft that was never saved)
 * @param versionId         the version that runs, when saved
 * @param prepared          the prepared workflow
 * @param persistStartFirst write the execution row before running (durable before a webhook answers "received",
 *                          and visible while long executions run)
 * @param executionId       run under this id (a queued execution whose row already exists)
 * @param secrets           values of the request that started it (a webhook's Authorization, Cookie or auth
 *                          header) masked in everything recorded or logged; the run itself sees them unmasked
 * @param parent            present for a sub-workflow: the execution whose Execute Workflow node started it
 * @param reused            a retry from the failed node: the runs of the retried execution that are not run again
 */
public record StartRequest(
        String workflowId,
        Optional<String> versionId,
        PreparedWorkflow prepared,
        ExecutionMode mode,
        Optional<String> startNode,
        List<Item> startItems,
        Optional<WebhookResponder> responder,
        Optional<String> retryOf,
        boolean persistStartFirst,
        Optional<String> executionId,
        Set<String> secrets,
        Optional<ParentExecution> parent,
        ReusedRuns reused) {

    public StartRequest {
        startItems = List.copyOf(startItems);
        secrets = secrets == null ? Set.of() : Set.copyOf(secrets);
        parent = parent == null ? Optional.empty() : parent;
        reused = reused == null ? ReusedRuns.NONE : reused;
    }

    /**
     * The execution that started a sub-workflow.
     *
     * @param childServices      what the child runs with (one sub-workflow level deeper)
     * @param storedCredentials  whether the child's nodes may use stored credentials (a saved workflow's own
     *                           references); a workflow given as JSON gets none
     */
    public record ParentExecution(
            String executionId, String workflowId, ExecutionServices childServices, boolean storedCredentials) {}

    /**
     * A request to run {@code prepared}; everything else starts empty or none, and the start row is written first
     * unless a webhook starts it.
     */
    public static Builder builder(
            String workflowId, Optional<String> versionId, PreparedWorkflow prepared, ExecutionMode mode) {
        return new Builder(workflowId, versionId, prepared, mode);
    }

    public static StartRequest of(
            String workflowId,
            Optional<String> versionId,
            PreparedWorkflow prepared,
            ExecutionMode mode,
            Optional<String> startNode,
            List<Item> startItems) {
        return builder(workflowId, versionId, prepared, mode)
                .start(startNode, startItems)
                .build();
    }

    /** A builder holding this request's values, to change some of them. */
    public Builder toBuilder() {
        return new Builder(workflowId, versionId, prepared, mode)
                .start(startNode, startItems)
                .responder(responder)
                .retryOf(retryOf)
                .persistStartFirst(persistStartFirst)
                .executionId(executionId)
                .secrets(secrets)
                .parent(parent)
                .reused(reused);
    }

    public StartRequest withResponder(WebhookResponder value, boolean persistFirst) {
        return toBuilder()
                .responder(Optional.of(value))
                .persistStartFirst(persistFirst)
                .build();
    }

    public StartRequest withRetryOf(String original) {
        return toBuilder()
                .mode(ExecutionMode.RETRY)
                .retryOf(Optional.of(original))
                .persistStartFirst(true)
                .build();
    }

    public StartRequest withExecutionId(String id) {
        return toBuilder().executionId(Optional.of(id)).build();
    }

    public StartRequest withSecrets(Set<String> values) {
        return toBuilder().secrets(values).build();
    }

    /** The start items as they may be stored: with {@link #secrets} masked. */
    public List<Item> recordableStartItems() {
        return RedactedRun.items(startItems, SecretRedactor.of(secrets));
    }

    public StartRequest withParent(ParentExecution value) {
        return toBuilder().parent(Optional.of(value)).build();
    }

    /** A retry from the failed node: the retried execution's runs that are not run again. */
    public StartRequest withReused(ReusedRuns value) {
        return toBuilder().reused(value).build();
    }

    /** Assembles a {@link StartRequest}; see the record's components for what each value means. */
    public static final class Builder {
        private final String workflowId;
        private final Optional<String> versionId;
        private final PreparedWorkflow prepared;
        private ExecutionMode mode;
        private Optional<String> startNode = Optional.empty();
        private List<Item> startItems = List.of();
        private Optional<WebhookResponder> responder = Optional.empty();
        private Optional<String> retryOf = Optional.empty();
        private boolean persistStartFirst;
        private Optional<String> executionId = Optional.empty();
        private Set<String> secrets = Set.of();
        private Optional<ParentExecution> parent = Optional.empty();
        private ReusedRuns reused = ReusedRuns.NONE;

        private Builder(String workflowId, Optional<String> versionId, PreparedWorkflow prepared, ExecutionMode mode) {
            this.workflowId = workflowId;
            this.versionId = versionId;
            this.prepared = prepared;
            this.mode = mode;
            this.persistStartFirst = mode != ExecutionMode.WEBHOOK;
        }

        public Builder mode(ExecutionMode value) {
            mode = value;
            return this;
        }

        /** Where the run starts (empty: the workflow's trigger) and the items it starts with. */
        public Builder start(Optional<String> node, List<Item> items) {
            startNode = node;
            startItems = items;
            return this;
        }

        public Builder responder(Optional<WebhookResponder> value) {
            responder = value;
            return this;
        }

        public Builder retryOf(Optional<String> value) {
            retryOf = value;
            return this;
        }

        public Builder persistStartFirst(boolean value) {
            persistStartFirst = value;
            return this;
        }

        public Builder executionId(Optional<String> value) {
            executionId = value;
            return this;
        }

        public Builder secrets(Set<String> value) {
            secrets = value;
            return this;
        }

        public Builder parent(Optional<ParentExecution> value) {
            parent = value;
            return this;
        }

        public Builder reused(ReusedRuns value) {
            reused = value;
            return this;
        }

        public StartRequest build() {
            return new StartRequest(
                    workflowId,
                    versionId,
                    prepared,
                    mode,
                    startNode,
                    startItems,
                    responder,
                    retryOf,
                    persistStartFirst,
                    executionId,
                    secrets,
                    parent,
                    reused);
        }
    }
}
