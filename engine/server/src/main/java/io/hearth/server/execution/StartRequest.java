package io.hearth.server.execution;

import io.hearth.common.SecretRedactor;
import io.hearth.node.ExecutionMode;
import io.hearth.node.Item;
import io.hearth.node.trigger.WebhookResponder;
import io.hearth.runtime.execution.PreparedWorkflow;
import io.hearth.runtime.execution.RedactedRun;
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
        io.hearth.runtime.execution.ReusedRuns reused) {

    public StartRequest {
        startItems = List.copyOf(startItems);
        secrets = secrets == null ? Set.of() : Set.copyOf(secrets);
        parent = parent == null ? Optional.empty() : parent;
        reused = reused == null ? io.hearth.runtime.execution.ReusedRuns.NONE : reused;
    }

    /**
     * The execution that started a sub-workflow.
     *
     * @param childServices      what the child runs with (one sub-workflow level deeper)
     * @param storedCredentials  whether the child's nodes may use stored credentials (a saved workflow's own
     *                           references); a workflow given as JSON gets none
     */
    public record ParentExecution(
            String executionId,
            String workflowId,
            io.hearth.runtime.execution.ExecutionServices childServices,
            boolean storedCredentials) {}

    /** A request that is not a sub-workflow's. */
    public StartRequest(
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
            Set<String> secrets) {
        this(
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
                Optional.empty(),
                io.hearth.runtime.execution.ReusedRuns.NONE);
    }

    public static StartRequest of(
            String workflowId,
            Optional<String> versionId,
            PreparedWorkflow prepared,
            ExecutionMode mode,
            Optional<String> startNode,
            List<Item> startItems) {
        return new StartRequest(
                workflowId,
                versionId,
                prepared,
                mode,
                startNode,
                startItems,
                Optional.empty(),
                Optional.empty(),
                mode != ExecutionMode.WEBHOOK,
                Optional.empty(),
                Set.of());
    }

    public StartRequest withResponder(WebhookResponder responder, boolean persistStartFirst) {
        return new StartRequest(
                workflowId,
                versionId,
                prepared,
                mode,
                startNode,
                startItems,
                Optional.of(responder),
                retryOf,
                persistStartFirst,
                executionId,
                secrets,
                parent,
                reused);
    }

    public StartRequest withRetryOf(String original) {
        return new StartRequest(
                workflowId,
                versionId,
                prepared,
                ExecutionMode.RETRY,
                startNode,
                startItems,
                responder,
                Optional.of(original),
                true,
                executionId,
                secrets,
                parent,
                reused);
    }

    public StartRequest withExecutionId(String id) {
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
                Optional.of(id),
                secrets,
                parent,
                reused);
    }

    public StartRequest withSecrets(Set<String> values) {
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
                values,
                parent,
                reused);
    }

    /** The start items as they may be stored: with {@link #secrets} masked. */
    public List<Item> recordableStartItems() {
        return RedactedRun.items(startItems, SecretRedactor.of(secrets));
    }

    public StartRequest withParent(ParentExecution value) {
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
                Optional.of(value),
                reused);
    }

    /** A retry from the failed node: the retried execution's runs that are not run again. */
    public StartRequest withReused(io.hearth.runtime.execution.ReusedRuns value) {
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
                value);
    }
}
