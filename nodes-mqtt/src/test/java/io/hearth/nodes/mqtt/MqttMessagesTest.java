package io.hearth.nodes.mqtt;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MqttMessagesTest {

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void messageAndTopicAsTextByDefault() {
        assertThat(MqttMessages.item("test/topic", utf8("{\"testing\": true}"), false, false))
                .isEqualTo(Map.of("message", "{\"testing\": true}", "topic", "test/topic"));
    }

    @Test
    void jsonParseBodyParsesWhatIsJsonAndKeepsTheRestAsText() {
        assertThat(MqttMessages.item("t", utf8("{\"testing\": true}"), true, false))
                .isEqualTo(Map.of("message", Map.of("testing", true), "topic", "t"));
        assertThat(((Number) MqttMessages.item("t", utf8("21.5"), true, false).get("message")).doubleValue())
                .isEqualTo(21.5);
        assertThat(MqttMessages.item("t", utf8("ON"), true, false)).containsEntry("message", "ON");
    }

    @Test
    void onlyMessageGivesTheObjectItselfOrTheMessageAlone() {
        assertThat(MqttMessages.item("t", utf8("{\"action\": \"single\"}"), true, true))
                .isEqualTo(Map.of("action", "single"));
        assertThat(MqttMessages.item("t", utf8("ON"), false, true)).isEqualTo(Map.of("message", "ON"));
    }
}
