package io.hearth.server.workflow;

import io.hearth.runtime.workflow.FieldProblem;
import io.hearth.runtime.workflow.PinData;
import io.hearth.runtime.workflow.Workflow;
import io.hearth.runtime.workflow.WorkflowJson;
import io.hearth.server.support.Ids;
import io.hearth.server.trigger.ActivationService;
import io.hearth.server.web.ApiException;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Service;

/** Saving, versioning and (de)activating workflows. Blocking; controllers call it off the event loop. */
@Service
public class WorkflowService {

    private final WorkflowRepository repository;
    private final WorkflowValidator validator;
    private final ActivationService activation;
    private final Clock clock;
    private final io.hearth.server.dedupe.JdbcProcessedValues processedValues;
    private final JdbcStaticData staticData;

    public WorkflowService(
            WorkflowRepository repository,
            WorkflowValidator validator,
            ActivationService activation,
            Clock clock,
            io.hearth.server.dedupe.JdbcProcessedValues processedValues,
            JdbcStaticData staticData) {
        this.repository = repository;
        this.validator = validator;
        this.activation = activation;
        this.clock = clock;
        this.processedValues = processedValues;
        this.staticData = staticData;
    }

    /** Parses and validates a document to run: a workflow with issues does not run. */
    public Workflow parse(Object body) {
        Workflow w = WorkflowJson.fromTree(body);
        List<FieldProblem> problems = validator.problems(w);
        if (!problems.isEmpty()) {
            throw ApiException.invalid(problems);
        }
        return w;
    }

    /**
     * Parses a document to save: only a malformed document is refused. Node issues (a required field
     * left empty, bad JSON, an unknown node type) are kept with the work, as n8n does, and reported by
     * {@link #issues}; they refuse activation.
     */
    public Workflow parseToSave(Object body) {
        Workflow w = WorkflowJson.fromTree(body);
        if (w.name().length() > WorkflowValidator.MAX_NAME) {
            // a draft may have issues, but not one the database cannot store
            throw ApiException.invalid(List.of(new FieldProblem(
                    "name",
                    "must be at most " + WorkflowValidator.MAX_NAME + " characters",
                    "The workflow name must be at most " + WorkflowValidator.MAX_NAME + " characters")));
        }
        return w;
    }

    /** What keeps the workflow from running or activating, as the editor shows it on the nodes. */
    public List<FieldProblem> issues(Workflow workflow) {
        return validator.problems(workflow);
    }

    public StoredWorkflow create(Workflow workflow) {
        Instant now = clock.instant();
        String id = Ids.newId();
        StoredWorkflow stored =
                new StoredWorkflow(id, Ids.newId(), workflow.withId(id).withActive(false), now, now);
        repository.insert(stored);
        return stored;
    }

    public StoredWorkflow get(String id) {
        return repository.find(id).orElseThrow(() -> ApiException.notFound("Workflow", id));
    }

    /**
     * Saves a new version; an active workflow's triggers switch to it (or the save is refused). An
     * active workflow saved with issues is saved and deactivated: the work is kept, the broken version
     * never runs.
     */
    public StoredWorkflow update(String id, Workflow workflow) {
        StoredWorkflow current = get(id);
        Instant now = clock.instant();
        boolean stayActive = current.active() && issues(workflow).isEmpty();
        StoredWorkflow next = new StoredWorkflow(
                id, Ids.newId(), workflow.withId(id).withActive(stayActive), current.createdAt(), now);
        if (stayActive) {
            activation.register(next, false);
        }
        repository.update(next);
        if (current.active() && !stayActive) {
            repository.setActive(id, false);
            activation.unregister(id);
        }
        return next;
    }

    /**
     * Pins items to a node (saved as a new version): manual runs then skip the node and pass these
     * items on; production runs ignore them.
     *
     * @param items n8n's pinned form, {@code [{"json": {...}}]} (bare objects are accepted as the JSON)
     */
    public StoredWorkflow pin(String id, String node, Object items) {
        StoredWorkflow current = get(id);
        requireNode(current, node);
        try {
            PinData.items(items);
        } catch (IllegalArgumentException e) {
            throw ApiException.invalid(
                    List.of(new FieldProblem("items", e.getMessage(), node + " → pinned data: " + e.getMessage())));
        }
        Map<String, Object> pinData = new LinkedHashMap<>(current.workflow().pinData());
        pinData.put(node, PinData.toJson(PinData.items(items)));
        return update(id, current.workflow().withPinData(pinData));
    }

    /** Removes a node's pinned items (a new version); a node with none is left as it is. */
    public StoredWorkflow unpin(String id, String node) {
        StoredWorkflow current = get(id);
        requireNode(current, node);
        if (!current.workflow().pinData().containsKey(node)) {
            return current;
        }
        Map<String, Object> pinData = new LinkedHashMap<>(current.workflow().pinData());
        pinData.remove(node);
        return update(id, current.workflow().withPinData(pinData));
    }

    private static void requireNode(StoredWorkflow w, String node) {
        if (w.workflow().node(node).isEmpty()) {
            throw ApiException.notFound("Node", node);
        }
    }

    public void delete(String id) {
        StoredWorkflow current = get(id);
        repository.delete(id);
        processedValues.forgetWorkflow(id);
        staticData.delete(id);
        if (current.active()) {
            activation.unregister(id);
        }
    }

    /** Refuses with each issue as the user sees it: "The workflow has issues to fix before it can be activated: …". */
    public void requireNoIssues(Workflow workflow, String what) {
        List<FieldProblem> issues = issues(workflow);
        if (!issues.isEmpty()) {
            throw ApiException.invalid(
                    "The workflow has issues to fix before it can be " + (what.equals("run") ? "run" : "activated")
                            + ": "
                            + String.join(
                                    "; ",
                                    issues.stream().map(FieldProblem::text).toList()),
                    issues);
        }
    }

    public StoredWorkflow activate(String id) {
        StoredWorkflow current = get(id);
        requireNoIssues(current.workflow(), "activate");
        StoredWorkflow active = new StoredWorkflow(
                id, current.versionId(), current.workflow().withActive(true), current.createdAt(), current.updatedAt());
        // Active in the database first: the instance that will own its triggers checks that flag.
        repository.setActive(id, true);
        try {
            activation.register(active, false);
        } catch (RuntimeException e) {
            repository.setActive(id, current.active());
            throw e;
        }
        return active;
    }

    public StoredWorkflow deactivate(String id) {
        StoredWorkflow current = get(id);
        repository.setActive(id, false);
        activation.unregister(id);
        return new StoredWorkflow(
                id,
                current.versionId(),
                current.workflow().withActive(false),
                current.createdAt(),
                current.updatedAt());
    }

    public List<WorkflowRepository.Version> versions(String id) {
        get(id);
        return repository.versions(id);
    }

    public Workflow version(String id, String versionId) {
        get(id);
        return repository.version(id, versionId).orElseThrow(() -> ApiException.notFound("Version", versionId));
    }

    public WorkflowRepository.Page<WorkflowRepository.Summary> list(
            Optional<Boolean> active, Optional<String> name, int limit, int offset) {
        return repository.list(active, name, limit, offset);
    }
}
