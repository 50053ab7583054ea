package io.hearth.node.trigger;

/** Sends the HTTP answer of a webhook execution. Only the first response counts. */
public interface WebhookResponder {

    /** Returns false if a response was already sent. */
    boolean respond(WebhookResponse response);

    boolean hasResponded();
}
