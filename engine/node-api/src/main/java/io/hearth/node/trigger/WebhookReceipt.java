package io.hearth.node.trigger;

import io.hearth.node.Item;
import java.util.List;
import java.util.Map;

/** A webhook node's verdict on a request. */
public sealed interface WebhookReceipt {

    /** Start an execution whose webhook node outputs {@code items}. */
    record Accepted(List<Item> items) implements WebhookReceipt {}

    /** Refuse the request (e.g. 401 with {@code WWW-Authenticate}); no execution starts. */
    record Rejected(int status, String message, Map<String, String> headers) implements WebhookReceipt {}
}
