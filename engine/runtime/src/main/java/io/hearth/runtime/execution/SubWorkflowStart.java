package io.hearth.runtime.execution;

import io.hearth.node.ExecutionMode;
import io.hearth.node.Item;
import io.hearth.node.NodeException;
import io.hearth.runtime.execution.PreparedWorkflow.PreparedNode;
import io.hearth.runtime.nodes.ExecuteWorkflowTriggerNode;
import java.util.List;
import java.util.Optional;

/**
 * How a sub-workflow starts, wherever it is run: at its "When Executed by Another Workflow"
 * trigger, with the caller's items shaped by that trigger's input schema, in integrated mode.
 */
public final class SubWorkflowStart {

    private SubWorkflowStart() {}

    /** The child's trigger node: the first enabled Execute Workflow Trigger. */
    public static PreparedNode trigger(PreparedWorkflow workflow) {
        for (PreparedNode n : workflow.nodes()) {
            if (!n.node().disabled() && n.type() instanceof ExecuteWorkflowTriggerNode) {
                return n;
            }
        }
        throw new NodeException(
                "The workflow '" + workflow.workflow().name()
                        + "' has no 'When Executed by Another Workflow' trigger, so another workflow cannot run it",
                "Add an Execute Workflow Trigger node to it",
                null);
    }

    /**
     * The child's run: starting at its trigger with the items its schema lets through.
     *
     * @param credentials where the child's nodes get their credentials (none for a workflow given as JSON)
     */
    public static ExecutionRequest request(
            PreparedWorkflow workflow,
            String executionId,
            List<Item> items,
            CredentialProvider credentials,
            ExecutionServices services) {
        PreparedNode trigger = trigger(workflow);
        return ExecutionRequest.builder(workflow, executionId, ExecutionMode.INTEGRATED)
                .startNode(Optional.of(trigger.name()))
                .startItems(startItems(trigger, items))
                .credentials(credentials)
                .services(services)
                .build();
    }

    /** The items the child's trigger starts with: the caller's, through the trigger's input schema. */
    public static List<Item> startItems(PreparedNode trigger, List<Item> items) {
        return ExecuteWorkflowTriggerNode.inputItems(
                trigger.resolver().constantValues(), trigger.node().typeVersion(), items);
    }

    /** What the parent gets back: every output of the child's last node. */
    public static List<List<Item>> outputs(ExecutionResult result) {
        if (result.status() != ExecutionStatus.SUCCESS) {
            throw new NodeException(
                    result.error()
                            .map(e -> e.message())
                            .orElse("The sub-workflow ended " + result.status().wireName()),
                    "The sub-workflow's execution " + result.executionId() + " has the details",
                    null);
        }
        return result.lastNodeExecuted()
                .flatMap(node -> Optional.ofNullable(result.runData().get(node)))
                .filter(runs -> !runs.isEmpty())
                .map(runs -> runs.getLast().output())
                .orElse(List.of());
    }
}
