package io.hearth.server.web;

import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;
import java.util.Map;

/**
 * The shapes of the API's answers as the OpenAPI document states them. The controllers build their answers as JSON
 * maps (workflows and executions are n8n documents with open-ended parameters and items); these records only describe
 * them, so the editor's TypeScript types are generated from the same document the server serves
 * (editor/src/api/openapi.json, checked by OpenApiSpecTest). A field the editor reads belongs here; a change of an
 * answer's shape changes this file, the committed document and, through the generated types, the editor's build.
 * {@code Object} marks any JSON value.
 */
public final class ApiShapes {

    private ApiShapes() {}

    @Schema(
            name = "User",
            requiredProperties = {"id", "email", "name", "role"})
    public record User(String id, String email, String name, String role) {}

    @Schema(
            name = "AuthStatus",
            requiredProperties = {"setupRequired", "authenticated", "user"})
    public record AuthStatus(
            boolean setupRequired,
            boolean authenticated,

            @Schema(
                    description = "null when not signed in",
                    types = {"object", "null"})
            User user) {}

    @Schema(
            name = "Settings",
            requiredProperties = {"version", "webhookUrl", "webhookTestUrl", "timezone", "dataDirectory", "database"})
    public record Settings(
            String version,
            String webhookUrl,
            String webhookTestUrl,
            String timezone,
            String dataDirectory,
            String database) {}

    @Schema(
            name = "Connection",
            requiredProperties = {"node", "type", "index"})
    public record Connection(String node, String type, int index) {}

    @Schema(
            name = "NodeCredentialRef",
            requiredProperties = {"id"})
    public record NodeCredentialRef(String id, String name) {}

    @Schema(
            name = "WorkflowNode",
            description = "a node as in n8n's workflow JSON; other n8n fields are kept as they are",
            requiredProperties = {"name", "type", "typeVersion", "position", "parameters"})
    public record WorkflowNode(
            String id,
            String name,
            String type,
            double typeVersion,

            @ArraySchema(arraySchema = @Schema(description = "[x, y]"), minItems = 2, maxItems = 2)
            List<Double> position,

            Map<String, Object> parameters,
            Map<String, NodeCredentialRef> credentials,
            boolean disabled,
            String notes,
            boolean retryOnFail,
            int maxTries,
            int waitBetweenTries,
            boolean alwaysOutputData,
            boolean executeOnce,

            @Schema(allowableValues = {"stopWorkflow", "continueRegularOutput", "continueErrorOutput"})
            String onError,

            String webhookId) {}

    @Schema(
            name = "WorkflowIssue",
            requiredProperties = {"path", "message", "text"})
    public record WorkflowIssue(String path, String message, String text) {}

    @Schema(
            name = "Workflow",
            description = "n8n's workflow JSON with what the server keeps beside it",
            requiredProperties = {"name", "nodes", "connections"})
    public record Workflow(
            String id,
            String name,
            boolean active,
            List<WorkflowNode> nodes,

            @Schema(description = "keyed by source node name, then connection type (main), then output index")
            Map<String, Map<String, List<List<Connection>>>> connections,

            Map<String, Object> settings,
            String versionId,
            String createdAt,
            String updatedAt,

            @Schema(description = "n8n's pinned data: a node's output used instead of running it in manual runs")
            Map<String, List<Item>> pinData,

            @Schema(description = "what keeps it from running or activating (the server saves unfinished work)")
            List<WorkflowIssue> issues) {}

    @Schema(
            name = "WorkflowSummary",
            requiredProperties = {"id", "name", "active", "versionId", "nodeCount", "createdAt", "updatedAt"})
    public record WorkflowSummary(
            String id,
            String name,
            boolean active,
            String versionId,
            int nodeCount,
            String createdAt,
            String updatedAt) {}

    @Schema(
            name = "WorkflowPage",
            requiredProperties = {"data", "total", "limit", "offset"})
    public record WorkflowPage(List<WorkflowSummary> data, long total, int limit, int offset) {}

    @Schema(name = "BinaryRef")
    public record BinaryRef(String mimeType, String fileName, Object fileSize, String url) {}

    @Schema(name = "Item", description = "one item: its JSON and its binary properties", requiredProperties = "json")
    public record Item(Map<String, Object> json, Map<String, BinaryRef> binary) {}

    @Schema(name = "NodeError", description = "what the node reported; n8n's error fields besides these are kept")
    public record NodeError(String message, String description) {}

    @Schema(
            name = "NodeRun",
            requiredProperties = {"runIndex", "status", "error"})
    public record NodeRun(
            int runIndex,
            String startedAt,
            long executionTimeMs,
            int attempts,
            String status,
            @Schema(types = {"object", "null"}) NodeError error,
            Object sources,
            @Schema(description = "the items per input") List<List<Item>> input,
            @Schema(description = "the items per output") List<List<Item>> output,

            @Schema(description = "what the node's code printed (Code node console.log), when anything")
            List<String> console) {}

