package io.hearth.server.trigger;

import io.hearth.node.NodeException;
import io.hearth.node.trigger.WebhookNode;
import io.hearth.runtime.execution.PreparedWorkflow;
import io.hearth.runtime.execution.PreparedWorkflow.PreparedNode;
import io.hearth.runtime.workflow.FieldProblem;
import io.hearth.server.web.ApiException;
import io.hearth.server.workflow.PreparedWorkflows;
import io.hearth.server.workflow.StoredWorkflow;
import io.hearth.server.workflow.WorkflowRepository;
import io.hearth.server.workflow.WorkflowValidator;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;

/**
 * Makes a workflow live: registers its webhook routes, schedules and trigger nodes — all or none.
 * A route another active workflow holds is a 409 naming that workflow; a trigger that refuses
 * to start (bad token, unreachable server) is a 400 with the trigger's message. Blocking.
 */
public final class ActivationService {

    private static final Logger log = LoggerFactory.getLogger(ActivationService.class);

    private final WorkflowRepository workflows;
    private final PreparedWorkflows prepared;
    private final WorkflowValidator validator;
    private final WebhookRegistry webhooks;
    private final ScheduleService schedules;
    private final TriggerManager triggers;
    private final TriggerOwnership ownership;
    // Which version of each workflow this instance's webhook routes belong to (see syncWebhooks).
    private final java.util.Map<String, String> routedVersions = new java.util.concurrent.ConcurrentHashMap<>();
    // Active workflows with long-lived triggers, whose ownership syncWebhooks keeps claimed.
    private final java.util.Set<String> triggerWorkflows = java.util.concurrent.ConcurrentHashMap.newKeySet();

    public ActivationService(
            WorkflowRepository workflows,
            PreparedWorkflows prepared,
            WorkflowValidator validator,
            WebhookRegistry webhooks,
            ScheduleService schedules,
            TriggerManager triggers,
            TriggerOwnership ownership) {
        this.workflows = workflows;
        this.prepared = prepared;
        this.validator = validator;
        this.webhooks = webhooks;
        this.schedules = schedules;
        this.triggers = triggers;
        this.ownership = ownership;
    }

    /** Registers everything; {@code afterRestart} keeps schedule times already in the database. */
    public void register(StoredWorkflow stored, boolean afterRestart) {
        List<FieldProblem> problems = validator.problems(stored.workflow());
        if (!problems.isEmpty()) {
            throw ApiException.invalid(problems);
        }
        PreparedWorkflow p = prepared.get(stored);
        List<WebhookRegistration> routes = routes(stored, p);
        List<ScheduleService.Planned> plans;
        try {
            plans = schedules.plan(stored, p);
        } catch (NodeException e) {
            throw new ApiException(HttpStatus.BAD_REQUEST, "Cannot activate: " + e.getMessage());
        }
        if (routes.isEmpty() && plans.isEmpty() && !triggers.hasTriggers(p)) {
            throw new ApiException(
                    HttpStatus.BAD_REQUEST,
                    "The workflow has no trigger that can start it automatically (Webhook, Schedule Trigger or an event trigger)");
        }
        webhooks.register(routes);
        routedVersions.put(stored.id(), stored.versionId());
        try {
            if (afterRestart) {
                schedules.ensure(stored.id(), plans);
            } else {
                schedules.activate(stored.id(), plans);
            }
            if (triggers.hasTriggers(p)) {
                if (!afterRestart) {
                    // Start them once here so a bad token or an unreachable server refuses the activation
                    // with the trigger's own message; the owning instance runs them for good (a probe never
                    // touches the running ones: activating an active workflow keeps its triggers).
                    triggers.probe(stored, p);
                }
                triggerWorkflows.add(stored.id());
                ownership.claim(stored.id());
            }
        } catch (NodeException e) {
            unregister(stored.id());
            throw new ApiException(HttpStatus.BAD_REQUEST, e.getMessage());
        } catch (RuntimeException e) {
            unregister(stored.id());
            throw e;
        }
    }

    public List<WebhookRegistration> routes(StoredWorkflow stored, PreparedWorkflow p) {
        List<WebhookRegistration> routes = new ArrayList<>();
        for (PreparedNode n : p.nodes()) {
            if (n.type() instanceof WebhookNode w && !n.node().disabled()) {
                routes.add(new WebhookRegistration(
                        stored.id(),
                        Optional.of(stored.versionId()),
                        stored.name(),
                        p,
                        n.name(),
                        w,
                        w.spec(n.resolver().constantValues())));
            }
        }
        return routes;
    }

    public void unregister(String workflowId) {
        webhooks.unregister(workflowId);
        routedVersions.remove(workflowId);
        triggerWorkflows.remove(workflowId);
        schedules.deactivate(workflowId);
        triggers.deactivate(workflowId);
    }

    /**
     * Brings this instance's webhook routes in line with the database, so a workflow activated,
     * changed or deactivated through another instance is served here too. Cheap: one query of ids
     * and versions; only changed workflows are loaded.
     */
    public void syncWebhooks() {
        java.util.Map<String, String> active = workflows.activeVersions();
        for (var e : active.entrySet()) {
            if (!e.getValue().equals(routedVersions.get(e.getKey()))) {
                workflows.find(e.getKey()).filter(StoredWorkflow::active).ifPresent(w -> {
                    try {
                        PreparedWorkflow p = prepared.get(w);
                        if (triggers.hasTriggers(p)) {
                            triggerWorkflows.add(w.id());
                        } else {
                            triggerWorkflows.remove(w.id());
                        }
                        webhooks.register(routes(w, p));
                        routedVersions.put(w.id(), w.versionId());
                    } catch (RuntimeException ex) {
                        log.warn(
                                "Cannot serve the webhooks of workflow '{}' ({}): {}",
                                w.name(),
                                w.id(),
                                ex.getMessage());
                        routedVersions.put(w.id(), w.versionId());
                    }
                });
            }
        }
        for (String id : java.util.List.copyOf(routedVersions.keySet())) {
            if (!active.containsKey(id)) {
                webhooks.unregister(id);
                routedVersions.remove(id);
            }
        }
        triggerWorkflows.retainAll(active.keySet());
        claimUnownedTriggers();
    }

    /**
     * An owner that saw its workflow inactive may end its task just after a quick re-activation found the task
     * still there and claimed nothing: whichever instance notices first claims it again.
     */
    private void claimUnownedTriggers() {
        if (triggerWorkflows.isEmpty()) {
            return;
        }
        java.util.Set<String> claimed = ownership.claimedWorkflows();
        for (String id : triggerWorkflows) {
            if (!claimed.contains(id)) {
                log.info("Triggers of workflow {} had no owner: claiming them", id);
                ownership.claim(id);
            }
        }
    }

    /** On start: brings every active workflow back; a failing one is logged and stays marked active. */
    public void restoreActive() {
        for (StoredWorkflow w : workflows.findActive()) {
            try {
                register(w, true);
                log.info("Activated workflow '{}' ({})", w.name(), w.id());
            } catch (RuntimeException e) {
                log.error("Could not activate workflow '{}' ({}): {}", w.name(), w.id(), e.getMessage());
            }
        }
    }
}
