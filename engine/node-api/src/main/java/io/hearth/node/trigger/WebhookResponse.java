package io.hearth.node.trigger;

import io.hearth.node.BinaryData;
import java.util.List;
import java.util.Map;

/** An HTTP answer shaped by a node (Respond to Webhook). */
public record WebhookResponse(int status, Map<String, List<String>> headers, Body body) {

    public WebhookResponse {
        headers = Map.copyOf(headers);
    }

    public sealed interface Body {}

    public record NoBody() implements Body {}

    /** Serialized as JSON. */
    public record JsonBody(Object value) implements Body {}

    public record TextBody(String text, String contentType) implements Body {}

    public record BinaryBody(BinaryData data) implements Body {}
}
