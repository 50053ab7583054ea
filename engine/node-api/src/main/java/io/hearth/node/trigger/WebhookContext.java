package io.hearth.node.trigger;

import io.hearth.node.NodeInfo;
import io.hearth.node.NodeLogger;
import io.hearth.node.ParameterValues;
import io.hearth.node.WorkflowInfo;
import io.hearth.node.credential.CredentialData;
import java.util.Optional;

/** What a {@link WebhookNode} gets for one request. */
public interface WebhookContext {

    WebhookRequest request();

    NodeInfo node();

    WorkflowInfo workflow();

    ParameterValues parameters();

    Optional<CredentialData> credential(String credentialType);

    NodeLogger log();
}
