package io.hearth.node.trigger;

import io.hearth.node.Item;
import io.hearth.node.NodeInfo;
import io.hearth.node.NodeLogger;
import io.hearth.node.ParameterValues;
import io.hearth.node.WorkflowInfo;
import io.hearth.node.credential.CredentialData;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/** What an active trigger may use for as long as it is active. */
public interface TriggerContext {

    NodeInfo node();

    WorkflowInfo workflow();

    /** The trigger's parameters (expressions resolved without item data). */
    ParameterValues parameters();

    Optional<CredentialData> credential(String credentialType);

    NodeLogger log();

    /** Starts one execution whose first node outputs {@code items}; completes once the execution is accepted. */
    CompletionStage<Void> emit(List<Item> items);

    /**
     * Like {@link #emit}, but completes when the execution has ended (whatever its outcome): for triggers that
     * start one execution after the other, in the order of their events (MQTT Trigger's "Parallel Processing"
     * off). Where executions run on other instances (queue mode) it completes once the execution is queued.
     * Default: {@link #emit}.
     */
    default CompletionStage<Void> emitAndAwaitEnd(List<Item> items) {
        return emit(items);
    }

    /** Tells the server (and the editor) how the trigger is doing: connected, reconnecting, auth failed. */
    void reportStatus(TriggerStatus status);
}
