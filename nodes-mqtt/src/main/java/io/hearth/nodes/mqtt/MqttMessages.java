package io.hearth.nodes.mqtt;

import io.hearth.node.support.MiniJson;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** The item an MQTT Trigger outputs for one message, with n8n's options "JSON Parse Body" and "Only Message". */
final class MqttMessages {

    private MqttMessages() {}

    /**
     * {@code {message, topic}}, the message as text (UTF-8) or, with {@code jsonParse}, parsed when it is JSON. With
     * {@code onlyMessage} the item is the message itself when it is a JSON object, else {@code {message}} (n8n
     * outputs a one-element array there; Hearth's items are objects).
     */
    static Map<String, Object> item(String topic, byte[] payload, boolean jsonParse, boolean onlyMessage) {
        String text = new String(payload, StandardCharsets.UTF_8);
        Object message = text;
        if (jsonParse) {
            try {
                message = MiniJson.parse(text);
            } catch (RuntimeException notJson) {
                message = text;
            }
        }
        Map<String, Object> json = new LinkedHashMap<>();
        if (onlyMessage) {
            if (message instanceof Map<?, ?> object) {
                object.forEach((k, v) -> json.put(String.valueOf(k), v));
            } else {
                json.put("message", message);
            }
            return json;
        }
        json.put("message", message);
        json.put("topic", topic);
        return json;
    }
}
