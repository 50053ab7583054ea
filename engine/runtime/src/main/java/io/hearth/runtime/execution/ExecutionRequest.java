package io.hearth.runtime.execution;

import io.hearth.node.ExecutionMode;
import io.hearth.node.Item;
import io.hearth.node.trigger.WebhookResponder;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What to run.
 *
 * @param workflow    the workflow (as saved: the version that runs), prepared once per version
 * @param executionId the id under which the execution is recorded
 * @param mode        manual, trigger, webhook, schedule or retry
 * @param startNode   the node to start from; empty picks the workflow's trigger
 * @param startItems  a trigger start node outputs these; an action start node receives them as input
 * @param responder   present for webhook executions whose answer a node may shape
 * @param variables   {@code $vars}
 * @param environment {@code $env}; empty when access to environment variables is disabled
 * @param credentials where node credentials come from
 * @param listener    observer of node runs
 * @param secrets     values masked in everything recorded or logged for this execution besides the secrets of the
 *                    credentials its nodes use (e.g. a webhook request's Authorization header)
 * @param services    what the server offers nodes beyond the run itself (values seen in earlier executions,
 *                    sub-workflows); {@link ExecutionServices#NONE} outside the server
 * @param reused      a retry from the failed node: the runs of the retried execution that are not run again
 */
public record ExecutionRequest(
        PreparedWorkflow workflow,
        String executionId,
        ExecutionMode mode,
        Optional<String> startNode,
        List<Item> startItems,
        Optional<WebhookResponder> responder,
        Map<String, Object> variables,
        Optional<Map<String, String>> environment,
        CredentialProvider credentials,
        ExecutionListener listener,
        Set<String> secrets,
        ExecutionServices services,
        ReusedRuns reused) {

    public ExecutionRequest {
        startItems = List.copyOf(startItems);
        variables = Map.copyOf(variables);
        secrets = secrets == null ? Set.of() : Set.copyOf(secrets);
        services = services == null ? ExecutionServices.NONE : services;
        reused = reused == null ? ReusedRuns.NONE : reused;
    }

    /** A request that runs every node (not a retry from the failed node). */
    public ExecutionRequest(
            PreparedWorkflow workflow,
            String executionId,
            ExecutionMode mode,
            Optional<String> startNode,
            List<Item> startItems,
            Optional<WebhookResponder> responder,
            Map<String, Object> variables,
            Optional<Map<String, String>> environment,
            CredentialProvider credentials,
            ExecutionListener listener,
            Set<String> secrets,
            ExecutionServices services) {
        this(
                workflow,
                executionId,
                mode,
                startNode,
                startItems,
                responder,
                variables,
                environment,
                credentials,
                listener,
                secrets,
                services,
                ReusedRuns.NONE);
    }

    /** A request without server services. */
    public ExecutionRequest(
            PreparedWorkflow workflow,
            String executionId,
            ExecutionMode mode,
            Optional<String> startNode,
            List<Item> startItems,
            Optional<WebhookResponder> responder,
            Map<String, Object> variables,
            Optional<Map<String, String>> environment,
            CredentialProvider credentials,
            ExecutionListener listener,
            Set<String> secrets) {
        this(
                workflow,
                executionId,
                mode,
                startNode,
                startItems,
                responder,
                variables,
                environment,
                credentials,
                listener,
                secrets,
                ExecutionServices.NONE);
    }

    public static ExecutionRequest manual(PreparedWorkflow workflow, String executionId, List<Item> startItems) {
        return new ExecutionRequest(
                workflow,
                executionId,
                ExecutionMode.MANUAL,
                Optional.empty(),
                startItems,
                Optional.empty(),
                Map.of(),
                Optional.empty(),
                CredentialProvider.NONE,
                ExecutionListener.NONE,
                Set.of(),
                ExecutionServices.NONE);
    }

    public ExecutionRequest withStartNode(String node) {
        return new ExecutionRequest(
                workflow,
                executionId,
                mode,
                Optional.of(node),
                startItems,
                responder,
                variables,
                environment,
                credentials,
                listener,
                secrets,
                services,
                reused);
    }

    public ExecutionRequest withCredentials(CredentialProvider provider) {
        return new ExecutionRequest(
                workflow,
                executionId,
                mode,
                startNode,
                startItems,
                responder,
                variables,
                environment,
                provider,
                listener,
                secrets,
                services,
                reused);
    }

    public ExecutionRequest withResponder(WebhookResponder value) {
        return new ExecutionRequest(
                workflow,
                executionId,
                mode,
                startNode,
                startItems,
                Optional.of(value),
                variables,
                environment,
                credentials,
                listener,
                secrets,
                services,
                reused);
    }

    public ExecutionRequest withMode(ExecutionMode value) {
        return new ExecutionRequest(
                workflow,
                executionId,
                value,
                startNode,
                startItems,
                responder,
                variables,
                environment,
                credentials,
                listener,
                secrets,
                services,
                reused);
    }

    public ExecutionRequest withListener(ExecutionListener value) {
        return new ExecutionRequest(
                workflow,
                executionId,
                mode,
                startNode,
                startItems,
                responder,
                variables,
                environment,
                credentials,
                value,
                secrets,
                services,
                reused);
    }

    public ExecutionRequest withVariables(Map<String, Object> vars, Optional<Map<String, String>> env) {
        return new ExecutionRequest(
                workflow,
                executionId,
                mode,
                startNode,
                startItems,
                responder,
                vars,
                env,
                credentials,
                listener,
                secrets,
                services,
                reused);
    }

    public ExecutionRequest withServices(ExecutionServices value) {
        return new ExecutionRequest(
                workflow,
                executionId,
                mode,
                startNode,
                startItems,
                responder,
                variables,
                environment,
                credentials,
                listener,
                secrets,
                value,
                reused);
    }

    public ExecutionRequest withReused(ReusedRuns value) {
        return new ExecutionRequest(
                workflow,
                executionId,
                mode,
                startNode,
                startItems,
                responder,
                variables,
                environment,
                credentials,
                listener,
                secrets,
                services,
                value);
    }
}
