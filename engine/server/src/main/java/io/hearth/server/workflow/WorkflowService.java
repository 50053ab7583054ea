package io.hearth.server.workflow;

import io.hearth.runtime.workflow.FieldProblem;
import io.hearth.runtime.workflow.Workflow;
import io.hearth.runtime.workflow.WorkflowJson;
import io.hearth.server.support.Ids;
import io.hearth.server.trigger.ActivationService;
import io.hearth.server.web.ApiException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Service;

/** Saving, versioning and (de)activating workflows. Blocking; controllers call it off the event loop. */
@Service
public class WorkflowService {

    private final WorkflowRepository repository;
    private final WorkflowValidator validator;
    private final ActivationService activation;
    private final Clock clock;

    public WorkflowService(
            WorkflowRepository repository, WorkflowValidator validator, ActivationService activation, Clock clock) {
        this.repository = repository;
        this.validator = validator;
        this.activation = activation;
        this.clock = clock;
    }

    /** Parses and validates a submitted n8n-format document. */
    public Workflow parse(Object body) {
        Workflow w = WorkflowJson.fromTree(body);
        List<FieldProblem> problems = validator.problems(w);
        if (!problems.isEmpty()) {
            throw ApiException.invalid(problems);
        }
        return w;
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

    /** Saves a new version; an active workflow's triggers switch to it (or the save is refused). */
    public StoredWorkflow update(String id, Workflow workflow) {
        StoredWorkflow current = get(id);
        Instant now = clock.instant();
        StoredWorkflow next = new StoredWorkflow(
                id, Ids.newId(), workflow.withId(id).withActive(current.active()), current.createdAt(), now);
        if (current.active()) {
            activation.register(next, false);
        }
        repository.update(next);
        return next;
    }

    public void delete(String id) {
        StoredWorkflow current = get(id);
        repository.delete(id);
        if (current.active()) {
            activation.unregister(id);
        }
    }

    public StoredWorkflow activate(String id) {
        StoredWorkflow current = get(id);
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
