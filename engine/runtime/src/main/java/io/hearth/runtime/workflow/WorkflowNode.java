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
        return new WorkflowNode(
                java.util.UUID.randomUUID().toString(),
                name,
                type,
                1,
                Position.ORIGIN,
                parameters,
                Map.of(),
                false,
                "",
                RetryPolicy.NONE,
                false,
                false,
                OnError.STOP_WORKFLOW,
                Optional.empty(),
                Map.of());
    }

    public WorkflowNode withTypeVersion(double version) {
        return new WorkflowNode(
                id,
                name,
                type,
                version,
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

    public WorkflowNode withRetry(RetryPolicy policy) {
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
                policy,
                alwaysOutputData,
                executeOnce,
                onError,
                webhookId,
                extra);
    }

    public WorkflowNode withOnError(OnError mode) {
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
                mode,
                webhookId,
                extra);
    }

    public WorkflowNode withCredential(String credentialType, CredentialRef ref) {
        Map<String, CredentialRef> copy = new LinkedHashMap<>(credentials);
        copy.put(credentialType, ref);
        return new WorkflowNode(
                id,
                name,
                type,
                typeVersion,
                position,
                parameters,
                copy,
                disabled,
                notes,
                retry,
                alwaysOutputData,
                executeOnce,
                onError,
                webhookId,
                extra);
    }

    public WorkflowNode withDisabled(boolean value) {
        return new WorkflowNode(
                id,
                name,
                type,
                typeVersion,
                position,
                parameters,
                credentials,
                value,
                notes,
                retry,
                alwaysOutputData,
                executeOnce,
                onError,
                webhookId,
                extra);
    }

    public WorkflowNode withAlwaysOutputData(boolean value) {
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
                value,
                executeOnce,
                onError,
                webhookId,
                extra);
    }

    public WorkflowNode withParameters(Map<String, Object> values) {
        return new WorkflowNode(
                id,
                name,
                type,
                typeVersion,
                position,
                values,
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

    public WorkflowNode withPosition(Position value) {
        return new WorkflowNode(
                id,
                name,
                type,
                typeVersion,
                value,
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
