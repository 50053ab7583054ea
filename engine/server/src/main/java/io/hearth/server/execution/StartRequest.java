package io.hearth.server.execution;

import io.hearth.node.ExecutionMode;
import io.hearth.node.Item;
import io.hearth.node.trigger.WebhookResponder;
import io.hearth.runtime.execution.PreparedWorkflow;
import java.util.List;
import java.util.Optional;

/**
 * What to start.
 *
 * @param workflowId        the saved workflow's id ("" for a draft that was never saved)
 * @param versionId         the version that runs, when saved
 * @param prepared          the prepared workflow
 * @param persistStartFirst write the execution row before running (durable before a webhook answers "received",
 *                          and visible while long executions run)
 * @param executionId       run under this id (a queued execution whose row already exists)
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
        Optional<String> executionId) {

    public StartRequest {
        startItems = List.copyOf(startItems);
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
                Optional.empty());
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
                executionId);
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
                executionId);
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
                Optional.of(id));
    }
}
