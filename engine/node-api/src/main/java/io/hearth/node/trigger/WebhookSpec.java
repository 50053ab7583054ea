package io.hearth.node.trigger;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * How a webhook is reached and answered.
 *
 * @param methods         HTTP methods accepted (upper case)
 * @param path            path below {@code /webhook/}; segments like {@code :id} capture path parameters
 * @param responseMode    when and how the HTTP response is produced
 * @param responseCode    status for {@link ResponseMode#ON_RECEIVED} and {@link ResponseMode#LAST_NODE}
 * @param responseData    what {@link ResponseMode#LAST_NODE} sends back
 * @param responseHeaders extra headers for those two modes
 * @param receivedBody    what {@link ResponseMode#ON_RECEIVED} answers with (n8n: {@code {"message": "Workflow
 *                        was started"}}, the "Response Data" option's text, or nothing with "No Response Body")
 * @param responsePropertyName for {@link ResponseData#FIRST_ENTRY_JSON}: answer with this property (a dotted
 *                        path) of the first item instead of the whole item
 * @param responseBinaryPropertyName for {@link ResponseData#FIRST_ENTRY_BINARY}: the first item's binary field
 */
public record WebhookSpec(
        Set<String> methods,
        String path,
        ResponseMode responseMode,
        int responseCode,
        ResponseData responseData,
        Map<String, List<String>> responseHeaders,
        WebhookResponse.Body receivedBody,
        Optional<String> responsePropertyName,
        String responseBinaryPropertyName) {

    /** n8n's answer to a webhook that responds immediately without a "Response Data" option. */
    public static final WebhookResponse.Body WORKFLOW_WAS_STARTED =
            new WebhookResponse.JsonBody(Map.of("message", "Workflow was started"));

    public WebhookSpec {
        methods = Set.copyOf(methods);
        responseHeaders = Map.copyOf(responseHeaders);
        receivedBody = receivedBody == null ? WORKFLOW_WAS_STARTED : receivedBody;
        responsePropertyName = responsePropertyName == null ? Optional.empty() : responsePropertyName;
        responseBinaryPropertyName = responseBinaryPropertyName == null || responseBinaryPropertyName.isBlank()
                ? "data"
                : responseBinaryPropertyName;
    }

    public WebhookSpec(
            Set<String> methods,
            String path,
            ResponseMode responseMode,
            int responseCode,
            ResponseData responseData,
            Map<String, List<String>> responseHeaders) {
        this(
                methods,
                path,
                responseMode,
                responseCode,
                responseData,
                responseHeaders,
                WORKFLOW_WAS_STARTED,
                Optional.empty(),
                "data");
    }

    public enum ResponseMode {
        /** Answer at once; the execution runs afterwards. */
        ON_RECEIVED("onReceived"),
        /** Answer with the last node's output when the execution finishes. */
        LAST_NODE("lastNode"),
        /** A Respond to Webhook node shapes the answer. */
        RESPOND_NODE("responseNode");

        private final String wireName;

        ResponseMode(String wireName) {
            this.wireName = wireName;
        }

        public String wireName() {
            return wireName;
        }

        public static ResponseMode fromWireName(String name) {
            for (ResponseMode m : values()) {
                if (m.wireName.equals(name)) {
                    return m;
                }
            }
            throw new IllegalArgumentException("unknown response mode '" + name + "'");
        }
    }

    public enum ResponseData {
        FIRST_ENTRY_JSON("firstEntryJson"),
        ALL_ENTRIES("allEntries"),
        FIRST_ENTRY_BINARY("firstEntryBinary"),
        NO_DATA("noData");

        private final String wireName;

        ResponseData(String wireName) {
            this.wireName = wireName;
        }

        public String wireName() {
            return wireName;
        }

        public static ResponseData fromWireName(String name) {
            for (ResponseData d : values()) {
                if (d.wireName.equals(name)) {
                    return d;
                }
            }
            throw new IllegalArgumentException("unknown response data '" + name + "'");
        }
    }
}
