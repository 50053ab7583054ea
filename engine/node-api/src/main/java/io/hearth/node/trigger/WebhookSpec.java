package io.hearth.node.trigger;

import java.util.List;
import java.util.Map;
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
 */
public record WebhookSpec(
        Set<String> methods,
        String path,
        ResponseMode responseMode,
        int responseCode,
        ResponseData responseData,
        Map<String, List<String>> responseHeaders) {

    public WebhookSpec {
        methods = Set.copyOf(methods);
        responseHeaders = Map.copyOf(responseHeaders);
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