    @Schema(name = "ExecutionError", requiredProperties = "message")
    public record ExecutionError(String message, String node) {}

    @Schema(
            name = "ExecutionSummary",
            requiredProperties = {"id", "workflowId", "status", "mode", "startedAt"})
    public record ExecutionSummary(
            String id,
            String workflowId,
            String workflowName,
            @Schema(types = {"string", "null"}) String workflowVersionId,
            String status,
            String mode,
            String startedAt,
            @Schema(types = {"string", "null"}) String stoppedAt,
            @Schema(types = {"integer", "null"}) Long durationMs,
            @Schema(types = {"string", "null"}) String retryOf,
            @Schema(types = {"object", "null"}) ExecutionError error) {}

    @Schema(
            name = "ExecutionPage",
            requiredProperties = {"data", "total", "limit", "offset"})
    public record ExecutionPage(List<ExecutionSummary> data, long total, int limit, int offset) {}

    @Schema(
            name = "NodeProgress",
            requiredProperties = {"runs", "items", "running", "failed"})
    public record NodeProgress(int runs, int items, boolean running, boolean failed) {}

    @Schema(name = "Execution", description = "an execution with what each node did", allOf = ExecutionSummary.class)
    public record Execution(
            @Schema(types = {"string", "null"}) String lastNodeExecuted,
            boolean truncated,
            Map<String, List<NodeRun>> nodes,

            @Schema(description = "while it runs: how far each node got")
            Map<String, NodeProgress> progress) {}

    @Schema(
            name = "NodeType",
            requiredProperties = {
                "name",
                "displayName",
                "group",
                "categories",
                "icon",
                "description",
                "versions",
                "defaultVersion",
                "inputs",
                "outputs",
                "credentials",
                "schema"
            })
    public record NodeType(
            String name,
            List<String> aliases,
            String displayName,
            String group,
            List<String> categories,
            List<String> keywords,
            String icon,
            String description,
            List<Double> versions,
            double defaultVersion,
            List<String> inputs,
            List<String> outputs,

            @Schema(description = "the credential types' names; schema's x-node has their display options")
            List<String> credentials,

            @Schema(description = "the parameters as JSON Schema with x-ui hints (the ui-schema module)")
            Map<String, Object> schema) {}

    @Schema(
            name = "CredentialSignIn",
            requiredProperties = {"tokenField", "buttonText"})
    public record CredentialSignIn(String tokenField, String buttonText) {}

    @Schema(
            name = "CredentialType",
            requiredProperties = {"name", "displayName", "schema", "signsRequests"})
    public record CredentialType(
            String name,
            String displayName,
            String icon,
            @Schema(types = {"string", "null"}) String documentationUrl,
            Map<String, Object> schema,

            @Schema(description = "declares how it signs HTTP requests")
            boolean signsRequests,

            @Schema(description = "a browser sign-in fills tokenField")
            CredentialSignIn signIn) {}

    @Schema(
            name = "CredentialSummary",
            requiredProperties = {"id", "name", "type", "createdAt", "updatedAt"})
    public record CredentialSummary(String id, String name, String type, String createdAt, String updatedAt) {}

    @Schema(
            name = "Credential",
            requiredProperties = {"id", "name", "type", "createdAt", "updatedAt", "data", "secretsSet"})
    public record Credential(
            String id,
            String name,
            String type,
            String createdAt,
            String updatedAt,

            @Schema(description = "the values; secrets are never sent back")
            Map<String, Object> data,

            @Schema(description = "the secret fields that have a value")
            List<String> secretsSet) {}

    @Schema(
            name = "LoadedOption",
            requiredProperties = {"name", "value"})
    public record LoadedOption(String name, Object value, String description) {}

    @Schema(
            name = "MigratedParameters",
            description = "a node's parameters as Hearth reads them: the form of typeVersion, reached by steps",
            requiredProperties = {"typeVersion", "parameters", "steps", "editable", "unshown"})
    public record MigratedParameters(
            double typeVersion,
            Map<String, Object> parameters,
            List<String> steps,

            @Schema(description = "the migrated form may be saved under the node's own version")
            boolean editable,

            @Schema(description = "parameters the node reads that no form shows")
            List<String> unshown) {}

    @Schema(
            name = "WebhookInfo",
            requiredProperties = {"node", "method", "path", "productionUrl", "testUrl"})
    public record WebhookInfo(
            String node, String method, String path, String productionUrl, String testUrl, String responseMode) {}

    @Schema(
            name = "TriggerInfo",
            requiredProperties = {"node", "type", "state", "since"})
    public record TriggerInfo(String node, String type, String state, String message, String since) {}
}
