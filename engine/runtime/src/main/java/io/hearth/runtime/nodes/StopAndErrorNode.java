package io.hearth.runtime.nodes;

import io.hearth.expression.ExpressionValues;
import io.hearth.node.ActionNode;
import io.hearth.node.NodeException;
import io.hearth.node.NodeExecutionContext;
import io.hearth.node.NodeOutput;
import io.hearth.node.ParameterValues;
import io.hearth.node.description.NodeDescription;
import io.hearth.node.description.NodeGroup;
import io.hearth.node.description.Option;
import io.hearth.node.description.Parameter;
import java.util.Map;
import java.util.concurrent.CompletionStage;

/**
 * n8n's Stop and Error: fails the execution with the user's message (or error object), so the
 * workflow's error workflow runs as for any other failure. It has no outputs.
 */
public final class StopAndErrorNode implements ActionNode {

    private static final NodeDescription DESCRIPTION = NodeDescription.builder("hearth.stopAndError")
            .alias("n8n-nodes-base.stopAndError")
            .displayName("Stop and Error")
            .versions(1)
            .group(NodeGroup.TRANSFORM)
            .categories("Flow", "Core Nodes")
            .keywords("Throw error", "Error", "Exception")
            .icon("fa:exclamation-triangle")
            .description("Throw an error in the workflow")
            .outputs()
            .parameter(Parameter.options(
                            "errorType",
                            Option.of("Error Message", "errorMessage"),
                            Option.of("Error Object", "errorObject"))
                    .displayName("Error Type")
                    .defaultValue("errorMessage")
                    .description("Type of error to throw"))
            .parameter(Parameter.string("errorMessage")
                    .displayName("Error Message")
                    .placeholder("An error occurred!")
                    .required()
                    .show("errorType", "errorMessage"))
            .parameter(Parameter.json("errorObject")
                    .displayName("Error Object")
                    .description("Object containing error properties")
                    .placeholder("{\n\t\"code\": \"404\",\n\t\"description\": \"The resource could not be fetched\"\n}")
                    .required()
                    .show("errorType", "errorObject"))
            .build();

    @Override
    public NodeDescription description() {
        return DESCRIPTION;
    }

    @Override
    public CompletionStage<NodeOutput> execute(NodeExecutionContext context) {
        ParameterValues p = context.parameters();
        if (!"errorObject".equals(p.string("errorType"))) {
            throw new NodeException(p.string("errorMessage"));
        }
        Map<String, Object> error = p.map("errorObject");
        String message = firstText(error, "message", "description", "error");
        throw new NodeException(
                message.isEmpty() ? "Error: " + ExpressionValues.stringify(error) : message,
                firstText(error, "description").isEmpty() ? null : firstText(error, "description"),
                null);
    }

    private static String firstText(Map<String, Object> error, String... keys) {
        for (String key : keys) {
            if (error.get(key) instanceof String s && !s.isEmpty()) {
                return s;
            }
        }
        return "";
    }
}
