package io.hearth.server.trigger;

import io.hearth.common.SecretRedactor;
import io.hearth.node.ExecutionMode;
import io.hearth.node.Item;
import io.hearth.node.NodeException;
import io.hearth.node.NodeInfo;
import io.hearth.node.NodeLogger;
import io.hearth.node.ParameterValues;
import io.hearth.node.WorkflowInfo;
import io.hearth.node.credential.CredentialData;
import io.hearth.node.trigger.TriggerContext;
import io.hearth.node.trigger.TriggerHandle;
import io.hearth.node.trigger.TriggerNode;
import io.hearth.node.trigger.TriggerStatus;
import io.hearth.runtime.execution.CredentialProvider;
import io.hearth.runtime.execution.PreparedWorkflow;
import io.hearth.runtime.execution.PreparedWorkflow.PreparedNode;
import io.hearth.runtime.execution.RedactingNodeLogger;
import io.hearth.server.execution.ExecutionLauncher;
import io.hearth.server.execution.StartRequest;
import io.hearth.server.workflow.StoredWorkflow;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Activates and stops the long-lived trigger nodes (e.g. Home Assistant events) of active workflows. */
public final class TriggerManager {

    private static final Logger log = LoggerFactory.getLogger(TriggerManager.class);

    private final ExecutionLauncher executions;
    private final CredentialProvider credentials;
    private final TriggerStatusBoard board;
    private final ZoneId defaultZone;
    private final Map<String, List<TriggerHandle>> handles = new ConcurrentHashMap<>();

    public TriggerManager(
            ExecutionLauncher executions,
            CredentialProvider credentials,
            TriggerStatusBoard board,
            ZoneId defaultZone) {
        this.executions = executions;
        this.credentials = credentials;
        this.board = board;
        this.defaultZone = defaultZone;
    }

    public boolean hasTriggers(PreparedWorkflow p) {
        for (PreparedNode n : p.nodes()) {
            if (n.type() instanceof TriggerNode && !n.node().disabled()) {
                return true;
            }
        }
        return false;
    }

    /**
     * Runs every trigger node of the workflow on this instance, replacing those running for it; all or none.
     * Throws {@link NodeException} with the trigger's own message when one refuses (bad token, unreachable server).
     */
    public void activate(StoredWorkflow stored, PreparedWorkflow p) {
        deactivate(stored.id());
        handles.put(stored.id(), start(stored, p, true));
    }

    /**
     * Starts every trigger node and stops it again, so an activation can be refused with the trigger's own
     * message. Never touches the triggers running for the workflow: what a probe sees is not emitted or reported.
     */
    public void probe(StoredWorkflow stored, PreparedWorkflow p) {
        start(stored, p, false).forEach(TriggerManager::close);
    }

    /** Whether this instance runs the workflow's triggers (activated and not deactivated since). */
    public boolean isRunning(String workflowId) {
        return handles.containsKey(workflowId);
    }

    private List<TriggerHandle> start(StoredWorkflow stored, PreparedWorkflow p, boolean live) {
        List<TriggerHandle> started = new ArrayList<>();
        for (PreparedNode n : p.nodes()) {
            if (!(n.type() instanceof TriggerNode trigger) || n.node().disabled()) {
                continue;
            }
            Context ctx = new Context(stored, p, n, live);
            try {
                started.add(trigger.activate(ctx).toCompletableFuture().get(60, TimeUnit.SECONDS));
            } catch (ExecutionException | CompletionException e) {
                started.forEach(TriggerManager::close);
                Throwable cause = e.getCause() == null ? e : e.getCause();
                if (live) {
                    board.report(
                            stored.id(),
                            n.name(),
                            n.node().type(),
                            TriggerStatus.of(TriggerStatus.State.ERROR, cause.getMessage()));
                }
                throw new NodeException(
                        "Trigger '" + n.name() + "' could not start: "
                                + ctx.redactor.redact(String.valueOf(cause.getMessage())),
                        cause);
            } catch (TimeoutException e) {
                started.forEach(TriggerManager::close);
                throw new NodeException("Trigger '" + n.name() + "' did not start within 60 s");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                started.forEach(TriggerManager::close);
                throw new NodeException("Activation interrupted");
            }
        }
        return started;
    }

    private static void close(TriggerHandle handle) {
        try {
            handle.close();
        } catch (RuntimeException e) {
            log.warn("Stopping a trigger failed: {}", e.toString());
        }
    }

    public void deactivate(String workflowId) {
        List<TriggerHandle> h = handles.remove(workflowId);
        if (h != null) {
            h.forEach(TriggerManager::close);
        }
        board.clear(workflowId);
    }

    public void stopAll() {
        List.copyOf(handles.keySet()).forEach(this::deactivate);
    }

    private final class Context implements TriggerContext {
        private final StoredWorkflow stored;
        private final PreparedWorkflow prepared;
        private final PreparedNode node;
        private final boolean live;
        private volatile SecretRedactor redactor = SecretRedactor.none();

        Context(StoredWorkflow stored, PreparedWorkflow prepared, PreparedNode node, boolean live) {
            this.stored = stored;
            this.prepared = prepared;
            this.node = node;
            this.live = live;
        }

        @Override
        public NodeInfo node() {
            return node.info();
        }

        @Override
        public WorkflowInfo workflow() {
            return new WorkflowInfo(
                    stored.id(),
                    stored.name(),
                    true,
                    stored.workflow().settings().timezone().orElse(defaultZone));
        }

        @Override
        public ParameterValues parameters() {
            return node.resolver().constantValues();
        }

        @Override
        public Optional<CredentialData> credential(String credentialType) {
            Optional<CredentialData> data = NodeCredentials.of(node, credentialType, credentials);
            data.ifPresent(d -> redactor = redactor.with(d.secretValues()));
            return data;
        }

        @Override
        public NodeLogger log() {
            return new RedactingNodeLogger(
                    node.type().description().name(), "workflowId", stored.id(), node.name(), () -> redactor);
        }

        @Override
        public CompletableFuture<Void> emit(List<Item> items) {
            return live ? executions.launch(request(items)) : CompletableFuture.completedFuture(null);
        }

        @Override
        public CompletableFuture<Void> emitAndAwaitEnd(List<Item> items) {
            return live ? executions.launchAndAwaitEnd(request(items)) : CompletableFuture.completedFuture(null);
        }

        private StartRequest request(List<Item> items) {
            return StartRequest.of(
                    stored.id(),
                    Optional.of(stored.versionId()),
                    prepared,
                    ExecutionMode.TRIGGER,
                    Optional.of(node.name()),
                    items);
        }

        @Override
        public void reportStatus(TriggerStatus status) {
            if (!live) {
                return;
            }
            board.report(stored.id(), node.name(), node.node().type(), status);
        }
    }
}
