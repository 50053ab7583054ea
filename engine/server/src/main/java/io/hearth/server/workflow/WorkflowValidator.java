package io.hearth.server.workflow;

import io.hearth.node.NodeType;
import io.hearth.runtime.registry.NodeRegistry;
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
 * Checks a workflow against the node descriptions before it is saved, imported or run: known node
 * types, supported type versions, parameters valid per the same ui-schema rules the editor's forms
 * use, and credentials of types the node accepts. Every problem is reported with its path,
 * e.g. {@code nodes[2].parameters.entityId: required}.
 */
@Component
public class WorkflowValidator {

    private final NodeRegistry registry;
    private final ParameterValidator parameters = new ParameterValidator();

    public WorkflowValidator(NodeRegistry registry) {
        this.registry = registry;
    }

    public List<FieldProblem> problems(Workflow workflow) {
        List<FieldProblem> problems = new ArrayList<>();
        if (workflow.name().isBlank()) {
            problems.add(new FieldProblem("name", "required"));
        }
        for (int i = 0; i < workflow.nodes().size(); i++) {
            WorkflowNode node = workflow.nodes().get(i);
            String path = "nodes[" + i + "]";
            Optional<NodeType> type = registry.find(node.type());
            if (type.isEmpty()) {
                problems.add(new FieldProblem(path + ".type", "unknown node type '" + node.type() + "'"));
                continue;
            }
            var d = type.get().description();
            if (!d.versions().contains(node.typeVersion())) {
                problems.add(new FieldProblem(
                        path + ".typeVersion",
                        "must be one of "
                                + d.versions().stream()
                                        .map(v -> v == Math.rint(v) ? String.valueOf(v.longValue()) : String.valueOf(v))
                                        .toList()));
            }
            if (node.disabled()) {
                continue;
            }
            for (Violation v : parameters.validate(d, node.parameters(), node.typeVersion())) {
                problems.add(new FieldProblem(path + "." + v.path(), v.message()));
            }
            for (String credentialType : node.credentials().keySet()) {
                boolean signsRequests = registry.credentialType(credentialType)
                        .flatMap(io.hearth.node.credential.CredentialType::requestAuthentication)
                        .isPresent();
                if (d.credentials().stream()
                        .noneMatch(c ->
                                c.type().equals(credentialType) || (c.isAnyRequestAuthentication() && signsRequests))) {
                    problems.add(new FieldProblem(
                            path + ".credentials." + credentialType,
                            "node type " + d.name() + " does not use credentials of type '" + credentialType + "'"));
                }
            }
        }
        return problems;
    }
}
