package io.hearth.nodes.mqtt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class TopicFilterTest {

    @Test
    void readsN8nsTopicsFieldWithAQosPerTopic() {
        assertThat(TopicFilter.parseTopics("topicA:1,topicB/#:2, zigbee2mqtt/+/action ,plain"))
                .containsExactly(
                        new TopicFilter("topicA", 1),
                        new TopicFilter("topicB/#", 2),
                        new TopicFilter("zigbee2mqtt/+/action", 0),
                        new TopicFilter("plain", 0));
    }

    @Test
    void aColonNotFollowedByAQosIsPartOfTheTopic() {
        assertThat(TopicFilter.parseTopics("urn:dev:1/state,a:b"))
                .containsExactly(new TopicFilter("urn:dev:1/state", 0), new TopicFilter("a:b", 0));
    }

    @Test
    void aTopicNamedTwiceKeepsTheHigherQos() {
        assertThat(TopicFilter.parseTopics("a/b:1,a/b:0")).containsExactly(new TopicFilter("a/b", 1));
    }

    @Test
    void refusesWhatABrokerWouldRefuseNamingTheField() {
        assertThatThrownBy(() -> TopicFilter.parseTopics("a/#/b"))
                .hasMessage("Topics → 'a/#/b': '#' must be a whole level and the last one (a/b/#)");
        assertThatThrownBy(() -> TopicFilter.parseTopics("a/b+"))
                .hasMessage("Topics → 'a/b+': '+' must be a whole level (a/+/c)");
        assertThatThrownBy(() -> TopicFilter.parseTopics("a:5"))
                .hasMessage("Topics → 'a:5': QoS 5 does not exist; write :0, :1 or :2 after the topic");
        assertThatThrownBy(() -> TopicFilter.parseTopics(" , ")).hasMessageStartingWith("Topics is required");
    }

    @Test
    void matchesWithMqttsWildcardRules() {
        TopicFilter plus = new TopicFilter("zigbee2mqtt/+/action", 0);
        assertThat(plus.matches("zigbee2mqtt/button/action")).isTrue();
        assertThat(plus.matches("zigbee2mqtt/button/state")).isFalse();
        assertThat(plus.matches("zigbee2mqtt/a/b/action")).isFalse();
        TopicFilter hash = new TopicFilter("tasmota/#", 0);
        assertThat(hash.matches("tasmota")).isTrue();
        assertThat(hash.matches("tasmota/plug/POWER")).isTrue();
        assertThat(hash.matches("tasmotas")).isFalse();
        assertThat(new TopicFilter("#", 0).matches("$SYS/broker/uptime")).isFalse();
        assertThat(new TopicFilter("$SYS/#", 0).matches("$SYS/broker/uptime")).isTrue();
        assertThat(new TopicFilter("a/b", 0).matches("a/b")).isTrue();
        assertThat(new TopicFilter("a/b", 0).matches("a/b/")).isFalse();
    }

    @Test
    void describesFiltersForStatusMessages() {
        assertThat(TopicFilter.describe(List.of(new TopicFilter("a/#", 0), new TopicFilter("b", 1))))
                .isEqualTo("a/#, b (QoS 1)");
    }
}
