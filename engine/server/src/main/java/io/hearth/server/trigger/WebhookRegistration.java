package io.hearth.server.trigger;

import io.hearth.node.trigger.WebhookNode;
import io.hearth.node.trigger.WebhookSpec;
import io.hearth.runtime.execution.PreparedWorkflow;
import java.util.Optional;

/** A webhook node of an active (or test-listening) workflow, reachable at {@code method path}. */
public record WebhookRegistration(
        String workflowId,
        Optional<String> versionId,
        String workflowName,
        PreparedWorkflow prepared,
        String nodeName,
        WebhookNode node,
        WebhookSpec spec) {}
