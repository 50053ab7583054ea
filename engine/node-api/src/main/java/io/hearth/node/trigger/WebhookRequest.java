package io.hearth.node.trigger;

import io.hearth.node.BinaryData;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * An HTTP request to a webhook. Header names are lower case.
 *
 * @param method        upper-case HTTP method
 * @param path          the path after {@code /webhook/} (or {@code /webhook-test/})
 * @param headers       request headers, names lower case
 * @param query         query parameters
 * @param pathParams    values captured by {@code :name} segments of the webhook path
 * @param body          the parsed body
 * @param remoteAddress the client address, when known
 */
public record WebhookRequest(
        String method,
        String path,
        Map<String, List<String>> headers,
        Map<String, List<String>> query,
        Map<String, String> pathParams,
        Body body,
        Optional<String> remoteAddress) {

    public Optional<String> header(String name) {
        List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.getFirst());
    }

    /** The parsed request body. */
    public sealed interface Body {}

    public record NoBody() implements Body {}

    /** {@code application/json} (or any {@code +json}); {@code value} is JSON-like. */
    public record JsonBody(Object value) implements Body {}

    /** {@code application/x-www-form-urlencoded}. */
    public record FormBody(Map<String, List<String>> fields) implements Body {}

    /** {@code multipart/form-data}: text fields plus uploaded files by field name. */
    public record MultipartBody(Map<String, List<String>> fields, Map<String, BinaryData> files) implements Body {}

    /** Anything else, kept as bytes (text bodies too). */
    // a carrier of bytes, not a value: never compared or hashed, and copying would cost a copy per use
    @SuppressWarnings("ArrayRecordComponent")
    public record RawBody(byte[] data, String contentType) implements Body {}
}
