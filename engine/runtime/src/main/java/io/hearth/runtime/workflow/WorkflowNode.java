package io.hearth.runtime.workflow;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * One node of a workflow (n8n's {@code INode}).
 *
 * @param id               stable id (a UUID in n8n exports)
 * @param name             unique within the workflow; connections refer to it
 * @param type             node type name or alias, e.g. {@code n8n-nodes-base.set}
 * @param typeVersion      which version of the type's behaviour
 * @param position         canvas position [x, y]
 * @param parameters       parameter values (JSON-like; strings starting with {@code =} are expressions)
 * @param credentials      credential type name to the referenced credential
 * @param disabled         a disabled node passes its input through untouched
 * @param notes            free text
 * @param retry            retry-on-fail settings
 * @param alwaysOutputData output one empty item when the node produced none
 * @param executeOnce      run with the first input item only
 * @param onError          what a failure does
 * @param webhookId        n8n's webhook id (kept for export)
 * @param extra            other fields of the imported JSON, kept for export
 */
public record WorkflowNode(
        String id,
        String name,
        String type,
        double typeVersion,
        Position position,
        Map<String, Object> parameters,
        Map<String, CredentialRef> credentials,
        boolean disabled,
        String notes,
        RetryPolicy retry,
        boolean alwaysOutputData,
        boolean executeOnce,
        OnError onError,
        Optional<String> webhookId,
        Map<String, Object> extra) {

    public WorkflowNode {
        id = id == null ? "" : id;
        parameters =
                parameters == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
        credentials = credentials == null
                ? Map.of()
                : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(credentials));
        position = position == null ? Position.ORIGIN : position;
        notes = notes == null ? "" : notes;
        retry = retry == null ? RetryPolicy.NONE : retry;
        onError = onError == null ? OnError.STOP_WORKFLOW : onError;
        webhookId = webhookId == null ? Optional.empty() : webhookId;
        extra = extra == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(extra));
    }

    /** A minimal node; the rest defaulted. */
    public static WorkflowNode of(String name, String type, Map<String, Object> parameters) {
        return builder(name, type).parameters(parameters).build();
    }

    /** A node named {@code name} of {@code type} (a random id, version 1), everything else at its default. */
    public static Builder builder(String name, String type) {
        return new Builder(name, type);
    }

    /** A builder holding this node's values, to change some of them. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    public WorkflowNode withTypeVersion(double version) {
        return toBuilder().typeVersion(version).build();
    }

    public WorkflowNode withRetry(RetryPolicy policy) {
        return toBuilder().retry(policy).build();
    }

    public WorkflowNode withOnError(OnError mode) {
        return toBuilder().onError(mode).build();
    }

    public WorkflowNode withCredential(String credentialType, CredentialRef ref) {
        Map<String, CredentialRef> copy = new LinkedHashMap<>(credentials);
        copy.put(credentialType, ref);
        return toBuilder().credentials(copy).build();
    }

    public WorkflowNode withDisabled(boolean value) {
        return toBuilder().disabled(value).build();
    }

    public WorkflowNode withAlwaysOutputData(boolean value) {
        return toBuilder().alwaysOutputData(value).build();
    }

    public WorkflowNode withParameters(Map<String, Object> values) {
        return toBuilder().parameters(values).build();
    }

    public WorkflowNode withPosition(Position value) {
        return toBuilder().position(value).build();
    }

    /** Assembles a {@link WorkflowNode}; see the record's components for what each value means. */
    public static final class Builder {
        private final String name;
        private final String type;
        private String id = java.util.UUID.randomUUID().toString();
        private double typeVersion = 1;
        private Position position = Position.ORIGIN;
        private Map<String, Object> parameters = Map.of();
        private Map<String, CredentialRef> credentials = Map.of();
        private boolean disabled;
        private String notes = "";
        private RetryPolicy retry = RetryPolicy.NONE;
        private boolean alwaysOutputData;
        private boolean executeOnce;
        private OnError onError = OnError.STOP_WORKFLOW;
        private Optional<String> webhookId = Optional.empty();
        private Map<String, Object> extra = Map.of();

        private Builder(String name, String type) {
            this.name = name;
            this.type = type;
        }

        private Builder(WorkflowNode node) {
            this(node.name, node.type);
            id = node.id;
            typeVersion = node.typeVersion;
            position = node.position;
            parameters = node.parameters;
            credentials = node.credentials;
            disabled = node.disabled;
            notes = node.notes;
            retry = node.retry;
            alwaysOutputData = node.alwaysOutputData;
            executeOnce = node.executeOnce;
            onError = node.onError;
            webhookId = node.webhookId;
            extra = node.extra;
        }

        public Builder id(String value) {
            id = value;
            return this;
        }

        public Builder typeVersion(double value) {
            typeVersion = value;
            return this;
        }

        public Builder position(Position value) {
            position = value;
            return this;
        }

        public Builder parameters(Map<String, Object> value) {
            parameters = value;
            return this;
        }

        public Builder credentials(Map<String, CredentialRef> value) {
            credentials = value;
            return this;
        }

        public Builder disabled(boolean value) {
            disabled = value;
            return this;
        }

        public Builder notes(String value) {
            notes = value;
            return this;
        }

        public Builder retry(RetryPolicy value) {
            retry = value;
            return this;
        }

        public Builder alwaysOutputData(boolean value) {
            alwaysOutputData = value;
            return this;
        }

        public Builder executeOnce(boolean value) {
            executeOnce = value;
            return this;
        }

        public Builder onError(OnError value) {
            onError = value;
            return this;
        }

        public Builder webhookId(Optional<String> value) {
            webhookId = value;
            return this;
        }

        public Builder extra(Map<String, Object> value) {
            extra = value;
            return this;
        }

        public WorkflowNode build() {
            return new WorkflowNode(
                    id,
                    name,
                    type,
                    typeVersion,
                    position,
                    parameters,
                    credentials,
                    disabled,
                    notes,
                    retry,
                    alwaysOutputData,
                    executeOnce,
                    onError,
                    webhookId,
                    extra);
        }
    }
}
