package io.hearth.nodes.mqtt;

import io.hearth.node.NodeException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One subscription of the MQTT Trigger: a topic filter with MQTT's wildcards ({@code +} one level, {@code #}
 * the rest) and the QoS to subscribe with.
 *
 * @param filter the topic filter, e.g. {@code zigbee2mqtt/+/action}
 * @param qos    0, 1 or 2
 */
record TopicFilter(String filter, int qos) {

    /**
     * n8n's Topics field: filters separated by commas, each optionally followed by {@code :qos}
     * ({@code topicA:1,topicB/#:2}); QoS 0 when not given. Spaces around entries are ignored. A filter named twice
     * keeps the higher QoS. Problems name the field: "Topics → 'a/#/b': ...".
     */
    static List<TopicFilter> parseTopics(String topics) {
        Map<String, Integer> out = new LinkedHashMap<>();
        for (String entry : topics.split(",", -1)) {
            String e = entry.strip();
            if (e.isEmpty()) {
                continue;
            }
            String filter = e;
            int qos = 0;
            int colon = e.lastIndexOf(':');
            if (colon >= 0 && e.substring(colon + 1).strip().matches("\\d+")) {
                filter = e.substring(0, colon).strip();
                qos = Integer.parseInt(e.substring(colon + 1).strip());
                if (qos > 2) {
                    throw new NodeException(
                            "Topics → '" + e + "': QoS " + qos + " does not exist; write :0, :1 or :2 after the topic");
                }
            }
            validate(filter, e);
            out.merge(filter, qos, Math::max);
        }
        if (out.isEmpty()) {
            throw new NodeException(
                    "Topics is required: the topics to subscribe to, separated by commas (e.g. zigbee2mqtt/+/action:1)");
        }
        List<TopicFilter> filters = new ArrayList<>();
        out.forEach((f, q) -> filters.add(new TopicFilter(f, q)));
        return List.copyOf(filters);
    }

    private static void validate(String filter, String entry) {
        String where = "Topics → '" + entry + "': ";
        if (filter.isEmpty()) {
            throw new NodeException(where + "the topic is empty");
        }
        if (filter.indexOf('\u0000') >= 0) {
            throw new NodeException(where + "a topic cannot contain the NUL character");
        }
        String[] levels = filter.split("/", -1);
        for (int i = 0; i < levels.length; i++) {
            String level = levels[i];
            if (level.contains("#") && (!level.equals("#") || i != levels.length - 1)) {
                throw new NodeException(where + "'#' must be a whole level and the last one (a/b/#)");
            }
            if (level.contains("+") && !level.equals("+")) {
                throw new NodeException(where + "'+' must be a whole level (a/+/c)");
            }
        }
    }

    /** Whether a message published on {@code topic} matches this filter (MQTT 3.1.1 section 4.7). */
    boolean matches(String topic) {
        // Wildcards at the first level do not match topics starting with '$' (broker topics such as $SYS).
        if (topic.startsWith("$") && (filter.startsWith("+") || filter.startsWith("#"))) {
            return false;
        }
        String[] f = filter.split("/", -1);
        String[] t = topic.split("/", -1);
        for (int i = 0; i < f.length; i++) {
            if (f[i].equals("#")) {
                return true;
            }
            if (i >= t.length) {
                return false;
            }
            if (!f[i].equals("+") && !f[i].equals(t[i])) {
                return false;
            }
        }
        return f.length == t.length;
    }

    /** "a/#, b (QoS 1)" for status messages. */
    static String describe(List<TopicFilter> filters) {
        List<String> parts = new ArrayList<>();
        for (TopicFilter f : filters) {
            parts.add(f.filter() + (f.qos() > 0 ? " (QoS " + f.qos() + ")" : ""));
        }
        return String.join(", ", parts);
    }
}
