package io.hearth.server.workflow;

import io.hearth.node.NodeType;
import io.hearth.runtime.registry.NodeRegistry;
import io.hearth.runtime.registry.ParameterMigrations;
import io.hearth.runtime.workflow.FieldProblem;
import io.hearth.runtime.workflow.Workflow;
import io.hearth.runtime.workflow.WorkflowNode;
import io.hearth.uischema.ParameterValidator;
import io.hearth.uischema.Violation;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Checks a workflow against the node descriptions: known node types, supported type versions,
 * parameters valid per the same ui-schema rules the editor's forms use, and credentials of types
 * the node accepts. Every problem has its path ({@code nodes[2].parameters.entityId}) and a text as
 * the user sees it in the editor ({@code Home Assistant → Entity is required}).
 * <p>
 * A workflow with such issues is saved (unfinished work is never lost) but neither runs nor
 * activates: the node issues are what the editor shows on the canvas.
 */
@Component
public class WorkflowValidator {

    /** The stored name's column size. */
    static final int MAX_NAME = 255;

    private static final String ARROW = "\u2192";

    private final NodeRegistry registry;
    private final ParameterValidator parameters;

    private final io.hearth.credentials.CredentialService credentials;

    public WorkflowValidator(
            NodeRegistry registry,
            io.hearth.credentials.CredentialService credentials,
            io.hearth.expression.ExpressionEngine expressions) {
        this.parameters = new ParameterValidator(text -> {
            try {
                expressions.compile(text);
                return Optional.empty();
            } catch (io.hearth.expression.ExpressionException e) {
                return Optional.of(e.getMessage());
            }
        });
        this.registry = registry;
        this.credentials = credentials;
    }

    public List<FieldProblem> problems(Workflow workflow) {
        List<FieldProblem> problems = new ArrayList<>();
        java.util.Set<String> existing =
                workflow.nodes().stream().anyMatch(n -> !n.credentials().isEmpty())
                        ? credentials.list().stream()
                                .map(io.hearth.credentials.CredentialSummary::id)
                                .collect(java.util.stream.Collectors.toSet())
                        : java.util.Set.of();
        if (workflow.name().isBlank()) {
            problems.add(new FieldProblem("name", "required", "The workflow name is required"));
        } else if (workflow.name().length() > MAX_NAME) {
            problems.add(new FieldProblem(
                    "name",
                    "must be at most " + MAX_NAME + " characters",
                    "The workflow name must be at most " + MAX_NAME + " characters"));
        }
        for (int i = 0; i < workflow.nodes().size(); i++) {
            WorkflowNode node = workflow.nodes().get(i);
            String path = "nodes[" + i + "]";
            Optional<NodeType> type = registry.find(node.type());
            if (type.isEmpty()) {
                String message = "unknown node type '" + node.type() + "'";
                problems.add(new FieldProblem(
                        path + ".type",
                        message,
                        node.name() + ": the node type '" + node.type() + "' is not installed on this server"));
                continue;
            }
            var d = type.get().description();
            if (!d.versions().contains(node.typeVersion())) {
                String message = "must be one of "
                        + d.versions().stream()
                                .map(v -> v == Math.rint(v) ? String.valueOf(v.longValue()) : String.valueOf(v))
                                .toList();
                problems.add(new FieldProblem(
                        path + ".typeVersion", message, node.name() + " " + ARROW + " Type version " + message));
            }
            if (node.disabled()) {
                continue;
            }
            var current = ParameterMigrations.toCurrent(type.get(), node.typeVersion(), node.parameters());
            double form = ParameterMigrations.formVersion(type.get(), node.typeVersion());
            for (Violation v : parameters.validate(d, current, form)) {
                problems.add(new FieldProblem(
                        path + "." + v.path(), v.detail(), node.name() + " " + ARROW + " " + v.sentence()));
            }
            node.credentials().forEach((credentialType, ref) -> {
                if (!ref.hasId() || !existing.contains(ref.id())) {
                    if (io.hearth.server.credential.StoredCredentialProvider.resolve(credentials, ref, credentialType)
                            .isPresent()) {
                        return; // found by name, as n8n resolves imported references
                    }
                }
                if (!ref.hasId()) {
                    problems.add(new FieldProblem(
                            path + ".credentials." + credentialType,
                            "credential not found",
                            node.name() + " " + ARROW + " Credential to connect with: “" + ref.name()
                                    + "” not found; create it or select another"));
                    return;
                }
                if (!existing.contains(ref.id())) {
                    String shown = ref.name() == null || ref.name().isBlank()
                            ? "the selected credential"
                            : "“" + ref.name() + "”";
                    problems.add(new FieldProblem(
                            path + ".credentials." + credentialType,
                            "credential does not exist (deleted?)",
                            node.name() + " " + ARROW + " Credential to connect with: " + shown
                                    + " no longer exists; select another"));
                }
            });
            for (String credentialType : node.credentials().keySet()) {
                boolean signsRequests = registry.credentialType(credentialType)
                        .flatMap(io.hearth.node.credential.CredentialType::requestAuthentication)
                        .isPresent();
                if (d.credentials().stream()
                        .noneMatch(c ->
                                c.type().equals(credentialType) || (c.isAnyRequestAuthentication() && signsRequests))) {
                    String message =
                            "node type " + d.name() + " does not use credentials of type '" + credentialType + "'";
                    problems.add(new FieldProblem(
                            path + ".credentials." + credentialType,
                            message,
                            node.name() + " " + ARROW + " Credential: " + d.displayName()
                                    + " does not use credentials of type '" + credentialType + "'"));
                }
            }
        }
        return problems;
    }
}
