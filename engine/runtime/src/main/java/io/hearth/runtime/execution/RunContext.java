package io.hearth.runtime.execution;

import io.hearth.node.Cancellation;
import io.hearth.node.ExecutionInfo;
import io.hearth.node.ExecutionLimitException;
import io.hearth.node.Item;
import io.hearth.node.NodeExecutionContext;
import io.hearth.node.NodeInfo;
import io.hearth.node.NodeLogger;
import io.hearth.node.ParameterValues;
import io.hearth.node.WorkflowInfo;
import io.hearth.node.credential.CredentialData;
import io.hearth.node.trigger.WebhookResponder;
import io.hearth.runtime.workflow.OnError;
import java.time.Duration;
import java.time.Instant;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/** The {@link NodeExecutionContext} of one node run. */
final class RunContext implements NodeExecutionContext, WorkflowDataScope {

    private final RunState state;
    private final NodeRunInput input;
    private final CancellationToken cancellation;
    private final ScheduledExecutorService timer;
    // The parameters of item 0 (what per-run reads ask for) and of the item read last: nodes read an
    // item's parameters a few times in a row. Keeping every item's would hold a node run's whole
    // per-item garbage (100,000 items: ~100 MB for a Filter) until the node returns.
    private ParameterValues firstItem;
    private int lastIndex = -1;
    private ParameterValues lastItem;
    // Items whose expression results were counted against the data limit: once each, however often read.
    private final BitSet counted;
    private NodeLogger logger;
    private long producedBytes;

    RunContext(RunState state, NodeRunInput input, CancellationToken cancellation, ScheduledExecutorService timer) {
        this.state = state;
        this.input = input;
        this.cancellation = cancellation;
        this.timer = timer;
        this.counted = new BitSet(input.items(0).size());
    }

    @Override
    public NodeInfo node() {
        return input.node().info();
    }

    @Override
    public List<NodeInfo> parentNodes() {
        var prepared = state.request().workflow();
        return prepared.ancestors(input.node().name()).stream()
                .flatMap(name -> prepared.node(name).stream())
                .map(p -> new NodeInfo(
                        p.node().id(),
                        p.node().name(),
                        p.type().description().name(),
                        p.node().typeVersion()))
                .toList();
    }

    @Override
    public WorkflowInfo workflow() {
        var w = state.request().workflow().workflow();
        return new WorkflowInfo(w.id().orElse(""), w.name(), w.active(), state.zone());
    }

    @Override
    public ExecutionInfo execution() {
        return new ExecutionInfo(state.request().executionId(), state.request().mode());
    }

    @Override
    public List<Item> input(int index) {
        return input.items(index);
    }

    @Override
    public int inputCount() {
        return input.node().inputCount();
    }

    @Override
    public ParameterValues parameters(int itemIndex) {
        ParameterResolver resolver = input.node().resolver();
        if (!resolver.hasExpressions()) {
            return resolver.constantValues();
        }
        if (itemIndex == 0 && firstItem != null) {
            return firstItem;
        }
        if (itemIndex == lastIndex) {
            return lastItem;
        }
        ParameterValues v;
        if (itemIndex < 0 || itemIndex >= input.items(0).size()) {
            v = resolver.resolve(new ItemScope(state, input, itemIndex));
        } else {
            // A node working through many items notices a stop (cancel, timeout) between two of them.
            cancellation.throwIfCancelled();
            boolean first = !counted.get(itemIndex);
            counted.set(itemIndex);
            v = first
                    ? resolver.resolve(new ItemScope(state, input, itemIndex), this::produced)
                    : resolver.resolve(new ItemScope(state, input, itemIndex));
        }
        if (itemIndex == 0) {
            firstItem = v;
        } else {
            lastIndex = itemIndex;
            lastItem = v;
        }
        return v;
    }

    // What this node run's expressions produced, bounded like its output: 100 items that each build a
    // 9 MB string stop at the limit instead of filling the memory before the node returns.
    private void produced(long bytes) {
        producedBytes += bytes;
        if (producedBytes > state.limits().maxDataBytes()) {
            throw state.hitLimit(state.limits().dataLimitExceeded());
        }
    }

    @Override
    public void checkOutputSize(long items) {
        if (items > maxItemsPerOutput()) {
            throw state.hitLimit(ExecutionLimitException.moreItemsThan(maxItemsPerOutput()));
        }
    }

