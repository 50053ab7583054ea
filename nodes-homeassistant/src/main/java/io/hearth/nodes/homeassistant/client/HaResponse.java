package io.hearth.nodes.homeassistant.client;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * A successful (2xx) answer of Home Assistant.
 *
 * @param status      the HTTP status
 * @param contentType the Content-Type header, empty when absent
 * @param body        the raw body
 */
// a carrier of bytes, not a value: never compared or hashed, and copying would cost a copy per use
@SuppressWarnings("ArrayRecordComponent")
public record HaResponse(int status, String contentType, byte[] body) {

    public HaResponse {
        contentType = contentType == null ? "" : contentType;
        body = body == null ? new byte[0] : body;
    }

    public String text() {
        return new String(body, StandardCharsets.UTF_8);
    }

    /** The body parsed as JSON, or its text when it is not JSON (some endpoints answer plain text). */
    public Object json() {
        String text = text();
        if (text.isBlank()) {
            return null;
        }
        return Json.tryParse(text).orElse(text);
    }

    /** The mime type without parameters, e.g. {@code image/jpeg}. */
    public Optional<String> mimeType() {
        String t = contentType.split(";", 2)[0].strip();
        return t.isEmpty() ? Optional.empty() : Optional.of(t);
    }

    @Override
    public String toString() {
        return "HaResponse[" + status + ", " + contentType + ", " + body.length + " bytes]";
    }
}
