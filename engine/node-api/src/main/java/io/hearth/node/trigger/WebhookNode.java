package io.hearth.node.trigger;

import io.hearth.node.NodeType;
import io.hearth.node.ParameterValues;
import java.util.concurrent.CompletionStage;

/**
 * A node that starts an execution for each HTTP request to its path. The server routes
 * {@code /webhook/<path>} (active workflows) and {@code /webhook-test/<path>} (the editor's test
 * listener) to it.
 */
public interface WebhookNode extends NodeType {

    /** Method(s), path and response behaviour, read from the node's parameters. */
    WebhookSpec spec(ParameterValues parameters);

    /**
     * Checks the request (authentication, allowed origin...) and turns it into the items the node
     * outputs, or rejects it with a status and message.
     */
    CompletionStage<WebhookReceipt> receive(WebhookContext context);
}