    @Override
    public long maxOutputBytes() {
        return state.limits().maxDataBytes();
    }

    @Override
    public void checkOutputBytes(long bytes, String what) {
        if (bytes > maxOutputBytes()) {
            throw state.hitLimit(ExecutionLimitException.moreDataThan(what, bytes, maxOutputBytes()));
        }
    }

    @Override
    public io.hearth.expression.Scope itemScope(int itemIndex) {
        return new ItemScope(state, input, itemIndex);
    }

    @Override
    public Optional<CredentialData> credential(String credentialType) {
        return state.credential(input.node(), credentialType);
    }

    @Override
    public Optional<io.hearth.node.credential.SigningCredential> requestCredential(String credentialType) {
        return state.requestCredential(input.node(), credentialType);
    }

    @Override
    public Map<String, Object> workflowStaticData(String type) {
        return state.staticData(type, input.node().name());
    }

    @Override
    public void treatAsSecret(String value) {
        state.treatAsSecret(value);
    }

    @Override
    public NodeLogger log() {
        if (logger == null) {
            logger = new RedactingNodeLogger(
                    input.node().type().description().name(),
                    "executionId",
                    state.request().executionId(),
                    input.node().name(),
                    state::redactor);
        }
        return logger;
    }

    @Override
    public java.util.Map<String, Object> nodeState() {
        return state.nodeState(input.node().name());
    }

    @Override
    public io.hearth.node.ProcessedValues processedValues() {
        var wf = state.request().workflow().workflow();
        String workflowId = wf.id()
                .orElseThrow(() -> new io.hearth.node.NodeException(
                        "Values from earlier executions are kept per saved workflow: save the workflow first"));
        // n8n keys a node's values by its id so that renaming the node keeps them
        var node = input.node().node();
        String nodeContext = "n:" + (node.id() == null || node.id().isBlank() ? node.name() : node.id());
        ProcessedValuesStore store = state.request().services().processedValues();
        return new io.hearth.node.ProcessedValues() {
            @Override
            public java.util.concurrent.CompletionStage<Outcome> checkAndRecord(
                    Scope scope, Mode mode, java.util.List<String> values, int historySize) {
                return store.checkAndRecord(workflowId, context(scope), mode, values, historySize);
            }

            @Override
            public java.util.concurrent.CompletionStage<Void> clear(Scope scope) {
                return store.clear(workflowId, context(scope));
            }

            private String context(Scope scope) {
                return scope == Scope.NODE ? nodeContext : "";
            }
        };
    }

    @Override
    public io.hearth.node.SubWorkflows subWorkflows() {
        var request = state.request();
        String node = input.node().name();
        return call -> {
            var parent = new SubWorkflowRunner.Parent(
                    request.executionId(),
                    request.workflow().workflow().id().orElse(""),
                    request.mode(),
                    request.services().child(),
                    cancellation);
            return request.services().subWorkflows().run(call, parent).thenApply(result -> {
                java.util.Map<String, Object> link = new java.util.LinkedHashMap<>();
                link.put("executionId", result.executionId());
                link.put("workflowId", result.workflowId());
                state.addMetadata(node, "subExecutions", link);
                return result;
            });
        };
    }

    @Override
    public int runIndex() {
        return input.runIndex();
    }

    @Override
    public void console(String line) {
        state.console(input.node().name(), line);
    }

    @Override
    public Cancellation cancellation() {
        return cancellation;
    }

    @Override
    public boolean continueOnFail() {
        return input.node().node().onError() != OnError.STOP_WORKFLOW;
    }

    @Override
    public Optional<WebhookResponder> webhookResponder() {
        return state.request().responder();
    }

    @Override
    public Instant now() {
        return state.clock().instant();
    }

    @Override
    public int maxItemsPerOutput() {
        return state.limits().maxItemsPerOutput();
    }

    @Override
    public CompletionStage<Void> delay(Duration delay) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        if (delay.isZero() || delay.isNegative()) {
            done.complete(null);
            return done;
        }
        var scheduled = timer.schedule(() -> done.complete(null), delay.toNanos(), TimeUnit.NANOSECONDS);
        cancellation.onCancel(() -> {
            scheduled.cancel(false);
            done.completeExceptionally(new io.hearth.node.NodeException("The execution was cancelled"));
        });
        return done;
    }
}
