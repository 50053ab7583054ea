package io.hearth.node;

import io.hearth.node.credential.CredentialData;
import io.hearth.node.credential.SigningCredential;
import io.hearth.node.trigger.WebhookResponder;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/**
 * Everything an {@link ActionNode} may use while it runs. One context per node run.
 */
public interface NodeExecutionContext {

    NodeInfo node();

    WorkflowInfo workflow();

    /**
     * The nodes this node's input can come from, directly or further back (n8n's {@code getParentNodes}),
     * each with its node type's own name ({@code hearth.webhook}, not an alias). Empty outside a workflow.
     */
    default List<NodeInfo> parentNodes() {
        return List.of();
    }

    ExecutionInfo execution();

    /** The items on the first input. */
    default List<Item> items() {
        return input(0);
    }

    /** The items on input {@code index} (empty if nothing arrived there). */
    List<Item> input(int index);

    /** The number of inputs the node declares. */
    int inputCount();

    /**
     * The node's parameters resolved for one input item: expressions evaluated against that item,
     * absent parameters filled with their declared defaults, hidden parameters left out.
     */
    ParameterValues parameters(int itemIndex);

    /** Parameters for nodes that act once per run rather than per item (resolved against item 0). */
    default ParameterValues parameters() {
        return parameters(0);
    }

    /**
     * The decrypted credential of the given type that this node's workflow entry references.
     * Empty if the node declares no such credential type or the workflow references none.
     */
    Optional<CredentialData> credential(String credentialType);

    /**
     * The credential of {@code credentialType} this node's workflow entry references, with the request
     * authentication its type declares: for nodes that sign HTTP requests with any such credential
     * (HTTP Request's "Predefined Credential Type"). Empty when the node references none, or the type
     * declares no request authentication.
     */
    default Optional<SigningCredential> requestCredential(String credentialType) {
        return Optional.empty();
    }

    /**
     * Masks {@code value} like a credential's secrets from now on (logs, errors, recorded data): for
     * secrets a node obtains while it runs, such as an OAuth2 access token.
     */
    default void treatAsSecret(String value) {}

    /** A logger whose output is tagged with execution and node and has known secrets redacted. */
    NodeLogger log();

    /**
     * Keeps a line the node's user code printed (the Code node's {@code console.log}) with this
     * node's run in the execution record, where the editor shows it. Known secrets are redacted.
     */
    default void console(String line) {
        log().info("console: {}", line);
    }

    Cancellation cancellation();

    /** True when the node is set to continue on failure: report per-item errors as items instead of throwing. */
    boolean continueOnFail();

    /** Present when the execution was started by a webhook whose response a node may shape. */
    Optional<WebhookResponder> webhookResponder();

    /** The execution's clock. */
    Instant now();

    /** Completes after {@code delay} without holding a thread; completes exceptionally if the execution is cancelled. */
    CompletionStage<Void> delay(Duration delay);

    /**
     * What this node keeps between its runs within one execution (n8n's node context), for nodes
     * that loop such as Loop Over Items: empty at the node's first run, then as the node left it.
     * JSON-like values are visible to expressions as {@code $node["Name"].context}.
     */
    default Map<String, Object> nodeState() {
        throw new UnsupportedOperationException("this context keeps no node state between runs");
    }

    /** How many times this node ran before in this execution (n8n's {@code $runIndex}). */
    default int runIndex() {
        return 0;
    }

    /** Values this node (or its workflow) processed in earlier executions; kept by the server. */
    default ProcessedValues processedValues() {
        throw new UnsupportedOperationException("this context keeps no values between executions");
    }

    /** The most items one output of this node may hold (the workflow's {@code maxItemsPerOutput} setting). */
    default int maxItemsPerOutput() {
        return Integer.MAX_VALUE;
    }

    /**
     * Throws {@link ExecutionLimitException} when an output of {@code items} items would exceed
     * {@link #maxItemsPerOutput()}. Nodes that multiply items (splitting arrays, generating items)
     * call it while they build an output, so a runaway fan-out stops before it fills the memory;
     * the runtime checks every output again when the node returns.
     */
    default void checkOutputSize(long items) {
        if (items > maxItemsPerOutput()) {
            throw ExecutionLimitException.moreItemsThan(maxItemsPerOutput());
        }
    }

    /**
     * The most data, as JSON bytes, one node's output may hold: the execution's data limit (the workflow's
     * {@code maxExecutionDataMb} setting, at most the server's).
     */
    default long maxOutputBytes() {
        return Long.MAX_VALUE;
    }

    /**
     * Throws {@link ExecutionLimitException} when data of about {@code bytes} (as JSON) is more than
     * {@link #maxOutputBytes()}. Nodes that receive data in one piece (a Code node's result) call it before turning
     * it into items: the data is refused with the limit's name instead of filling the memory first.
     *
     * @param what where the data came from, as the start of the message ("The code returned")
     */
    default void checkOutputBytes(long bytes, String what) {
        if (bytes > maxOutputBytes()) {
            throw ExecutionLimitException.moreDataThan(what, bytes, maxOutputBytes());
        }
    }

    /**
     * The workflow's static data (n8n's {@code $getWorkflowStaticData}): {@code "global"} for the whole
     * workflow, {@code "node"} for this node. A mutable map: what a node leaves in it is saved after a
     * production execution of a saved workflow (manual runs see it but do not save it, as in n8n).
     */
    default java.util.Map<String, Object> workflowStaticData(String type) {
        throw new UnsupportedOperationException("this context keeps no workflow static data");
    }

    /** Runs other workflows as sub-workflows of this execution (Execute Workflow). */
    default SubWorkflows subWorkflows() {
        throw new UnsupportedOperationException("this context cannot run sub-workflows");
    }
}
