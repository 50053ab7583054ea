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

    /** A request to run {@code workflow} under {@code executionId}; everything else starts empty or none. */
    public static Builder builder(PreparedWorkflow workflow, String executionId, ExecutionMode mode) {
        return new Builder(workflow, executionId, mode);
    }

    public static ExecutionRequest manual(PreparedWorkflow workflow, String executionId, List<Item> startItems) {
        return builder(workflow, executionId, ExecutionMode.MANUAL)
                .startItems(startItems)
                .build();
    }

    /** A builder holding this request's values, to change some of them. */
    public Builder toBuilder() {
        return new Builder(workflow, executionId, mode)
                .startNode(startNode)
                .startItems(startItems)
                .responder(responder)
                .variables(variables, environment)
                .credentials(credentials)
                .listener(listener)
                .secrets(secrets)
                .services(services)
                .reused(reused);
    }

    public ExecutionRequest withStartNode(String node) {
        return toBuilder().startNode(Optional.of(node)).build();
    }

    public ExecutionRequest withCredentials(CredentialProvider provider) {
        return toBuilder().credentials(provider).build();
    }

    public ExecutionRequest withResponder(WebhookResponder value) {
        return toBuilder().responder(Optional.of(value)).build();
    }

    public ExecutionRequest withMode(ExecutionMode value) {
        return toBuilder().mode(value).build();
    }

    public ExecutionRequest withListener(ExecutionListener value) {
        return toBuilder().listener(value).build();
    }

    public ExecutionRequest withVariables(Map<String, Object> vars, Optional<Map<String, String>> env) {
        return toBuilder().variables(vars, env).build();
    }

    public ExecutionRequest withServices(ExecutionServices value) {
        return toBuilder().services(value).build();
    }

    public ExecutionRequest withReused(ReusedRuns value) {
        return toBuilder().reused(value).build();
    }

    /** Assembles an {@link ExecutionRequest}; see the record's components for what each value means. */
    public static final class Builder {
        private final PreparedWorkflow workflow;
        private final String executionId;
        private ExecutionMode mode;
        private Optional<String> startNode = Optional.empty();
        private List<Item> startItems = List.of();
        private Optional<WebhookResponder> responder = Optional.empty();
        private Map<String, Object> variables = Map.of();
        private Optional<Map<String, String>> environment = Optional.empty();
        private CredentialProvider credentials = CredentialProvider.NONE;
        private ExecutionListener listener = ExecutionListener.NONE;
        private Set<String> secrets = Set.of();
        private ExecutionServices services = ExecutionServices.NONE;
        private ReusedRuns reused = ReusedRuns.NONE;

        private Builder(PreparedWorkflow workflow, String executionId, ExecutionMode mode) {
            this.workflow = workflow;
            this.executionId = executionId;
            this.mode = mode;
        }

        public Builder mode(ExecutionMode value) {
            mode = value;
            return this;
        }

        public Builder startNode(Optional<String> value) {
            startNode = value;
            return this;
        }

        public Builder startItems(List<Item> value) {
            startItems = value;
            return this;
        }

        public Builder responder(Optional<WebhookResponder> value) {
            responder = value;
            return this;
        }

        public Builder variables(Map<String, Object> vars, Optional<Map<String, String>> env) {
            variables = vars;
            environment = env;
            return this;
        }

        public Builder credentials(CredentialProvider value) {
            credentials = value;
            return this;
        }

        public Builder listener(ExecutionListener value) {
            listener = value;
            return this;
        }

        public Builder secrets(Set<String> value) {
            secrets = value;
            return this;
        }

        public Builder services(ExecutionServices value) {
            services = value;
            return this;
        }

        public Builder reused(ReusedRuns value) {
            reused = value;
            return this;
        }

        public ExecutionRequest build() {
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
                    reused);
        }
    }
}
